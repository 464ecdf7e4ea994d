// RatingsStream: a ratings CSV file read in blocks and cut into chunks of whole records; each
// chunk is read by the whole-file reader behind the file's header (see samatthana/stream.hpp).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <system_error>

#include "io/csv.hpp"
#include "io/formats.hpp"
#include "samatthana/builders.hpp"
#include "samatthana/io.hpp"
#include "samatthana/stream.hpp"
#include "samatthana/tables_io.hpp"
#include "samatthana/text.hpp"
#include "stream/seen_ids.hpp"
#include "text/utf8.hpp"

namespace samatthana {
namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

[[noreturn]] void io_fail(const std::string& file, const std::string& what, int e) {
  Location where;
  where.file = file;
  throw IoError(what + ": " + std::error_code(e, std::system_category()).message(), where);
}

/// `e` again, of the same class, with `message` at `where`.
[[noreturn]] void rethrow_at(const Error& e, const std::string& message, const Location& where) {
  if (dynamic_cast<const ParseError*>(&e)) throw ParseError(message, where);
  if (dynamic_cast<const ValidationError*>(&e)) throw ValidationError(message, where);
  if (dynamic_cast<const LookupError*>(&e)) throw LookupError(message, where);
  if (dynamic_cast<const EncodingError*>(&e)) throw EncodingError(message, where);
  if (dynamic_cast<const IoError*>(&e)) throw IoError(message, where);
  throw Error(message, where);
}

/// `message` with every "on line N" (the readers' references to another row: "first on line N",
/// "differs from this person's row on line N") moved by `line` from a chunk's lines to the file's.
template <class Move>
std::string lines_moved(const std::string& message, const Move& line) {
  static constexpr std::string_view kOn = "on line ";
  std::string out;
  std::size_t at = 0;
  for (std::size_t k; (k = message.find(kOn, at)) != std::string::npos;) {
    std::size_t end = k + kOn.size(), n = 0;
    while (end < message.size() && message[end] >= '0' && message[end] <= '9')
      n = n * 10 + static_cast<std::size_t>(message[end++] - '0');
    out.append(message, at, k + kOn.size() - at);
    out += end > k + kOn.size() ? std::to_string(line(n)) : std::string();
    at = end;
  }
  return out.append(message, at);
}

/// Field `k` of the CSV record `rec` (no line end), unquoted; "" when the record is shorter.
std::string field_of(std::string_view rec, std::size_t k) {
  std::size_t i = 0, field = 0;
  std::string out;
  while (i <= rec.size()) {
    const bool want = field == k;
    if (i < rec.size() && rec[i] == '"') {
      for (++i; i < rec.size(); ++i) {
        if (rec[i] == '"') {
          if (i + 1 < rec.size() && rec[i + 1] == '"') {
            if (want) out.push_back('"');
            ++i;
            continue;
          }
          ++i;
          break;
        }
        if (want) out.push_back(rec[i]);
      }
    }
    while (i < rec.size() && rec[i] != ',') {
      if (want) out.push_back(rec[i]);
      ++i;
    }
    if (want) return out;
    ++field;
    ++i;
  }
  return out;
}

}  // namespace

struct RatingsStream::Impl {
  std::string file;
  std::shared_ptr<const Framework> fw;
  StreamOptions opt;
  int fd = -1;
  bool eof = false;
  std::size_t size = 0;
  std::atomic<std::size_t> read_total{0};  ///< read by bytes_read() from another thread

  std::string header;  ///< the header record with its line end (and a BOM, blank lines before it)
  std::size_t header_lines = 0;  ///< '\n' in `header`
  bool raters = false, results = false;
  std::size_t id_col = 0;

