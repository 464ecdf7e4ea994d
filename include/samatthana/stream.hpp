#pragma once
// Bounded-memory reading and scoring of large ratings files: the file is read in blocks and cut
// into chunks of whole records, each chunk read by the whole-file reader (read_ratings_csv /
// read_ratings_columns) behind the file's header, so every check of a row is the same, with the
// same messages and the file's own line numbers. Checks across rows are kept across chunks:
//   - a person_id given twice: the ids seen so far are kept (one compact entry per person:
//     the id's bytes and about 30 bytes, memory O(people), not O(rows)); the error is the
//     whole-file reader's, at the second row, naming the first line;
//   - files with rater columns: a person's rows must come one after another (a chunk is only cut
//     between two people), so a person's raters are all checked and scored together; rows of a
//     person found after another person's are a located error (the whole-file reader accepts
//     them: sort such a file by person_id, or read it whole). That error is a RowsApartError,
//     so a caller can read such a file whole instead (samatthana score does).
// The first error in file order is reported, as by the whole-file reader, with its message and
// location (a person_id given twice in two chunks: the cell as written, as the whole-file
// reader shows it). See docs/scale.md.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "samatthana/cohort.hpp"
#include "samatthana/error.hpp"
#include "samatthana/export.hpp"
#include "samatthana/text.hpp"

namespace samatthana {

/// A file with rater columns whose person's rows are not one after another (RatingsStream needs
/// them together; the whole-file reader accepts them).
class SAMATTHANA_API RowsApartError : public ValidationError {
 public:
  using ValidationError::ValidationError;
};

/// How a ratings file is cut into chunks.
struct StreamOptions {
  std::size_t chunk_rows = 65536;  ///< records per chunk (more when a person's rater rows continue)
  std::size_t block_bytes = 1u << 22;  ///< bytes read from the file at a time
};

/// A ratings file read chunk by chunk: CSV in UTF-8, UTF-16 or cp874 (the encoding and sheet
/// of current_read_options(), as the whole-file reader), or an .xlsx sheet. Peak memory: one
/// block, one chunk and the person ids seen so far (an .xlsx sheet: its text too; see
/// stream_reads_bounded). The CLI's note on how the file was read (ReadOptions::on_decoded)
/// is given when the stream is opened.
class SAMATTHANA_API RatingsStream {
 public:
  /// Opens `file` (IoError naming it) and reads its header (the whole-file reader's errors for
  /// an empty file or a bad header).
  RatingsStream(const std::filesystem::path& file, std::shared_ptr<const Framework> fw,
                StreamOptions options = {});
  ~RatingsStream();
  RatingsStream(RatingsStream&&) noexcept;
  RatingsStream& operator=(RatingsStream&&) noexcept;

  /// The next chunk as a table (people, levels, lines of the whole file), or false at the end.
  /// A file with a header only gives one empty chunk.
  bool next(RatingsTable& chunk);
  /// The next chunk column by column (what samatthana.read_ratings gives Python).
  bool next(RatingsColumns& chunk);

