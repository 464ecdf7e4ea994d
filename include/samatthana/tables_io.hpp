#pragma once
// Reading cohort tables from CSV (the I/O layer): wide ratings files, long evidence files,
// results files, as tables.hpp's values. Other encodings and workbooks: io.hpp (read_table_file).
// See docs/scoring.md.
#include <filesystem>
#include <memory>
#include <string_view>

#include "samatthana/export.hpp"
#include "samatthana/model.hpp"
#include "samatthana/tables.hpp"

namespace samatthana {

/// Reads a wide ratings CSV (see docs/scoring.md): person_id, name, unit, position, then one column
/// per competency of `fw` named by id, DPIS code, Thai name or alias; optional `results`. Levels
/// in Thai or Arabic digits; an empty cell is "not rated". With a `rater_role` column (and
/// optionally `rater_id`) a person has one row per rater (see RatingsBuilder); without, one row,
/// the supervisor's. Throws ParseError / ValidationError / LookupError / EncodingError with row
/// (physical line), column and value.
[[nodiscard]] SAMATTHANA_API RatingsTable read_ratings_csv(std::string_view bytes,
                                                           std::shared_ptr<const Framework> fw,
                                                           std::string_view file = "<string>",
                                                           const Progress& progress = {});
[[nodiscard]] SAMATTHANA_API RatingsTable load_ratings_csv(const std::filesystem::path& file,
                                                           std::shared_ptr<const Framework> fw,
                                                           const Progress& progress = {});
/// read_ratings_csv / load_ratings_csv with a framework by reference (bma_core(), a framework
/// you hold): the same reading (see shared_framework).
[[nodiscard]] inline RatingsTable read_ratings_csv(std::string_view bytes, const Framework& fw,
                                                   std::string_view file = "<string>",
                                                   const Progress& progress = {}) {
  return read_ratings_csv(bytes, shared_framework(fw), file, progress);
}
[[nodiscard]] inline RatingsTable load_ratings_csv(const std::filesystem::path& file,
                                                   const Framework& fw,
                                                   const Progress& progress = {}) {
  return load_ratings_csv(file, shared_framework(fw), progress);
}
[[nodiscard]] SAMATTHANA_API RatingsColumns
read_ratings_columns(std::string_view bytes, std::shared_ptr<const Framework> fw,
                     std::string_view file = "<string>");
[[nodiscard]] SAMATTHANA_API RatingsColumns
load_ratings_columns(const std::filesystem::path& file, std::shared_ptr<const Framework> fw);

/// Reads a long evidence CSV: person_id, indicator_id, observation (shown / not_shown /
/// not_observed; the column may also be named `shown` or `status`), optional `evidence` text.
/// Indicator ids are checked against `fw`; a person/indicator pair given twice is an error.
[[nodiscard]] SAMATTHANA_API EvidenceTable read_evidence_csv(std::string_view bytes,
                                                             const Framework& fw,
                                                             std::string_view file = "<string>");
[[nodiscard]] SAMATTHANA_API EvidenceTable load_evidence_csv(const std::filesystem::path& file,
                                                             const Framework& fw);
/// Reads a results CSV: person_id, results (0..100; Thai or Arabic digits, decimal point), and
/// optionally other (the other part, 0..100; empty = none).
[[nodiscard]] SAMATTHANA_API ResultsTable read_results_csv(std::string_view bytes,
                                                           std::string_view file = "<string>");
[[nodiscard]] SAMATTHANA_API ResultsTable load_results_csv(const std::filesystem::path& file);

}  // namespace samatthana
