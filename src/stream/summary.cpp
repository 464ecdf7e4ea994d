// The cohort summary reduced chunk by chunk (SummaryAccumulator) and printed (summary_text): the
// same groups, counts and sums, in the same order, as summarize() over the whole cohort.
#include <map>

#include "io/text_table.hpp"
#include "samatthana/scores_io.hpp"
#include "samatthana/stream.hpp"

namespace samatthana {
namespace {

/// One group's running counts and sums (GroupSummary before the divisions).
struct GroupSums {
  std::size_t people = 0, all_met = 0;
  std::vector<std::vector<std::size_t>> distribution;  ///< c × (max level + 1)
  std::vector<double> met, gap_sum;  ///< c; added one person at a time as summarize does
  double part_sum = 0;
  std::vector<std::size_t> band_counts;
};

using Groups =
    std::map<std::string, GroupSums>;  ///< by key: std::map order is summarize's for units

GroupSummary finished(const std::string& key, const GroupSums& g) {
  GroupSummary out;
  out.key = key;
  out.people = g.people;
  out.distribution = g.distribution;
  out.share_meeting = g.met;
  out.mean_gap = g.gap_sum;
  out.band_counts = g.band_counts;
  if (!g.people) return out;
  const double np = static_cast<double>(g.people);
  for (std::size_t j = 0; j < out.share_meeting.size(); ++j) {
    out.share_meeting[j] /= np;
    out.mean_gap[j] /= np;
  }
  out.share_meeting_all = static_cast<double>(g.all_met) / np;
  out.mean_part = g.part_sum / np;
  return out;
}

}  // namespace

struct SummaryAccumulator::Impl {
  std::shared_ptr<const Framework> fw;
  std::shared_ptr<const Profile> profile;
  ScoringRules rules;
  bool has_results = false;
  std::size_t people = 0;
  Groups all, units, positions;

  GroupSums& group(Groups& g, const std::string& key, const CohortScores& s) {
    auto it = g.find(key);
    if (it != g.end()) return it->second;
    GroupSums n;
    for (const Competency& comp : fw->competencies())
      n.distribution.emplace_back(static_cast<std::size_t>(comp.max_level() + 1), 0);
    n.met.assign(s.c, 0);
    n.gap_sum.assign(s.c, 0);
    if (s.has_results) n.band_counts.assign(s.profile->scheme().bands.size(), 0);
    return g.emplace(key, std::move(n)).first->second;
  }

  void add_person(GroupSums& g, const CohortScores& s, std::size_t i) {
    ++g.people;
    bool all_met = true;
    for (std::size_t j = 0; j < s.c; ++j) {
      const int h = s.held[i * s.c + j], e = s.expected[i * s.c + j];
      ++g.distribution[j][static_cast<std::size_t>(h)];
      if (h >= e)
        g.met[j] += 1;
      else
        all_met = false;
      g.gap_sum[j] += h - e;
    }
    if (all_met) ++g.all_met;
    g.part_sum += s.part[i];
    if (s.has_results && s.band[i] >= 0) ++g.band_counts[static_cast<std::size_t>(s.band[i])];
  }