  [[nodiscard]] const std::shared_ptr<const Framework>& framework() const noexcept;
  [[nodiscard]] bool has_raters() const noexcept;
  [[nodiscard]] bool has_results() const noexcept;
  /// Records (rows) handed out so far.
  [[nodiscard]] std::size_t rows() const noexcept;
  /// Bytes of the file read so far, and its size (0 when unknown: a pipe).
  [[nodiscard]] std::size_t bytes_read() const noexcept;
  [[nodiscard]] std::size_t file_size() const noexcept;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

/// True when RatingsStream reads `file` in bounded memory under the reading options in force
/// (current_read_options()): CSV or tab-separated text in UTF-8, UTF-16 or cp874. A UTF-16 or
/// cp874 file (a regular file: it is read twice) is first read through the decoder without
/// keeping its text, so the whole-file reader's decoding errors come first wherever they are,
/// then decoded block by block as the chunks are cut. False for an .xlsx workbook (its sheet is
/// converted to text whole, then cut into chunks whose errors still name the cells), for
/// --sheet on any file, for UTF-16 without a byte-order mark read as auto (the whole-file
/// reader's error), and for a pipe or FIFO (/dev/stdin, a shell's <(...)): looking at its first
/// bytes would consume them, so such input is read whole (read_table_file) rather than probed.
[[nodiscard]] SAMATTHANA_API bool stream_reads_bounded(const std::filesystem::path& file);

// ---- the cohort summary, reduced chunk by chunk ---------------------------------------

/// Everything the cohort summary shows (summary_text, summary_xlsx): the groups of summarize()
/// for everyone, by unit and by position.
struct CohortSummary {
  std::shared_ptr<const Framework> framework;
  std::shared_ptr<const Profile> profile;
  ScoringRules rules;
  std::size_t people = 0;
  bool has_results = false;
  /// summarize(s, GroupBy::all), summarize(s, GroupBy::unit), summarize(s, GroupBy::position)
  std::vector<GroupSummary> all, units, positions;
};

/// The cohort summary added up chunk by chunk: counts per level, band, group, sums of gaps and
/// scores in file order, so the result equals summarize() of the whole file, to the last bit.
class SAMATTHANA_API SummaryAccumulator {
 public:
  SummaryAccumulator();
  ~SummaryAccumulator();
  SummaryAccumulator(SummaryAccumulator&&) noexcept;
  SummaryAccumulator& operator=(SummaryAccumulator&&) noexcept;
  /// Adds a chunk's scores (chunks in file order; the same framework, profile and rules).
  void add(const CohortScores& chunk);
  [[nodiscard]] CohortSummary result() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

/// The summary of a whole cohort (what SummaryAccumulator gives after adding `s` alone).
[[nodiscard]] SAMATTHANA_API CohortSummary summarize_cohort(const CohortScores& s);
/// The cohort summary in Thai (what summary_text(CohortScores) prints for the same people).
[[nodiscard]] SAMATTHANA_API std::string summary_text(const CohortSummary& s,
                                                      text::Digits digits = text::Digits::arabic);

// ---- scoring a file chunk by chunk ---------------------------------------------------

/// The scores outputs that are written chunk by chunk (the aligned table and workbooks need
/// every row first).
enum class StreamFormat : std::uint8_t {
  none,  ///< no scores output (a summary only)
  csv,   ///< scores_csv
  json,  ///< scores_json
};

/// Where score_stream writes, byte for byte what the whole-file functions write for the file.
struct StreamOutput {
  StreamFormat format = StreamFormat::csv;
  /// The output file, written as write_file_atomic writes it (whole or not at all; a device or
  /// FIFO such as /dev/stdout gets everything at the end).
  std::filesystem::path file;
  /// Without `file`: called at the end, once everything is scored, with the output in pieces
  /// (kept in an unnamed temporary file in $TMPDIR or /tmp meanwhile), e.g. to write standard
  /// output: a failure writes nothing.
  std::function<void(std::string_view)> at_end;
  bool summary = false;  ///< reduce the cohort summary too (StreamScoreStats::summary)
};

/// What score_csv_stream and score_stream did.
struct StreamScoreStats {
  std::size_t people = 0;  ///< people scored (rows written)
  std::size_t chunks = 0;
  std::optional<CohortSummary> summary;  ///< with StreamOutput::summary
};

/// Scores the chunks of `in` with score_cohort (the whole-file path's rules and options) and
/// writes `out`. Errors are those the whole-file path (read_ratings_csv, then score_cohort)
/// gives for the same file: reading errors anywhere in the file come before scoring errors, and
/// when several people cannot be scored the one the whole-file scorer names is named (after a
/// scoring error the rest of the file is read and scored, its scores discarded, to find it).
/// Nothing is written on failure. `progress` is called after each chunk with bytes read and the
/// file's size.
SAMATTHANA_API StreamScoreStats score_stream(RatingsStream& in,
                                             std::shared_ptr<const Profile> profile,
                                             const ScoringOptions& options, const StreamOutput& out,
                                             const Progress& progress = {});

/// Scores the ratings file `ratings` chunk by chunk into `output` as CSV, byte for byte what
/// scores_csv(score_cohort(whole file)) writes, with peak memory roughly constant in the number
/// of rows: score_stream with StreamFormat::csv. A failure leaves no partial file.
/// Evidence and results files are not taken here (they name people of the whole file): use
/// score_cohort for them.
SAMATTHANA_API StreamScoreStats score_csv_stream(
    const std::filesystem::path& ratings, const std::filesystem::path& output,
    std::shared_ptr<const Framework> fw, std::shared_ptr<const Profile> profile,
    const ScoringOptions& options, const StreamOptions& stream = {}, const Progress& progress = {});

/// The rows of one person (all of them in a file with rater columns) as a RatingsTable, found
/// in `in` chunk by chunk: what `samatthana plan` needs of a big file. The whole file is read and
/// checked as the whole-file reader checks it; memory stays one chunk. Nobody with the id (the
/// exact id, as assessment_of compares): a table without people, for which assessment_of gives
/// the whole-file path's LookupError.
[[nodiscard]] SAMATTHANA_API RatingsTable find_person_stream(RatingsStream& in,
                                                             std::string_view person_id);

}  // namespace samatthana
