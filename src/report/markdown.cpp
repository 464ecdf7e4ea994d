// Markdown reports: the same content as the HTML ones, as GitHub-flavoured tables and lists.
#include <algorithm>
#include <string>
#include <vector>

#include "report/common.hpp"
#include "samatthana/output.hpp"
#include "samatthana/report.hpp"

namespace samatthana {

std::string markdown_escape(std::string_view s) {
  // Line breaks become spaces (a cell stays one cell); other control characters, bidirectional
  // overrides and bytes that are not UTF-8 are shown as escape_for_terminal shows them (\x1b),
  // their backslash escaped in turn, so they are visible and inert wherever the Markdown goes.
  std::string flat(s);
  for (char& ch : flat)
    if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
  const std::string visible = escape_for_terminal(flat, false);
  std::string out;
  out.reserve(visible.size() + 8);
  for (char ch : visible) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '#':
      case '!':
      case '{':
      case '}':
      case '~':
        out += '\\';
        out += ch;
        break;
      default:
        out += ch;
    }
  }
  return out;
}

namespace {

using namespace report_detail;
using text::Digits;

std::string m(std::string_view s) { return markdown_escape(s); }

std::vector<GroupSummary> units_sorted(const CohortScores& s) {
  std::vector<GroupSummary> units = summarize(s, GroupBy::unit);
  const text::Collator coll;
  std::stable_sort(units.begin(), units.end(), [&](const GroupSummary& a, const GroupSummary& b) {
    return coll.less(a.key, b.key);
  });
  return units;
}

/// ReportOptions::footer (the audit manifest's line) as the last paragraph.
std::string footer_md(const ReportOptions& opt) {
  return opt.footer.empty() ? std::string() : "\n---\n\n" + m(opt.footer) + "\n";
}

}  // namespace

