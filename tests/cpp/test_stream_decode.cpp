// cp874 and UTF-16 files decoded block by block (detail::TableDecoder, RatingsStream): the text
// and the errors of the whole-file decode, wherever the blocks end.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <typeinfo>

#include "helpers.hpp"
#include "io/formats.hpp"
#include "samatthana/stream.hpp"

namespace fs = std::filesystem;
using namespace samatthana;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

fs::path fixture(const char* name) {
  return fs::path(SAMATTHANA_SOURCE_DIR) / "tests/data/encodings" / name;
}

/// What happened: the text, or the error's class, message and location.
struct Outcome {
  std::string text;
  std::string error;  ///< "" when none
  std::optional<Location> where;
};

Outcome outcome_of(const std::function<std::string()>& f) {
  Outcome o;
  try {
    o.text = f();
  } catch (const Error& e) {
    o.error = std::string(typeid(e).name()) + " " + e.what();
    o.where = e.where();
  }
  return o;
}

void same(const Outcome& a, const Outcome& b) {
  CHECK(a.error == b.error);
  CHECK(a.text == b.text);
  if (a.where && b.where) {
    CHECK(a.where->line == b.where->line);
    CHECK(a.where->column == b.where->column);
    CHECK(a.where->byte_offset == b.where->byte_offset);
    CHECK(a.where->value == b.where->value);
  }
}

Outcome whole(const std::string& bytes, Encoding e) {
  return outcome_of([&] {
    std::string out;
    if (!detail::decode_table_text(bytes, e, "f.csv", out)) return std::string("(as it is)");
    return out;
  });
}

/// The text fed in blocks of `block` bytes (after a check pass over the same blocks).
Outcome blocks(const std::string& bytes, Encoding e, std::size_t block) {
  return outcome_of([&] {
    const std::string head = bytes.substr(0, 4096);
    auto check = detail::TableDecoder::make(head, e, "f.csv");
    if (!check) return std::string("(as it is)");
    for (std::size_t at = 0;; at += block) {
      const bool last = at >= bytes.size();
      check->check(last ? std::string_view() : std::string_view(bytes).substr(at, block), last);
      if (last) break;
    }
    auto d = detail::TableDecoder::make(head, e, "f.csv");
    std::string out;
    for (std::size_t at = 0;; at += block) {
      const bool last = at >= bytes.size();
      d->feed(last ? std::string_view() : std::string_view(bytes).substr(at, block), last, out);
      if (last) break;
    }
    return out;
  });
}

std::string utf16le(const std::u16string& s, bool bom = true) {
  std::string out = bom ? "\xFF\xFE" : "";
  for (const char16_t c : s) {
    out.push_back(static_cast<char>(c & 0xFF));
    out.push_back(static_cast<char>(c >> 8));
  }
  return out;
}

}  // namespace

TEST_CASE("stream decode: every block size gives the whole-file text", "[stream][encoding]") {
  struct Case {
    const char* file;
    Encoding e;
  };
  for (const Case c :
       {Case{"ratings-cp874.csv", Encoding::cp874}, Case{"ratings-cp874-tab.txt", Encoding::cp874},
        Case{"ratings-utf16le.txt", Encoding::automatic},
        Case{"ratings-utf16be.txt", Encoding::utf16},
        Case{"ratings-cp874-bad.csv", Encoding::cp874},
        Case{"ratings-utf16-cut.txt", Encoding::automatic},
        Case{"ratings-utf8.csv", Encoding::cp874}, Case{"ratings-utf16le.txt", Encoding::cp874}}) {
    const std::string bytes = slurp(fixture(c.file));
    const Outcome want = whole(bytes, c.e);
    for (std::size_t block : {1, 2, 3, 5, 8, 64, 100000}) {
      INFO(c.file << " block " << block << " " << want.error);
      same(blocks(bytes, c.e, block), want);
    }
  }
}

