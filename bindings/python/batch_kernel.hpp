#pragma once
// score_batch's loop in blocks of rows, a competency at a time: the same values as
// samatthana::score_batch (include/samatthana/scoring.hpp), computed from tables built with its
// own functions (points, detail::part_from_sums, Scheme::band_index's rule) so that no formula is
// written twice. Used by score(df)'s columnar path (register_speed_scoring.cpp); its strided
// layouts also fit score_arrays' row-major n × c arrays.
//
// Why it is faster than score_batch's per-person loop: no branch per competency (the points of
// every (held, expected) pair and the part score of every possible sum are looked up in tables
// made once per call), the totals and bands of a block are one loop without calls or branches
// that the compiler vectorises, and the block's sums stay in L1.
//
// It takes only what it can score exactly: methods whose sums are whole numbers (all but
// weighted ratings), levels up to 15, a scheme with bands. Tables::make says so (nullopt), and
// score_rows returns false at a level or a result out of range: the caller then runs
// score_batch, which gives the located error (or, for what the tables do not cover, the result).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <optional>
#include <span>
#include <system_error>
#include <thread>
#include <vector>

#include "samatthana/scoring.hpp"

namespace samatthana::python::batch {
// Internal linkage: each file that includes this compiles its own copy with its own flags (the
// linker must not pick one file's -O2 copy of an inline function for another's -O3 calls).
namespace {

/// Element (i, j) of an n × c array at base[i * row + j * col] (column-major: row 1, col n;
/// numpy row-major: row c, col 1).
template <class T>
struct Strided {
  T* base = nullptr;
  std::ptrdiff_t row = 0, col = 0;
  T* column(std::size_t j, std::size_t from) const noexcept {
    return base + static_cast<std::ptrdiff_t>(j) * col + static_cast<std::ptrdiff_t>(from) * row;
  }
};

/// What one call scores with, made once: points per (held, expected), part score per sum, the
/// scheme's total and band floors.
struct Tables {
  static constexpr int kLevels = 16;  ///< levels 0..15 (every shipped framework has ≤ 6)
  std::size_t competencies = 0;
  std::vector<int> max_level;
  std::int8_t points[kLevels * kLevels] = {};
  bool ratio = false;
  std::size_t stride = 1;          ///< ratio: part index = Σheld × stride + Σexpected
  std::vector<double> part;        ///< by sum (see stride)
  double results_weight = 0;       ///< of Scheme::total
  std::vector<double> band_floor;  ///< band i's min − 1e-9, as Scheme::band_index compares

