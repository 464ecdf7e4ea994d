#pragma once
// The formats layer (docs/formats.md): table files in other encodings and .xlsx workbooks become
// the UTF-8 CSV text the table readers take, with the same lines; where the text came from (a
// sheet of a workbook) is remembered so CsvReader can name the cell in its errors.
#include <cstddef>
#include <exception>
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

class ByteDecoder;
class TsvToCsv;

/// A CSV or tab-separated file in UTF-16 or cp874 decoded block by block (RatingsStream): the
/// UTF-8 CSV text decode_table_text gives for the whole file, in pieces, with the same located
/// errors (lines, columns and byte offsets of the file, wherever the blocks end).
class TableDecoder {
 public:
  /// The decoder for a file starting with `head` (its first bytes, at least 4 or all of it) read
  /// in `encoding`; null when the bytes are read as they are (UTF-8). The byte-order mark
  /// errors of decode_table_text.
  static std::unique_ptr<TableDecoder> make(std::string_view head, Encoding encoding,
                                            std::string_view file);
  ~TableDecoder();
  TableDecoder(const TableDecoder&) = delete;
  TableDecoder& operator=(const TableDecoder&) = delete;

  /// Appends the text of `block` (the file's next bytes, from its first) to `out`; `last` with
  /// the file's last block (which may be empty). Throws the first error in the file's order.
  void feed(std::string_view block, bool last, std::string& out);
  /// The same for a first pass that keeps no text: at `last`, throws the error the whole-file
  /// decode_table_text gives (a cp874 file that is all valid UTF-8, else the first undefined
  /// byte, else the first quoting error of tab-separated text), in that order.
  void check(std::string_view block, bool last);

  [[nodiscard]] Encoding encoding() const noexcept { return encoding_; }
  /// How the file is read, in the words of ReadOptions::on_decoded ("cp874 (Windows-874, ...)").
  [[nodiscard]] const std::string& described() const noexcept { return described_; }

 private:
  TableDecoder();
  void decode(std::string_view block, bool last);
  void convert(bool last, std::string& out);

  Encoding encoding_ = Encoding::cp874;
  std::string file_, described_;
  std::size_t skip_ = 0;  ///< byte-order mark bytes still to skip
  std::unique_ptr<ByteDecoder> bytes_;
  std::unique_ptr<TsvToCsv> tsv_;
  bool decided_ = false;  ///< comma- or tab-separated decided (on the first line)
  std::string head_, text_;
  // check(): the whole file valid UTF-8 so far (cp874), a character cut by a block's end, any
  // byte >= 0x80; the first errors met.
  bool utf8_ = true, any_high_ = false;
  std::string carry_;
  std::exception_ptr bad_bytes_, bad_text_;
};

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
