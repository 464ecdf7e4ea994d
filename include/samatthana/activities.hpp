#pragma once
// Development activities (docs/activities.md): a catalogue an agency supplies (competency, level,
// activity, description), checked against a framework, and the activities a person's plan suggests
// for each competency below its expected level: those of the next level above the one shown, as
// DPIS's development plan does (narupak/dpis admin/kpi_competency_summary.html lines 246–256:
// gap < 0 → GUIDE_LEVEL = floor(shown) + 1).
#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "samatthana/error.hpp"
#include "samatthana/export.hpp"
#include "samatthana/model.hpp"
#include "samatthana/scoring.hpp"
#include "samatthana/text/digits.hpp"

namespace samatthana {

/// One activity of a catalogue.
struct Activity {
  std::string competency;   ///< as the catalogue names it: id, external code ("101") or name
  int level = 0;            ///< the level it develops, 1..N of that competency
  std::string title;        ///< the activity or course, one line
  std::string description;  ///< what to do (lines separated by "\n"); may be empty
  std::string details;      ///< optional: course outline etc.
  std::string source;       ///< optional: where the row comes from
  Location where;           ///< the row's competency in its file (line and column, or JSON path)
  Location level_where;     ///< the row's level in its file
};

/// A catalogue as read: its activities in file order. A JSON catalogue may say which frameworks it
/// is for (`frameworks`: ids); a table (CSV, .xlsx) is for the framework it is used with.
struct ActivityCatalogue {
  std::string id;
  Text name;
  std::vector<std::string> frameworks;  ///< empty: any framework (every row must fit it)
  std::string source;
  std::string warning;  ///< shown with its suggestions (a sample's provenance, for instance)
  std::string file;     ///< where it was read from
  std::vector<Activity> activities;
};

/// Reads a catalogue table (UTF-8 CSV text, as read_table_file gives it): a header with
/// `competency` (สมรรถนะ), `level` (ระดับ), `title` (activity, กิจกรรม, หลักสูตร), and optionally
/// `description` (รายละเอียด), `details` (รายละเอียดหลักสูตร) and `source` (ที่มา). Located errors:
/// a missing or repeated or unknown column, an empty competency or title, a level that is not a
/// whole number ≥ 1 (Thai digits allowed), a row of the wrong width.
[[nodiscard]] SAMATTHANA_API ActivityCatalogue
read_activities_csv(std::string_view text, std::string_view file = "<string>");
/// Reads the JSON format (data/schemas/activities.schema.json): {"format":
/// "samatthana-activities/1", "id", "name": {"th", "en"?}, "frameworks"?, "source"?, "warning"?,
/// "activities": [{"competency", "level", "title", "description"?, "details"?, "source"?}]}.
/// Errors carry the JSON path.
[[nodiscard]] SAMATTHANA_API ActivityCatalogue
read_activities_json(std::string_view text, std::string_view file = "<string>");
/// A catalogue file: JSON when its first non-blank character is '{', else a table (CSV in UTF-8,
/// UTF-16 or cp874, or an .xlsx sheet: read_table_file with current_read_options()).
[[nodiscard]] SAMATTHANA_API ActivityCatalogue load_activities(const std::filesystem::path& file);
/// The ids of the catalogues compiled into the library ("dpis-tisi-guide").
[[nodiscard]] SAMATTHANA_API std::vector<std::string> builtin_activity_ids();
/// A built-in catalogue by id, or a file when the argument contains '/' or ends in .json, .csv,
/// .txt or .xlsx; LookupError naming the built-in ids otherwise.
[[nodiscard]] SAMATTHANA_API ActivityCatalogue activity_catalogue(std::string_view id_or_path);

/// A catalogue checked against one framework: the activities of each competency and level.
class SAMATTHANA_API ActivityIndex {
 public:
  /// Checks `catalogue` against `fw` (ValidationError / LookupError at the row): the framework
  /// must be one the catalogue is for (when it names any); every row's competency must be a
  /// competency of `fw` — or, for a catalogue naming several frameworks, of one of the others that
  /// is built in — and its level within 1..N of that competency. Rows of the other frameworks are
  /// not indexed here.
  ActivityIndex(const ActivityCatalogue& catalogue, const Framework& fw);
  /// The activities of competency `index` (framework order) at `level`, in catalogue order.
  [[nodiscard]] std::span<const Activity> at(std::size_t index, int level) const;
  [[nodiscard]] const ActivityCatalogue& catalogue() const noexcept { return catalogue_; }
  /// How many rows were indexed for this framework.
  [[nodiscard]] std::size_t size() const noexcept { return indexed_; }
  /// The framework index of competency `id`, or nullopt.
  [[nodiscard]] std::optional<std::size_t> index_of(std::string_view id) const {
    for (std::size_t j = 0; j < ids_.size(); ++j)
      if (ids_[j] == id) return j;
    return std::nullopt;
  }

 private:
  ActivityCatalogue catalogue_;
  std::vector<std::vector<std::vector<Activity>>> by_level_;  // [competency][level - 1]
  std::size_t indexed_ = 0;
  std::vector<std::string> ids_;  // the framework's competency ids, in order
};

/// The activities suggested for one competency of a person.
struct ActivitySuggestion {
  std::size_t competency = 0;  ///< index in the framework
  int held = 0;
  int expected = 0;
  int level = 0;  ///< the level the activities develop: held + 1
  std::vector<Activity> activities;
};

/// For each competency held below its expected level, the catalogue's activities for the next
/// level (held + 1), in framework order; a competency with none in the catalogue is listed with
/// an empty `activities` so the gap is never hidden.
[[nodiscard]] inline std::vector<ActivitySuggestion> suggest_activities(const ActivityIndex& index,
                                                                        const PersonScore& ps) {
  std::vector<ActivitySuggestion> out;
  for (const CompetencyScore& cs : ps.competencies) {
    if (cs.held >= cs.expected) continue;
    const auto j = index.index_of(cs.competency);
    if (!j) continue;  // not a competency of the index's framework
    ActivitySuggestion s;
    s.competency = *j;
    s.held = cs.held;
    s.expected = cs.expected;
    s.level = cs.held + 1;
    const auto at = index.at(*j, s.level);
    s.activities.assign(at.begin(), at.end());
    out.push_back(std::move(s));
  }
  return out;
}

/// The suggestions as Thai text for the plan: a heading naming the catalogue (and its warning),
/// then per competency below expectation the next level and its activities.
[[nodiscard]] SAMATTHANA_API std::string activities_text(const Framework& fw, const PersonScore& ps,
                                                         const ActivityIndex& index,
                                                         text::Digits digits = text::Digits::thai);

}  // namespace samatthana
