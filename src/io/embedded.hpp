#pragma once
#include <span>
#include <string_view>

namespace samatthana::detail {
struct EmbeddedFile {
  std::string_view name;  // path under data/
  std::string_view bytes;
};
std::span<const EmbeddedFile* const> embedded_files();
}  // namespace samatthana::detail
