// Thai word segmentation (docs/thai-text.md): libthai's maximal matching inside Thai text, ICU's
// word breaks outside it, then a repair layer. libthai and ICU stay in src/.
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <unordered_set>

extern "C" {
#include <thai/thbrk.h>
#include <thai/thwbrk.h>
}

#include "samatthana/error.hpp"
#include "samatthana/text.hpp"
#include "text/utf8.hpp"

namespace samatthana::text {
namespace {

// ICU break iterators are not thread-safe; each thread keeps its own, cloned from one prototype.
icu::BreakIterator& thread_breaker() {
  static const std::unique_ptr<icu::BreakIterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createWordInstance(icu::Locale("th"), status));
    if (U_FAILURE(status) || !b)
      throw Error("Thai word breaking (ICU) is unavailable: " + std::string(u_errorName(status)));
    return b;
  }();
  thread_local std::unique_ptr<icu::BreakIterator> mine(prototype->clone());
  return *mine;
}

// Words ICU's dictionary splits wrongly in formal (civil-service) Thai: the repair layer joins
// neighbouring pieces whose concatenation is one of these. Each was seen split by ICU 72.
const std::unordered_set<std::u16string>& repair_words() {
  static const std::unordered_set<std::u16string> words = [] {
    static constexpr std::array<std::string_view, 24> list = {
        "ผลกระทบ",   "กระทบ",      "ผลสัมฤทธิ์",     "สัมฤทธิ์ผล",     "สัมพันธภาพ", "ประสิทธิภาพ",
        "จรรยาบรรณ", "ผู้รับบริการ",   "ผู้บังคับบัญชา",   "ผู้ใต้บังคับบัญชา", "สมรรถนะ",  "พฤติกรรม",
        "บ่งชี้",       "ตรงไปตรงมา", "ความเชี่ยวชาญ", "เชี่ยวชาญ",     "ภาคภูมิใจ",  "องค์ความรู้",
        "วิทยาการ",   "ข้อขัดข้อง",    "ข้อขัดแย้ง",     "ยืนหยัด",       "ธำรง",     "สั่งสม"};
    std::unordered_set<std::u16string> out;
    for (auto w : list) {
      icu::UnicodeString u =
          icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), static_cast<int32_t>(w.size())));
      out.emplace(detail::u16_view(u));
    }
    return out;
  }();
  return words;
}

bool is_thai(UChar32 c) { return c >= 0x0E00 && c <= 0x0E7F; }
// Characters that cannot begin a Thai word: following vowels and combining marks.
bool cannot_start_word(UChar32 c) {
  return c == 0x0E30 || c == 0x0E31 || (c >= 0x0E32 && c <= 0x0E3A) ||
         (c >= 0x0E45 && c <= 0x0E4E && c != 0x0E46);
}

// libthai's breaker is not documented as thread-safe: one per thread, freed with the thread.
ThBrk* thread_libthai() {
  struct Holder {
    ThBrk* brk = th_brk_new(nullptr);  // the default dictionary of Debian's libthai-data
    ~Holder() {
      if (brk) th_brk_delete(brk);
    }
  };
  thread_local Holder h;
  return h.brk;
}

// Word boundaries (UTF-16 offsets) of the whole text: libthai's inside runs of Thai letters,
// ICU's between two non-Thai characters, and every edge of whitespace and of a Thai run.
// Measured on wisesight-160 (benchmarks/segmentation_f1.py), this with repair() beats both
// ICU and libthai alone. Without libthai's dictionary, ICU's boundaries are used throughout.
std::vector<int32_t> combined_boundaries(const icu::UnicodeString& u,
                                         const std::vector<int32_t>& icu) {
  ThBrk* brk = thread_libthai();
  if (!brk) return icu;
  std::vector<wchar_t> wide;  // code points, as libthai's wide API takes them
  std::vector<int32_t> unit;  // UTF-16 offset of each code point, plus the end
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    wide.push_back(static_cast<wchar_t>(c));
    unit.push_back(i);
    i += U16_LENGTH(c);
  }
  unit.push_back(u.length());
  wide.push_back(L'\0');
  std::vector<int> pos(wide.size() + 1);
  const int n = th_brk_wc_find_breaks(brk, wide.data(), pos.data(), pos.size());
  std::vector<int32_t> b{0, u.length()};
  for (int k = 0; k < n; ++k)
    if (pos[static_cast<std::size_t>(k)] > 0 &&
        static_cast<std::size_t>(pos[static_cast<std::size_t>(k)]) < unit.size())
      b.push_back(unit[static_cast<std::size_t>(pos[static_cast<std::size_t>(k)])]);
  const std::size_t cps = wide.size() - 1;
  for (std::size_t i = 1; i < cps; ++i) {
    const auto a = static_cast<UChar32>(wide[i - 1]), c = static_cast<UChar32>(wide[i]);
    if (u_isUWhiteSpace(a) || u_isUWhiteSpace(c) || is_thai(a) != is_thai(c)) b.push_back(unit[i]);
  }
  for (int32_t x : icu) {
    if (x <= 0 || x >= u.length()) continue;
    if (!is_thai(u.char32At(x)) && !is_thai(u.char32At(u.moveIndex32(x, -1)))) b.push_back(x);
  }
  std::sort(b.begin(), b.end());
  b.erase(std::unique(b.begin(), b.end()), b.end());
  return b;
}

