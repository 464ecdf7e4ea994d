// The bad-input catalogue: every row of tests/data/bad-input/cases.tsv is fed to its parser and
// must fail with the stated error class, a message containing the stated text and exactly the
// stated location fields. The table in docs/bad-input.md is generated from the same rows and the
// errors actually thrown; this test fails when the document is out of date
// (regenerate: SAMATTHANA_UPDATE_DOCS=1 build/tests/samatthana_tests "[bad-input]").
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "samatthana/appraisal.hpp"
#include "samatthana/samatthana.hpp"
#include "samatthana/search.hpp"

using namespace samatthana;
namespace fs = std::filesystem;

namespace {
const std::string kRoot = SAMATTHANA_SOURCE_DIR;

struct Case {
  std::string id, klass, parser, input, error, message, location;
  std::size_t line = 0;
};

// Escapes: \n \r \t \\ \xHH; {{N|TEXT}} repeats TEXT N times (expanded first).
std::string unescape(const std::string& s0) {
  std::string s;
  for (std::size_t i = 0; i < s0.size();) {
    if (s0.compare(i, 2, "{{") == 0) {
      const auto bar = s0.find('|', i), end = s0.find("}}", i);
      REQUIRE(bar != std::string::npos);
      REQUIRE(end != std::string::npos);
      const auto n = std::stoul(s0.substr(i + 2, bar - i - 2));
      const std::string piece = s0.substr(bar + 1, end - bar - 1);
      for (std::size_t k = 0; k < n; ++k) s += piece;
      i = end + 2;
    } else {
      s += s0[i++];
    }
  }
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    if (c == 'n')
      out += '\n';
    else if (c == 'r')
      out += '\r';
    else if (c == 't')
      out += '\t';
    else if (c == '\\')
      out += '\\';
    else if (c == 'x') {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += '\\';
      out += c;
    }
  }
  return out;
}

/// UTF-8 text as a UTF-16LE file with its byte-order mark (Excel's "Unicode text").
std::string utf16le(const std::string& u8) {
  std::string out = "\xFF\xFE";
  auto unit = [&](std::uint32_t u) {
    out += static_cast<char>(u & 0xFF);
    out += static_cast<char>(u >> 8);
  };
  for (std::size_t i = 0; i < u8.size();) {
    const auto b = static_cast<unsigned char>(u8[i]);
    const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    std::uint32_t cp = n == 1 ? b : b & (0x3F >> (n - 1));
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(u8[i + k]) & 0x3F);
    i += n;
    if (cp < 0x10000) {
      unit(cp);
    } else {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    }
  }
  return out;
}

