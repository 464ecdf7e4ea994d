// Outputs: CSV (UTF-8 with BOM, formula-safe), JSON, terminal tables, the Thai cohort summary and
// the Thai development plan.
#include <charconv>
#include <cmath>
#include <cstdio>

#include "io/csv.hpp"
#include "io/json.hpp"
#include "io/text_table.hpp"
#include "samatthana/output.hpp"
#include "samatthana/scores_io.hpp"
#include "samatthana/scoring.hpp"

namespace samatthana {
namespace {

using detail::display_width;
using detail::fixed1;
using detail::fixed2;
using detail::num;
using detail::pad;
using detail::percent;
using detail::render;
using detail::signed2;

std::string band_name(const CohortScores& s, std::size_t i) {
  return s.band[i] >= 0 ? s.profile->scheme().bands[static_cast<std::size_t>(s.band[i])].th
                        : std::string();
}

boost::json::value jnum(double x) {
  if (std::isfinite(x) && x == std::trunc(x) && std::fabs(x) < 1e15)
    return static_cast<std::int64_t>(x);
  return x;
}

/// A figure that may be missing (NaN): empty in CSV, null in JSON.
std::string num_or_empty(double x) { return std::isnan(x) ? std::string() : num(x); }
std::string fixed2_or_empty(double x) { return std::isnan(x) ? std::string() : fixed2(x); }
boost::json::value jnum_or_null(double x) {
  return std::isnan(x) ? boost::json::value(nullptr) : jnum(x);
}

}  // namespace

std::string scores_csv(const CohortScores& s) {
  const Framework& fw = *s.framework;
  std::string out = "\xEF\xBB\xBF";
  out.reserve(s.n * (40 + s.c * 12));
  const bool sets = s.profile->has_sets();
  std::vector<std::string> row{"person_id", "name", "unit", "position"};
  if (sets) row.push_back("job_line");
  row.push_back("competency_score");
  for (const auto& comp : fw.competencies())
    for (const char* suffix : {"_held", "_expected", "_gap", "_points"})
      row.push_back(comp.id + suffix);
  // The other part's columns (schemes with one only): after results, before total.
  if (s.has_results) row.push_back("results");
  if (s.has_other()) {
    row.push_back("other");
    row.push_back("other_points");
  }
  if (s.has_results) {
    row.push_back("total");
    row.push_back("band");
  }
  detail::append_csv_row(out, row);
  for (std::size_t i = 0; i < s.n; ++i) {
    const Person& p = s.people[i];
    detail::append_csv_field(out, p.id);
    out += ',';
    detail::append_csv_field(out, p.name);
    out += ',';
    detail::append_csv_field(out, p.unit);
    out += ',';
    detail::append_csv_field(out, p.position);
    out += ',';
    if (sets) {
      detail::append_csv_field(out, p.job_line);
      out += ',';
    }
    out += fixed2(s.part[i]);
    for (std::size_t j = 0; j < s.c; ++j) {
      const std::size_t k = i * s.c + j;
      if (!s.is_appraised(i, j)) {  // not appraised on it: four empty cells
        out += ",,,,";
        continue;
      }
      out += ',';
      out += std::to_string(s.held[k]);
      out += ',';
      out += std::to_string(s.expected[k]);
      out += ',';
      out += std::to_string(s.gap[k]);
      out += ',';
      out += num(s.points[k]);
    }
    if (s.has_results) {
      out += ',';
      out += num(s.results[i]);
    }
    if (s.has_other()) {
      out += ',';
      out += num_or_empty(s.other[i]);
      out += ',';
      out += fixed2_or_empty(s.other_points[i]);
    }
    if (s.has_results) {
      out += ',';
      out += fixed2(s.total[i]);
      out += ',';
      detail::append_csv_field(out, band_name(s, i));
    }
    out += "\r\n";
  }
  return out;
}

std::string scores_json(const CohortScores& s) {
  namespace json = boost::json;
  const Framework& fw = *s.framework;
  json::object root;
  root["framework"] = fw.id();
  root["profile"] = s.profile->id();
  root["method"] = std::string(to_string(s.rules.method));
  root["weight"] = jnum(s.rules.weight);
  if (s.has_other()) root["other_weight"] = jnum(s.profile->scheme().other_weight);
  root["policy"] = std::string(to_string(s.levels.policy));
  root["raters"] = s.levels.raters == RaterMode::weighted ? "weighted" : "supervisor";
  if (s.levels.raters == RaterMode::weighted) {
    json::object w;
    for (const RaterRole r :
         {RaterRole::supervisor, RaterRole::self, RaterRole::peer, RaterRole::subordinate})
      w[std::string(to_string(r))] = jnum(s.levels.weights.of(r));
    root["rater_weights"] = std::move(w);
    root["rater_rounding"] = s.levels.rounding == RaterRounding::down ? "down" : "nearest";
  }
  json::array people;
  people.reserve(s.n);
  for (std::size_t i = 0; i < s.n; ++i) {
    json::object p;
    p["person_id"] = s.people[i].id;
    p["name"] = s.people[i].name;
    p["unit"] = s.people[i].unit;
    p["position"] = s.people[i].position;
    if (s.profile->has_sets()) p["job_line"] = s.people[i].job_line;
    p["competency_score"] = jnum(s.part[i]);
    json::object comps;
    for (std::size_t j = 0; j < s.c; ++j) {
      if (!s.is_appraised(i, j)) continue;  // only the person's own competencies
      const std::size_t k = i * s.c + j;
      json::object cj;
      cj["held"] = s.held[k];
      cj["expected"] = s.expected[k];
      cj["gap"] = s.gap[k];
      cj["points"] = jnum(s.points[k]);
      cj["source"] = std::string(to_string(static_cast<LevelSource>(s.source[k])));
      json::array flags;
      if (s.flags[k] & flag_rating_disagrees) flags.emplace_back("rating_disagrees_with_evidence");
      if (s.flags[k] & flag_shown_above_gap) flags.emplace_back("shown_above_gap");
      if (s.flags[k] & flag_missing_as_zero) flags.emplace_back("missing_counted_as_zero");
      cj["flags"] = std::move(flags);
      comps[fw.competencies()[j].id] = std::move(cj);
    }
    p["competencies"] = std::move(comps);
    if (s.has_other()) {
      p["other"] = jnum_or_null(s.other[i]);
      p["other_points"] = jnum_or_null(s.other_points[i]);
    }
    if (s.has_results) {
      p["results"] = jnum(s.results[i]);
      p["total"] = jnum(s.total[i]);
      p["band"] = band_name(s, i);
    }
    people.push_back(std::move(p));
  }
  root["people"] = std::move(people);
  return detail::canonical_json(root);
}

std::string scores_table(const CohortScores& s) {
  const Framework& fw = *s.framework;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> h{"person_id", "position"};
  for (const auto& comp : fw.competencies()) h.push_back(comp.id);
  h.push_back("score");
  if (s.has_other()) h.push_back("other");
  if (s.has_results) {
    h.push_back("total");
    h.push_back("band");
  }
  rows.push_back(h);
  for (std::size_t i = 0; i < s.n; ++i) {
    // Ids and positions come from the input: shown escaped for the terminal, before padding.
    std::vector<std::string> r{escape_for_terminal(s.people[i].id, false),
                               escape_for_terminal(s.position_codes[i], false)};
    for (std::size_t j = 0; j < s.c; ++j) {
      const std::size_t k = i * s.c + j;
      r.push_back(s.is_appraised(i, j)
                      ? std::to_string(s.held[k]) + "/" + std::to_string(s.expected[k])
                      : "-");
    }
    r.push_back(fixed2(s.part[i]));
    if (s.has_other()) r.push_back(fixed2_or_empty(s.other_points[i]));
    if (s.has_results) {
      r.push_back(fixed2(s.total[i]));
      r.push_back(band_name(s, i));
    }
    rows.push_back(std::move(r));
  }
  return "held/expected per competency; score = competency part (" +
         std::string(to_string(s.rules.method)) + ", weight " + num(s.rules.weight) + ")\n" +
         render(rows, 2);
}

std::string summary_text(const CohortScores& s, text::Digits digits) {
  const Framework& fw = *s.framework;
  const Scheme& scheme = s.profile->scheme();
  std::string out;
  out += "สรุปผลการประเมินสมรรถนะ: " + fw.name().th + "\n";
  out += "กรอบสมรรถนะ " + fw.id() + " · ระดับที่คาดหวังตาม " + s.profile->id() + " · วิธีคิดคะแนน " +
         std::string(to_string(s.rules.method)) + " (น้ำหนัก " + num(s.rules.weight) + ")\n";
  out += "จำนวนผู้รับการประเมิน " + std::to_string(s.n) + " คน\n\n";

  const auto all = summarize(s, GroupBy::all);
  if (!all.empty()) {
    const GroupSummary& g = all[0];
    std::vector<std::vector<std::string>> rows;
    const bool sets = !s.appraised.empty();
    std::vector<std::string> h{"สมรรถนะ", "ถึงระดับที่คาดหวัง", "ช่องว่างเฉลี่ย"};
    if (sets) h.insert(h.begin() + 1, "ผู้รับการประเมิน");
    int maxl = 0;
    for (const auto& comp : fw.competencies()) maxl = std::max(maxl, comp.max_level());
    for (int l = 0; l <= maxl; ++l) h.push_back("ระดับ " + std::to_string(l));
    rows.push_back(h);
    for (std::size_t j = 0; j < s.c; ++j) {
      const bool none = g.appraised[j] == 0;
      std::vector<std::string> r{fw.competencies()[j].name.th,
                                 none ? "-" : percent(g.share_meeting[j]),
                                 none ? "-" : signed2(g.mean_gap[j])};
      if (sets) r.insert(r.begin() + 1, std::to_string(g.appraised[j]));
      for (int l = 0; l <= maxl; ++l)
        r.push_back(static_cast<std::size_t>(l) < g.distribution[j].size()
                        ? std::to_string(g.distribution[j][static_cast<std::size_t>(l)])
                        : "-");
      rows.push_back(std::move(r));
    }
    out += std::string(
               sets ? "ภาพรวม (จำนวนคนตามระดับที่แสดง; แต่ละสมรรถนะนับเฉพาะผู้ที่ได้รับการประเมินในสมรรถนะนั้น)\n"
                    : "ภาพรวม (จำนวนคนตามระดับที่แสดง)\n") +
           render(rows);
    out += "ถึงระดับที่คาดหวังทุกสมรรถนะ " + percent(g.share_meeting_all) + " · คะแนนสมรรถนะเฉลี่ย " +
           fixed2(g.mean_part) + " จาก " + num(s.rules.weight) + "\n";
    if (s.has_results) {
      out += "ระดับผลการประเมิน:";
      for (std::size_t b = 0; b < scheme.bands.size(); ++b)
        out += (b ? " · " : " ") + scheme.bands[b].th + " " + std::to_string(g.band_counts[b]);
      out += "\n";
    }
  }
  for (GroupBy by : {GroupBy::unit, GroupBy::position}) {
    const auto groups = summarize(s, by);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> h{by == GroupBy::unit ? "หน่วยงาน" : "ตำแหน่ง", "คน", "ถึงทุกด้าน",
                               "คะแนนเฉลี่ย"};
    for (const auto& comp : fw.competencies()) h.push_back(comp.id);
    if (s.has_results)
      for (const auto& b : scheme.bands) h.push_back(b.th);
    rows.push_back(h);
    for (const auto& g : groups) {
      std::vector<std::string> r{g.key, std::to_string(g.people), percent(g.share_meeting_all),
                                 fixed2(g.mean_part)};
      for (std::size_t j = 0; j < s.c; ++j)
        r.push_back(g.appraised[j] ? percent(g.share_meeting[j]) : "-");
      for (auto cnt : g.band_counts) r.push_back(std::to_string(cnt));
      rows.push_back(std::move(r));
    }
    out += "\n" + std::string(by == GroupBy::unit ? "ตามหน่วยงาน" : "ตามตำแหน่ง") +
           " (สัดส่วนผู้ถึงระดับที่คาดหวังในแต่ละสมรรถนะ)\n" + render(rows);
  }
  return digits == text::Digits::thai ? text::to_thai_digits(out) : out;
}

std::string plan_text(const Framework& fw, const PersonScore& ps, text::Digits d) {
  auto n = [&](long long v) { return text::with_digits(std::to_string(v), d); };
  std::string out;
  out += "แผนพัฒนารายบุคคล (IDP): " +
         (ps.person.name.empty() ? ps.person.id : ps.person.name + " (" + ps.person.id + ")");
  if (!ps.person.unit.empty()) out += " · " + ps.person.unit;
  out += " · ตำแหน่ง " + ps.person.position;
  if (!ps.person.job_line.empty()) out += " · สายงาน " + ps.person.job_line;
  out += "\n";
  const auto targets = development_targets(fw, std::span<const CompetencyScore>(ps.competencies));
  for (std::size_t j = 0; j < ps.competencies.size(); ++j) {
    const CompetencyScore& cs = ps.competencies[j];
    const Competency& comp = fw.competency(cs.competency);
    out += "\n" + comp.name.th + " — ระดับที่แสดง " + n(cs.held) + " · ระดับที่คาดหวัง " + n(cs.expected) +
           " · ช่องว่าง " + (cs.gap > 0 ? "+" : "") + text::with_digits(std::to_string(cs.gap), d) +
           "\n";
    // Level 0 in this framework's own words (the BMA and OCSC sets word it differently).
    if (cs.held == 0) out += "  ระดับ " + n(0) + ": " + fw.level_zero().th + "\n";
    const HeldLevel& h = cs.detail;
    if (h.source == LevelSource::rating)
      out += h.combined ? "  ที่มา: ค่าถ่วงน้ำหนักตามบทบาทของผู้ประเมิน " + n(h.raters_counted) + " คน\n"
                        : std::string("  ที่มา: ระดับที่ผู้บังคับบัญชาประเมิน\n");
    if (h.ratings.size() > 1 ||
        (h.ratings.size() == 1 && h.ratings[0].role != RaterRole::supervisor)) {
      std::string counted, shown;
      for (const auto& r : h.ratings) {
        std::string& to = r.counted ? counted : shown;
        to += std::string(to.empty() ? "" : " · ") + std::string(thai_name(r.role)) +
              (r.rater_id.empty() ? "" : " " + r.rater_id) + " " + n(r.level);
      }
      if (!counted.empty()) out += "  ผู้ประเมินที่นับ: " + counted + "\n";
      if (!shown.empty()) out += "  ผู้ประเมินอื่น (ไม่นับ): " + shown + "\n";
    } else if (h.source == LevelSource::evidence)
      out += "  ที่มา: หลักฐานพฤติกรรมบ่งชี้ (สะสมทีละระดับ)\n";
    for (const auto& lc : h.levels)
      if (lc.holds && lc.level <= h.evidence_level.value_or(0))
        out += "  ระดับ " + n(lc.level) + ": แสดงครบ " + n(lc.shown) + " จาก " + n(lc.total) +
               " พฤติกรรม\n";
    if (!h.missing.empty()) {
      out += "  ยังไม่แสดง (ระดับ " + n(h.evidence_level.value_or(0) + 1) + "):";
      for (const auto& id : h.missing) out += " " + id;
      out += "\n";
    }
    if (!h.shown_above_gap.empty()) {
      out += "  แสดงพฤติกรรมระดับสูงกว่าช่องว่าง (บันทึกไว้ ไม่นับ):";
      for (const auto& id : h.shown_above_gap) out += " " + id;
      out += "\n";
    }
    if (h.rating_disagrees)
      out += "  ข้อสังเกต: ระดับที่ประเมิน (" + n(*h.rated) + ") ไม่ตรงกับหลักฐาน (" + n(*h.evidence_level) +
             ")\n";
    for (const auto& t : targets) {
      if (t.competency != cs.competency) continue;
      if (t.stretch)
        out += "  เป้าหมายต่อยอด: ระดับ " + n(t.to_level) + "\n";
      else
        out += "  เป้าหมายการพัฒนา: ระดับ " + n(t.from_level) +
               (t.to_level != t.from_level ? " ถึง " + n(t.to_level) : std::string()) + "\n";
      for (const Indicator* ind : t.indicators)
        out += "    • " + ind->text.th + " [" + ind->id + "]\n";
    }
    if (cs.held >= comp.max_level()) out += "  แสดงสมรรถนะระดับสูงสุดแล้ว\n";
  }
  return out;
}

}  // namespace samatthana
