#pragma once
// The formats layer (docs/formats.md): table files in other encodings and .xlsx workbooks become
// the UTF-8 CSV text the table readers take, with the same lines; where the text came from (a
// sheet of a workbook) is remembered so CsvReader can name the cell in its errors.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "samatthana/io.hpp"

namespace samatthana::detail {

/// What CsvReader needs to locate errors in text converted from a workbook sheet.
struct TableOrigin {
  std::string
      sheet;  ///< the sheet's name as Excel quotes it in a reference ("Sheet1", "'My data'")
  /// (physical CSV line, sheet row) of each record whose line is not its row (a cell above held
  /// a line break), ascending; empty when every line is its row.
  std::vector<std::pair<std::size_t, std::size_t>> shifted;
  /// The sheet row of CSV line `line`.
  [[nodiscard]] std::size_t row_of(std::size_t line) const noexcept;
};

/// Remembers, for the calling thread, that `text` (the bytes at text.data(), text.size()) named
/// `file` was converted from a sheet; CsvReader(text, file) finds it. One entry per thread: the
/// last table file read.
void remember_origin(std::string_view file, std::string_view text,
                     std::shared_ptr<const TableOrigin> origin);
/// The origin of exactly these bytes under this name, or null.
std::shared_ptr<const TableOrigin> origin_of(std::string_view file, std::string_view text) noexcept;

/// "C7" for column 3, row 7 (columns from 1: A..Z, AA.., up to XFD).
std::string cell_name(std::size_t column, std::size_t row);

/// The bytes of a CSV file in `encoding` as UTF-8 CSV text in `out`; false (out untouched) when
/// the bytes are to be read as they are (UTF-8, or automatic without a UTF-16 byte-order mark:
/// the CSV reader checks UTF-8 itself). EncodingError at the first byte the encoding does not
/// define (line, column in characters, byte offset).
bool decode_table_text(std::string_view bytes, Encoding encoding, std::string_view file,
                       std::string& out);

/// True for the start of a zip archive (an .xlsx workbook).
bool is_zip(std::string_view bytes) noexcept;
/// True for the start of an OLE2 compound file (an old .xls workbook).
bool is_ole2(std::string_view bytes) noexcept;

/// The sheet `sheet` ("" = the first) of the .xlsx workbook `bytes` as UTF-8 CSV text: row N on
/// physical line N (unless a cell above held a line break: then `origin.shifted`), column C as
/// field C, rows padded to the header's width. Located errors (ParseError, LookupError,
/// ValidationError) name the file, the sheet and the cell.
std::string xlsx_sheet_csv(std::string_view bytes, std::string_view sheet, std::string_view file,
                           TableOrigin& origin);

/// A table file's bytes (see read_table_file) into `out` as UTF-8 CSV, `converted` true; or
/// `converted` false when the bytes are read as they are. The origin when it was a workbook.
std::shared_ptr<const TableOrigin> table_text(std::string_view bytes, const ReadOptions& options,
                                              std::string_view file, std::string& out,
                                              bool& converted);

}  // namespace samatthana::detail