std::string edit(const std::string& file, const std::string& spec) {
  std::string s = read_file(kRoot + "/" + file);
  const auto arrow = spec.find("=>");
  REQUIRE(arrow != std::string::npos);
  const std::string from = unescape(spec.substr(0, arrow)), to = unescape(spec.substr(arrow + 2));
  const auto at = s.find(from);
  INFO("edit not found: " << from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

/// The bytes a case feeds to its parser.
std::string input_of(const Case& c) {
  const auto colon = c.input.find(':');
  const std::string kind = c.input.substr(0, colon), arg = c.input.substr(colon + 1);
  if (kind == "lit") return unescape(arg);
  if (kind == "bma") return edit("data/frameworks/bma-core-2550.json", arg);
  if (kind == "bma-profile") return edit("data/profiles/bma-core.json", arg);
  if (kind == "bma-trunc")
    return read_file(kRoot + "/data/frameworks/bma-core-2550.json").substr(0, std::stoul(arg));
  if (kind == "bma+")
    return read_file(kRoot + "/data/frameworks/bma-core-2550.json") + unescape(arg);
  if (kind == "path" || kind == "args") return arg;
  if (kind == "utf16le") return utf16le(unescape(arg));
  if (kind == "file") return read_file(kRoot + "/" + arg);
  if (kind == "file-cut") {  // file-cut:PATH:N — the first N bytes of a repository file
    const auto at = arg.rfind(':');
    return read_file(kRoot + "/" + arg.substr(0, at)).substr(0, std::stoul(arg.substr(at + 1)));
  }
  FAIL("unknown input kind " << kind);
  return {};
}

/// A fresh temporary folder that is the current directory while the object lives, so that the
/// files a case writes have the short names its location states; removed afterwards.
class TempCwd {
 public:
  TempCwd() : old_(fs::current_path()) {
    dir_ = fs::temp_directory_path() /
           ("samatthana-bad-input-" + std::to_string(::getpid()) + "-" + std::to_string(++count_));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::current_path(dir_);
  }
  ~TempCwd() {
    std::error_code ec;
    fs::current_path(old_, ec);
    fs::remove_all(dir_, ec);
  }
  TempCwd(const TempCwd&) = delete;
  TempCwd& operator=(const TempCwd&) = delete;
  [[nodiscard]] const fs::path& dir() const { return dir_; }

 private:
  fs::path old_, dir_;
  static inline int count_ = 0;
};

/// A file parser of the catalogue: `KIND[/key=value]...`, e.g. `ratings-file/encoding=cp874`,
/// `ratings-file/name=ratings.xlsx/sheet=level`. The bytes are written to the file `name` (default
/// `ratings.csv`, `evidence.csv`, `results.csv`, `kpis.csv`) in an empty folder and read by the
/// library's file reader with the stated encoding and sheet.
struct FileParser {
  std::string kind, name, encoding, sheet;
};
FileParser file_parser(const std::string& p) {
  FileParser f;
  std::stringstream ss(p);
  std::getline(ss, f.kind, '/');
  for (std::string kv; std::getline(ss, kv, '/');) {
    const auto eq = kv.find('=');
    const std::string k = kv.substr(0, eq), v = kv.substr(eq + 1);
    if (k == "name")
      f.name = v;
    else if (k == "encoding")
      f.encoding = v;
    else if (k == "sheet")
      f.sheet = v;
    else
      FAIL("unknown parser option " << kv);
  }
  if (f.name.empty()) f.name = f.kind.substr(0, f.kind.find('-')) + ".csv";
  return f;
}

void run_file(const FileParser& f, const std::string& in) {
  static const auto fw = builtin_framework("bma");
  const TempCwd cwd;
  std::ofstream(f.name, std::ios::binary) << in;
  ReadOptions o;
  if (!f.encoding.empty()) {
    const auto e = encoding_from_string(f.encoding);
    REQUIRE(e);
    o.encoding = *e;
  }
  o.sheet = f.sheet;
  const ScopedReadOptions scope(o);
  if (f.kind == "ratings-file")
    (void)load_ratings_csv(f.name, fw);
  else if (f.kind == "evidence-file")
    (void)load_evidence_csv(f.name, *fw);
  else if (f.kind == "results-file")
    (void)load_results_csv(f.name);
  else if (f.kind == "kpis")
    (void)load_kpis(f.name);
  else
    FAIL("unknown file parser " << f.kind);
}

/// Runs the case's parser; returns normally only when it (wrongly) accepts the input.
void run(const Case& c, const std::string& in) {
  static const auto fw = builtin_framework("bma");
  const std::string& p = c.parser;
  if (const std::string kind = p.substr(0, p.find('/'));
      kind == "ratings-file" || kind == "evidence-file" || kind == "results-file" || kind == "kpis")
    run_file(file_parser(p), in);
  else if (p == "framework")
    (void)parse_framework(in, "input.json");
  else if (p == "framework-file")
    (void)load_framework(in);
  else if (p == "profile")
    (void)parse_profile(in, "profile.json");
  else if (p == "ratings")
    (void)read_ratings_csv(in, fw, "ratings.csv");
  else if (p == "evidence")
    (void)read_evidence_csv(in, *fw, "evidence.csv");
  else if (p == "results")
    (void)read_results_csv(in, "results.csv");
  else if (p == "score") {
    // Ratings that read but cannot be scored (missing ratings, unknown positions).
    const RatingsTable t = read_ratings_csv(in, fw, "ratings.csv");
    (void)score_cohort(t, default_profile(*fw));
  } else if (p == "int")
    (void)text::parse_int(in, "the number");
  else if (p == "date")
    (void)text::parse_date(in);
  else if (p == "text")
    (void)text::normalize(in);
  else if (p == "search") {
    static const IndicatorIndex index(*fw);
    (void)index.search(in);
  } else if (p == "search-in") {
    static const IndicatorIndex index(*fw);
    SearchOptions o;
    o.competency = in;
    (void)index.search("บริการ", o);
  } else if (p == "competency")
    (void)fw->competency(in);
  else if (p == "indicator")
    (void)fw->indicator(in);
  else if (p == "position")
    (void)default_profile(*fw)->position(in);
  else
    FAIL("unknown parser " << p);
}

/// What a command line left behind: exit code, standard error and any file it left in its
/// folder besides the inputs (there must be none: no output, no temporary file).
struct CliRun {
  int rc = -1;
  std::string err;
  std::vector<std::string> left;
};

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char ch : s) q += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return q + "'";
}

