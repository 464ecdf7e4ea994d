#pragma once
// A small RFC 4180 CSV reader and writer. UTF-8 only (validated up front: an EncodingError names
// the line and byte offset; other encodings and workbooks are converted before, formats.hpp); a
// BOM is skipped; CRLF or LF; quoted fields may hold commas, quotes
// ("") and newlines. Errors carry the physical line where the record starts.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/file.hpp"
#include "io/formats.hpp"
#include "samatthana/error.hpp"
#include "text/cell_numbers.hpp"  // the number cells (read_level, read_decimal)

namespace samatthana::detail {

class CsvReader {
 public:
  /// `file` names the input in errors. Throws EncodingError for invalid UTF-8.
  CsvReader(std::string_view data, std::string file);
  /// Reads the next record into fields(); false at the end. Blank lines are skipped.
  bool next();
  [[nodiscard]] const std::vector<std::string>& fields() const noexcept { return fields_; }
  [[nodiscard]] std::size_t size() const noexcept { return fields_.size(); }
  [[nodiscard]] const std::string& operator[](std::size_t i) const { return fields_[i]; }
  /// Physical line (1-based) where the current record starts; for text converted from a workbook
  /// sheet (formats.hpp), the sheet row.
  [[nodiscard]] std::size_t line() const noexcept {
    return origin_ ? origin_->row_of(record_line_) : record_line_;
  }
  /// Byte offset of the current record's start.
  [[nodiscard]] std::size_t offset() const noexcept { return record_offset_; }
  [[nodiscard]] std::size_t bytes() const noexcept { return data_.size(); }
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  /// A Location for field `i` of the current record (column = i + 1, path = `column_name`); for a
  /// workbook sheet the path is the cell and the column name ("Sheet1!C7 (integrity)").
  [[nodiscard]] Location where(std::size_t i, std::string_view column_name = {},
                               std::string_view value = {}) const;

 private:
  std::string_view data_;
  std::string file_;
  std::size_t pos_ = 0, line_ = 1;
  std::size_t record_line_ = 0, record_offset_ = 0;
  std::vector<std::string> fields_;
  std::size_t used_ = 0;
  std::shared_ptr<const TableOrigin> origin_;  ///< set when the text is a converted sheet
};

/// First invalid UTF-8 byte offset, or npos.
std::size_t find_invalid_utf8(std::string_view s) noexcept;

/// True when `data` holds a control byte other than TAB, LF and CR (C0 or DEL). One fast pass:
/// readers check each cell only when the file has one.
bool has_control_bytes(std::string_view data) noexcept;
/// True when `data` starts with a UTF-16 byte-order mark (FF FE or FE FF).
bool has_utf16_bom(std::string_view data) noexcept;
/// True when `data` is UTF-16 text: a UTF-16 byte-order mark, or control bytes (NUL and C0 but
/// TAB, LF, CR) in a quarter or more of its first 4 KiB: UTF-16 without a mark, where Latin
/// letters come with a NUL and Thai ones with 0x0E. Valid UTF-8 all the same, so the CsvReader
/// (which must read back what append_csv_row writes) checks the mark only; the ratings, evidence
/// and results readers, whose accepted files hold no control byte, check this.
bool looks_utf16(std::string_view data) noexcept;
/// The EncodingError for UTF-16 input (`what`: "CSV UTF-8" or "UTF-8"), located at byte 0.
[[noreturn]] void throw_utf16(std::string_view file, std::string_view save_as);

/// Appends one CSV field: quoted when it holds , " CR or LF. When `neutralise` and the field is
/// text starting with = + - @ TAB or CR (a spreadsheet formula), it is prefixed with '. Numbers
/// ("-1", "+2.5") are left as they are.
void append_csv_field(std::string& out, std::string_view field, bool neutralise = true);
/// Appends a record (fields joined by commas) and CRLF.
void append_csv_row(std::string& out, const std::vector<std::string>& fields,
                    bool neutralise = true);

}  // namespace samatthana::detail
