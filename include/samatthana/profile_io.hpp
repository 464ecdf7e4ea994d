#pragma once
// Profiles as files (the I/O layer): a profile parsed from JSON, read from a file, or named by a
// built-in id or a path. The profile itself, the built-in profiles and the rules are scoring.hpp's.
#include <filesystem>
#include <memory>
#include <string_view>

#include "samatthana/export.hpp"
#include "samatthana/scoring.hpp"

namespace samatthana {

/// Parses a profile file (JSON; see docs/scoring.md). Errors carry the JSON path.
[[nodiscard]] SAMATTHANA_API Profile parse_profile(std::string_view json,
                                                   std::string_view source_name = "<string>");
/// Reads a profile file.
[[nodiscard]] SAMATTHANA_API Profile load_profile(const std::filesystem::path& file);
/// A built-in profile by id, or a profile file by path.
[[nodiscard]] SAMATTHANA_API std::shared_ptr<const Profile> profile(std::string_view id_or_path);

}  // namespace samatthana