/// A command-line case, `args:` then the arguments separated by single spaces (the escapes of
/// the catalogue; `\x20` is a space inside an argument). `@NAME=CONTENT` writes CONTENT to the
/// file NAME and passes NAME; `@NAME<PATH` copies the repository's file PATH to NAME and passes
/// NAME. The command runs in an empty folder with no standard input.
CliRun run_cli(const std::string& args) {
  const TempCwd cwd;
  std::set<std::string> made{"stdout.txt", "stderr.txt"};
  std::string cmd = shell_quote(SAMATTHANA_CLI);
  std::stringstream ss(args);
  for (std::string tok; std::getline(ss, tok, ' ');) {
    if (tok.empty()) continue;
    if (tok[0] == '@') {
      const auto op = tok.find_first_of("=<");
      REQUIRE(op != std::string::npos);
      const std::string name = tok.substr(1, op - 1), rest = tok.substr(op + 1);
      std::ofstream(name, std::ios::binary)
          << (tok[op] == '=' ? unescape(rest) : read_file(kRoot + "/" + rest));
      made.insert(name);
      tok = name;
    } else {
      tok = unescape(tok);
    }
    cmd += " " + shell_quote(tok);
  }
  cmd += " >stdout.txt 2>stderr.txt </dev/null";
  const int status = std::system(cmd.c_str());
  CliRun r;
  r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = read_file("stderr.txt");
  for (const auto& e : fs::directory_iterator(cwd.dir()))
    if (!made.count(e.path().filename().string())) r.left.push_back(e.path().filename().string());
  return r;
}

/// The location fields of a catalogue row as the text the messages start with (Location::str).
std::string where_text(const std::map<std::string, std::string>& m) {
  Location w;
  for (const auto& [k, v] : m) {
    if (k == "file")
      w.file = v;
    else if (k == "line")
      w.line = std::stoul(v);
    else if (k == "column")
      w.column = std::stoul(v);
    else if (k == "path")
      w.path = v;
    else if (k == "byte")
      w.byte_offset = std::stoul(v);
  }
  return w.str();
}

std::string type_name(const Error& e) {
  if (dynamic_cast<const ParseError*>(&e)) return "ParseError";
  if (dynamic_cast<const ValidationError*>(&e)) return "ValidationError";
  if (dynamic_cast<const LookupError*>(&e)) return "LookupError";
  if (dynamic_cast<const EncodingError*>(&e)) return "EncodingError";
  if (dynamic_cast<const IoError*>(&e)) return "IoError";
  return "Error";
}

std::map<std::string, std::string> location_fields(const Location& w) {
  std::map<std::string, std::string> m;
  if (!w.file.empty()) m["file"] = w.file;
  if (w.line) m["line"] = std::to_string(w.line);
  if (w.column) m["column"] = std::to_string(w.column);
  if (!w.path.empty()) m["path"] = w.path;
  if (w.byte_offset) m["byte"] = std::to_string(*w.byte_offset);
  return m;
}