  std::string buf;            ///< bytes not handed out yet; starts at a record boundary
  std::size_t line = 1;       ///< physical line of buf[0]
  std::size_t offset = 0;     ///< byte offset of buf[0] in the file
  std::size_t scan = 0;       ///< scanned up to here
  bool quoted = false;        ///< scanner inside a quoted field at `scan`
  std::size_t records = 0;    ///< records in buf[0, rec_start)
  std::size_t rec_start = 0;  ///< start of the record being scanned
  std::size_t cand = npos;    ///< raters: a cut waiting for the next record's person id
  std::string cand_id;
  bool no_cut = false;  ///< a lone CR ends a record: line numbers need the rest as one chunk
  bool given = false, done = false;
  std::size_t rows = 0;
  detail::SeenIds seen;
  /// A UTF-16 or cp874 file: decoded block by block as it is read (buf holds UTF-8 CSV text).
  std::unique_ptr<detail::TableDecoder> decoder;
  std::string raw;  ///< a block of the file's bytes, for the decoder
  /// A workbook's sheet (converted whole): where its text came from, so chunks name cells.
  std::shared_ptr<const detail::TableOrigin> origin;
  /// Collect mode (ReadOptions::all_errors when the stream was opened): the most errors kept,
  /// the errors so far in file order, and an error of the file's bytes (invalid UTF-8, a
  /// byte-order mark inside) that the whole-file reader reports alone, before any row.
  std::optional<std::size_t> cap;
  std::optional<ErrorList> errors;
  std::optional<LocatedError> bytes_error;
  bool bytes_error_utf8 = false;  ///< bytes_error is invalid UTF-8 (else a byte-order mark)
  bool ended = false;             ///< an error that leaves the rest unreadable was kept

  ~Impl() {
    if (fd >= 0) ::close(fd);
  }

  /// Appends a block; false at the end of the file.
  bool fill() {
    if (eof) return false;
    if (decoder) return fill_decoded();
    const std::size_t old = buf.size();
    buf.resize(old + opt.block_bytes);
    ::ssize_t n;
    do n = ::read(fd, buf.data() + old, opt.block_bytes);
    while (n < 0 && errno == EINTR);
    if (n < 0) io_fail(file, "cannot read the file", errno);
    buf.resize(old + static_cast<std::size_t>(n));
    read_total.fetch_add(static_cast<std::size_t>(n), std::memory_order_relaxed);
    if (n == 0) eof = true;
    return n > 0;
  }

  /// Reads a block of the file and appends its text (decoded) to buf.
  bool fill_decoded() {
    const std::size_t n = read_block(raw);
    if (n == 0) eof = true;
    decoder->feed(raw, eof, buf);
    return n > 0;
  }
  /// The file's next bytes into `into` (at most a block); 0 at the end.
  std::size_t read_block(std::string& into) {
    into.resize(opt.block_bytes);
    ::ssize_t n;
    do n = ::read(fd, into.data(), opt.block_bytes);
    while (n < 0 && errno == EINTR);
    if (n < 0) io_fail(file, "cannot read the file", errno);
    into.resize(static_cast<std::size_t>(n));
    read_total.fetch_add(static_cast<std::size_t>(n), std::memory_order_relaxed);
    return static_cast<std::size_t>(n);
  }
  void rewind() {
    if (::lseek(fd, 0, SEEK_SET) != 0) io_fail(file, "cannot read the file again", errno);
    read_total.store(0, std::memory_order_relaxed);
  }

  /// A UTF-16 or cp874 file (a regular file: it is read twice): a first pass checks the whole
  /// file as the whole-file reader's decoding does (its errors first, wherever they are), then
  /// the text is decoded block by block as the chunks are cut.
  void open_decoded(const std::string& head) {
    auto check = detail::TableDecoder::make(head, current_read_options().encoding, file);
    rewind();
    for (bool last = false; !last;) {
      last = read_block(raw) == 0;
      check->check(raw, last);
    }
    rewind();
    decoder = detail::TableDecoder::make(head, current_read_options().encoding, file);
    if (current_read_options().on_decoded)
      current_read_options().on_decoded(file, decoder->described());
  }

