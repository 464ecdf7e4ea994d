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
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '#': case '!':
      case '{': case '}': case '~':
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
  std::stable_sort(units.begin(), units.end(),
                   [&](const GroupSummary& a, const GroupSummary& b) { return coll.less(a.key, b.key); });
  return units;
}

}  // namespace

std::string person_sheet_markdown(const PersonSheet& sh, const ReportOptions& opt) {
  report_detail::check_options(opt);
  if (!sh.framework || !sh.profile) throw ValidationError("the person sheet has no framework or profile");
  const Framework& fw = *sh.framework;
  const Profile& prof = *sh.profile;
  const PersonScore& ps = sh.score;
  if (ps.competencies.size() != fw.size())
    throw ValidationError("the person's scores do not match the framework's competencies");
  const Digits d = opt.digits;
  std::string o;
  o += "# " + m(opt.title.empty() ? "แบบสรุปผลการประเมินสมรรถนะหลัก" : opt.title) + "\n\n";
  if (!opt.organisation.empty()) o += m(opt.organisation) + "  \n";
  if (opt.round) o += m(round_text(*opt.round, d)) + "\n";
  o += "\n| | |\n|---|---|\n";
  o += "| ชื่อ–สกุล | " + m(ps.person.name) + " |\n";
  o += "| รหัส | " + m(ps.person.id) + " |\n";
  o += "| ตำแหน่ง | " + m(position_text(prof, ps.person)) + " |\n";
  o += "| หน่วยงาน | " + m(ps.person.unit) + " |\n\n";

  o += "## ผลการประเมินสมรรถนะหลัก\n\n";
  o += "| สมรรถนะ | ระดับที่คาดหวัง | ระดับที่แสดงออก | ส่วนต่าง | คะแนน | หลักฐาน / บันทึกพฤติกรรม |\n";
  o += "|---|:-:|:-:|:-:|:-:|---|\n";
  for (std::size_t i = 0; i < fw.size(); ++i) {
    const Competency& c = fw.competencies()[i];
    const CompetencyScore& cs = ps.competencies[i];
    std::string notes;
    for (const auto& line : explanation_th(cs, d)) notes += (notes.empty() ? "" : "<br>") + m(line);
    for (const auto& n : notes_for(fw, sh.assessment, c))
      notes += (notes.empty() ? "" : "<br>") + (n.indicator.empty() ? "" : "`" + n.indicator + "` ") + m(n.text);
    o += "| " + m(c.name.th) + " | " + text::format_int(cs.expected, d) + " | " + text::format_int(cs.held, d) +
         " | " + signed_int(cs.gap, d) + " | " + number(cs.points, 0, d) + " | " + notes + " |\n";
  }
  const Scheme& scheme = prof.scheme();
  o += "\n## สรุปคะแนน\n\n| | คะแนน |\n|---|--:|\n";
  o += "| สมรรถนะ (" + number(sh.rules.weight, 0, d) + " คะแนน) | " + number(ps.competency_score, 2, d) + " |\n";
  if (ps.results)
    o += "| ผลสัมฤทธิ์ของงาน (" + number(scheme.results_weight, 0, d) + " คะแนน; ร้อยละ " +
         number(*ps.results, 2, d) + ") | " + number(*ps.results * scheme.results_weight / 100.0, 2, d) + " |\n";
  if (ps.total) o += "| **รวม** | **" + number(*ps.total, 2, d) + "** |\n";
  if (ps.band && *ps.band < scheme.bands.size()) o += "| ระดับผลการประเมิน | " + m(scheme.bands[*ps.band].th) + " |\n";
  o += "\nวิธีคำนวณ: " + m(method_name_th(sh.rules.method)) + "\n";

  std::vector<int> held, expected;
  for (const auto& cs : ps.competencies) {
    held.push_back(cs.held);
    expected.push_back(cs.expected);
  }
  o += "\n## แผนพัฒนาการปฏิบัติราชการรายบุคคล\n\n";
  o += "| สมรรถนะที่ต้องพัฒนา | พฤติกรรมบ่งชี้เป้าหมาย | วิธีการพัฒนา | ช่วงเวลา | วิธีวัดผลการพัฒนา |\n";
  o += "|---|---|---|---|---|\n";
  const auto targets = development_targets(fw, held, expected);
  for (const auto& t : targets) {
    const Competency& c = fw.competency(t.competency);
    std::string inds;
    for (const Indicator* ind : t.indicators) inds += (inds.empty() ? "" : "<br>") + ("`" + ind->id + "` ") + m(ind->text.th);
    o += "| " + m(c.name.th) + " (" +
         (t.from_level == t.to_level ? text::format_level(t.to_level, d)
                                     : text::format_level(t.from_level, d) + "–" + text::format_int(t.to_level, d)) +
         (t.stretch ? "; เป้าหมายเพิ่มเติม" : "") + ") | " + inds + " | | | |\n";
  }
  if (targets.empty()) o += "| ไม่มีสมรรถนะที่ต้องพัฒนา | | | | |\n";
  return o;
}

std::string cohort_overview_markdown(const CohortScores& s, const ReportOptions& opt) {
  report_detail::check_options(opt);
  if (!s.framework || !s.profile) throw ValidationError("the cohort scores have no framework or profile");
  const Framework& fw = *s.framework;
  const Digits d = opt.digits;
  const auto units = units_sorted(s);
  const auto alls = summarize(s, GroupBy::all);
  const GroupSummary all = alls.empty() ? GroupSummary{} : alls.front();
  std::string o;
  o += "# " + m(opt.title.empty() ? "ภาพรวมผลการประเมินสมรรถนะหลัก" : opt.title) + "\n\n";
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
      o += " " + percent(g.share_meeting[j], d) + " (" + signed_number(g.mean_gap[j], 2, d) + ") |";
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
      o += k < static_cast<int>(dist.size()) ? " " + integer(static_cast<long long>(dist[static_cast<std::size_t>(k)]), d) + " |"
                                             : std::string(" – |");
    }
    o += "\n";
  }
  if (s.has_results) {
    o += "\n## ผลการประเมินรวม\n\n| ระดับผลการประเมิน | คน |\n|---|--:|\n";
    const auto& bands = s.profile->scheme().bands;
    for (std::size_t b = 0; b < bands.size(); ++b)
      o += "| " + m(bands[b].th) + " | " +
           integer(static_cast<long long>(b < all.band_counts.size() ? all.band_counts[b] : 0), d) + " |\n";
  }
  o += "\n## สรุปรายหน่วยงาน\n\n| หน่วยงาน | คน | ถึงระดับที่คาดหวังทุกด้าน | คะแนนสมรรถนะเฉลี่ย |\n|---|--:|--:|--:|\n";
  for (const auto& u : units)
    o += "| " + m(u.key) + " | " + integer(static_cast<long long>(u.people), d) + " | " +
         percent(u.share_meeting_all, d) + " | " + number(u.mean_part, 2, d) + " |\n";
  return o;
}

}  // namespace samatthana
