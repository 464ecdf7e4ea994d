// score_stream: ratings in, scores out, chunk by chunk, into an output that appears whole or not
// at all, with the whole-file path's errors (see samatthana/stream.hpp).
#include <future>
#include <limits>
#include <optional>

#include "io/file.hpp"
#include "samatthana/scores_io.hpp"
#include "samatthana/stream.hpp"
#include "scoring/cohort_checks.hpp"

namespace samatthana {
namespace {

// ---- the output ------------------------------------------------------------------------------

/// Scores of chunks in the format asked for, written to the output file or held in a spool for
/// StreamOutput::at_end: CSV without the header after the first chunk, JSON's "people" items
/// joined across chunks (scores_json's own text, cut at the array).
class ChunkWriter {
 public:
  /// An output that cannot be made (a missing folder, a read-only file) is reported by finish(),
  /// after the whole file is read and scored: the whole-file path reports input errors first.
  explicit ChunkWriter(const StreamOutput& out) : out_(out) {
    if (out.format == StreamFormat::none) return;
    try {
      if (!out.file.empty())
        file_.emplace(out.file);
      else
        spool_.emplace();
    } catch (const Error&) {
      open_error_ = std::current_exception();
    }
  }

  void add(const CohortScores& s) {
    if (out_.format == StreamFormat::csv) return add_csv(scores_csv(s));
    if (out_.format == StreamFormat::json) add_json(scores_json(s), s.n);
  }

  void finish() {
    if (open_error_) std::rethrow_exception(open_error_);
    if (out_.format == StreamFormat::json)
      put(json_started_ ? std::string_view(json_tail_) : std::string_view(json_empty_));
    if (file_) file_->commit();
    if (spool_ && out_.at_end) spool_->read_back(out_.at_end);
  }

 private:
  void put(std::string_view bytes) {
    if (file_) file_->write(bytes);
    if (spool_) spool_->write(bytes);
  }
  void add_csv(const std::string& csv) {
    if (!csv_started_) {
      csv_started_ = true;
      return put(csv);
    }
    const std::size_t nl = csv.find('\n');  // the BOM and header row end at the first line end
    put(std::string_view(csv).substr(nl == std::string::npos ? csv.size() : nl + 1));
  }
  void add_json(const std::string& json, std::size_t people) {
    if (people == 0) {
      if (json_empty_.empty()) json_empty_ = json;
      return;
    }
    // The items of "people": after the key's line (the first line holding it: string values
    // never hold a raw line break) and before the array's closing line.
    static constexpr std::string_view kKey = "\n  \"people\": [\n";
    const std::size_t at = json.find(kKey);
    const std::size_t end = json.rfind("\n  ]");
    if (at == std::string::npos || end == std::string::npos || end < at + kKey.size())
      throw Error(
          "internal: scores_json's layout changed; the streaming JSON writer needs updating");
    const std::string_view items =
        std::string_view(json).substr(at + kKey.size(), end - at - kKey.size());
    if (!json_started_) {
      json_started_ = true;
      put(std::string_view(json).substr(0, at + kKey.size()));
      json_tail_ = json.substr(end);
    } else {
      put(",\n");
    }
    put(items);
  }

  const StreamOutput& out_;
  std::optional<detail::OutputFile> file_;
  std::optional<detail::Spool> spool_;
  bool csv_started_ = false, json_started_ = false;
  std::string json_tail_, json_empty_;
  std::exception_ptr open_error_;
};

// ---- the whole-file path's scoring error -------------------------------------------------------

/// Person `i` of `t` alone, with their rater rows.
RatingsTable person_table(const RatingsTable& t, std::size_t i) {
  const std::size_t c = t.competencies();
  RatingsTable p;
  p.file = t.file;
  p.framework = t.framework;
  p.columns = t.columns;
  p.people.push_back(t.people[i]);
  p.lines.push_back(t.lines[i]);
  p.levels.assign(t.levels.begin() + static_cast<std::ptrdiff_t>(i * c),
                  t.levels.begin() + static_cast<std::ptrdiff_t>((i + 1) * c));
  if (!t.results.empty()) p.results.push_back(t.results[i]);
  if (!t.other.empty()) p.other.push_back(t.other[i]);
  p.other_column = t.other_column;
  for (std::size_t k = 0; k < t.raters.size(); ++k) {
    if (t.raters[k].person != i) continue;
    p.raters.push_back(t.raters[k]);
    p.raters.back().person = 0;
    p.rater_levels.insert(p.rater_levels.end(),
                          t.rater_levels.begin() + static_cast<std::ptrdiff_t>(k * c),
                          t.rater_levels.begin() + static_cast<std::ptrdiff_t>((k + 1) * c));
  }
  return p;
}

/// `b`'s people after `a`'s.
void append(RatingsTable& a, const RatingsTable& b) {
  const std::size_t base = a.people.size();
  a.people.insert(a.people.end(), b.people.begin(), b.people.end());
  a.lines.insert(a.lines.end(), b.lines.begin(), b.lines.end());
  a.levels.insert(a.levels.end(), b.levels.begin(), b.levels.end());
  a.results.insert(a.results.end(), b.results.begin(), b.results.end());
  a.other.insert(a.other.end(), b.other.begin(), b.other.end());
  if (!a.other_column) a.other_column = b.other_column;
  for (auto r : b.raters) {
    r.person += base;
    a.raters.push_back(std::move(r));
  }
  a.rater_levels.insert(a.rater_levels.end(), b.rater_levels.begin(), b.rater_levels.end());
}

/// People who cannot be scored, the smallest table known to give the error the whole-file scorer
/// would give for everyone seen so far: scoring checks each person on their own (a position the
/// profile lacks, a competency nobody rated, ...), phase by phase over everyone, so the error of
/// the whole file is the one score_cohort gives for the table of each chunk's culprit.
struct Culprit {
  RatingsTable table;
  std::exception_ptr error;
  std::string what;
};

struct Scoring {
  std::shared_ptr<const Profile> profile;
  const ScoringOptions& options;