  void open(const std::filesystem::path& path) {
    do fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    // The whole-file reader's messages (read_file) for the same cases, word for word.
    const auto plain = [&](const char* message) {
      Location where;
      where.file = file;
      throw IoError(message, where);
    };
    if (fd < 0 && errno == ENOENT) plain("no such file");
    if (fd < 0) io_fail(file, "cannot open the file", errno);
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) plain("this is a folder, not a file");
    const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (regular) size = static_cast<std::size_t>(st.st_size);
    while (buf.size() < 4096 && fill()) {
    }
    const Reading how = reading(buf, regular);
    if (how == Reading::decoded) {
      const std::string head = buf.substr(0, 4096);  // what TableDecoder::make looks at
      buf.clear();
      buf.shrink_to_fit();
      eof = false;
      open_decoded(head);
    } else if (how == Reading::whole) {
      // A workbook's sheet (and input read once: a pipe in another encoding) is converted whole
      // (read_table_file), then cut into chunks: the same rows, but memory grows with the file.
      ::close(fd);
      fd = -1;
      buf = read_table_file(path);
      origin = detail::origin_of(file, buf);
      eof = true;
    }
  }
  /// How a file is read: as it is (UTF-8 CSV), decoded block by block, or converted whole.
  enum class Reading : std::uint8_t { as_is, decoded, whole };
  /// How the file starting with `head` (its first bytes) is read.
  static Reading reading(std::string_view head, bool regular) {
    const Encoding e = current_read_options().encoding;
    if (detail::is_zip(head) || detail::is_ole2(head) || !current_read_options().sheet.empty())
      return Reading::whole;  // a workbook (or the whole-file reader's error)
    const bool utf16_bom = detail::has_utf16_bom(head);
    if (e == Encoding::automatic && !utf16_bom)  // UTF-8, or the whole-file reader's error
      return detail::looks_utf16(head.substr(0, 4096)) ? Reading::whole : Reading::as_is;
    if (e == Encoding::utf8) return utf16_bom ? Reading::whole : Reading::as_is;
    return regular ? Reading::decoded : Reading::whole;  // read twice: a regular file only
  }

  /// Moves the header record (with any BOM and blank lines before it) from buf to `header`.
  void take_header() {
    std::size_t i = 0;
    for (;;) {
      while ((i >= buf.size() || buf.size() < 3) && fill()) {
      }
      if (i >= buf.size()) break;
      if (i == 0 && buf.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        i = 3;
        continue;
      }
      if (buf[i] != '\n' && buf[i] != '\r') break;
      ++i;
    }
    bool q = false;
    for (;; ++i) {
      while (i >= buf.size() && fill()) {
      }
      if (i >= buf.size()) break;
      const char ch = buf[i];
      if (ch == '"') q = !q;
      if (q) continue;
      if (ch == '\n') {
        ++i;
        break;
      }
      if (ch == '\r') {
        while (i + 1 >= buf.size() && fill()) {
        }
        if (i + 1 < buf.size() && buf[i + 1] != '\n') no_cut = true;  // records end at lone CRs
      }
    }
    if (no_cut) i = 0;  // the whole file is one chunk, its lines as the whole-file reader counts
    header.assign(buf, 0, i);
    buf.erase(0, i);
    header_lines = static_cast<std::size_t>(std::count(header.begin(), header.end(), '\n'));
    line = header_lines + 1;
    offset = i;
  }

  /// The roles of the header's columns (its errors are the whole-file reader's).
  void read_header() {
    if (no_cut) return;
    if (origin) detail::remember_origin(file, header, origin);  // a workbook: name the cells
    (void)read_ratings_csv(header, fw, file);  // empty file, unknown columns, ...: as a whole
    if (origin) detail::remember_origin(file, header, origin);
    detail::CsvReader r(header, file);
    if (!r.next()) return;
    const RatingsHeader h = ratings_header(r.fields(), *fw, [&](std::size_t i, std::string_view v) {
      return r.where(std::min(i, r.size()), v);
    });
    raters = h.has_raters;
    results = h.has_results;
    for (std::size_t i = 0; i < h.role.size(); ++i)
      if (h.role[i] == RatingsColumn::person_id) id_col = i;
  }

  std::string person_of(std::size_t b, std::size_t e) const {
    std::string_view rec(buf.data() + b, e - b);
    while (!rec.empty() && (rec.back() == '\n' || rec.back() == '\r')) rec.remove_suffix(1);
    const std::string cell = field_of(rec, id_col);
    return text::normalize_id(detail::trim_unicode_space(cell));
  }

  /// Where the next chunk ends in buf, or npos when more bytes are needed to know.
  std::size_t find_cut() {
    for (; scan < buf.size(); ++scan) {
      const char ch = buf[scan];
      if (ch == '"') quoted = !quoted;
      if (quoted || no_cut) continue;
      if (ch == '\r') {
        if (scan + 1 >= buf.size()) return eof ? buf.size() : npos;
        if (buf[scan + 1] != '\n') no_cut = true;
        continue;
      }
      if (ch != '\n') continue;
      const std::size_t end = scan + 1;
      const bool blank = buf[rec_start] == '\n' || buf[rec_start] == '\r';  // a lone CR set no_cut
      if (!blank && cand != npos) {
        const std::string id = person_of(rec_start, end);
        if (id != cand_id) return cut_at(cand);
        cand = end;  // the same person's rows go on
      } else if (!blank && ++records >= opt.chunk_rows) {
        if (!raters) return cut_at(end);
        cand = end;
        cand_id = person_of(rec_start, end);
      }
      rec_start = end;
    }
    return eof ? buf.size() : npos;
  }
  std::size_t cut_at(std::size_t at) {
    scan = rec_start = at;
    return at;
  }

  /// The next chunk's bytes (moved out of buf), or nullopt at the end.
  std::optional<std::string> next_bytes(std::size_t pad = 0) {
    if (done) return std::nullopt;
    std::size_t cut;
    while ((cut = find_cut()) == npos) fill();
    // Blank lines only (the file's end): no chunk of their own once one was given.
    const bool blank = std::all_of(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(cut),
                                   [](char c) { return c == '\n' || c == '\r'; });
    if (blank && eof && given && cut == buf.size()) {
      done = true;
      return std::nullopt;
    }
    std::string out = header;
    out.append(pad, '\n');
    out.append(buf, 0, cut);
    buf.erase(0, cut);
    scan = rec_start = 0;
    quoted = false;
    records = 0;
    cand = npos;
    given = true;
    if (eof && buf.empty()) done = true;
    return out;
  }
};