std::map<std::string, std::string> wanted_location(const std::string& spec) {
  std::map<std::string, std::string> want;
  std::stringstream ls(spec);
  for (std::string kv; std::getline(ls, kv, ';');) {
    if (kv.empty()) continue;
    const auto eq = kv.find('=');
    want[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return want;
}

std::vector<Case> load_cases() {
  std::ifstream f(kRoot + "/tests/data/bad-input/cases.tsv");
  REQUIRE(f);
  std::vector<Case> out;
  std::string line;
  std::size_t n = 0;
  while (std::getline(f, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
    while (cols.size() < 7) cols.emplace_back();
    INFO("cases.tsv line " << n);
    REQUIRE(cols.size() == 7);
    out.push_back({cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], n});
  }
  return out;
}

std::string cell(std::string s, std::size_t max = 0) {
  if (max && s.size() > max) {
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s = s.substr(0, cut) + "…";
  }
  std::string o;
  for (char ch : s) {
    if (ch == '|')
      o += "\\|";
    else if (ch == '\n')
      o += "⏎";
    else if (ch == '`')
      o += "'";
    else
      o += ch;
  }
  return o;
}

std::string example_of(const Case& c) {
  const auto colon = c.input.find(':');
  const std::string kind = c.input.substr(0, colon), arg = c.input.substr(colon + 1);
  if (kind == "bma" || kind == "bma-profile") {
    const auto arrow = arg.find("=>");
    return std::string(kind == "bma" ? "shipped BMA framework" : "shipped BMA profile") +
           " with `" + cell(arg.substr(0, arrow), 40) + "` → `" + cell(arg.substr(arrow + 2), 40) +
           "`";
  }
  if (kind == "bma-trunc") return "shipped BMA framework cut after " + arg + " bytes";
  if (kind == "bma+") return "shipped BMA framework followed by `" + cell(arg, 40) + "`";
  if (kind == "file") return "the repository's `" + arg + "`";
  if (kind == "utf16le") return "UTF-16LE with byte-order mark: `" + cell(arg, 60) + "`";
  if (kind == "file-cut") {
    const auto at = arg.rfind(':');
    return "the repository's `" + arg.substr(0, at) + "` cut after " + arg.substr(at + 1) +
           " bytes";
  }
  if (kind == "args") {
    std::string cmd = "samatthana", files;
    std::stringstream ss(arg);
    for (std::string tok; std::getline(ss, tok, ' ');) {
      if (tok.empty()) continue;
      if (tok[0] != '@') {
        cmd += " " + tok;
        continue;
      }
      const auto op = tok.find_first_of("=<");
      cmd += " " + tok.substr(1, op - 1);
      files += "; " + tok.substr(1, op - 1) + ": " +
               (tok[op] == '=' ? "`" + cell(tok.substr(op + 1), 70) + "`"
                               : "the repository's `" + tok.substr(op + 1) + "`");
    }
    return "`" + cell(cmd, 100) + "`" + files;
  }
  return "`" + cell(arg, 60) + "`";
}

/// Runs a command-line case and checks it; returns its row of the generated table.
std::string check_cli(const Case& c) {
  const CliRun r = run_cli(c.input.substr(c.input.find(':') + 1));
  const std::string first = r.err.substr(0, r.err.find('\n'));
  if (std::getenv("SAMATTHANA_BAD_INPUT_DUMP"))
    std::printf("%s\texit %d\t%s\n", c.id.c_str(), r.rc, first.c_str());
  CHECK("exit " + std::to_string(r.rc) == c.error);
  CHECK_THAT(r.err, Catch::Contains(c.message));
  CHECK(text::is_valid_utf8(r.err));
  // A located error names its place as the library's message does: "error: FILE:LINE:COL: ...".
  const std::string where = where_text(wanted_location(c.location));
  if (!where.empty()) CHECK_THAT(r.err, Catch::Contains(": error: " + where + ": "));
  // docs/cli.md: a usage error (2) says how to get help; bad data (1) is an "error:" line.
  CHECK_THAT(r.err, Catch::Contains(r.rc == 2 ? "Try `samatthana " : ": error: "));
  INFO("files left behind: " << r.left.size() << (r.left.empty() ? "" : " (" + r.left[0] + ")"));
  CHECK(r.left.empty());
  return "| " + c.id + " | " + cell(c.klass) + " | cli | " + example_of(c) + " | " + c.error +
         " | " + cell(first, 220) + " | " + cell(c.location.empty() ? "—" : c.location) + " |\n";
}
}  // namespace

TEST_CASE("bad input: every catalogued input fails with its message and location", "[bad-input]") {
  const auto cases = load_cases();
  CHECK(cases.size() >= 50);
  const bool dump = std::getenv("SAMATTHANA_BAD_INPUT_DUMP") != nullptr;
  // The command-line rows need the built binary (a build without the CLI skips them, and then
  // cannot check the generated document either).
  const bool have_cli = !std::string(SAMATTHANA_CLI).empty() && fs::exists(SAMATTHANA_CLI);
  std::map<std::string, int> ids;
  std::string table =
      "| id | class | parser | example | error | what the user sees | location checked |\n"
      "|---|---|---|---|---|---|---|\n";
  for (const Case& c : cases) {
    INFO("case " << c.id << " (cases.tsv line " << c.line << ")");
    CHECK(++ids[c.id] == 1);
    if (c.parser == "cli") {
      if (have_cli) table += check_cli(c);
      continue;
    }
    const std::string in = input_of(c);
    bool threw = false;
    try {
      run(c, in);
    } catch (const Error& e) {
      threw = true;
      const std::string type = type_name(e);
      const auto loc = location_fields(e.where());
      if (dump) {
        std::string l;
        for (const auto& [k, v] : loc) l += (l.empty() ? "" : ";") + k + "=" + v;
        std::printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.id.c_str(), c.klass.c_str(), c.parser.c_str(),
                    c.input.c_str(), type.c_str(), e.message().c_str(), l.c_str());
      }
      CHECK(type == c.error);
      CHECK_THAT(e.message(), Catch::Contains(c.message));
      CHECK(text::is_valid_utf8(e.what()));
      // Every field named in the location column must match, and every field not named must be
      // absent, so the catalogue states the whole location.
      CHECK(loc == wanted_location(c.location));
      table += "| " + c.id + " | " + cell(c.klass) + " | " + c.parser + " | " + example_of(c) +
               " | " + type + " | " + cell(e.what(), 220) + " | " +
               cell(c.location.empty() ? "—" : c.location) + " |\n";
    }
    CHECK(threw);
  }

  if (!have_cli) {
    WARN("no samatthana binary in this build: the cli rows and docs/bad-input.md are not checked");
    return;
  }
  // docs/bad-input.md holds the generated table between the markers.
  const std::string doc_path = kRoot + "/docs/bad-input.md";
  std::string doc = read_file(doc_path);
  const std::string begin = "<!-- BEGIN GENERATED TABLE -->\n",
                    end = "<!-- END GENERATED TABLE -->";
  const auto b = doc.find(begin), e = doc.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  const std::string current = doc.substr(b + begin.size(), e - b - begin.size());
  if (std::getenv("SAMATTHANA_UPDATE_DOCS")) {
    doc.replace(b + begin.size(), e - b - begin.size(), table);
    write_file_atomic(doc_path, doc);
  } else {
    INFO(
        "docs/bad-input.md is out of date: SAMATTHANA_UPDATE_DOCS=1 samatthana_tests "
        "\"[bad-input]\"");
    CHECK(current == table);
  }
}

