// samatthana score: score a cohort's ratings (and evidence, results) against expected levels.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <ostream>

#include "manifest_option.hpp"
#include "one_list.hpp"
#include "options.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kAbout =
    "Scores the competency part of an appraisal for everyone in RATINGS.csv (one row per person:\n"
    "person_id, name, unit, position, then one level column per competency, named by id, DPIS\n"
    "code or Thai name; with a rater_role column, one row per rater). Held levels come from the\n"
    "supervisor's rating, or from the indicator evidence when a cell is empty (strict cumulative\n"
    "rule); expected levels from the profile. See docs/scoring.md.";

struct Args {
  std::string ratings, evidence, results, kpis, framework, profile, output, format, digits;
  std::size_t chunk_rows = StreamOptions{}.chunk_rows;  ///< 0: the whole file at once
  bool summary = false;
  bool kpi_weights_100 = false;
  ScoringArgs scoring;
  ManifestArgs manifest;
};

/// A progress bar on stderr for large files, only when stderr is a terminal.
struct ProgressBar {
  bool on = false;
  void operator()(const char* stage, std::size_t done, std::size_t total) const {
    if (!on) return;
    const int pct =
        total ? static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total))
              : 100;
    const int bars = pct / 5;
    std::fprintf(stderr, "\r%-18s [%-20.*s] %3d%%", stage, bars, "####################", pct);
    if (done >= total) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  }
};

/// What the run writes: the scores' format (none with --summary alone), from --format or -o.
std::string scores_format(const Args& a) {
  if (a.output.empty() && a.summary && a.format.empty()) return "";
  if (!a.format.empty()) return a.format;
  return is_xlsx_path(a.output) ? "xlsx" : "csv";
}

/// True when the run reads and writes chunk by chunk (docs/scale.md): ratings alone (evidence,
/// results and KPI files name people of the whole file), CSV or JSON scores or none (the aligned
/// table and workbooks need every row first), and a ratings file read in bounded memory (CSV in
/// UTF-8, UTF-16 or cp874, decoded block by block; workbooks are converted whole, and their errors
/// name cells). With --all-errors too: the stream collects every bad row across chunks, in file
/// order, and ends with one ImportErrors (nothing written, stdout included); so do the people who
/// cannot be scored (ScoringOptions::all_errors).
bool streams(const Args& a) {
  if (a.chunk_rows == 0 || !a.evidence.empty() || !a.results.empty() || !a.kpis.empty())
    return false;
  const std::string f = scores_format(a);
  return (f.empty() || f == "csv" || f == "json") && stream_reads_bounded(a.ratings);
}

/// The summary after the scores: on standard output, after a blank line when the scores are
/// there too.
void print_summary(const Args& a, const std::string& text, std::ostream& out) {
  if (!scores_format(a).empty() && a.output.empty()) out << "\n";
  out << escape_for_terminal(text);
}

/// The framework, profile and options of a run.
struct Setup {
  std::shared_ptr<const Framework> fw;
  std::shared_ptr<const Profile> prof;
  ScoringOptions opt;
};

/// Writes the run's manifest when --manifest was given (after the scores are in -o); `s` is null
/// when the scores were streamed (the output's own hash is then the content hash).
void manifest_of(const Args& a, const Setup& setup, const CohortScores* s) {
  write_manifest(a.manifest, {.framework_arg = a.framework,
                              .profile_arg = a.profile,
                              .framework = setup.fw,
                              .profile = setup.prof,
                              .options = setup.opt,
                              .kpi_weights_100 = a.kpi_weights_100,
                              .ratings = a.ratings,
                              .evidence = a.evidence,
                              .results = a.results,
                              .kpis = a.kpis,
                              .output = a.output,
                              .format = a.format,
                              .scores = s});
}

/// The evidence and results (a results file or the KPI file's) of a run.
struct OtherInputs {
  std::optional<EvidenceTable> evidence;
  std::optional<ResultsTable> results;
};

void read_evidence(const Args& a, const Setup& setup, OtherInputs& in) {
  if (!a.evidence.empty()) in.evidence = load_evidence_csv(a.evidence, *setup.fw);
}

