#pragma once
// Reading and writing frameworks (JSON). Boost.JSON stays in src/.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "samatthana/export.hpp"
#include "samatthana/model.hpp"

namespace samatthana {

/// Parses a framework from JSON text. `source_name` appears in error locations.
/// Throws ParseError (with line and column) for malformed JSON, ValidationError (with the JSON
/// path) for unknown fields, wrong types and broken rules, EncodingError for invalid UTF-8.
[[nodiscard]] SAMATTHANA_API Framework parse_framework(std::string_view json,
                                                       std::string_view source_name = "<string>");
/// Reads and parses a framework file.
[[nodiscard]] SAMATTHANA_API Framework load_framework(const std::filesystem::path& file);
/// The canonical JSON of a framework (see docs/framework-format.md). Loading a canonical file
/// and calling this gives back the same bytes.
[[nodiscard]] SAMATTHANA_API std::string to_json(const Framework& fw);
/// Writes to_json(fw) to `file` as write_file_atomic does, so an
/// existing file is never left half-written.
SAMATTHANA_API void save_framework(const Framework& fw, const std::filesystem::path& file);

/// Reads a whole file as bytes; throws IoError naming the file.
[[nodiscard]] SAMATTHANA_API std::string read_file(const std::filesystem::path& file);
/// Writes bytes safely: a regular file is replaced atomically (a unique temporary file in the same
/// folder, renamed over it) keeping its mode and, where permitted, its owner; a new file gets 0666
/// less the umask; a symlink's target is written and the link kept; a device, FIFO or socket is
/// written in place, never replaced. The temporary file is removed on every failure. Throws
/// IoError naming the file and the system's reason.
SAMATTHANA_API void write_file_atomic(const std::filesystem::path& file, std::string_view bytes);

// ---- built-in frameworks (compiled into the library; no data path needed) ----------------

/// The BMA core competencies (สมรรถนะหลักของข้าราชการกรุงเทพมหานครสามัญ, 2550 BE).
[[nodiscard]] SAMATTHANA_API const Framework& bma_core();
/// Ids of the frameworks compiled into the library, e.g. "bma-core-2550".
[[nodiscard]] SAMATTHANA_API std::vector<std::string> builtin_framework_ids();
/// A built-in framework by id (or short name "bma", "ocsc", "ocsc-2548"); throws LookupError.
[[nodiscard]] SAMATTHANA_API std::shared_ptr<const Framework> builtin_framework(
    std::string_view id);
/// A built-in framework by id, or else a framework file by path.
[[nodiscard]] SAMATTHANA_API std::shared_ptr<const Framework> framework(
    std::string_view id_or_path);
/// The bytes of a data file compiled into the library ("frameworks/bma-core-2550.json");
/// throws LookupError when there is none.
[[nodiscard]] SAMATTHANA_API std::string_view embedded_data(std::string_view name);

}  // namespace samatthana