// ---- regressions found by the fuzzers (tests/fuzz; see docs/hardening.md) -----------------------
#include "io/csv.hpp"

TEST_CASE("regression: a CSV record that is one empty field survives a write/read round trip",
          "[regression][csv]") {
  // fuzz_csv: the record [""] was written as a blank line, and blank lines are skipped on read.
  std::string out;
  detail::append_csv_row(out, {"a"}, false);
  detail::append_csv_row(out, {""}, false);
  detail::append_csv_row(out, {"b"}, false);
  detail::CsvReader r(out, "saved.csv");
  std::vector<std::vector<std::string>> back;
  while (r.next()) back.push_back(r.fields());
  CHECK(back == std::vector<std::vector<std::string>>{{"a"}, {""}, {"b"}});
}

TEST_CASE("regression: a long value quoted in a CSV error is never cut inside a character",
          "[regression][csv]") {
  // fuzz_evidence_csv: CsvReader::where cuts values at 77 bytes, which can split a Thai
  // character and make the message invalid UTF-8 (Python then cannot even show it).
  const std::string id = std::string(76, 'x') + "กขค";
  try {
    (void)read_evidence_csv("person_id,indicator_id,observation\nP1," + id + ",shown\n", bma_core(),
                            "evidence.csv");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(text::is_valid_utf8(e.what()));
    CHECK(text::is_valid_utf8(e.where().value));
  }
}

TEST_CASE("regression: every date parse_date accepts formats back to text it accepts",
          "[regression][date]") {
  // fuzz_date: "1 มีนาคม ค.ศ. 1003" parses (CE 1003) but formats as "๑ มีนาคม ๑๕๔๖", which
  // parse_date rejects as a CE-looking year: a date that can be read but not saved and re-read.
  const text::Date d = text::parse_date("1 มีนาคม ค.ศ. 1003");
  for (auto style : {text::DateStyle::full, text::DateStyle::official}) {
    const std::string s = text::format_date(d, style);
    INFO(s);
    text::Date back;
    CHECK_NOTHROW(back = text::parse_date(s));
    CHECK(back == d);
  }
}
