#pragma once
// Reading and writing frameworks (JSON). Boost.JSON stays in src/.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "samatthana/error.hpp"
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

// ---- table files: encodings and spreadsheets (docs/formats.md) ----------------------------

/// The text encoding of a CSV file.
enum class Encoding {
  automatic,  ///< a byte-order mark says UTF-8 or UTF-16; else valid UTF-8; else an EncodingError
  utf8,       ///< UTF-8, with or without a byte-order mark
  utf16,      ///< UTF-16 (Excel "Unicode text"): the byte-order mark says LE or BE; none: LE
  cp874,      ///< Thai Windows (Windows-874, a superset of TIS-620), as Thai Excel saves CSV
};
/// "auto", "utf-8", "utf-16", "cp874" (also "utf8", "utf16", "windows-874", "tis-620",
/// "tis620"), any case; nullopt for anything else.
[[nodiscard]] SAMATTHANA_API std::optional<Encoding> encoding_from_string(std::string_view s);
/// "auto", "utf-8", "utf-16", "cp874".
[[nodiscard]] SAMATTHANA_API std::string_view to_string(Encoding e);

/// How ratings, evidence and results files are read.
struct ReadOptions {
  Encoding encoding = Encoding::automatic;  ///< of CSV files (an .xlsx file is always read as is)
  std::string sheet;                        ///< .xlsx: the sheet to read; "" = the first
  /// Called for each table file not read as UTF-8, with how it was read ("cp874 (Windows-874)",
  /// "UTF-16 LE (byte-order mark)", "sheet 'ผลประเมิน' of an .xlsx workbook"): the CLI says it.
  std::function<void(std::string_view file, std::string_view how)> on_decoded;
  /// Collect-all-errors mode (an import screen shows every bad row): with a value N, the readers
  /// of ratings, evidence, results and KPI tables go on with the next row after a row's error
  /// and at the end throw one ImportErrors (error.hpp) listing every error in file order, at
  /// most N of them ("and K more"). An error that leaves the rest unreadable (a bad header,
  /// bytes that are not text, an unclosed quote) ends the list at once. Empty (the default):
  /// the first error is thrown as it is.
  std::optional<std::size_t> all_errors;
  /// With all_errors: the readers of ratings, evidence and results tables (read_ratings_csv,
  /// read_evidence_csv, read_results_csv and their load_ forms) hand each row's error to this,
  /// with the row's person_id ("" when it cannot be read), and return the rows that read instead
  /// of throwing; so errors of reading and of scoring can be listed as one (the CLI's
  /// --all-errors). An error that leaves the rest unreadable still ends the read as ImportErrors
  /// (that one error). Other readers (KPI files) collect as all_errors says.
  std::function<void(const Error& error, std::string_view person_id)> on_row_error;
};

/// A ratings, evidence or results file as the CSV readers (read_ratings_csv, ...) take it: UTF-8
/// CSV text. A CSV file is decoded from its encoding through ICU (bytes the encoding does not
/// define: an EncodingError with line, column in characters and byte offset, never a
/// replacement character); a tab-separated UTF-16 or cp874 file (Excel "Unicode text" / "Text")
/// becomes comma-separated with the same lines; an .xlsx workbook (recognised by its content)
/// becomes its sheet, row N on line N, column C as field 3. Errors of the CSV readers on that
/// text then name the sheet and the cell ("Sheet1!C7"). Throws IoError, EncodingError,
/// ParseError (a damaged workbook), LookupError (no such sheet), ValidationError (a date, an
/// error value or a formula without a saved value in a cell).
[[nodiscard]] SAMATTHANA_API std::string read_table_file(const std::filesystem::path& file,
                                                         const ReadOptions& options);
/// read_table_file with current_read_options().
[[nodiscard]] SAMATTHANA_API std::string read_table_file(const std::filesystem::path& file);

/// The options the file readers of ratings, evidence and results (load_ratings_csv,
/// load_ratings_columns, load_evidence_csv, read_table_file) use on the calling thread.
[[nodiscard]] SAMATTHANA_API const ReadOptions& current_read_options() noexcept;
/// Sets current_read_options() for the calling thread while it lives, then restores them.
class SAMATTHANA_API ScopedReadOptions {
 public:
  explicit ScopedReadOptions(ReadOptions options);
  ~ScopedReadOptions();
  ScopedReadOptions(const ScopedReadOptions&) = delete;
  ScopedReadOptions& operator=(const ScopedReadOptions&) = delete;

 private:
  ReadOptions previous_;
};

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