void read_results(const Args& a, const Setup& setup, OtherInputs& in) {
  if (!a.results.empty() && !a.kpis.empty())
    throw UsageError(
        "--results and --kpis both give the results part: give one of them");  // CLI11 excludes,
                                                                               // too
  if (!a.results.empty()) in.results = load_results_csv(a.results);
  if (!a.kpis.empty()) {
    KpiRules rules;
    if (a.kpi_weights_100) rules.weights = WeightSum::must_be_100;
    rules.dpis_rounding = setup.opt.rules.dpis_rounding;
    in.results = results_table(load_kpis(a.kpis), setup.prof->scheme(), rules);
  }
}

/// --all-errors (one_list.hpp): the rows that read, scored, and every error of reading and of
/// scoring listed as one ImportErrors.
CohortScores score_listing_all(const Args& a, const Setup& setup, const std::string& bytes,
                               const ProgressBar& bar) {
  OneList list(*setup.opt.all_errors,
               {a.ratings, a.evidence, a.results.empty() ? a.kpis : a.results});
  RatingsTable ratings;
  OtherInputs in;
  {
    const ScopedReadOptions scope(list.read_options());
    list.read([&] {
      ratings = read_ratings_csv(bytes, setup.fw, a.ratings, [&](std::size_t d, std::size_t t) {
        bar("reading ratings", d, t);
      });
    });
    list.read([&] { read_evidence(a, setup, in); });  // each file's errors, whatever the last's
    list.read([&] { read_results(a, setup, in); });
  }
  std::optional<CohortScores> s;
  bar("scoring", 0, 1);
  if (!list.unreadable()) {
    list.leave_out(ratings);
    if (in.evidence) list.leave_out(*in.evidence);
    if (in.results) list.leave_out(*in.results);
    list.score([&] {
      s = score_cohort(ratings, setup.prof,
                       {.evidence = input_ref(in.evidence), .results = input_ref(in.results)},
                       setup.opt);
    });
  }
  list.finish();
  return std::move(*s);
}

/// The first error thrown (without --all-errors).
CohortScores score_first_error(const Args& a, const Setup& setup, const std::string& bytes,
                               const ProgressBar& bar) {
  const RatingsTable ratings =
      read_ratings_csv(bytes, setup.fw, a.ratings,
                       [&](std::size_t d, std::size_t t) { bar("reading ratings", d, t); });
  OtherInputs in;
  read_evidence(a, setup, in);
  read_results(a, setup, in);
  bar("scoring", 0, 1);
  return score_cohort(ratings, setup.prof,
                      {.evidence = input_ref(in.evidence), .results = input_ref(in.results)},
                      setup.opt);
}

/// The whole file read, then scored: every input and output.
void run_whole(const Args& a, const Setup& setup, std::ostream& out) {
  const std::string bytes = read_table_file(a.ratings);
  ProgressBar bar;
  bar.on = ::isatty(2) == 1 && std::count(bytes.begin(), bytes.end(), '\n') > 100000;
  const CohortScores s = setup.opt.all_errors ? score_listing_all(a, setup, bytes, bar)
                                              : score_first_error(a, setup, bytes, bar);
  bar("scoring", 1, 1);

  const std::string format = scores_format(a);
  if (format == "xlsx" && a.summary) {  // the summary's sheets in the workbook
    if (a.output.empty() && ::isatty(1) == 1)
      throw UsageError(
          "--format xlsx writes a binary workbook: give -o FILE.xlsx (or redirect the output)");
    write_output(a.output, scores_xlsx(s, summarize_cohort(s)), out);
    return manifest_of(a, setup, &s);
  }
  if (!format.empty()) output_scores(a.output, a.format, s, out);
  manifest_of(a, setup, &s);
  if (a.summary) print_summary(a, summary_text(s, digits_of(a.digits)), out);
}