  /// score_cohort's error for `t`, or null.
  [[nodiscard]] std::exception_ptr error_of(const RatingsTable& t, std::string* what) const {
    try {
      (void)score_cohort(t, profile, {}, options);
    } catch (const Error& e) {
      if (what) *what = e.what();
      return std::current_exception();
    }
    return nullptr;
  }

  /// `t` (which failed with `error`) reduced to the person the error names, when that person
  /// alone gives the same error; else all of `t`.
  [[nodiscard]] Culprit reduce(RatingsTable t, std::exception_ptr error, std::string what) const {
    const std::size_t line = [&] {
      try {
        std::rethrow_exception(error);
      } catch (const Error& e) {
        return e.where().line;
      }
    }();
    std::size_t i = 0;
    while (i < t.people.size() && t.lines[i] != line) ++i;
    for (std::size_t k = 0; i == t.people.size() && k < t.raters.size(); ++k)
      if (t.raters[k].line == line) i = t.raters[k].person;
    if (line && i < t.people.size()) {
      RatingsTable one = person_table(t, i);
      std::string w;
      if (std::exception_ptr e = error_of(one, &w); e && w == what)
        return Culprit{std::move(one), e, w};
    }
    return Culprit{std::move(t), std::move(error), std::move(what)};
  }

  /// The error the whole-file scorer gives for `earlier`'s people followed by `later`'s.
  [[nodiscard]] Culprit first(Culprit earlier, Culprit later) const {
    RatingsTable both = earlier.table;
    append(both, later.table);
    std::string w;
    std::exception_ptr e = error_of(both, &w);
    if (!e || w == earlier.what) return earlier;
    if (w == later.what) return later;
    return reduce(std::move(both), e, w);
  }
};

// ---- reading ahead -----------------------------------------------------------------------------

/// The next chunk read and checked on a second thread while this one is scored and written.
/// Errors keep the file's order: a chunk's errors wait in its future until it is taken.
class ReadAhead {
 public:
  explicit ReadAhead(RatingsStream& in) : in_(in) { start(); }
  ~ReadAhead() {
    if (next_.valid()) next_.wait();
  }
  std::unique_ptr<RatingsTable> take() {
    std::unique_ptr<RatingsTable> t = next_.get();
    if (t) start();
    return t;
  }

 private:
  void start() {
    next_ = std::async(std::launch::async, [this]() -> std::unique_ptr<RatingsTable> {
      auto t = std::make_unique<RatingsTable>();
      return in_.next(*t) ? std::move(t) : nullptr;
    });
  }
  RatingsStream& in_;
  std::future<std::unique_ptr<RatingsTable>> next_;
};

/// After a scoring error: the rest of the file read (its reading errors come first, as the
/// whole-file path reads everything before scoring) and scored, to throw the whole file's error.
[[noreturn]] void fail_as_whole_file(ReadAhead& ahead, const Scoring& scoring, Culprit culprit) {
  while (std::unique_ptr<RatingsTable> chunk = ahead.take()) {
    std::string w;
    if (std::exception_ptr e = scoring.error_of(*chunk, &w))
      culprit = scoring.first(std::move(culprit), scoring.reduce(std::move(*chunk), e, w));
  }
  std::rethrow_exception(culprit.error);
}

// ---- the collect mode: every chunk's scoring errors ---------------------------------------------

/// ScoringOptions::all_errors while streaming: each chunk scored in the collect mode, without a
/// cap; their lists one after another are the whole file's (score_cohort lists a file's errors
/// by line, and the chunks come in line order), capped at the end as score_cohort caps them. An
/// error of the whole input (the rules, the profile, an other column the scheme refuses) is the
/// first chunk's, alone, and no chunk is scored after it. A reading error of the file, thrown by
/// the stream at its end, comes instead (the whole-file path reads before it scores).
class CollectedErrors {
 public:
  explicit CollectedErrors(const Scoring& scoring) : scoring_(scoring), uncapped_(scoring.options) {
    uncapped_.all_errors = std::numeric_limits<std::size_t>::max();
  }
  [[nodiscard]] bool failed() const noexcept { return !found_.empty(); }