std::vector<int32_t> icu_boundaries(const icu::UnicodeString& u) {
  icu::BreakIterator& bi = thread_breaker();
  bi.setText(u);
  std::vector<int32_t> b;
  for (int32_t p = bi.first(); p != icu::BreakIterator::DONE; p = bi.next()) b.push_back(p);
  return b;
}

// Boundaries in UTF-16 units -> spans in UTF-8 bytes.
std::vector<Span> to_spans(std::string_view s, const icu::UnicodeString& u,
                           const std::vector<int32_t>& b) {
  std::vector<Span> spans;
  if (b.size() < 2) return spans;
  std::size_t byte = 0;
  int32_t unit = 0;
  std::size_t prev_byte = 0;
  for (std::size_t k = 1; k < b.size(); ++k) {
    while (unit < b[k]) {
      const UChar32 c = u.char32At(unit);
      unit += U16_LENGTH(c);
      byte += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    spans.push_back(Span{prev_byte, byte});
    prev_byte = byte;
  }
  (void)s;
  return spans;
}

// A letter typed three or more times for emphasis (มากกกก, ค่ะะะ) belongs to the word it
// lengthens: no boundary inside the run or at its start. Runs of full stops ("...") are one token.
std::vector<int32_t> join_runs(const icu::UnicodeString& u, const std::vector<int32_t>& b) {
  std::vector<std::pair<int32_t, int32_t>> runs;  // [start, end) in UTF-16 units
  for (int32_t i = 0; i < u.length();) {
    const char16_t c = u.charAt(i);
    int32_t j = i + 1;
    while (j < u.length() && u.charAt(j) == c) ++j;
    if ((is_thai(c) && c != 0x0E46 && j - i >= 3) || (c == '.' && j - i >= 2))
      runs.emplace_back(c == '.' ? i + 1 : i, j);
    i = j;
  }
  // Web addresses (http://…, https://…, www.…) up to the next space are one token.
  for (int32_t i = 0; i < u.length(); ++i) {
    if (i > 0 && !u_isUWhiteSpace(u.char32At(i - 1))) continue;
    const bool url = u.compare(i, 7, u"http://") == 0 || u.compare(i, 8, u"https://") == 0 ||
                     u.compare(i, 4, u"www.") == 0;
    if (!url) continue;
    int32_t j = i;
    while (j < u.length() && !u_isUWhiteSpace(u.char32At(j))) ++j;
    runs.emplace_back(i + 1, j);
    i = j;
  }
  std::sort(runs.begin(), runs.end());
  if (runs.empty()) return b;
  std::vector<int32_t> out;
  std::size_t r = 0;
  for (int32_t x : b) {
    while (r < runs.size() && runs[r].second <= x) ++r;
    const bool inside = r < runs.size() && runs[r].first <= x && x < runs[r].second && x > 0;
    if (!inside) out.push_back(x);
  }
  return out;
}

std::vector<int32_t> repair(const icu::UnicodeString& u, std::vector<int32_t> b) {
  if (b.size() < 3) return b;
  const auto& dict = repair_words();
  std::vector<int32_t> out{b[0]};
  auto piece = [&](std::size_t k) {  // piece k spans b[k]..b[k+1]
    return std::u16string(detail::u16_view(u).substr(static_cast<std::size_t>(b[k]),
                                                     static_cast<std::size_t>(b[k + 1] - b[k])));
  };
  std::size_t k = 0;
  const std::size_t pieces = b.size() - 1;
  while (k < pieces) {
    // Dictionary repair: the longest run of 2..4 pieces that makes a listed word.
    std::size_t take = 1;
    std::u16string acc = piece(k);
    for (std::size_t j = k + 1; j < pieces && j < k + 4; ++j) {
      acc += piece(j);
      if (dict.count(acc)) take = j - k + 1;
    }
    k += take;
    // Pieces that cannot begin a word stay with the word before them.
    while (k < pieces && is_thai(u.char32At(b[k])) && cannot_start_word(u.char32At(b[k]))) ++k;
    out.push_back(b[k]);
  }
  return join_runs(u, out);
}

}  // namespace

std::vector<Span> segment_icu(std::string_view s) {
  const icu::UnicodeString u = detail::to_icu(s);
  return to_spans(s, u, icu_boundaries(u));
}

std::vector<Span> segment(std::string_view s) {
  const icu::UnicodeString u = detail::to_icu(s);
  return to_spans(s, u, repair(u, combined_boundaries(u, icu_boundaries(u))));
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  for (const Span& sp : segment(s)) {
    const std::string_view w = sp.of(s);
    bool blank = true;
    for (char c : w)
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') blank = false;
    if (!blank) out.emplace_back(w);
  }
  return out;
}

}  // namespace samatthana::text