namespace {

/// The sheet's header: title, organisation, round, who.
std::string sheet_header_md(const PersonSheet& sh, const ReportOptions& opt) {
  const Framework& fw = *sh.framework;
  const PersonScore& ps = sh.score;
  const Digits d = opt.digits;
  std::string o;
  const char* sheet_title = sh.agreement ? "แบบสรุปการประเมินผลการปฏิบัติราชการ"
                            : report_detail::several_groups(fw, ps) ? "แบบสรุปผลการประเมินสมรรถนะ"
                                                                    : "แบบสรุปผลการประเมินสมรรถนะหลัก";
  o += "# " + m(opt.title.empty() ? std::string(sheet_title) : opt.title) + "\n\n";
  if (!opt.organisation.empty()) o += m(opt.organisation) + "  \n";
  if (opt.round) o += m(round_text(*opt.round, d)) + "\n";
  o += "\n| | |\n|---|---|\n";
  o += "| ชื่อ–สกุล | " + m(ps.person.name) + " |\n";
  o += "| รหัส | " + m(ps.person.id) + " |\n";
  o += "| ตำแหน่ง | " + m(position_text(*sh.profile, ps.person)) + " |\n";
  o += "| หน่วยงาน | " + m(ps.person.unit) + " |\n\n";
  return o;
}

/// Part 1 (the KPI table) and the heading of part 2, or the competencies' heading alone.
std::string kpi_part_md(const PersonSheet& sh, Digits d) {
  if (!sh.agreement || !sh.results_part) return "## ";
  std::string o;
  const ResultsPart& r = *sh.results_part;
  o += "## องค์ประกอบที่ ๑: ผลสัมฤทธิ์ของงาน (" + decimal(r.weight, 2, d) + " คะแนน)\n\n";
  o += "| ตัวชี้วัด | น้ำหนัก | ค่าเป้าหมายระดับ ๑–๕ | ระดับที่ได้ | คะแนนถ่วงน้ำหนัก |\n|---|:-:|---|:-:|:-:|\n";
  for (const Kpi& k : sh.agreement->kpis) {
    std::string targets;
    for (std::size_t l = 0; l < 5; ++l)
      if (!k.targets[l].empty())
        targets += (targets.empty() ? "" : "<br>") +
                   text::format_int(static_cast<long long>(l + 1), d) + ": " + m(k.targets[l]);
    o += "| " + m(k.name) + " (" + m(k.id) + ") | " + decimal(k.weight, 2, d) + " | " + targets +
         " | " + decimal(k.achieved, 2, d) + " | " + decimal(k.weighted(), 4, d) + " |\n";
  }
  o += "| **รวม** | " + decimal(r.weight_sum, 2, d) + " | | | **" + decimal(r.score, 4, d) +
       "** |\n\n";
  o += "คะแนนผลสัมฤทธิ์ของงาน = " + results_formula(r, d) + "\n\n## องค์ประกอบที่ ๒: ";
  return o;
}

/// The competency table (after its heading's "## ").
std::string competencies_md(const PersonSheet& sh, const ReportOptions& opt) {
  const Framework& fw = *sh.framework;
  const PersonScore& ps = sh.score;
  const Digits d = opt.digits;
  const bool grouped = report_detail::several_groups(fw, ps);
  std::string o = grouped ? "ผลการประเมินสมรรถนะ\n\n" : "ผลการประเมินสมรรถนะหลัก\n\n";
  o += "| สมรรถนะ | ระดับที่คาดหวัง | ระดับที่แสดงออก | ส่วนต่าง | คะแนน | หลักฐาน / บันทึกพฤติกรรม |\n";
  o += "|---|:-:|:-:|:-:|:-:|---|\n";
  std::optional<Group> shown_group;
  for (const CompetencyScore& cs : ps.competencies) {
    const Competency& c = fw.competency(cs.competency);
    if (grouped &&
        shown_group != c.group) {  // a heading row per type: core, managerial, functional
      shown_group = c.group;
      o += "| **" + m(report_detail::group_name_th(c.group)) + "** | | | | | |\n";
    }
    std::string notes;
    for (const auto& line : explanation_th(cs, d)) notes += (notes.empty() ? "" : "<br>") + m(line);
    if (const std::string raters =
            other_raters_th(fw, sh.assessment, c, d, opt.min_raters_per_role);
        !raters.empty())
      notes += "<br>" + m(raters);
    for (const auto& n : notes_for(fw, sh.assessment, c))
      notes += (notes.empty() ? "" : "<br>") +
               (n.indicator.empty() ? "" : "`" + n.indicator + "` ") + m(n.text);
    o += "| " + m(c.name.th) + " | " + text::format_int(cs.expected, d) + " | " +
         text::format_int(cs.held, d) + " | " + signed_int(cs.gap, d) + " | " +
         number(cs.points, 0, d) + " | " + notes + " |\n";
  }
  return o;
}

/// The totals: competency part, results part, the other part (schemes with one: the official
/// form's "3. อื่น ๆ", percent × weight ÷ 100 = points), total and band.
std::string totals_md(const PersonSheet& sh, Digits d) {
  const PersonScore& ps = sh.score;
  const Scheme& scheme = sh.profile->scheme();
  std::string o = "\n## สรุปคะแนน\n\n| | คะแนน |\n|---|--:|\n";
  o += "| สมรรถนะ (" + number(sh.rules.weight, 0, d) + " คะแนน) | " +
       number(ps.competency_score, 2, d) + " |\n";
  if (ps.results)
    o += "| ผลสัมฤทธิ์ของงาน (" + number(scheme.results_weight, 0, d) + " คะแนน; ร้อยละ " +
         number(*ps.results, 2, d) + ") | " +
         number(sh.results_part ? sh.results_part->points
                                : *ps.results * scheme.results_weight / 100.0,
                2, d) +
         " |\n";
  if (scheme.has_other() && ps.other && ps.other_points)
    o += "| อื่น ๆ (" + number(scheme.other_weight, 0, d) + " คะแนน; ร้อยละ " +
         number(*ps.other, 2, d) + " × " + number(scheme.other_weight, 0, d) + " ÷ " +
         text::format_int(100, d) + ") | " + number(*ps.other_points, 2, d) + " |\n";
  if (ps.total) o += "| **รวม** | **" + number(*ps.total, 2, d) + "** |\n";
  if (ps.band && *ps.band < scheme.bands.size())
    o += "| ระดับผลการประเมิน | " + m(scheme.bands[*ps.band].th) + " |\n";
  o += "\nวิธีคำนวณ: " + m(method_name_th(sh.rules.method)) + "\n";
  return o;
}

/// The development plan (BMA form part 3).
std::string plan_md(const PersonSheet& sh, Digits d) {
  const Framework& fw = *sh.framework;
  const PersonScore& ps = sh.score;
  std::string o = "\n## แผนพัฒนาการปฏิบัติราชการรายบุคคล\n\n";
  o += "| สมรรถนะที่ต้องพัฒนา | พฤติกรรมบ่งชี้เป้าหมาย | วิธีการพัฒนา | ช่วงเวลา | วิธีวัดผลการพัฒนา |\n";
  o += "|---|---|---|---|---|\n";
  const auto targets = development_targets(fw, std::span<const CompetencyScore>(ps.competencies));
  for (const auto& t : targets) {
    const Competency& c = fw.competency(t.competency);
    std::string inds;
    for (const Indicator* ind : t.indicators)
      inds += (inds.empty() ? "" : "<br>") + ("`" + ind->id + "` ") + m(ind->text.th);
    o += "| " + m(c.name.th) + " (" +
         (t.from_level == t.to_level
              ? text::format_level(t.to_level, d)
              : text::format_level(t.from_level, d) + "–" + text::format_int(t.to_level, d)) +
         (t.stretch ? "; เป้าหมายเพิ่มเติม" : "") + ") | " + inds + " | ";
    if (const ActivitySuggestion* s = suggestion_for(sh, fw, t); s) {
      std::string acts;
      for (const Activity& act : s->activities) acts += (acts.empty() ? "" : "<br>") + m(act.title);
      o += acts.empty() ? "ไม่มีในแนวทาง" : acts;
    }
    o += " | | |\n";
  }
  if (targets.empty()) o += "| ไม่มีสมรรถนะที่ต้องพัฒนา | | | | |\n";
  return o;
}

}  // namespace

