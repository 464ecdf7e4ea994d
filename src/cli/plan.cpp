// samatthana plan: one person's development targets (IDP) in Thai.
#include <unistd.h>

#include <cmath>
#include <memory>
#include <optional>
#include <ostream>

#include "one_list.hpp"
#include "options.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kAbout =
    "Prints one person's development plan in Thai: per competency the level shown, the level\n"
    "expected and the gap, why that level (rating or evidence, missing indicators, evidence above\n"
    "a gap, a rating that disagrees with the evidence), and the targets: the indicators of the\n"
    "levels between shown and expected, or the next level's as a stretch target.";

struct Args {
  std::string ratings, person, evidence, framework, profile, digits, output, format, activities;
  std::size_t chunk_rows = StreamOptions{}.chunk_rows;  ///< 0: the whole file at once
  LevelArgs levels;
};

/// The person's rows of the ratings file: read chunk by chunk (memory one chunk, the same checks
/// and errors as a whole read) when the file is read in bounded memory (CSV in UTF-8, UTF-16 or
/// cp874), else whole; a rater file whose person's rows are apart is read whole (the chunked
/// reader needs them together). With --all-errors every bad row of the file is reported, not
/// only the person's, chunk by chunk too.
RatingsTable person_rows(const Args& a, const std::shared_ptr<const Framework>& fw) {
  if (a.chunk_rows == 0 || !stream_reads_bounded(a.ratings)) return load_ratings_csv(a.ratings, fw);
  try {
    StreamOptions so;
    so.chunk_rows = a.chunk_rows;
    RatingsStream in(a.ratings, fw, so);
    return find_person_stream(in, a.person);
  } catch (const RowsApartError&) {
    return load_ratings_csv(a.ratings, fw);
  }
}

/// Person `id`'s rows of `t` (with their rater rows) as a table of their own; empty when absent.
RatingsTable person_only(const RatingsTable& t, std::string_view id) {
  const std::size_t c = t.competencies();
  RatingsTable p;
  p.file = t.file;
  p.framework = t.framework;
  p.columns = t.columns;
  p.other_column = t.other_column;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.people[i].id != id) continue;
    p.people.push_back(t.people[i]);
    if (!t.lines.empty()) p.lines.push_back(t.lines[i]);
    p.levels.assign(t.levels.begin() + static_cast<std::ptrdiff_t>(i * c),
                    t.levels.begin() + static_cast<std::ptrdiff_t>((i + 1) * c));
    // An empty results cell is no results for a plan (assessment_of leaves it out).
    if (!t.results.empty() && !std::isnan(t.results[i])) p.results.push_back(t.results[i]);
    if (i < t.other.size()) p.other.push_back(t.other[i]);
    for (std::size_t k = 0; k < t.raters.size(); ++k) {
      if (t.raters[k].person != i) continue;
      p.raters.push_back(t.raters[k]);
      p.raters.back().person = 0;
      p.rater_levels.insert(p.rater_levels.end(),
                            t.rater_levels.begin() + static_cast<std::ptrdiff_t>(k * c),
                            t.rater_levels.begin() + static_cast<std::ptrdiff_t>((k + 1) * c));
    }
    break;
  }
  return p;
}

/// --all-errors: every reason the person cannot be scored (a position the profile lacks, each
/// competency neither rated nor evidenced, ...) as one ImportErrors, as `score --all-errors`
/// lists them: the person's rows and evidence scored in the collect mode.
void check_person(const RatingsTable& ratings, const std::optional<EvidenceTable>& evidence,
                  const std::string& id, const std::shared_ptr<const Profile>& prof,
                  ScoringOptions opt) {
  opt.all_errors = current_read_options().all_errors;
  if (!opt.all_errors) return;
  const RatingsTable person = person_only(ratings, id);
  if (person.size() == 0) return;  // assessment_of names the missing person
  std::optional<EvidenceTable> theirs;
  if (evidence) {
    theirs.emplace();
    theirs->file = evidence->file;
    for (const EvidenceRow& e : evidence->rows)
      if (e.person_id == id) theirs->rows.push_back(e);
  }
  (void)score_cohort(person, prof, {.evidence = input_ref(theirs)}, opt);
}

