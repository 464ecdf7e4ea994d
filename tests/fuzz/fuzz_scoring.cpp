// Scoring properties over arbitrary evidence and levels (the BMA framework and profile):
// - the held level is monotone in evidence: showing one more indicator never lowers it;
// - points are monotone in the held level, for every method, and gap = held − expected;
// - the batch path agrees with the per-person definitions (part_score) and is monotone too.
#include <unordered_map>
#include <vector>

#include "fuzz_common.hpp"
#include "samatthana/io.hpp"
#include "samatthana/scoring.hpp"

using namespace samatthana;

namespace {
struct Bytes {
  const std::uint8_t* p;
  std::size_t n, at = 0;
  std::uint8_t next() { return at < n ? p[at++] : 0; }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes in{data, size};
  const Framework& fw = bma_core();
  const std::size_t c = fw.size();

  // 1. Held level monotone in evidence.
  const Competency& comp = fw.competencies()[in.next() % c];
  HeldLevelOptions opt;
  const std::uint8_t pol = in.next();
  opt.policy = pol % 3 == 0   ? LevelPolicy::strict
               : pol % 3 == 1 ? LevelPolicy::threshold
                              : LevelPolicy::automatic;
  opt.threshold = 0.1 + 0.9 * (in.next() / 255.0);
  std::unordered_map<std::string, Observation> obs;
  std::vector<std::string> ids;
  for (const auto& l : comp.levels)
    for (const auto& ind : l.indicators) {
      ids.push_back(ind.id);
      obs[ind.id] = static_cast<Observation>(in.next() % 3);
    }
  const std::vector<const Rating*> none;
  const HeldLevel before = held_level(comp, none, obs, opt);
  const std::string& flip = ids[in.next() % ids.size()];
  obs[flip] = Observation::shown;
  const HeldLevel after = held_level(comp, none, obs, opt);
  FUZZ_CHECK(after.level >= before.level, flip);
  FUZZ_CHECK(after.level <= comp.max_level() && before.level >= -1);

  // 2. Points monotone in held level; gap as defined.
  std::vector<int> maxl, held(c), expected(c);
  for (const auto& k : fw.competencies()) maxl.push_back(k.max_level());
  for (std::size_t j = 0; j < c; ++j) {
    held[j] = in.next() % (maxl[j] + 1);
    expected[j] = in.next() % (maxl[j] + 1);
  }
  for (Method m : {Method::bma, Method::bar, Method::rating, Method::ratio})
    for (std::size_t j = 0; j < c; ++j) {
      FUZZ_CHECK(gap(held[j], expected[j]) == held[j] - expected[j]);
      if (held[j] < maxl[j])
        FUZZ_CHECK(points(m, held[j], expected[j]) <= points(m, held[j] + 1, expected[j]));
      if (expected[j] < maxl[j])
        FUZZ_CHECK(points(m, held[j], expected[j]) >= points(m, held[j], expected[j] + 1));
    }

  // 3. The batch path agrees with part_score and is monotone in each held level.
  ScoringRules rules;
  rules.method = static_cast<Method>(in.next() % 4);
  rules.dpis_rounding = in.next() & 1;
  rules.ratio_cap = in.next() & 1;
  const Scheme& scheme = default_profile(fw)->scheme();
  const std::size_t j = in.next() % c;
  std::vector<std::int8_t> h8(2 * c), e8(2 * c);
  for (std::size_t k = 0; k < c; ++k) {
    h8[k] = h8[c + k] = static_cast<std::int8_t>(held[k]);
    e8[k] = e8[c + k] = static_cast<std::int8_t>(expected[k]);
  }
  if (held[j] < maxl[j]) ++h8[c + j];  // row 2: one level more in competency j
  std::vector<double> part(2), total(2);
  std::vector<std::int8_t> gaps(2 * c), band(2);
  std::vector<double> pts(2 * c);
  const std::vector<double> results{in.next() / 2.55, std::numeric_limits<double>::quiet_NaN()};
  BatchOutput out{gaps, pts, part, total, band};
  score_batch(2, c, h8, e8, maxl, results, rules, scheme, out);
  FUZZ_CHECK(part[1] >= part[0], "one level more lowered the part score");
  FUZZ_CHECK(std::abs(part[0] - part_score(held, expected, rules)) < 1e-9,
             "batch and part_score differ");
  for (std::size_t k = 0; k < c; ++k) {
    FUZZ_CHECK(gaps[k] == held[k] - expected[k]);
    FUZZ_CHECK(pts[k] == points(rules.method, held[k], expected[k]));
  }
  FUZZ_CHECK(band[0] >= 0 && band[1] == -1);
  return 0;
}