namespace {

/// Where the chunk starting at physical line `line0` puts synthetic line `s` (header first, then
/// `pad` blank lines, then the chunk's records).
struct ChunkPlace {
  std::size_t header_lines = 0, header_bytes = 0, line0 = 1, offset0 = 0, pad = 0;
  [[nodiscard]] std::size_t line(std::size_t s) const {
    return s > header_lines + pad ? s - header_lines - pad - 1 + line0 : s;
  }
  [[nodiscard]] std::size_t synthetic(std::size_t line) const {
    return line - line0 + header_lines + pad + 1;
  }
  [[nodiscard]] Location moved(Location w) const {
    w.line = line(w.line);
    if (w.byte_offset && *w.byte_offset >= header_bytes + pad)
      *w.byte_offset += offset0 - header_bytes - pad;
    return w;
  }
};

/// `bytes` cut before synthetic line `s` (a record's first line), or nullopt.
std::optional<std::string> before_line(const std::string& bytes, std::size_t s) {
  std::size_t at = 0;
  for (std::size_t l = 1; l < s; ++l) {
    at = bytes.find('\n', at);
    if (at == std::string::npos) return std::nullopt;
    ++at;
  }
  return bytes.substr(0, at);
}

Location id_where(const std::string& file, std::size_t line, std::size_t col, std::string_view id) {
  Location w;
  w.file = file;
  w.line = line;
  w.column = col + 1;
  w.path = "person_id";
  w.value = detail::shown(id);
  return w;
}

/// Where a cross-chunk error puts a person_id cell: (line, id) → Location.
using IdWhere = std::function<Location(std::size_t, std::string_view)>;

/// The whole-file reader's message for a person_id given twice, first on line `first`.
std::string given_twice(std::size_t first) {
  return "person_id given twice (first on line " + std::to_string(first) + ")";
}
[[noreturn]] void rows_apart(std::size_t first, const Location& where) {
  throw RowsApartError(
      "this person's rows are not together (the first is on line " + std::to_string(first) +
          ", then other people's rows): a file read in chunks needs each person's rater "
          "rows one after another; sort the file by person_id",
      where);
}

/// The rules across chunks for a chunk's rows in file order (`row(i)`: person id and line, the
/// file's): a person_id given twice; in files with rater columns, a person's rows apart.
template <class Row>
void check_rows(RatingsStream::Impl& s, std::size_t n, const Row& row, const IdWhere& where) {
  std::string prev;
  for (std::size_t i = 0; i < n; ++i) {
    const auto [id, line] = row(i);
    if (s.raters && i > 0 && id == prev) continue;
    const std::size_t first = s.seen.insert(id, line);
    if (first && !s.raters) throw ValidationError(given_twice(first), where(line, id));
    if (first) rows_apart(first, where(line, id));
    if (s.raters) prev = id;
  }
  s.rows += n;
}
void check_across(RatingsStream::Impl& s, const RatingsTable& t, const IdWhere& where) {
  if (!t.has_raters())
    return check_rows(
        s, t.people.size(),
        [&](std::size_t i) {
          return std::pair<std::string_view, std::size_t>(t.people[i].id, t.lines[i]);
        },
        where);
  check_rows(
      s, t.raters.size(),
      [&](std::size_t i) {
        return std::pair<std::string_view, std::size_t>(t.people[t.raters[i].person].id,
                                                        t.raters[i].line);
      },
      where);
}
void check_across(RatingsStream::Impl& s, const RatingsColumns& t, const IdWhere& where) {
  check_rows(
      s, t.rows,
      [&](std::size_t i) {
        return std::pair<std::string_view, std::size_t>(t.cell(RatingsColumns::person_id, i),
                                                        t.lines[i]);
      },
      where);
}

void move_lines(RatingsTable& t, const ChunkPlace& p) {
  for (auto& l : t.lines) l = p.line(l);
  for (auto& r : t.raters) r.line = p.line(r.line);
}
void move_lines(RatingsColumns& t, const ChunkPlace& p) {
  for (auto& l : t.lines) l = p.line(l);
}

RatingsTable read_table(const std::string& bytes, const RatingsStream::Impl& s) {
  return read_ratings_csv(bytes, s.fw, s.file);
}
RatingsColumns read_columns(const std::string& bytes, const RatingsStream::Impl& s) {
  return read_ratings_columns(bytes, s.fw, s.file);
}

/// A chunk's bytes (the header, then `place.pad` blank lines, then the chunk's records) and
/// where they are in the file.
struct ChunkBytes {
  std::string bytes;
  ChunkPlace place;
};

/// The next chunk's bytes, or nullopt at the end.
std::optional<ChunkBytes> take_chunk(RatingsStream::Impl& s) {
  // A workbook's chunk: blank lines between the header and the records, so that its lines are
  // the sheet's rows and the reader names the cells (CsvReader skips blank lines).
  const std::size_t pad = s.origin ? s.line - s.header_lines - 1 : 0;
  const ChunkPlace place{s.header_lines, s.header.size(), s.line, s.offset, pad};
  std::optional<std::string> bytes = s.next_bytes(pad);
  if (!bytes) return std::nullopt;
  const std::size_t body = bytes->size() - s.header.size() - pad;
  s.line += static_cast<std::size_t>(std::count(
      bytes->begin() + static_cast<std::ptrdiff_t>(s.header.size() + pad), bytes->end(), '\n'));
  s.offset += body;
  return ChunkBytes{std::move(*bytes), place};
}

std::size_t rows_of(const RatingsTable& t) {
  return t.has_raters() ? t.raters.size() : t.people.size();
}
std::size_t rows_of(const RatingsColumns& t) { return t.rows; }

/// Reads one chunk with `read` and checks it across chunks; the first error in file order.
template <class Chunk, class Read>
bool first_error_chunk(RatingsStream::Impl& s, const ChunkBytes& c, Chunk& out, const Read& read) {
  const std::string& bytes = c.bytes;
  const ChunkPlace& place = c.place;
  // The person_id cell of the record on the file's `line`, located as the whole-file reader
  // locates it (the cell as written, its column and byte offset).
  const IdWhere where = [&](std::size_t line, std::string_view id) {
    detail::CsvReader r(bytes, s.file);
    const std::size_t synthetic = place.synthetic(line);
    while (r.next())
      if (r.line() == synthetic) return place.moved(r.where(s.id_col, "person_id"));
    return id_where(s.file, line, s.id_col, id);
  };
  try {
    out = read(bytes, s);
  } catch (const Error& e) {
    const Location w = place.moved(e.where());
    // The rows before the error may break a rule across chunks: that error comes first.
    if (e.where().line > s.header_lines) {
      if (auto prefix = before_line(bytes, e.where().line)) {
        std::optional<RatingsTable> before;
        try {
          before = read_table(*prefix, s);
        } catch (const Error&) {
        }
        if (before) {
          move_lines(*before, place);
          check_across(s, *before, where);
        }
      }
    }
    rethrow_at(e, lines_moved(e.message(), [&](std::size_t n) { return place.line(n); }), w);
  }
  move_lines(out, place);
  check_across(s, out, where);
  return true;
}

// ---- collect-all-errors mode (ReadOptions::all_errors) --------------------------------------
// Each chunk is read by the whole-file reader in its collect mode (every row's error kept, the
// row left out); the rules across chunks are checked on the rows it kept, in one more pass over
// the chunk's records; the chunk's errors and those of the rules across chunks are merged in
// file order, their lines the file's. After the first error no chunk is handed out: the rest of
// the file is read for its errors (memory stays one chunk), then one ImportErrors lists them,
// as the whole-file reader's collect mode does.

/// An error found in a chunk: its line in the file (for the order), kind, message and place.
struct Found {
  std::size_t line = 0;
  ErrorKind kind = ErrorKind::other;
  std::string message;
  Location where;
  std::size_t first = 0;  ///< a person_id given twice across chunks: the line it was first on
};

/// Adds `f` to `list` as an error of its kind (the class the first-error mode throws).
void add_found(ErrorList& list, const Found& f) {
  switch (f.kind) {
    case ErrorKind::parse:
      return list.add(ParseError(f.message, f.where));
    case ErrorKind::validation:
      return list.add(ValidationError(f.message, f.where));
    case ErrorKind::lookup:
      return list.add(LookupError(f.message, f.where));
    case ErrorKind::encoding:
      return list.add(EncodingError(f.message, f.where));
    case ErrorKind::io:
      return list.add(IoError(f.message, f.where));
    case ErrorKind::other:
      break;
  }
  list.add(Error(f.message, f.where));
}

/// True when the chunk's bytes are refused as a whole (invalid UTF-8, a byte-order mark inside:
/// CsvReader's checks before any row). The whole-file reader checks the whole file's bytes
/// first and reports that error alone: the first invalid UTF-8 of the file, else its first
/// byte-order mark inside; it is kept in s.bytes_error.
bool bytes_refused(RatingsStream::Impl& s, const ChunkBytes& c) {
  try {
    detail::CsvReader probe(c.bytes, s.file);
    return false;
  } catch (const EncodingError& e) {
    const bool utf8 = detail::find_invalid_utf8(c.bytes) != std::string_view::npos;
    if (!s.bytes_error || (utf8 && !s.bytes_error_utf8)) {
      s.bytes_error = LocatedError{c.place.moved(e.where()), e.message(), ErrorKind::encoding, {}};
      s.bytes_error_utf8 = utf8;
    }
    return true;
  }
}

/// The rules across chunks on the chunk's records that its reader kept (their lines not in
/// `bad`), in one pass over the bytes: a person_id given twice is a Found (located as the
/// whole-file reader locates it); a person's rater rows apart a RowsApartError at once (the
/// whole-file reader checks rules across such rows that a chunk cannot: read such a file
/// whole). False when the records break off (an unclosed quote, text after a closing quote: the
/// reader's last error; nothing after it is read).
bool collect_across(RatingsStream::Impl& s, const ChunkBytes& c, const std::set<std::size_t>& bad,
                    std::vector<Found>& found) {
  if (s.no_cut) return true;  // one chunk, the whole file: its reader checked every rule
  detail::CsvReader r(c.bytes, s.file);
  bool broke_off = false;
  const auto next = [&] {
    try {
      return r.next();
    } catch (const Error&) {
      broke_off = true;
      return false;
    }
  };
  std::string prev;
  bool any = false;
  if (!next()) return !broke_off;  // the header
  while (next()) {
    if (bad.count(r.line()) || s.id_col >= r.size()) continue;
    const std::string id = text::normalize_id(detail::trim_unicode_space(r[s.id_col]));
    if (s.raters && any && id == prev) continue;
    any = true;
    prev = id;
    const std::size_t line = c.place.line(r.line());
    const std::size_t first = s.seen.insert(id, line);
    if (!first) continue;
    const Location where = c.place.moved(r.where(s.id_col, "person_id"));
    if (s.raters) rows_apart(first, where);
    found.push_back(Found{line, ErrorKind::validation, given_twice(first), where, first});
  }
  return !broke_off;
}

/// The reader's errors of a chunk (`items`, at the chunk's lines) with the errors of the rules
/// across chunks (`found`), in file order, added to s.errors. A row given twice across chunks is
/// left out, as the whole-file reader leaves it out: the chunk's later rows with its id name the
/// line the id was first on in the file.
void merge_errors(RatingsStream::Impl& s, const ChunkBytes& c,
                  const std::vector<LocatedError>& items, std::vector<Found> found,
                  bool broke_off) {
  std::map<std::size_t, std::size_t> first_of;
  for (const Found& f : found) first_of[f.line] = f.first;
  const auto line = [&](std::size_t n) {
    const std::size_t l = c.place.line(n);
    const auto it = first_of.find(l);
    return it == first_of.end() ? l : it->second;
  };
  std::optional<Found> last;  // the error the reader ended on, when the records broke off
  for (std::size_t k = 0; k < items.size(); ++k) {
    const LocatedError& e = items[k];
    Found f{c.place.line(e.where.line), e.kind, lines_moved(e.message, line),
            c.place.moved(e.where)};
    if (broke_off && k + 1 == items.size())
      last = std::move(f);
    else
      found.push_back(std::move(f));
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Found& a, const Found& b) { return a.line < b.line; });
  if (last) found.push_back(std::move(*last));
  for (const Found& f : found) add_found(*s.errors, f);
}