  /// Groups by position in the profile's order, those present only (as summarize).
  [[nodiscard]] std::vector<GroupSummary> position_groups() const {
    std::vector<GroupSummary> out;
    for (const auto& p : profile->positions())
      if (auto it = positions.find(p.code); it != positions.end())
        out.push_back(finished(p.code, it->second));
    return out;
  }
};

SummaryAccumulator::SummaryAccumulator() : impl_(std::make_unique<Impl>()) {}
SummaryAccumulator::~SummaryAccumulator() = default;
SummaryAccumulator::SummaryAccumulator(SummaryAccumulator&&) noexcept = default;
SummaryAccumulator& SummaryAccumulator::operator=(SummaryAccumulator&&) noexcept = default;

void SummaryAccumulator::add(const CohortScores& s) {
  Impl& m = *impl_;
  if (!m.fw) {
    m.fw = s.framework;
    m.profile = s.profile;
    m.rules = s.rules;
    m.has_results = s.has_results;
  }
  for (std::size_t i = 0; i < s.n; ++i) {
    m.add_person(m.group(m.all, std::string(), s), s, i);
    m.add_person(m.group(m.units, s.people[i].unit, s), s, i);
    m.add_person(m.group(m.positions, s.position_codes[i], s), s, i);
  }
  m.people += s.n;
}

CohortSummary SummaryAccumulator::result() const {
  const Impl& m = *impl_;
  CohortSummary out;
  out.framework = m.fw;
  out.profile = m.profile;
  out.rules = m.rules;
  out.people = m.people;
  out.has_results = m.has_results;
  for (const auto& [k, g] : m.all) out.all.push_back(finished(k, g));
  for (const auto& [k, g] : m.units) out.units.push_back(finished(k, g));
  if (m.profile) out.positions = m.position_groups();
  return out;
}

CohortSummary summarize_cohort(const CohortScores& s) {
  SummaryAccumulator acc;
  acc.add(s);
  CohortSummary out = acc.result();
  if (!out.framework) {  // nobody: the header still names the framework, profile and rules
    out.framework = s.framework;
    out.profile = s.profile;
    out.rules = s.rules;
    out.has_results = s.has_results;
  }
  return out;
}

namespace {

using detail::fixed2;
using detail::num;
using detail::percent;
using detail::render;
using detail::signed2;

/// Everyone: per competency the share meeting, the mean gap and people per level.
std::string overall_text(const CohortSummary& s, const GroupSummary& g) {
  const Framework& fw = *s.framework;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> h{"สมรรถนะ", "ถึงระดับที่คาดหวัง", "ช่องว่างเฉลี่ย"};
  int maxl = 0;
  for (const auto& comp : fw.competencies()) maxl = std::max(maxl, comp.max_level());
  for (int l = 0; l <= maxl; ++l) h.push_back("ระดับ " + std::to_string(l));
  rows.push_back(h);
  for (std::size_t j = 0; j < fw.size(); ++j) {
    std::vector<std::string> r{fw.competencies()[j].name.th, percent(g.share_meeting[j]),
                               signed2(g.mean_gap[j])};
    for (int l = 0; l <= maxl; ++l)
      r.push_back(static_cast<std::size_t>(l) < g.distribution[j].size()
                      ? std::to_string(g.distribution[j][static_cast<std::size_t>(l)])
                      : "-");
    rows.push_back(std::move(r));
  }
  std::string out = "ภาพรวม (จำนวนคนตามระดับที่แสดง)\n" + render(rows);
  out += "ถึงระดับที่คาดหวังทุกสมรรถนะ " + percent(g.share_meeting_all) + " · คะแนนสมรรถนะเฉลี่ย " +
         fixed2(g.mean_part) + " จาก " + num(s.rules.weight) + "\n";
  if (s.has_results) {
    const Scheme& scheme = s.profile->scheme();
    out += "ระดับผลการประเมิน:";
    for (std::size_t b = 0; b < scheme.bands.size(); ++b)
      out += (b ? " · " : " ") + scheme.bands[b].th + " " + std::to_string(g.band_counts[b]);
    out += "\n";
  }
  return out;
}

/// By unit or by position: people, share meeting all, mean score, share per competency, bands.
std::string groups_text(const CohortSummary& s, GroupBy by,
                        const std::vector<GroupSummary>& groups) {
  const Framework& fw = *s.framework;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> h{by == GroupBy::unit ? "หน่วยงาน" : "ตำแหน่ง", "คน", "ถึงทุกด้าน",
                             "คะแนนเฉลี่ย"};
  for (const auto& comp : fw.competencies()) h.push_back(comp.id);
  if (s.has_results)
    for (const auto& b : s.profile->scheme().bands) h.push_back(b.th);
  rows.push_back(h);
  for (const auto& g : groups) {
    std::vector<std::string> r{g.key, std::to_string(g.people), percent(g.share_meeting_all),
                               fixed2(g.mean_part)};
    for (std::size_t j = 0; j < fw.size(); ++j) r.push_back(percent(g.share_meeting[j]));
    for (auto cnt : g.band_counts) r.push_back(std::to_string(cnt));
    rows.push_back(std::move(r));
  }
  return "\n" + std::string(by == GroupBy::unit ? "ตามหน่วยงาน" : "ตามตำแหน่ง") +
         " (สัดส่วนผู้ถึงระดับที่คาดหวังในแต่ละสมรรถนะ)\n" + render(rows);
}

}  // namespace

std::string summary_text(const CohortSummary& s, text::Digits digits) {
  const Framework& fw = *s.framework;
  std::string out;
  out += "สรุปผลการประเมินสมรรถนะ: " + fw.name().th + "\n";
  out += "กรอบสมรรถนะ " + fw.id() + " · ระดับที่คาดหวังตาม " + s.profile->id() + " · วิธีคิดคะแนน " +
         std::string(to_string(s.rules.method)) + " (น้ำหนัก " + num(s.rules.weight) + ")\n";
  out += "จำนวนผู้รับการประเมิน " + std::to_string(s.people) + " คน\n\n";
  if (!s.all.empty()) out += overall_text(s, s.all[0]);
  out += groups_text(s, GroupBy::unit, s.units);
  out += groups_text(s, GroupBy::position, s.positions);
  return digits == text::Digits::thai ? text::to_thai_digits(out) : out;
}

}  // namespace samatthana