TEST_CASE("stream decode: surrogate pairs, quoted tab fields and CRLF cut by blocks",
          "[stream][encoding]") {
  const std::u16string text =
      u"id\tname\r\nP1\t\"a\ttab \"\"q\"\" \U0001F600\"\r\nP2\t\"two\r\nlines\"\r\nP3\tx\r";
  const std::string bytes = utf16le(text);
  const Outcome want = whole(bytes, Encoding::automatic);
  REQUIRE(want.error.empty());
  CHECK(want.text.find("\"a\ttab \"\"q\"\" \xF0\x9F\x98\x80\"") != std::string::npos);
  for (std::size_t block = 1; block <= 12; ++block) {
    INFO("block " << block);
    same(blocks(bytes, Encoding::automatic, block), want);
  }
  // Errors: a lone lead surrogate, text after a closing quote, a quote never closed, a BOM inside.
  for (const std::u16string& bad :
       {std::u16string(u"id\tname\r\nP1\tx") + char16_t(0xD83D) + u"y\r\n",
        std::u16string(u"id\tname\r\nP1\t\"x\"y\r\n"), std::u16string(u"id\tname\r\nP1\t\"x\r\n"),
        std::u16string(u"id\tname\r\nP1\tx\uFEFF\r\n")}) {
    const std::string b = utf16le(bad);
    const Outcome w = whole(b, Encoding::automatic);
    CHECK_FALSE(w.error.empty());
    for (std::size_t block : {1, 2, 3, 7, 1000}) {
      INFO(w.error << " block " << block);
      same(blocks(b, Encoding::automatic, block), w);
    }
  }
}

TEST_CASE("stream decode: a cp874 byte error after a quoting error still comes first",
          "[stream][encoding]") {
  std::string bytes = "id\tname\r\nP1\t\"x\"y\r\n";
  for (int i = 0; i < 50; ++i) bytes += "P" + std::to_string(i + 2) + "\tname\r\n";
  bytes += "P99\t\xDB\r\n";
  const Outcome w = whole(bytes, Encoding::cp874);
  REQUIRE(w.error.find("0xDB") != std::string::npos);
  for (std::size_t block : {1, 16, 4096}) same(blocks(bytes, Encoding::cp874, block), w);
}

TEST_CASE("stream decode: RatingsStream reads cp874 and UTF-16 in bounded blocks",
          "[stream][encoding]") {
  const auto fw = test::bma();
  const fs::path dir =
      fs::temp_directory_path() / ("samatthana-sdecode-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string text =
      "person_id,name,unit,position,integrity,service,achievement,teamwork,expertise\r\n";
  std::string cp874 = text;
  for (int i = 1; i <= 40; ++i) {
    const std::string r = "P" + std::to_string(i) + ",%1,%2,K2,3,2,2,2,2\r\n";
    text += r;
    cp874 += r;
  }
  // Thai names: "สมหญิง" in cp874 is CA C1 CB AD D4 A7; the unit "เขต" is E0 A2 B5.
  const auto put = [](std::string s, const std::string& name, const std::string& unit) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s.compare(i, 2, "%1") == 0)
        out += name, ++i;
      else if (s.compare(i, 2, "%2") == 0)
        out += unit, ++i;
      else
        out += s[i];
    }
    return out;
  };
  const fs::path f8 = dir / "r8.csv", f874 = dir / "r874.csv";
  std::ofstream(f8, std::ios::binary) << put(text, "สมหญิง", "เขต");
  std::ofstream(f874, std::ios::binary) << put(cp874, "\xCA\xC1\xCB\xAD\xD4\xA7", "\xE0\xA2\xB5");
  ReadOptions o;
  o.encoding = Encoding::cp874;
  const ScopedReadOptions scope(o);
  CHECK(stream_reads_bounded(f874));
  std::string note;
  o.on_decoded = [&](std::string_view, std::string_view how) { note = how; };
  const ScopedReadOptions with_note(o);
  const RatingsTable want = [&] {
    ReadOptions u;
    const ScopedReadOptions utf8(u);
    return load_ratings_csv(f8, fw);
  }();
  for (std::size_t rows : {1, 7, 100}) {
    for (std::size_t block : {1, 3, 64}) {
      RatingsStream in(f874, fw, StreamOptions{rows, block});
      CHECK(note == "cp874 (Windows-874, --encoding cp874)");
      RatingsTable t;
      std::size_t n = 0;
      while (in.next(t)) {
        for (std::size_t i = 0; i < t.people.size(); ++i) {
          REQUIRE(n < want.people.size());
          CHECK(t.people[i].name == want.people[n].name);
          CHECK(t.people[i].unit == want.people[n].unit);
          CHECK(t.lines[i] == want.lines[n]);
          ++n;
        }
      }
      CHECK(n == want.people.size());
      CHECK(in.bytes_read() == fs::file_size(f874));
    }
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}