  /// `chunk`'s scores, or nullopt when it has errors (kept).
  std::optional<CohortScores> score(const RatingsTable& chunk) {
    if (whole_) return std::nullopt;
    const bool first = !seen_;
    seen_ = true;
    try {
      return score_cohort(chunk, scoring_.profile, {}, uncapped_);
    } catch (const ImportErrors& e) {
      file_ = chunk.file;
      found_.insert(found_.end(), e.errors().items().begin(), e.errors().items().end());
      whole_ = first && whole_input_error(chunk);
    }
    return std::nullopt;
  }

  /// Throws the errors found as one ImportErrors (none: returns).
  void finish() const {
    if (found_.empty()) return;
    ErrorList list(*scoring_.options.all_errors);
    for (const LocatedError& e : found_) list.add(e);
    throw ImportErrors(whole_ ? found_.front().where.file : file_, std::move(list));
  }

 private:
  /// Whether the first chunk's errors are one of the whole input's.
  [[nodiscard]] bool whole_input_error(const RatingsTable& chunk) const {
    try {
      const auto profile = detail::check_cohort_setup(chunk, scoring_.profile, uncapped_);
      detail::check_cohort_sources(chunk, nullptr, *profile);
    } catch (const Error&) {
      return true;
    }
    return false;
  }

  const Scoring& scoring_;
  ScoringOptions uncapped_;
  std::vector<LocatedError> found_;
  std::string file_;
  bool seen_ = false, whole_ = false;
};

/// The scores of one chunk: nullopt when the collect mode found errors in it (or before it); in
/// the first-error mode an error reads and scores the rest of the file to throw the whole file's.
std::optional<CohortScores> chunk_scores(std::unique_ptr<RatingsTable>& chunk, ReadAhead& ahead,
                                         const Scoring& scoring,
                                         std::optional<CollectedErrors>& collected) {
  if (collected) {
    std::optional<CohortScores> s = collected->score(*chunk);
    return collected->failed() ? std::nullopt : std::move(s);
  }
  try {
    return score_cohort(*chunk, scoring.profile, {}, scoring.options);
  } catch (const Error& e) {
    fail_as_whole_file(ahead, scoring,
                       scoring.reduce(std::move(*chunk), std::current_exception(), e.what()));
  }
}

}  // namespace

StreamScoreStats score_stream(RatingsStream& in, std::shared_ptr<const Profile> profile,
                              const ScoringOptions& options, const StreamOutput& out,
                              const Progress& progress) {
  ChunkWriter writer(out);
  std::optional<SummaryAccumulator> summary;
  if (out.summary) summary.emplace();
  StreamScoreStats stats;
  const Scoring scoring{std::move(profile), options};
  std::optional<CollectedErrors> collected;
  if (options.all_errors) collected.emplace(scoring);
  ReadAhead ahead(in);
  while (std::unique_ptr<RatingsTable> chunk = ahead.take()) {
    std::optional<CohortScores> s = chunk_scores(chunk, ahead, scoring, collected);
    chunk.reset();
    if (!s) continue;  // the collect mode found errors: nothing more is written
    writer.add(*s);
    if (summary) summary->add(*s);
    stats.people += s->n;
    ++stats.chunks;
    if (progress) progress(in.bytes_read(), in.file_size());
  }
  if (collected) collected->finish();
  writer.finish();
  if (summary) stats.summary = summary->result();
  return stats;
}

StreamScoreStats score_csv_stream(const std::filesystem::path& ratings,
                                  const std::filesystem::path& output,
                                  std::shared_ptr<const Framework> fw,
                                  std::shared_ptr<const Profile> profile,
                                  const ScoringOptions& options, const StreamOptions& stream,
                                  const Progress& progress) {
  RatingsStream in(ratings, std::move(fw), stream);
  StreamOutput out;
  out.file = output;
  return score_stream(in, std::move(profile), options, out, progress);
}

RatingsTable find_person_stream(RatingsStream& in, std::string_view person_id) {
  RatingsTable chunk, found;
  bool seen = false;
  while (in.next(chunk)) {
    if (found.file.empty()) {
      found.file = chunk.file;
      found.framework = chunk.framework;
      found.columns = chunk.columns;
      found.other_column = chunk.other_column;
    }
    for (std::size_t i = 0; !seen && i < chunk.people.size(); ++i)
      if (chunk.people[i].id == person_id) {
        found = person_table(chunk, i);
        seen = true;
      }
  }
  return found;
}

}  // namespace samatthana