/// Collect mode: reads a chunk, keeping its errors in s.errors; true when it has none (`out`
/// then holds it, its lines the file's).
template <class Chunk, class Read>
bool collect_chunk(RatingsStream::Impl& s, const ChunkBytes& c, Chunk& out, const Read& read) {
  std::vector<LocatedError> items;
  try {
    out = read(c.bytes, s);
  } catch (const ImportErrors& e) {
    items = e.errors().items();
    if (items.size() == 1 && items[0].kind == ErrorKind::encoding && bytes_refused(s, c))
      return false;
  }
  std::set<std::size_t> bad;
  for (const LocatedError& e : items) bad.insert(e.where.line);
  std::vector<Found> found;
  const bool whole = collect_across(s, c, bad, found);
  if (!whole) s.ended = true;
  if (items.empty() && found.empty()) {
    move_lines(out, c.place);
    s.rows += rows_of(out);
    return true;
  }
  merge_errors(s, c, items, std::move(found), !whole && !items.empty());
  return false;
}

[[noreturn]] void throw_collected(RatingsStream::Impl& s) {
  if (s.bytes_error) {
    ErrorList one(*s.cap);
    one.add(EncodingError(s.bytes_error->message, s.bytes_error->where));
    throw ImportErrors(s.file, std::move(one));
  }
  throw ImportErrors(s.file, *s.errors);  // a copy: a next() after it says the same
}

