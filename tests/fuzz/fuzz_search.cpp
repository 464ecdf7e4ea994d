// Indicator search queries over the built-in BMA framework: never crash; hits are ranked, within
// the limit, and their highlight spans lie inside the hit text, sorted and not overlapping.
#include "fuzz_common.hpp"
#include "samatthana/io.hpp"
#include "samatthana/search.hpp"

using namespace samatthana;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::as_text(data, size);
  static const IndicatorIndex index(bma_core());
  SearchOptions opt;
  opt.limit = size % 2 ? 5 : 0;
  std::vector<SearchHit> hits;
  try {
    hits = index.search(in, opt);
  } catch (const Error& e) {
    fuzz::check_error(e, size);
    return 0;
  }
  if (opt.limit) FUZZ_CHECK(hits.size() <= opt.limit);
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const SearchHit& h = hits[i];
    FUZZ_CHECK(h.score > 0, h.text);
    if (i) FUZZ_CHECK(hits[i - 1].score >= h.score, "hits not ranked best first");
    FUZZ_CHECK(text::is_valid_utf8(h.text));
    std::size_t end = 0;
    for (const auto& s : h.highlights) {
      FUZZ_CHECK(s.begin >= end && s.end > s.begin && s.end <= h.text.size(), h.text);
      FUZZ_CHECK(text::is_valid_utf8(s.of(h.text)), "highlight cuts a character");
      end = s.end;
    }
    FUZZ_CHECK(bma_core().find(h.competency_id).has_value(), h.competency_id);
    if (h.kind == HitKind::indicator) (void)bma_core().indicator(h.indicator_id);
  }
  return 0;
}
