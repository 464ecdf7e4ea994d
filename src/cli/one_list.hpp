#pragma once
// --all-errors as one list (docs/cli.md): every error of reading the ratings, evidence and
// results files AND every scoring error of the rows that did read, in file order (the ratings
// file, then the evidence file, then the results file; each by line), one cap, one ImportErrors.
// A person named by a row that could not be read (in any file) is not scored: their other rows
// are left out before scoring, so they cause no scoring error of their own (an evidence row of a
// person whose ratings row was dropped is not "a person who is not in the ratings file").
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "samatthana/samatthana.hpp"

namespace samatthana::cli {

class OneList {
 public:
  /// `files`: the ratings, evidence and results files as given ("" when not given).
  OneList(std::size_t cap, std::vector<std::string> files)
      : cap_(cap), files_(std::move(files)), reading_(cap), scoring_(cap) {}

  /// The thread's read options with the readers returning the rows that read (their errors
  /// kept here, with the person each names).
  [[nodiscard]] ReadOptions read_options() {
    ReadOptions o = current_read_options();
    o.all_errors = cap_;
    o.on_row_error = [this](const Error& e, std::string_view person_id) {
      reading_.add(e);
      if (!person_id.empty()) dropped_.emplace(person_id);
    };
    return o;
  }

  /// Runs the read `f`; an error that ends it (a bad header, a file that cannot be read) is
  /// kept and nothing is scored.
  template <class F>
  void read(F&& f) {
    try {
      std::forward<F>(f)();
    } catch (const ImportErrors& e) {
      keep(reading_, e.errors());
      unreadable_ = true;
    } catch (const Error& e) {
      reading_.add(e);
      unreadable_ = true;
    }
  }
  /// True when a file could not be read to its end: nothing is scored.
  [[nodiscard]] bool unreadable() const noexcept { return unreadable_; }

  /// The inputs without the people named by a row that could not be read.
  void leave_out(RatingsTable& t) const;
  void leave_out(EvidenceTable& t) const {
    if (dropped_.empty()) return;
    std::erase_if(t.rows, [&](const EvidenceRow& r) { return dropped_.count(r.person_id) > 0; });
  }
  void leave_out(ResultsTable& t) const;

  /// Runs the scoring `f` (score_cohort in its collect mode); its errors are kept.
  template <class F>
  void score(F&& f) {
    try {
      std::forward<F>(f)();
    } catch (const ImportErrors& e) {
      keep(scoring_, e.errors());
    }
  }

  /// Throws every error kept, reading and scoring merged in file order, as one ImportErrors
  /// (none: returns).
  void finish() const;

 private:
  static void keep(ErrorList& into, const ErrorList& from) {
    for (const LocatedError& e : from.items()) into.add(e);
    if (from.more()) count_past(into, from.items().back(), into.total() + from.more());
  }
  /// Counts errors past the cap of the full `list` until it has `total` (counted, not kept).
  static void count_past(ErrorList& list, const LocatedError& e, std::size_t total) {
    while (list.total() < total) list.add(e);
  }
  /// The index of the input file an error names (files_.size(): another).
  [[nodiscard]] std::size_t rank_of(const LocatedError& e) const {
    for (std::size_t k = 0; k < files_.size(); ++k)
      if (!files_[k].empty() && detail::shown(files_[k], detail::ShownLimits::name) == e.where.file)
        return k;
    return files_.size();
  }

  std::size_t cap_;
  std::vector<std::string> files_;
  ErrorList reading_, scoring_;
  std::unordered_set<std::string> dropped_;
  bool unreadable_ = false;
};

inline void OneList::leave_out(RatingsTable& t) const {
  if (dropped_.empty()) return;
  const std::size_t c = t.competencies(), n = t.size();
  std::vector<std::size_t> moved(n, n);  // old row → new row (n: left out)
  std::size_t kept = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (dropped_.count(t.people[i].id)) continue;
    moved[i] = kept;
    if (kept != i) {
      t.people[kept] = std::move(t.people[i]);
      if (!t.lines.empty()) t.lines[kept] = t.lines[i];
      std::copy_n(t.levels.begin() + static_cast<std::ptrdiff_t>(i * c), c,
                  t.levels.begin() + static_cast<std::ptrdiff_t>(kept * c));
      if (!t.results.empty()) t.results[kept] = t.results[i];
      if (!t.other.empty()) t.other[kept] = t.other[i];
    }
    ++kept;
  }
  t.people.resize(kept);
  if (!t.lines.empty()) t.lines.resize(kept);
  t.levels.resize(kept * c);
  if (!t.results.empty()) t.results.resize(kept);
  if (!t.other.empty()) t.other.resize(kept);
  std::size_t q = 0;
  for (std::size_t k = 0; k < t.raters.size(); ++k) {
    if (moved[t.raters[k].person] == n) continue;
    if (q != k) {
      t.raters[q] = std::move(t.raters[k]);
      std::copy_n(t.rater_levels.begin() + static_cast<std::ptrdiff_t>(k * c), c,
                  t.rater_levels.begin() + static_cast<std::ptrdiff_t>(q * c));
    }
    t.raters[q].person = moved[t.raters[q].person];
    ++q;
  }
  t.raters.resize(q);
  t.rater_levels.resize(q * c);
}

inline void OneList::leave_out(ResultsTable& t) const {
  if (dropped_.empty()) return;
  std::size_t kept = 0;
  for (std::size_t q = 0; q < t.rows.size(); ++q) {
    if (dropped_.count(t.rows[q].first)) continue;
    if (kept != q) {
      t.rows[kept] = std::move(t.rows[q]);
      if (!t.lines.empty()) t.lines[kept] = t.lines[q];
      if (!t.other.empty()) t.other[kept] = t.other[q];
    }
    ++kept;
  }
  t.rows.resize(kept);
  if (!t.lines.empty()) t.lines.resize(kept);
  if (!t.other.empty()) t.other.resize(kept);
}

inline void OneList::finish() const {
  if (reading_.total() + scoring_.total() == 0) return;
  // Each list is in file order and keeps its first cap_ errors: the first cap_ of the two
  // merged are among them. Reading errors come first on a line of both.
  struct Entry {
    std::size_t rank, line;
    const LocatedError* e;
  };
  std::vector<Entry> all;
  for (const ErrorList* l : {&reading_, &scoring_})
    for (const LocatedError& e : l->items()) all.push_back({rank_of(e), e.where.line, &e});
  std::stable_sort(all.begin(), all.end(), [](const Entry& a, const Entry& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.line < b.line;
  });
  ErrorList list(cap_);
  for (const Entry& x : all)
    if (!list.full()) list.add(*x.e);
  const std::size_t total = reading_.total() + scoring_.total();
  if (list.total() < total) count_past(list, *all.back().e, total);  // past the cap: counted
  const bool one_file = std::all_of(all.begin(), all.end(),
                                    [&](const Entry& x) { return x.rank == all.front().rank; });
  const std::size_t r = all.front().rank;
  throw ImportErrors(one_file && r < files_.size() ? files_[r] : std::string(), std::move(list));
}

}  // namespace samatthana::cli