/// Collect mode: the next chunk without errors while no error was found; after one, the rest
/// of the file read for its errors, then ImportErrors.
template <class Chunk, class Read>
bool collecting_chunk(RatingsStream::Impl& s, Chunk& out, const Read& read) {
  const auto failed = [&] { return s.bytes_error || !s.errors->empty(); };
  for (;;) {
    std::optional<ChunkBytes> c = take_chunk(s);
    if (!c) {
      if (failed()) throw_collected(s);
      return false;
    }
    if (s.origin) detail::remember_origin(s.file, c->bytes, s.origin);
    if (s.bytes_error) {  // only a first invalid UTF-8 can come before it
      (void)bytes_refused(s, *c);
    } else if (collect_chunk(s, *c, out, read) && !failed()) {
      return true;
    }
    if (s.ended || s.bytes_error_utf8) throw_collected(s);
  }
}

/// The reading options of a chunk's reader on this thread: the collect mode (every error of the
/// chunk kept) or the first-error mode, whatever the thread's own options.
ReadOptions chunk_options(const RatingsStream::Impl& s) {
  ReadOptions o;
  if (s.cap) o.all_errors = std::numeric_limits<std::size_t>::max();
  return o;
}

template <class Chunk, class Read>
bool next_chunk(RatingsStream::Impl& s, Chunk& out, const Read& read) {
  const ScopedReadOptions scope(chunk_options(s));
  if (s.cap) return collecting_chunk(s, out, read);
  std::optional<ChunkBytes> c = take_chunk(s);
  if (!c) return false;
  if (s.origin) detail::remember_origin(s.file, c->bytes, s.origin);
  return first_error_chunk(s, *c, out, read);
}

}  // namespace

