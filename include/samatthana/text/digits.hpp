#pragma once

namespace samatthana::text {

/// Which digits to print: Thai (๐–๙, U+0E50–U+0E59) or Arabic (0–9).
enum class Digits { thai, arabic };

}  // namespace samatthana::text