  static std::optional<Tables> make(const ScoringRules& rules, std::span<const int> max_level,
                                    const Scheme& scheme) {
    // A scheme with an other part: totals need each person's other figure (score_batch).
    if (!detail::integral_sums(rules) || max_level.empty() || scheme.bands.empty() ||
        scheme.bands.size() > 127 || scheme.other_weight > 0)
      return std::nullopt;
    Tables t;
    t.competencies = max_level.size();
    t.max_level.assign(max_level.begin(), max_level.end());
    std::size_t top_points = 0, top_levels = 0;
    for (const int m : max_level) {
      if (m < 0 || m >= kLevels) return std::nullopt;
      top_points += static_cast<std::size_t>(detail::max_points(rules.method, m));
      top_levels += static_cast<std::size_t>(m);
    }
    for (int h = 0; h < kLevels; ++h)
      for (int e = 0; e < kLevels; ++e) {
        const double p = samatthana::points(rules.method, h, e);
        if (!(p >= 0 && p <= 127 && p == std::floor(p))) return std::nullopt;
        t.points[h * kLevels + e] = static_cast<std::int8_t>(p);
      }
    t.ratio = rules.method == Method::ratio;
    if (t.ratio) t.stride = top_levels + 1;
    const std::size_t size = (top_points + 1) * t.stride;
    if (size > (std::size_t{1} << 20)) return std::nullopt;
    t.part.resize(size);
    for (std::size_t k = 0; k < size; ++k) {
      detail::PartSums s;
      s.points = static_cast<double>(t.ratio ? k / t.stride : k);
      s.expected = static_cast<double>(t.ratio ? k % t.stride : 0);
      t.part[k] = detail::part_from_sums(s, rules, t.competencies);
    }
    t.results_weight = scheme.results_weight;
    // Totals are rounded in double arithmetic below 2^52 thousandths: results 0..100 weighted,
    // plus the largest part score, stay far below (else the library's rounding: not taken).
    double top_part = 0;
    for (const double x : t.part) top_part = std::max(top_part, std::fabs(x));
    if (!(1000.0 * (std::fabs(t.results_weight) + top_part) < 1e15)) return std::nullopt;
    for (const auto& b : scheme.bands) t.band_floor.push_back(b.min - 1e-9);
    return t;
  }
};

/// The arrays of one call. `results` may be null (no totals, bands); a NaN result has no total
/// (NaN) and band -1, as in score_batch.
struct Columns {
  Strided<const std::int8_t> held, expected;
  Strided<std::int8_t> gap;
  Strided<double> points;
  double* part = nullptr;
  const double* results = nullptr;
  double* total = nullptr;
  std::int8_t* band = nullptr;
};

/// round_half_away(x, places) (scoring.hpp) for |x × f| < 2^52, f = 10^places, in double
/// arithmetic alone (no call, no branch, no conversion: the compiler vectorises it): n = |y|
/// rounded to an integer by adding and subtracting 2^52 (exact below 2^52), floor(|y|) = n or
/// n − 1, |y| − floor(|y|) exact; std::round(y) is away from zero exactly when that is ≥ 0.5.
inline double round_half_away_small(double x, double f) noexcept {
  constexpr double k2p52 = 4503599627370496.0;
  const double y = x * f;
  const double ay = std::fabs(y);
  const double n = (ay + k2p52) - k2p52;
  const double t = n > ay ? n - 1.0 : n;  // trunc(|y|)
  const double frac = ay - t;
  double r = frac >= 0.5 ? t + 1.0 : t;
  r = std::fabs(frac - 0.5) < 1e-9 * (ay > 1.0 ? ay : 1.0) ? t + 1.0 : r;
  return std::copysign(r, y) / f;
}

/// Competency j of the m rows from i0: gap and points written, points and expected levels added
/// to the block's sums. Returns whether a level is out of 0..max_level. `Unit`: every row
/// stride is 1 (column-major), so the loop reads and writes contiguous memory.
template <bool Unit>
inline bool add_competency(const Tables& t, const Columns& c, std::size_t j, std::size_t i0,
                           std::size_t m, std::int32_t* __restrict sum_points,
                           std::int32_t* __restrict sum_expected) noexcept {
  constexpr int L = Tables::kLevels;
  const std::int8_t* __restrict h = c.held.column(j, i0);
  const std::int8_t* __restrict e = c.expected.column(j, i0);
  std::int8_t* __restrict g = c.gap.column(j, i0);
  double* __restrict p = c.points.column(j, i0);
  const std::ptrdiff_t hr = Unit ? 1 : c.held.row, er = Unit ? 1 : c.expected.row,
                       gr = Unit ? 1 : c.gap.row, pr = Unit ? 1 : c.points.row;
  const auto top = static_cast<unsigned>(t.max_level[j]);
  const std::int8_t* __restrict table = t.points;
  unsigned bad = 0;
  if constexpr (Unit) {  // the range check and the stores vectorised, the lookups alone
    std::int32_t pv[256];
    m = std::min<std::size_t>(m, 256);
    const auto top8 = static_cast<std::uint8_t>(top);
    std::uint8_t out = 0;  // a negative level is above every top as an unsigned byte
    for (std::size_t k = 0; k < m; ++k)
      out |= static_cast<std::uint8_t>((static_cast<std::uint8_t>(h[k]) > top8) |
                                       (static_cast<std::uint8_t>(e[k]) > top8));
    if (out) return true;
    for (std::size_t k = 0; k < m; ++k) pv[k] = table[(h[k] & (L - 1)) * L + (e[k] & (L - 1))];
    for (std::size_t k = 0; k < m; ++k) {
      sum_points[k] += pv[k];
      sum_expected[k] += e[k];
      g[k] = static_cast<std::int8_t>(h[k] - e[k]);
      p[k] = pv[k];
    }
    return bad != 0;
  }
  for (std::size_t k = 0; k < m; ++k) {
    const auto kk = static_cast<std::ptrdiff_t>(k);
    const int hv = h[kk * hr], ev = e[kk * er];
    bad |= static_cast<unsigned>(static_cast<unsigned>(hv) > top) |
           static_cast<unsigned>(static_cast<unsigned>(ev) > top);
    const int pv = table[(hv & (L - 1)) * L + (ev & (L - 1))];
    sum_points[k] += pv;
    sum_expected[k] += ev;
    g[kk * gr] = static_cast<std::int8_t>(hv - ev);
    p[kk * pr] = pv;
  }
  return bad != 0;
}

/// What add_row_major needs besides the tables, made once per score_rows call: each element's
/// highest level over a block of row-major rows (the framework's levels repeated), and room for
/// the block's points.
struct RowMajorScratch {
  std::vector<std::uint8_t> top;  ///< kBlock × c
  std::vector<std::int8_t> points;
  explicit RowMajorScratch(const Tables& t, std::size_t block) {
    const std::size_t c = t.competencies;
    top.resize(block * c);
    points.resize(block * c);
    for (std::size_t k = 0; k < top.size(); ++k)
      top[k] = static_cast<std::uint8_t>(t.max_level[k % c]);
  }
};

/// All competencies of the m rows from i0 when each row's levels are contiguous (numpy's
/// row-major n × c, as score_arrays passes them): the block as one flat run of m × c elements,
/// in loops the compiler vectorises (the range check, gaps, points as doubles), the table lookup
/// alone in a scalar loop, then each row's sums. `C`: the number of competencies when known at
/// compile time (the row sums unrolled), else 0.
template <std::size_t C>
inline bool add_row_major(const Tables& t, const Columns& c, std::size_t i0, std::size_t m,
                          RowMajorScratch& s, std::int32_t* __restrict sum_points,
                          std::int32_t* __restrict sum_expected) noexcept {
  constexpr int L = Tables::kLevels;
  const std::size_t nc = C ? C : t.competencies, count = m * nc;
  const std::int8_t* __restrict h = c.held.column(0, i0);
  const std::int8_t* __restrict e = c.expected.column(0, i0);
  std::int8_t* __restrict g = c.gap.column(0, i0);
  double* __restrict p = c.points.column(0, i0);
  const std::uint8_t* __restrict top = s.top.data();
  std::int8_t* __restrict pv = s.points.data();
  const std::int8_t* __restrict table = t.points;
  std::uint8_t bad = 0;  // a negative level is above every top as an unsigned byte
  for (std::size_t k = 0; k < count; ++k)
    bad |= static_cast<std::uint8_t>((static_cast<std::uint8_t>(h[k]) > top[k]) |
                                     (static_cast<std::uint8_t>(e[k]) > top[k]));
  if (bad) return true;
  for (std::size_t k = 0; k < count; ++k) pv[k] = table[(h[k] & (L - 1)) * L + (e[k] & (L - 1))];
  for (std::size_t k = 0; k < count; ++k) {
    g[k] = static_cast<std::int8_t>(h[k] - e[k]);
    p[k] = pv[k];
  }
  for (std::size_t k = 0; k < m; ++k) {
    std::int32_t sp = 0;
    for (std::size_t j = 0; j < nc; ++j) sp += pv[k * nc + j];
    sum_points[k] = sp;
  }
  if (t.ratio)  // the sum of expected levels matters to the ratio method alone
    for (std::size_t k = 0; k < m; ++k) {
      std::int32_t se = 0;
      for (std::size_t j = 0; j < nc; ++j) se += e[k * nc + j];
      sum_expected[k] = se;
    }
  return false;
}

/// Totals (DPIS-rounded) and bands of m rows: loops without calls or branches, which the compiler
/// vectorises. False at a result out of 0..100.
inline bool totals_and_bands(const Tables& t, const double* __restrict r,
                             const double* __restrict part, double* __restrict total,
                             std::int8_t* __restrict band, std::size_t m) noexcept {
  constexpr std::size_t kBlock = 256;
  const double nan = std::numeric_limits<double>::quiet_NaN(), rw = t.results_weight;
  unsigned out_of_range = 0;  // NaN (no results) is in range; bitwise, without a branch: vectorised
  for (std::size_t k = 0; k < m; ++k)
    out_of_range |= static_cast<unsigned>(r[k] < 0.0) | static_cast<unsigned>(r[k] > 100.0);
  if (out_of_range) return false;
  for (std::size_t k = 0; k < m; ++k) {
    const double rk = r[k];
    const double x = (rk == rk ? rk : 0.0) * rw / 100.0 + part[k];
    const double v = round_half_away_small(round_half_away_small(x, 1000.0), 100.0);
    total[k] = rk == rk ? v : nan;  // NaN: no results, no total
  }
  // Scheme::band_index: the first band whose floor the total reaches, else the last.
  double b[kBlock];  // band indices as doubles: the loops stay in one type (vectorised)
  const auto nb = static_cast<std::ptrdiff_t>(t.band_floor.size());
  for (std::size_t k = 0; k < m; ++k) b[k] = static_cast<double>(nb - 1);
  for (std::ptrdiff_t q = nb - 1; q >= 0; --q) {
    const double floor = t.band_floor[static_cast<std::size_t>(q)], qd = static_cast<double>(q);
    for (std::size_t k = 0; k < m; ++k) b[k] = total[k] >= floor ? qd : b[k];
  }
  for (std::size_t k = 0; k < m; ++k)
    band[k] = static_cast<std::int8_t>(r[k] == r[k] ? b[k] : -1.0);
  return true;
}

/// Rows [begin, end) of `c`: gap, points, part, and with results total and band. False (the
/// block's outputs partly written) at a level out of 0..max_level or a result out of 0..100.
/// Compiled twice (GCC and Clang on x86-64 Linux with glibc, whose ifunc picks the clone): for
/// AVX2 (four doubles per instruction) and for any x86-64, the CPU choosing when the module
/// loads. Not FMA: a fused multiply-add would round totals otherwise than the library.
#if defined(__x86_64__) && defined(__linux__) && defined(__GLIBC__) && \
    (defined(__GNUC__) || defined(__clang__)) && !defined(__INTEL_COMPILER)
__attribute__((target_clones("avx2", "default")))
#endif
bool score_rows(const Tables& t, const Columns& c, std::size_t begin,
                       std::size_t end) noexcept {
  constexpr std::size_t kBlock = 256;
  const bool unit = c.held.row == 1 && c.expected.row == 1 && c.gap.row == 1 && c.points.row == 1;
  const bool row_major =
      !unit && c.held.col == 1 && c.expected.col == 1 && c.gap.col == 1 && c.points.col == 1 &&
      c.held.row == static_cast<std::ptrdiff_t>(t.competencies) && c.expected.row == c.held.row &&
      c.gap.row == c.held.row && c.points.row == c.held.row;
  std::optional<RowMajorScratch> scratch;
  try {
    if (row_major) scratch.emplace(t, kBlock);
  } catch (const std::bad_alloc&) {
    return false;  // the caller scores with score_batch
  }
  for (std::size_t i0 = begin; i0 < end; i0 += kBlock) {
    const std::size_t m = std::min(kBlock, end - i0);
    std::int32_t sum_points[kBlock] = {}, sum_expected[kBlock] = {};
    bool bad = false;
    if (row_major)  // five competencies: the BMA's and OCSC's core frameworks
      bad = t.competencies == 5 ? add_row_major<5>(t, c, i0, m, *scratch, sum_points, sum_expected)
                                : add_row_major<0>(t, c, i0, m, *scratch, sum_points, sum_expected);
    else
      for (std::size_t j = 0; j < t.competencies; ++j)
        bad |= unit ? add_competency<true>(t, c, j, i0, m, sum_points, sum_expected)
                    : add_competency<false>(t, c, j, i0, m, sum_points, sum_expected);
    if (bad) return false;
    double* part = c.part + i0;
    if (t.ratio)
      for (std::size_t k = 0; k < m; ++k)
        part[k] = t.part[static_cast<std::size_t>(sum_points[k]) * t.stride +
                         static_cast<std::size_t>(sum_expected[k])];
    else
      for (std::size_t k = 0; k < m; ++k) part[k] = t.part[static_cast<std::size_t>(sum_points[k])];
    if (c.results && !totals_and_bands(t, c.results + i0, part, c.total + i0, c.band + i0, m))
      return false;
  }
  return true;
}

/// How many threads a batch call of n rows uses: `threads` when it is 1 or more (at most one per
/// 1024 rows, at most 256), else (0, the default) two from 100 000 rows on a machine with two
/// cores or more.
inline std::size_t threads_for(std::size_t n, int threads) noexcept {
  if (threads >= 1)
    return std::max<std::size_t>(
        1, std::min({static_cast<std::size_t>(threads), n / 1024, std::size_t{256}}));
  return n >= 100000 && std::thread::hardware_concurrency() > 1 ? 2 : 1;
}

/// Runs part(begin, end) over `parts` consecutive slices of [0, n) at once, the first on this
/// thread; a thread that cannot start leaves its slice to this one. True when every part did.
template <class Part>
bool in_parallel(std::size_t n, std::size_t parts, const Part& part) {
  std::vector<std::thread> others;
  std::vector<char> ok(parts, 1);
  auto bound = [&](std::size_t k) { return n / parts * k + std::min(k, n % parts); };
  std::size_t started = 1;
  try {
    others.reserve(parts - 1);
    for (; started < parts; ++started)
      others.emplace_back([&, started] { ok[started] = part(bound(started), bound(started + 1)); });
  } catch (...) {  // no thread (std::system_error) or no memory for one: the rest on this thread
  }
  bool all = part(bound(0), bound(1));
  for (std::size_t k = started; k < parts; ++k) all &= part(bound(k), bound(k + 1));
  for (auto& t : others) t.join();
  for (std::size_t k = 1; k < started; ++k) all &= ok[k] != 0;
  return all;
}

/// score_batch (scoring.hpp) over row-major n × c arrays, as score_arrays passes them, with the
/// kernel above on threads_for(n, threads) threads. Throws what score_batch throws for the rules
/// and sizes; returns false, having written part of `out`, when the kernel cannot take the input
/// (weighted ratings, levels above 15, an output skipped) or finds a level or a result out of
/// range: then call score_batch, which gives the located error (or the result).
inline bool score_row_major(std::size_t n, std::size_t c, std::span<const std::int8_t> held,
                            std::span<const std::int8_t> expected, std::span<const int> max_level,
                            std::span<const double> results, const ScoringRules& rules,
                            const Scheme& scheme, const BatchOutput& out, int threads = 0) {
  rules.validate(c);
  detail::check_batch_sizes(n, c, held.size(), expected.size(), max_level, results.size(), out);
  if (n == 0 || out.gap.empty() || out.points.empty() || out.part.empty() ||
      (!results.empty() && (out.total.empty() || out.band.empty())))
    return false;
  const std::optional<Tables> t = Tables::make(rules, max_level, scheme);
  if (!t) return false;
  const auto sc = static_cast<std::ptrdiff_t>(c);
  const Columns cols{{held.data(), sc, 1},
                     {expected.data(), sc, 1},
                     {out.gap.data(), sc, 1},
                     {out.points.data(), sc, 1},
                     out.part.data(),
                     results.empty() ? nullptr : results.data(),
                     results.empty() ? nullptr : out.total.data(),
                     results.empty() ? nullptr : out.band.data()};
  const bool ok = in_parallel(n, threads_for(n, threads), [&](std::size_t b, std::size_t e) {
    return score_rows(*t, cols, b, e);
  });
  if (results.empty()) {  // score_batch's outputs without results: no total, band -1
    std::fill(out.total.begin(), out.total.end(), std::numeric_limits<double>::quiet_NaN());
    std::fill(out.band.begin(), out.band.end(), std::int8_t{-1});
  }
  return ok;
}

}  // namespace
}  // namespace samatthana::python::batch