RatingsStream::RatingsStream(const std::filesystem::path& file, std::shared_ptr<const Framework> fw,
                             StreamOptions options)
    : impl_(std::make_unique<Impl>()) {
  if (!fw) throw ValidationError("RatingsStream needs a framework");
  impl_->file = file.string();
  impl_->fw = std::move(fw);
  impl_->opt = options;
  impl_->opt.chunk_rows = std::max<std::size_t>(1, options.chunk_rows);
  impl_->opt.block_bytes = std::max<std::size_t>(1, options.block_bytes);
  // Collect mode: every error of the file at the end, as one ImportErrors (an error before the
  // first chunk, such as a missing file or a bad header, is its only entry, as for the
  // whole-file reader in that mode).
  impl_->cap = current_read_options().all_errors;
  if (impl_->cap) impl_->errors.emplace(*impl_->cap);
  try {
    impl_->open(file);
    impl_->take_header();
    impl_->read_header();
  } catch (const ImportErrors&) {
    throw;
  } catch (const Error& e) {
    if (!impl_->cap) throw;
    impl_->errors->add(e);
    throw ImportErrors(impl_->file, std::move(*impl_->errors));
  }
}

RatingsStream::~RatingsStream() = default;
RatingsStream::RatingsStream(RatingsStream&&) noexcept = default;
RatingsStream& RatingsStream::operator=(RatingsStream&&) noexcept = default;