std::string person_sheet_markdown(const PersonSheet& sh, const ReportOptions& opt) {
  report_detail::check_options(opt);
  if (!sh.framework || !sh.profile)
    throw ValidationError("the person sheet has no framework or profile");
  (void)report_detail::scored_competencies(
      *sh.framework, sh.score);  // ValidationError when they are not the framework's
  std::string o = sheet_header_md(sh, opt);
  o += kpi_part_md(sh, opt.digits);
  o += competencies_md(sh, opt);
  o += totals_md(sh, opt.digits);
  o += plan_md(sh, opt.digits);
  return o + footer_md(opt);
}

std::string cohort_overview_markdown(const CohortScores& s, const ReportOptions& opt) {
  return cohort_overview_markdown(s, CohortExtras{}, opt);
}

namespace {
const char* const kTier[3] = {"ต่ำ", "กลาง", "สูง"};

std::string nine_box_markdown(const NineBox& b, Digits d) {
  std::string o = "\n## ตาราง ๙ ช่อง: ผลสัมฤทธิ์ของงาน × สมรรถนะ (คน)\n\n";
  o += "แถว: ผลสัมฤทธิ์ของงาน (จุดตัดร้อยละ " + number(b.options.results_low, 1, d) + " และ " +
       number(b.options.results_high, 1, d) + "); คอลัมน์: สมรรถนะ (จุดตัดร้อยละ " +
       number(b.options.competency_low, 1, d) + " และ " + number(b.options.competency_high, 1, d) +
       ")\n\n";
  o += "| หน่วยงาน | ผลสัมฤทธิ์ | สมรรถนะต่ำ | กลาง | สูง |\n|---|---|--:|--:|--:|\n";
  for (const NineBoxGroup& g : b.groups)
    for (int r = 2; r >= 0; --r) {
      o += "| " +
           (r == 2 ? (g.unit.empty() ? std::string("**ทั้งหมด**") : m(g.unit)) : std::string()) +
           " | " + kTier[r] + " |";
      for (int c = 0; c < 3; ++c)
        o += " " +
             integer(static_cast<long long>(g.counts[static_cast<std::size_t>(r * 3 + c)]), d) +
             " |";
      o += "\n";
    }
  return o;
}

/// Per person with several raters, each role's mean level (withheld below the minimum).
std::string role_means_markdown(const CohortScores& s, const Calibration& c, Digits d) {
  if (c.roles.empty()) return {};
  std::string o =
      "\n### ระดับเฉลี่ยตามบทบาทผู้ประเมิน\n\nเพื่อนร่วมงานและผู้ใต้บังคับบัญชา: แสดงค่าเฉลี่ยเมื่อมีผู้ประเมินอย่างน้อย " +
      integer(static_cast<long long>(c.options.min_raters_per_role), d) +
      " คน และไม่แสดงผลของผู้ประเมินรายคน\n\n| รหัส | ชื่อ–สกุล | หน่วยงาน |";
  for (const char* r : kRoleTh) o += std::string(" ") + r + " |";
  o += "\n|---|---|---|--:|--:|--:|--:|\n";
  for (const PersonRoles& pr : c.roles) {
    const Person& p = s.people[pr.person];
    o += "| " + m(p.id) + " | " + m(p.name) + " | " + m(p.unit) + " |";
    for (std::size_t role = 0; role < 4; ++role) {
      const auto it = std::find_if(pr.roles.begin(), pr.roles.end(), [&](const RoleMean& r) {
        return static_cast<std::size_t>(r.role) == role;
      });
      o += it == pr.roles.end() ? std::string(" – |")
           : it->withheld       ? " " + withheld_th(c.options.min_raters_per_role, d) + " |"
                                : " " + number(it->mean_level, 2, d) + " (" +
                                integer(static_cast<long long>(it->raters), d) + " คน) |";
    }
    o += "\n";
  }
  return o;
}

std::string calibration_markdown(const CohortScores& s, const Calibration& c, Digits d) {
  const Scheme& scheme = s.profile->scheme();
  std::string o = "\n## การกระจายระดับผลการประเมิน (ก่อนประกาศผล)\n\n| หน่วยงาน | คน |";
  std::string rule = "|---|--:|";
  for (const Band& b : scheme.bands) {
    o += " " + m(b.th) + " |";
    rule += "--:|";
  }
  for (const BandCap& cap : c.options.caps) {
    o += " " + m(cap.band) + "ขึ้นไป (ไม่เกิน " + percent(cap.max_share, d) + ") |";
    rule += "--:|";
  }
  o += "\n" + rule + "\n";
  for (const BandDistribution& dist : c.distribution) {
    o += "| " + (dist.unit.empty() ? std::string("**ทั้งหมด**") : m(dist.unit)) + " | " +
         integer(static_cast<long long>(dist.people), d) + " |";
    for (std::size_t k : dist.counts) o += " " + integer(static_cast<long long>(k), d) + " |";
    for (std::size_t k = 0; k < dist.capped_share.size(); ++k)
      o += " " + percent(dist.capped_share[k], d) + (dist.over_cap[k] ? " **เกิน**" : "") + " |";
    o += "\n";
  }
  o += "\n### ผู้ที่อยู่ที่ขอบระดับ (ไม่เกิน " + number(c.options.edge, 2, d) + " คะแนนเหนือเกณฑ์)\n\n";
  o += "| ระดับ | รหัส | ชื่อ–สกุล | หน่วยงาน | คะแนนรวม |\n|---|---|---|---|--:|\n";
  for (const BandEdge& e : c.edges) {
    const Person& p = s.people[e.person];
    o += "| " + m(scheme.bands[e.band].th) + " | " + m(p.id) + " | " + m(p.name) + " | " +
         m(p.unit) + " | " + number(e.total, 2, d) + " |\n";
  }
  if (!c.raters.empty()) {
    o += "\n### ความเข้มงวดของผู้ประเมิน\n\n| หน่วยงาน | ผู้ประเมิน | คน | คะแนนรวมเฉลี่ย | ของหน่วยงาน | "
         "ส่วนต่างเฉลี่ย | ของหน่วยงาน |\n"
         "|---|---|--:|--:|--:|--:|--:|\n";
    for (const RaterLeniency& r : c.raters)
      o += "| " + m(r.unit) + " | " + m(r.rater_id) + (r.flagged ? " ⚑" : "") + " | " +
           integer(static_cast<long long>(r.people), d) + " | " + number(r.mean_total, 2, d) +
           " | " + number(r.unit_mean_total, 2, d) + " | " + signed_number(r.mean_gap, 2, d) +
           " | " + signed_number(r.unit_mean_gap, 2, d) + " |\n";
  }
  return o + role_means_markdown(s, c, d);
}
}  // namespace

