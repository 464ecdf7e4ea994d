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
//     them: sort such a file by person_id, or read it whole).
// The first error in file order is reported, as by the whole-file reader. See docs/scale.md.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "samatthana/cohort.hpp"
#include "samatthana/export.hpp"

namespace samatthana {

/// How a ratings file is cut into chunks.
struct StreamOptions {
  std::size_t chunk_rows = 65536;      ///< records per chunk (more when a person's rater rows continue)
  std::size_t block_bytes = 1u << 22;  ///< bytes read from the file at a time
};

/// A ratings CSV file (UTF-8) read chunk by chunk. Peak memory: one block, one chunk and the
/// person ids seen so far.
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

/// True when RatingsStream reads `file` in bounded memory: CSV in UTF-8 under the reading
/// options in force (current_read_options(): encoding automatic or utf-8). UTF-16 text, cp874
/// and .xlsx workbooks are decoded whole first (read_table_file), then cut into chunks: the same
/// rows and checks, memory growing with the file, and errors of a workbook named by line rather
/// than by cell; callers that must stay bounded read such files whole or convert them first.
[[nodiscard]] SAMATTHANA_API bool stream_reads_bounded(const std::filesystem::path& file);

/// What score_csv_stream did.
struct StreamScoreStats {
  std::size_t people = 0;  ///< people scored (rows written)
  std::size_t chunks = 0;
};

/// Scores the ratings file `ratings` chunk by chunk into `output` as CSV, byte for byte what
/// scores_csv(score_cohort(whole file)) writes, with peak memory roughly constant in the number
/// of rows. The output is written to a temporary file beside it and renamed over `output` only
/// when everything is scored (as write_file_atomic: mode kept, symlinks followed; a device or
/// FIFO such as /dev/stdout is written in place as it goes): a failure leaves no partial file.
/// Evidence and results files are not taken here (they name people of the whole file): use
/// score_cohort for them. `progress` is called after each chunk with bytes read and file size.
SAMATTHANA_API StreamScoreStats score_csv_stream(const std::filesystem::path& ratings,
                                                 const std::filesystem::path& output,
                                                 std::shared_ptr<const Framework> fw,
                                                 std::shared_ptr<const Profile> profile,
                                                 const ScoringOptions& options,
                                                 const StreamOptions& stream = {},
                                                 const Progress& progress = {});

}  // namespace samatthana