bool stream_reads_bounded(const std::filesystem::path& file) {
  RatingsStream::Impl probe;
  probe.file = file.string();
  probe.opt.block_bytes = 4096;
  do probe.fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  while (probe.fd < 0 && errno == EINTR);
  if (probe.fd < 0) return true;  // the stream reports the error
  struct stat st {};
  if (::fstat(probe.fd, &st) == 0 && !S_ISREG(st.st_mode))
    return false;  // a pipe's first bytes cannot be read twice
  probe.fill();
  return RatingsStream::Impl::reading(probe.buf, true) != RatingsStream::Impl::Reading::whole;
}

bool RatingsStream::next(RatingsTable& chunk) { return next_chunk(*impl_, chunk, &read_table); }
bool RatingsStream::next(RatingsColumns& chunk) { return next_chunk(*impl_, chunk, &read_columns); }

const std::shared_ptr<const Framework>& RatingsStream::framework() const noexcept {
  return impl_->fw;
}
bool RatingsStream::has_raters() const noexcept { return impl_->raters; }
bool RatingsStream::has_results() const noexcept { return impl_->results; }
std::size_t RatingsStream::rows() const noexcept { return impl_->rows; }
std::size_t RatingsStream::bytes_read() const noexcept {
  return impl_->read_total.load(std::memory_order_relaxed);
}
std::size_t RatingsStream::file_size() const noexcept { return impl_->size; }

}  // namespace samatthana