/// --all-errors when a file has bad rows: the one list (one_list.hpp) of every reading error of
/// the ratings and evidence files and the person's own scoring errors (unless their rows are
/// bad), as `score --all-errors` lists them. The files are read whole.
[[noreturn]] void throw_one_list(const Args& a, const std::shared_ptr<const Framework>& fw,
                                 const std::shared_ptr<const Profile>& prof, ScoringOptions opt,
                                 const ImportErrors& reading, bool evidence_read) {
  OneList list(*current_read_options().all_errors, {a.ratings, a.evidence, ""});
  RatingsTable ratings;
  std::optional<EvidenceTable> evidence;
  // The first reads said how the files they read were decoded: not twice.
  ReadOptions quiet = list.read_options();
  quiet.on_decoded = nullptr;
  {
    const ScopedReadOptions scope(quiet);
    list.read([&] { ratings = load_ratings_csv(a.ratings, fw); });
  }
  {
    const ScopedReadOptions scope(evidence_read ? quiet : list.read_options());
    list.read([&] {
      if (!a.evidence.empty()) evidence = load_evidence_csv(a.evidence, *fw);
    });
  }
  if (!list.unreadable()) {
    list.leave_out(ratings);
    if (evidence) list.leave_out(*evidence);
    list.score([&] { check_person(ratings, evidence, a.person, prof, opt); });
  }
  list.finish();
  throw reading;  // not reached: the whole read finds what the chunks found
}

void run(const Args& a, std::ostream& out) {
  const auto fw = framework_arg(a.framework);
  const auto prof = profile_arg(a.profile, *fw);
  prof->check(*fw);
  ScoringOptions opt;
  opt.rules.method = prof->data().method.value_or(Method::bma);
  opt.rules.weight = prof->scheme().competency_weight;
  apply_level_options(a.levels, opt);
  const bool xlsx = a.format == "xlsx" || (a.format.empty() && is_xlsx_path(a.output));
  if (xlsx && a.output.empty() && ::isatty(1) == 1)
    throw UsageError(
        "--format xlsx writes a binary workbook: give -o FILE.xlsx (or redirect the output)");
  if (xlsx && !a.activities.empty())
    throw UsageError(
        "--activities adds to the text plan; the .xlsx plan has no activity sheet yet");
  // The catalogue is checked against the framework before the ratings are read.
  std::optional<ActivityIndex> activities;
  if (!a.activities.empty()) activities.emplace(activity_catalogue(a.activities), *fw);
  RatingsTable ratings;
  std::optional<EvidenceTable> evidence;
  bool evidence_read = false;
  try {
    ratings = person_rows(a, fw);
    evidence_read = true;
    if (!a.evidence.empty()) evidence = load_evidence_csv(a.evidence, *fw);
  } catch (const ImportErrors& e) {  // --all-errors: with the person's scoring errors
    throw_one_list(a, fw, prof, opt, e, evidence_read);
  }
  check_person(ratings, evidence, a.person, prof, opt);
  const Assessment as = assessment_of(ratings, a.person, input_ref(evidence));
  const PersonScore ps = score_person(*fw, *prof, as, opt);
  if (xlsx) return write_output(a.output, plan_xlsx(*fw, ps), out);
  std::string text = plan_text(*fw, ps, digits_of(a.digits));
  if (activities) text += activities_text(*fw, ps, *activities, digits_of(a.digits));
  write_output(a.output, a.output.empty() ? escape_for_terminal(text) : text, out);
}

Runner setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  app.footer(kAbout);
  app.add_option("RATINGS.csv", a->ratings, "the ratings file")->required();
  app.add_option("--person", a->person, "the person's id")->type_name("ID")->required();
  app.add_option("--evidence", a->evidence,
                 "long evidence CSV: person_id, indicator_id, observation[, evidence]")
      ->type_name("FILE");
  add_framework_option(app, a->framework);
  app.add_option("--profile", a->profile,
                 "expected levels: bma, ocsc or a profile file (default: the framework's)")
      ->type_name("P");
  add_level_options(app, a->levels);
  app.add_option("--activities", a->activities,
                 "suggest a development-activity catalogue's activities for each gap: a built-in "
                 "id (dpis-tisi-guide) or a file (docs/activities.md)")
      ->type_name("CATALOGUE");
  app.add_option(
         "--chunk-rows", a->chunk_rows,
         "read the ratings N rows at a time, in bounded memory (default 65536); 0 reads the "
         "whole file at once (docs/scale.md)")
      ->type_name("N");
  add_digits_option(app, a->digits, "thai");
  add_output_option(app, a->output, "the plan");
  app.add_option("--format", a->format,
                 "text (default) or xlsx (also when -o ends in .xlsx): a sheet, one row per "
                 "indicator to build")
      ->type_name("F")
      ->check(one_of({"text", "xlsx"}));
  return [a](std::ostream& out) { run(*a, out); };
}

const Register reg("plan", "one person's development targets (IDP) in Thai", setup);

}  // namespace
}  // namespace samatthana::cli