/// Chunk by chunk (streams(a)): the same bytes out, the same errors, memory one chunk.
void run_streaming(const Args& a, const Setup& setup, std::ostream& out) {
  StreamOptions so;
  so.chunk_rows = a.chunk_rows;
  RatingsStream in(a.ratings, setup.fw, so);
  ProgressBar bar;
  bar.on = ::isatty(2) == 1 && in.file_size() > (std::size_t{16} << 20);
  StreamOutput o;
  const std::string format = scores_format(a);
  o.format = format.empty()     ? StreamFormat::none
             : format == "json" ? StreamFormat::json
                                : StreamFormat::csv;
  o.file = a.output;
  if (a.output.empty())
    o.at_end = [&out](std::string_view piece) {
      out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    };
  o.summary = a.summary;
  const StreamScoreStats st =
      score_stream(in, setup.prof, setup.opt, o,
                   [&](std::size_t d, std::size_t t) { bar("scoring", d, t ? t : d); });
  manifest_of(a, setup, nullptr);
  if (a.summary) print_summary(a, summary_text(*st.summary, digits_of(a.digits)), out);
}

void run(const Args& a, std::ostream& out) {
  Setup setup;
  setup.fw = framework_arg(a.framework);
  setup.prof = profile_arg(a.profile, *setup.fw);
  setup.opt = scoring_options(a.scoring, *setup.prof);
  // --all-errors: the people who cannot be scored are listed too, every one (docs/cli.md).
  setup.opt.all_errors = current_read_options().all_errors;
  // The streamed summary does not yet count per competency over those appraised on it
  // (per-position sets): such a summary is made from the whole file.
  if (!streams(a) || (a.summary && setup.prof->has_sets())) return run_whole(a, setup, out);
  try {
    run_streaming(a, setup, out);
  } catch (const RowsApartError&) {
    run_whole(a, setup, out);  // a rater file not sorted by person: read whole, as it always was
  } catch (const ImportErrors&) {
    // --all-errors: the stream lists reading errors alone; the whole-file path lists them with
    // the scoring errors of the rows that read, as one list (nothing was written). The stream
    // said already how the file was decoded.
    ReadOptions quiet = current_read_options();
    quiet.on_decoded = nullptr;
    const ScopedReadOptions scope(quiet);
    run_whole(a, setup, out);
  }
}

Runner setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  app.footer(kAbout);
  app.add_option("RATINGS.csv", a->ratings, "the ratings file")->required();
  app.add_option("--evidence", a->evidence,
                 "long evidence CSV: person_id, indicator_id, observation[, evidence]")
      ->type_name("FILE");
  app.add_option(
         "--results", a->results,
         "results (KPI) CSV: person_id, results (0..100)[, other (0..100) under a scheme with "
         "an other part]; adds total and band")
      ->type_name("FILE");
  app.add_option(
         "--kpis", a->kpis,
         "performance agreements (long CSV or JSON: person_id, kpi_id, name, weight, "
         "target_1..target_5, achieved): the results part by DPIS's formula; adds total and band")
      ->type_name("FILE");
  app.add_flag(
      "--kpi-weights-100", a->kpi_weights_100,
      "with --kpis: each person's KPI weights must sum to 100 (DPIS divides by their sum)");
  add_framework_option(app, a->framework);
  app.add_option("--profile", a->profile,
                 "expected levels: bma, ocsc or a profile file (default: the framework's)")
      ->type_name("P");
  add_scoring_options(app, a->scoring);
  add_output_option(app, a->output, "the scores");
  add_manifest_options(app, a->manifest);
  app.add_option("--format", a->format,
                 "csv (default; UTF-8 with BOM), json, table or xlsx (also when -o ends in .xlsx)")
      ->type_name("F")
      ->check(one_of({"csv", "json", "table", "xlsx"}));
  app.add_flag("--summary", a->summary,
               "print the cohort summary in Thai (by unit and by position); with .xlsx output, the "
               "workbook's sheets instead");
  app.add_option(
         "--chunk-rows", a->chunk_rows,
         "read the ratings N rows at a time, in bounded memory (default 65536); 0 reads the "
         "whole file at once (docs/scale.md)")
      ->type_name("N");
  add_digits_option(app, a->digits, "arabic")
      ->description("digits of the summary: arabic (default) or thai");
  return [a](std::ostream& out) { run(*a, out); };
}

const Register reg("score", "score a cohort: held and expected levels, gaps, points, totals, bands",
                   setup);

}  // namespace
}  // namespace samatthana::cli