std::string cohort_overview_markdown(const CohortScores& s, const CohortExtras& x,
                                     const ReportOptions& opt) {
  report_detail::check_options(opt);
  if (!s.framework || !s.profile)
    throw ValidationError("the cohort scores have no framework or profile");
  const Framework& fw = *s.framework;
  const Digits d = opt.digits;
  const auto units = units_sorted(s);
  const auto alls = summarize(s, GroupBy::all);
  const GroupSummary all = alls.empty() ? GroupSummary{} : alls.front();
  std::string o;
  // A cohort of per-position sets holds more than the core competencies.
  const char* title =
      s.appraised.empty() ? "ภาพรวมผลการประเมินสมรรถนะหลัก" : "ภาพรวมผลการประเมินสมรรถนะ";
  o += "# " + m(opt.title.empty() ? title : opt.title) + "\n\n";
  if (!opt.organisation.empty()) o += m(opt.organisation) + "  \n";
  if (opt.round) o += m(round_text(*opt.round, d)) + "  \n";
  o += "ผู้รับการประเมิน " + integer(static_cast<long long>(s.n), d) + " คน · " +
       integer(static_cast<long long>(units.size()), d) + " หน่วยงาน · ถึงระดับที่คาดหวังทุกด้าน " +
       percent(all.share_meeting_all, d) + "\n\n";

  o += "## ร้อยละผู้ที่ถึงระดับที่คาดหวัง (ส่วนต่างเฉลี่ย) จำแนกตามหน่วยงาน\n\n| หน่วยงาน | คน |";
  std::string rule = "|---|--:|";
  for (const auto& c : fw.competencies()) {
    o += " " + m(c.name.th) + " |";
    rule += ":-:|";
  }
  o += "\n" + rule + "\n";
  auto row = [&](const GroupSummary& g, const std::string& label) {
    o += "| " + label + " | " + integer(static_cast<long long>(g.people), d) + " |";
    for (std::size_t j = 0; j < s.c; ++j)
      o += !g.appraised.empty() && g.appraised[j] == 0
               ? std::string(" – |")  // nobody of the group is appraised on it
               : " " + percent(g.share_meeting[j], d) + " (" + signed_number(g.mean_gap[j], 2, d) +
                     ") |";
    o += "\n";
  };
  for (const auto& u : units) row(u, m(u.key));
  row(all, "**ทั้งหมด**");

  int top = 0;
  for (const auto& c : fw.competencies()) top = std::max(top, c.max_level());
  o += "\n## การกระจายของระดับสมรรถนะ (คน)\n\n| สมรรถนะ |";
  rule = "|---|";
  for (int k = 0; k <= top; ++k) {
    o += " " + text::format_level(k, d) + " |";
    rule += "--:|";
  }
  o += "\n" + rule + "\n";
  for (std::size_t j = 0; j < s.c; ++j) {
    o += "| " + m(fw.competencies()[j].name.th) + " |";
    for (int k = 0; k <= top; ++k) {
      const auto& dist = all.distribution[j];
      o += k < static_cast<int>(dist.size())
               ? " " + integer(static_cast<long long>(dist[static_cast<std::size_t>(k)]), d) + " |"
               : std::string(" – |");
    }
    o += "\n";
  }
  if (s.has_results) {
    o += "\n## ผลการประเมินรวม\n\n| ระดับผลการประเมิน | คน |\n|---|--:|\n";
    const auto& bands = s.profile->scheme().bands;
    for (std::size_t b = 0; b < bands.size(); ++b)
      o += "| " + m(bands[b].th) + " | " +
           integer(static_cast<long long>(b < all.band_counts.size() ? all.band_counts[b] : 0), d) +
           " |\n";
  }
  if (x.nine_box) o += nine_box_markdown(*x.nine_box, d);
  if (x.calibration) o += calibration_markdown(s, *x.calibration, d);
  o += "\n## สรุปรายหน่วยงาน\n\n| หน่วยงาน | คน | ถึงระดับที่คาดหวังทุกด้าน | คะแนนสมรรถนะเฉลี่ย "
       "|\n|---|--:|--:|--:|\n";
  for (const auto& u : units)
    o += "| " + m(u.key) + " | " + integer(static_cast<long long>(u.people), d) + " | " +
         percent(u.share_meeting_all, d) + " | " + number(u.mean_part, 2, d) + " |\n";
  return o + footer_md(opt);
}

}  // namespace samatthana
