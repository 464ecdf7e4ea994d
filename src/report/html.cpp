// HTML reports: the person sheet and the cohort overview. One self-contained file each: inline
// CSS and SVG, no scripts, no fonts or images fetched. The markup is also well-formed XML (void
// elements self-closed, only the XML entities and numeric references), so tests can parse it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numbers>
#include <string>
#include <vector>

#include "report/common.hpp"
#include "samatthana/report.hpp"

namespace samatthana {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char ch : s) {
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
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        // Control characters other than tab/newline are not allowed in XML; drop them.
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') break;
        out += ch;
    }
  }
  return out;
}

namespace {

using namespace report_detail;
using text::Digits;

std::string e(std::string_view s) { return html_escape(s); }

/// ReportOptions::footer (the audit manifest's line) on a line of its own inside <footer>.
std::string footer_line(const ReportOptions& opt) {
  return opt.footer.empty() ? std::string()
                            : "<br/><span class=\"manifest\">" + e(opt.footer) + "</span>";
}

std::string fmt(double v, int places = 1) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", places, v);
  return buf;
}

// Thai font stack: Debian (fonts-thai-tlwg: Loma, Garuda, Waree, Laksaman), Windows (Leelawadee
// UI, Tahoma), macOS (Thonburi, Sukhumvit Set), Google's Noto/Sarabun when installed. All local:
// nothing is fetched.
constexpr const char* kCss = R"CSS(
:root { --ink: #1a1a1a; --muted: #5a5a5a; --line: #c8c8c8; --accent: #1f5fa8; --warn: #b3261e; }
* { box-sizing: border-box; }
html { font-family: "Sarabun", "Noto Sans Thai", "Leelawadee UI", "Leelawadee", "Thonburi",
  "Sukhumvit Set", "Tahoma", "Loma", "Garuda", "Waree", "Laksaman", sans-serif;
  font-size: 14px; line-height: 1.5; color: var(--ink); background: #fff; }
body { margin: 0; }
.page { max-width: 210mm; margin: 0 auto; padding: 12mm; }
h1 { font-size: 1.45rem; margin: 0 0 .2rem; line-height: 1.3; }
h2 { font-size: 1.1rem; margin: 1.1rem 0 .4rem; padding-bottom: .15rem; border-bottom: 2px solid var(--accent); }
p { margin: .2rem 0; }
.org { color: var(--muted); font-size: .95rem; }
.round { font-size: 1rem; }
.muted { color: var(--muted); }
.small { font-size: .85rem; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .2rem .35rem; vertical-align: top;
  overflow-wrap: anywhere; word-break: normal; }
th { background: #eef2f7; font-weight: 600; text-align: left; }
td.n, th.n { text-align: center; }
td.achieved { background: #dcebfa; font-weight: 600; }
.formula { font-size: .9rem; }
table.ninebox { width: auto; table-layout: auto; }
table.ninebox td { min-width: 4.2rem; height: 2.6rem; vertical-align: middle; }
table.ninebox.big td { min-width: 5.5rem; height: 3.6rem; }
td.over-cap { background: #fbe3e1; }
tr.flagged td { background: #fff3d6; }
thead th { overflow-wrap: normal; }
table.who th { width: 22%; }
.below { color: var(--warn); font-weight: 600; }
.notes { margin: 0; padding-left: 1.1rem; font-size: .85rem; }
.notes li { margin: 0; }
code { font-family: "TlwgMono", "Consolas", "Menlo", monospace; font-size: .8rem; color: var(--muted); }
.two { display: flex; flex-wrap: wrap; gap: 4mm; align-items: flex-start; }
.two > figure { flex: 1 1 95mm; margin: 0; min-width: 0; }
.two > div { flex: 1 1 70mm; min-width: 0; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: .85rem; color: var(--muted); text-align: center; }
.band { font-size: 1.2rem; font-weight: 700; color: var(--accent); }
.fill { height: 3.2rem; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem .9rem; font-size: .85rem; margin: .2rem 0; }
.legend span.sw { display: inline-block; width: .9rem; height: .9rem; vertical-align: -.1rem;
  margin-right: .25rem; border: 1px solid #888; }
footer { margin-top: 1rem; font-size: .8rem; color: var(--muted); border-top: 1px solid var(--line); padding-top: .3rem; }
svg text { font-family: inherit; }
@page { size: A4; margin: 12mm; }
@media print {
  .page { max-width: none; padding: 0; }
  html { font-size: 12px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; }
  tr, figure, .keep { break-inside: avoid; }
  thead { display: table-header-group; }
}
)CSS";

std::string head(std::string_view title) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
      "<meta name=\"generator\" content=\"samatthana\"/>\n<title>";
  h += e(title);
  h += "</title>\n<style>";
  h += kCss;
  h += "</style>\n</head>\n";
  return h;
}

// ---- radar -----------------------------------------------------------------------------------

/// Where the radar chart puts things: one axis per competency scored, rings at each level.
struct RadarGeometry {
  std::vector<const Competency*> comps;
  std::size_t n = 0;
  int top = 1;
  static constexpr double W = 400, H = 322, cx = W / 2, cy = 166, R = 112;
  double unit = R;

  explicit RadarGeometry(const PersonSheet& sh)
      // One axis per competency the person was scored on (all of the framework's, or their own
      // set).
      : comps(report_detail::scored_competencies(*sh.framework, sh.score)), n(comps.size()) {
    for (const Competency* c : comps) top = std::max(top, c->max_level());
    unit = R / top;
  }
  [[nodiscard]] double angle(std::size_t i) const {
    return -std::numbers::pi / 2 +
           2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
  }
  [[nodiscard]] std::pair<double, double> pt(std::size_t i, double level) const {
    const double a = angle(i);
    return std::pair{cx + std::cos(a) * unit * level, cy + std::sin(a) * unit * level};
  }
  template <class LevelOf>
  [[nodiscard]] std::string poly(const LevelOf& level_of) const {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
      auto [x, y] = pt(i, level_of(i));
      s += (i ? " " : "") + fmt(x) + "," + fmt(y);
    }
    return s;
  }
};

/// Grid: rings at each level, drawn through every axis long enough to reach it; then the axes
/// with their level numbers.
void radar_grid(std::string& o, const RadarGeometry& g, Digits d) {
  for (int k = 1; k <= g.top; ++k) {
    bool all = true;
    for (std::size_t i = 0; i < g.n; ++i) all = all && g.comps[i]->max_level() >= k;
    if (all && g.n >= 3) {
      o += "<polygon class=\"grid\" points=\"" + g.poly([&](std::size_t) { return double(k); }) +
           "\" fill=\"none\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>\n";
    } else {
      for (std::size_t i = 0; i < g.n; ++i)
        if (g.comps[i]->max_level() >= k) {
          auto [x, y] = g.pt(i, k);
          o += "<circle cx=\"" + fmt(x) + "\" cy=\"" + fmt(y) + "\" r=\"2.5\" fill=\"#b0b0b0\"/>\n";
        }
    }
  }
  for (std::size_t i = 0; i < g.n; ++i) {
    const Competency& c = *g.comps[i];
    auto [x, y] = g.pt(i, c.max_level());
    o += "<line class=\"axis\" x1=\"" + fmt(g.cx) + "\" y1=\"" + fmt(g.cy) + "\" x2=\"" + fmt(x) +
         "\" y2=\"" + fmt(y) + "\" stroke=\"#9a9a9a\" stroke-width=\"1\"/>\n";
    // Level numbers along the axis.
    for (int k = 1; k <= c.max_level(); ++k) {
      auto [tx, ty] = g.pt(i, k);
      o += "<text x=\"" + fmt(tx + 3) + "\" y=\"" + fmt(ty - 2) +
           "\" font-size=\"8\" fill=\"#8a8a8a\">" + text::format_int(k, d) + "</text>\n";
    }
  }
}

/// The expected and held levels as polygons, and a point with a tooltip at each held level.
void radar_levels(std::string& o, const RadarGeometry& g, const PersonSheet& sh, Digits d) {
  const auto& cs = sh.score.competencies;
  o += "<polygon class=\"expected\" points=\"" + g.poly([&](std::size_t i) {
    return double(cs[i].expected);
  }) + "\" fill=\"none\" stroke=\"#d9822b\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>\n";
  o += "<polygon class=\"held\" points=\"" + g.poly([&](std::size_t i) {
    return double(cs[i].held);
  }) + "\" fill=\"#1f5fa8\" fill-opacity=\"0.28\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>\n";
  for (std::size_t i = 0; i < g.n; ++i) {
    auto [x, y] = g.pt(i, cs[i].held);
    o += "<circle class=\"held-point\" cx=\"" + fmt(x) + "\" cy=\"" + fmt(y) +
         "\" r=\"3.5\" fill=\"#1f5fa8\"><title>" + e(g.comps[i]->name.th) + ": " +
         text::format_level(cs[i].held, d) + " (คาดหวัง " + text::format_int(cs[i].expected, d) +
         ")</title></circle>\n";
  }
}

/// Labels outside the rim, wrapped at word boundaries, with held / expected in bold.
void radar_labels(std::string& o, const RadarGeometry& g, const PersonSheet& sh, Digits d) {
  const auto& cs = sh.score.competencies;
  for (std::size_t i = 0; i < g.n; ++i) {
    const Competency& c = *g.comps[i];
    const double a = g.angle(i);
    const double lr = g.unit * g.top + 12;
    const double x = g.cx + std::cos(a) * lr, y = g.cy + std::sin(a) * lr;
    const double ca = std::cos(a);
    const char* anchor = std::fabs(ca) < 0.25 ? "middle" : ca > 0 ? "start" : "end";
    std::vector<std::string> lines = wrap(c.name.th, 11);
    lines.push_back(text::format_int(cs[i].held, d) + " / " + text::format_int(cs[i].expected, d));
    const double lh = 13;
    double y0 = y - (static_cast<double>(lines.size()) - 1) * lh / 2 + 4;
    if (std::sin(a) < -0.9)
      y0 = y - (static_cast<double>(lines.size()) - 1) * lh;  // top label: grow upwards
    if (std::sin(a) > 0.9) y0 = y + 8;
    o += "<text class=\"label\" text-anchor=\"" + std::string(anchor) +
         "\" font-size=\"12\" fill=\"#1a1a1a\">";
    for (std::size_t l = 0; l < lines.size(); ++l) {
      const bool last = l + 1 == lines.size();
      o += "<tspan x=\"" + fmt(x) + "\" y=\"" + fmt(y0 + static_cast<double>(l) * lh) + "\"" +
           (last ? " font-weight=\"700\" fill=\"#1f5fa8\"" : "") + ">" + e(lines[l]) + "</tspan>";
    }
    o += "</text>\n";
  }
}

std::string radar(const PersonSheet& sh, const ReportOptions& opt) {
  const RadarGeometry g(sh);
  std::string o;
  o += "<svg class=\"radar\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
       fmt(RadarGeometry::W, 0) + " " + fmt(RadarGeometry::H, 0) +
       "\" role=\"img\" aria-label=\"แผนภูมิเรดาร์ ระดับที่แสดงออกเทียบกับระดับที่คาดหวัง\">\n";
  o += "<title>ระดับที่แสดงออกเทียบกับระดับที่คาดหวัง</title>\n";
  radar_grid(o, g, opt.digits);
  radar_levels(o, g, sh, opt.digits);
  radar_labels(o, g, sh, opt.digits);
  o += "</svg>";
  return o;
}

// ---- person sheet ----------------------------------------------------------------------------

/// Part 1 of the official form: the performance agreement's KPIs, each with its weight, target
/// levels (the achieved one marked), achieved level and weighted score; the sums and the formula.
std::string kpi_section(const Agreement& a, const ResultsPart& r, Digits d) {
  std::string o = "<section class=\"kpis\">\n<h2>องค์ประกอบที่ ๑: ผลสัมฤทธิ์ของงาน (" +
                  decimal(r.weight, 2, d) + " คะแนน)</h2>\n";
  o += "<table class=\"kpis\">\n<colgroup><col style=\"width:24%\"/><col style=\"width:8%\"/>"
       "<col/><col/><col/><col/><col/><col style=\"width:8%\"/><col "
       "style=\"width:11%\"/></colgroup>\n"
       "<thead><tr><th rowspan=\"2\">ตัวชี้วัด</th><th class=\"n\" rowspan=\"2\">น้ำหนัก</th>"
       "<th class=\"n\" colspan=\"5\">ระดับค่าเป้าหมาย</th><th class=\"n\" rowspan=\"2\">ระดับที่ได้</th>"
       "<th class=\"n\" rowspan=\"2\">คะแนนถ่วงน้ำหนัก<br/><span class=\"small muted\">(ระดับ × "
       "น้ำหนัก)</span></th></tr>\n<tr>";
  for (int l = 1; l <= 5; ++l) o += "<th class=\"n\">" + text::format_int(l, d) + "</th>";
  o += "</tr></thead>\n<tbody>\n";
  for (const Kpi& k : a.kpis) {
    o += "<tr class=\"kpi\" data-kpi=\"" + e(k.id) + "\"><td>" + e(k.name) +
         "<br/><span class=\"small muted\">" + e(k.id) + "</span></td><td class=\"n\">" +
         decimal(k.weight, 2, d) + "</td>";
    for (int l = 1; l <= 5; ++l) {
      const bool hit = static_cast<int>(std::floor(k.achieved + 1e-9)) == l;
      o += std::string("<td class=\"small") + (hit ? " achieved" : "") + "\">" +
           e(k.targets[static_cast<std::size_t>(l - 1)]) + "</td>";
    }
    o += "<td class=\"n\">" + decimal(k.achieved, 2, d) + "</td><td class=\"n\">" +
         decimal(k.weighted(), 4, d) + "</td></tr>\n";
  }
  o += "<tr class=\"sum\"><th>รวม</th><td class=\"n\">" + decimal(r.weight_sum, 2, d) +
       "</td><td colspan=\"6\"></td><td class=\"n\"><strong>" + decimal(r.score, 4, d) +
       "</strong></td></tr>\n";
  o += "</tbody>\n</table>\n<p class=\"formula\">คะแนนผลสัมฤทธิ์ของงาน = ผลรวมคะแนนถ่วงน้ำหนัก ÷ "
       "(ผลรวมน้ำหนัก × " +
       text::format_int(5, d) + ") × " + decimal(r.weight, 2, d) +
       " = <strong class=\"results-part\">" + e(results_formula(r, d)) +
       "</strong></p>\n</section>\n";
  return o;
}

/// The sheet's header: organisation, title, round, who.
std::string sheet_header(const PersonSheet& sh, const ReportOptions& opt) {
  const Framework& fw = *sh.framework;
  const Profile& prof = *sh.profile;
  const PersonScore& ps = sh.score;
  const Person& p = ps.person;
  const Digits d = opt.digits;
  std::string o;
  o += "<body>\n<main class=\"page person-sheet\">\n<header>\n";
  if (!opt.organisation.empty()) o += "<p class=\"org\">" + e(opt.organisation) + "</p>\n";
  const char* sheet_title = sh.agreement ? "แบบสรุปการประเมินผลการปฏิบัติราชการ"
                            : report_detail::several_groups(fw, ps) ? "แบบสรุปผลการประเมินสมรรถนะ"
                                                                    : "แบบสรุปผลการประเมินสมรรถนะหลัก";
  o += "<h1>" + e(opt.title.empty() ? std::string(sheet_title) : opt.title) + "</h1>\n";
  if (opt.round) o += "<p class=\"round\">" + e(round_text(*opt.round, d)) + "</p>\n";
  o += "<table class=\"who\"><tbody>\n";
  o += "<tr><th>ชื่อ–สกุล</th><td class=\"person-name\">" + e(p.name) + "</td></tr>\n";
  o += "<tr><th>รหัส</th><td>" + e(p.id) + "</td></tr>\n";
  o += "<tr><th>ตำแหน่ง</th><td>" + e(position_text(prof, p)) + "</td></tr>\n";
  o += "<tr><th>หน่วยงาน</th><td>" + e(p.unit) + "</td></tr>\n";
  o += "</tbody></table>\n</header>\n";
  return o;
}

/// The competency table (part 2 of the official form when there is a KPI table).
std::string competency_section(const PersonSheet& sh, const ReportOptions& opt) {
  const Framework& fw = *sh.framework;
  const PersonScore& ps = sh.score;
  const Digits d = opt.digits;
  std::string o;
  const int maxp = max_points(sh.rules.method);
  const bool grouped = report_detail::several_groups(fw, ps);
  o += std::string("<section class=\"competencies\">\n<h2>") +
       (sh.agreement ? "องค์ประกอบที่ ๒: " : "") +
       (grouped ? "ผลการประเมินสมรรถนะ" : "ผลการประเมินสมรรถนะหลัก") + "</h2>\n";
  o +=
      "<table class=\"competencies\">\n<colgroup><col style=\"width:22%\"/><col "
      "style=\"width:10%\"/>"
      "<col style=\"width:10%\"/><col style=\"width:8%\"/><col "
      "style=\"width:8%\"/><col/></colgroup>\n"
      "<thead><tr><th>สมรรถนะ</th><th class=\"n\">ระดับที่คาดหวัง</th><th class=\"n\">ระดับที่แสดงออก</th>"
      "<th class=\"n\">ส่วนต่าง</th><th class=\"n\">คะแนน</th><th>หลักฐาน / "
      "บันทึกพฤติกรรม</th></tr></thead>\n<tbody>\n";
  std::optional<Group> shown_group;
  for (const CompetencyScore& cs : ps.competencies) {
    const Competency& c = fw.competency(cs.competency);
    if (grouped &&
        shown_group != c.group) {  // a heading row per type: core, managerial, functional
      shown_group = c.group;
      o += "<tr class=\"group\" data-group=\"" + std::string(to_string(c.group)) +
           "\"><th colspan=\"6\">" + e(report_detail::group_name_th(c.group)) + "</th></tr>\n";
    }
    o += "<tr class=\"competency\" data-competency=\"" + e(c.id) + "\"><td>" + e(c.name.th) +
         "<br/><span class=\"small muted\">" + e(fw.level_title(c, cs.held, d)) + "</span></td>";
    o += "<td class=\"n\">" + text::format_int(cs.expected, d) + "</td>";
    o += "<td class=\"n\">" + text::format_int(cs.held, d) + "</td>";
    o += std::string("<td class=\"n") + (cs.gap < 0 ? " below" : "") + "\">" +
         signed_int(cs.gap, d) + "</td>";
    o += "<td class=\"n\">" + number(cs.points, 0, d) +
         (maxp ? "<span class=\"small muted\">/" + text::format_int(maxp, d) + "</span>"
               : std::string()) +
         "</td>";
    o += "<td><ul class=\"notes\">";
    for (const auto& line : explanation_th(cs, d)) o += "<li>" + e(line) + "</li>";
    if (const std::string raters =
            other_raters_th(fw, sh.assessment, c, d, opt.min_raters_per_role);
        !raters.empty())
      o += "<li class=\"raters\">" + e(raters) + "</li>";
    for (const auto& n : notes_for(fw, sh.assessment, c)) {
      o += "<li>";
      if (!n.indicator.empty()) o += "<code>" + e(n.indicator) + "</code> ";
      o += e(n.text) + "</li>";
    }
    o += "</ul></td></tr>\n";
  }
  o += "</tbody>\n</table>\n</section>\n";
  return o;
}

/// The other part's row of the totals: points of its weight, from the percent given.
std::string other_row(const Scheme& scheme, const PersonScore& ps, Digits d) {
  std::string o =
      "<tr class=\"other-part\"><th>อื่น ๆ (" + number(scheme.other_weight, 0, d) + " คะแนน)</th>";
  if (!ps.other || !ps.other_points) return o + "<td class=\"n muted\">ยังไม่มีข้อมูล</td></tr>\n";
  return o + "<td class=\"n other-points\">" + number(*ps.other_points, 2, d) +
         "<br/><span class=\"small muted\">(ร้อยละ " + number(*ps.other, 2, d) + " × " +
         number(scheme.other_weight, 0, d) + " ÷ " + text::format_int(100, d) +
         ")</span></td></tr>\n";
}

/// The radar chart and the totals: competency part, results part, the other part (schemes with
/// one: the official form's "3. อื่น ๆ"), total and band.
std::string totals_section(const PersonSheet& sh, const ReportOptions& opt) {
  const PersonScore& ps = sh.score;
  const Digits d = opt.digits;
  std::string o;
  const Scheme& scheme = sh.profile->scheme();
  o += "<section class=\"summary two keep\">\n<figure>\n" + radar(sh, opt) +
       "\n<figcaption><span style=\"color:#1f5fa8\">━━</span> ระดับที่แสดงออก &#160; "
       "<span style=\"color:#d9822b\">╌╌</span> ระดับที่คาดหวัง</figcaption>\n</figure>\n<div>\n";
  o += "<h2>สรุปคะแนน</h2>\n<table class=\"totals\"><tbody>\n";
  o += "<tr><th>สมรรถนะ (" + number(sh.rules.weight, 0, d) +
       " คะแนน)</th><td class=\"n part-score\">" + number(ps.competency_score, 2, d) +
       "</td></tr>\n";
  if (ps.results) {
    const double points =
        sh.results_part ? sh.results_part->points : *ps.results * scheme.results_weight / 100.0;
    o += "<tr><th>ผลสัมฤทธิ์ของงาน (" + number(scheme.results_weight, 0, d) +
         " คะแนน)</th><td class=\"n\">" + number(points, 2, d) +
         "<br/><span class=\"small muted\">(ร้อยละ " + number(*ps.results, 2, d) +
         ")</span></td></tr>\n";
  } else {
    o += "<tr><th>ผลสัมฤทธิ์ของงาน (" + number(scheme.results_weight, 0, d) +
         " คะแนน)</th><td class=\"n muted\">ยังไม่มีข้อมูล</td></tr>\n";
  }
  if (scheme.has_other()) o += other_row(scheme, ps, d);
  if (ps.total) {
    o += "<tr><th>รวม (๑๐๐ คะแนน)</th><td class=\"n total\"><strong>" + number(*ps.total, 2, d) +
         "</strong></td></tr>\n";
    if (ps.band && *ps.band < scheme.bands.size())
      o += "<tr><th>ระดับผลการประเมิน</th><td class=\"n\"><span class=\"band\">" +
           e(scheme.bands[*ps.band].th) + "</span></td></tr>\n";
  }
  o += "</tbody></table>\n<p class=\"small muted\">วิธีคำนวณ: " + e(method_name_th(sh.rules.method)) +
       "</p>\n";
  o += "</div>\n</section>\n";
  return o;
}

/// The development plan (BMA form part 3).
std::string plan_section(const PersonSheet& sh, const ReportOptions& opt) {
  const Framework& fw = *sh.framework;
  const PersonScore& ps = sh.score;
  const Digits d = opt.digits;
  std::string o;
  const auto targets = development_targets(fw, std::span<const CompetencyScore>(ps.competencies));
  o += "<section class=\"plan\">\n<h2>แผนพัฒนาการปฏิบัติราชการรายบุคคล</h2>\n";
  o += "<table class=\"plan\">\n<colgroup><col style=\"width:20%\"/><col style=\"width:41%\"/>"
       "<col style=\"width:13%\"/><col style=\"width:13%\"/><col style=\"width:13%\"/></colgroup>\n"
       "<thead><tr><th>สมรรถนะที่ต้องพัฒนา</th><th>พฤติกรรมบ่งชี้เป้าหมาย</th><th>วิธีการพัฒนา</th>"
       "<th>ช่วงเวลา</th><th>วิธีวัดผลการพัฒนา</th></tr></thead>\n<tbody>\n";
  if (targets.empty())
    o += "<tr><td colspan=\"5\" class=\"muted\">ไม่มีสมรรถนะที่ต้องพัฒนา (ถึงระดับสูงสุดทุกด้าน)</td></tr>\n";
  for (const auto& t : targets) {
    const Competency& c = fw.competency(t.competency);
    o += "<tr class=\"target\"><td>" + e(c.name.th) + "<br/><span class=\"small " +
         (t.stretch ? "muted\">เป้าหมายเพิ่มเติม" : "below\">ต่ำกว่าระดับที่คาดหวัง") +
         "</span><br/><span class=\"small\">" +
         (t.from_level == t.to_level
              ? text::format_level(t.to_level, d)
              : text::format_level(t.from_level, d) + "–" + text::format_int(t.to_level, d)) +
         "</span></td><td><ul class=\"notes\">";
    for (const Indicator* ind : t.indicators)
      o += "<li><code>" + e(ind->id) + "</code> " + e(ind->text.th) + "</li>";
    o += "</ul></td><td class=\"fill\">";
    if (const ActivitySuggestion* s = suggestion_for(sh, fw, t); s) {
      o += "<ul class=\"notes\">";
      for (const Activity& act : s->activities) o += "<li>" + e(act.title) + "</li>";
      if (s->activities.empty()) o += "<li class=\"muted\">ไม่มีในแนวทาง</li>";
      o += "</ul>";
    }
    o += "</td><td class=\"fill\"></td><td class=\"fill\"></td></tr>\n";
  }
  o += "</tbody>\n</table>\n</section>\n";
  return o;
}

std::string person_body(const PersonSheet& sh, const ReportOptions& opt) {
  const Framework& fw = *sh.framework;
  const Profile& prof = *sh.profile;
  std::string o = sheet_header(sh, opt);
  if (sh.agreement && sh.results_part)
    o += kpi_section(*sh.agreement, *sh.results_part, opt.digits);
  o += competency_section(sh, opt);
  o += totals_section(sh, opt);
  o += plan_section(sh, opt);
  o += "<footer>" + e(fw.name().th) + " (" + e(fw.id()) + ") · ระดับที่คาดหวังตาม " + e(prof.id()) +
       " · จัดทำโดย samatthana" + footer_line(opt) + "</footer>\n";
  o += "</main>\n</body>\n</html>\n";
  return o;
}

// ---- cohort overview -------------------------------------------------------------------------

/// Colour of a share 0..1: red (none meet) through yellow to green (all meet).
std::string heat(double share) {
  struct C {
    double r, g, b;
  };
  const C lo{244, 109, 67}, mid{254, 239, 160}, hi{102, 189, 99};
  const double t = std::clamp(share, 0.0, 1.0);
  const C a = t < 0.5 ? lo : mid, b = t < 0.5 ? mid : hi;
  const double u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(a.r + (b.r - a.r) * u),
                static_cast<int>(a.g + (b.g - a.g) * u), static_cast<int>(a.b + (b.b - a.b) * u));
  return buf;
}
/// Colour of level k of a competency whose highest level is `top` (light to dark blue).
std::string level_colour(int k, int top) {
  if (k == 0) return "#e6e6e6";
  const double t = top > 1 ? static_cast<double>(k - 1) / (top - 1) : 1.0;
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(198 - 170 * t),
                static_cast<int>(219 - 140 * t), static_cast<int>(239 - 75 * t));
  return buf;
}

std::vector<GroupSummary> units_in_thai_order(const CohortScores& s) {
  std::vector<GroupSummary> units = summarize(s, GroupBy::unit);
  const text::Collator coll;
  std::stable_sort(units.begin(), units.end(), [&](const GroupSummary& a, const GroupSummary& b) {
    return coll.less(a.key, b.key);
  });
  return units;
}

std::string heatmap(const CohortScores& s, const std::vector<GroupSummary>& units,
                    const GroupSummary& all, Digits d) {
  const Framework& fw = *s.framework;
  const double label_w = 190, cell_w = 98, cell_h = 38, head_h = 56;
  const double W = label_w + cell_w * static_cast<double>(s.c) + 4;
  const double H = head_h + cell_h * static_cast<double>(units.size() + 1) + 10;
  std::string o = "<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                  fmt(W, 0) + " " + fmt(H, 0) +
                  "\" role=\"img\" aria-label=\"แผนภาพความร้อน หน่วยงาน × สมรรถนะ\">\n";
  for (std::size_t j = 0; j < s.c; ++j) {
    const auto lines = wrap(fw.competencies()[j].name.th, 13);
    const double x = label_w + cell_w * (static_cast<double>(j) + 0.5);
    double y = head_h - 6 - 13.0 * static_cast<double>(lines.size() - 1);
    o += "<text text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\">";
    for (const auto& l : lines) {
      o += "<tspan x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\">" + e(l) + "</tspan>";
      y += 13;
    }
    o += "</text>\n";
  }
  auto row = [&](const GroupSummary& g, std::size_t r, bool total) {
    const double y = head_h + cell_h * static_cast<double>(r);
    std::string label = g.key.empty() ? std::string("ทั้งหมด") : g.key;
    const auto lines = wrap(label, 24);
    o += "<g class=\"" + std::string(total ? "row total" : "row unit") + "\">";
    o += "<text x=\"" + fmt(label_w - 6) + "\" text-anchor=\"end\" font-size=\"12\"" +
         (total ? " font-weight=\"700\"" : "") + ">";
    double ty =
        y + cell_h / 2 + 4 - 6.5 * static_cast<double>(std::min<std::size_t>(lines.size(), 2) - 1);
    for (std::size_t l = 0; l < std::min<std::size_t>(lines.size(), 2); ++l) {
      o += "<tspan x=\"" + fmt(label_w - 6) + "\" y=\"" + fmt(ty) + "\">" + e(lines[l]) +
           (l == 1 && lines.size() > 2 ? "…" : "") + "</tspan>";
      ty += 13;
    }
    o += "<title>" + e(label) + " (" + integer(static_cast<long long>(g.people), d) +
         " คน)</title></text>\n";
    for (std::size_t j = 0; j < s.c; ++j) {
      const double x = label_w + cell_w * static_cast<double>(j);
      const double sh = g.share_meeting[j];
      if (!g.appraised.empty() && g.appraised[j] == 0) {  // nobody of the group is appraised on it
        o += "<g class=\"cell none\"><title>" + e(label) + " · " + e(fw.competencies()[j].name.th) +
             ": ไม่มีผู้ได้รับการประเมินในสมรรถนะนี้</title><text x=\"" + fmt(x + cell_w / 2) + "\" y=\"" +
             fmt(y + 24) + "\" text-anchor=\"middle\" fill=\"#8a8a8a\">–</text></g>\n";
        continue;
      }
      o += "<g class=\"cell\"><title>" + e(label) + " · " + e(fw.competencies()[j].name.th) +
           ": ถึงระดับที่คาดหวัง " + percent(sh, d) + " ของ " +
           integer(static_cast<long long>(g.people), d) + " คน · ส่วนต่างเฉลี่ย " +
           signed_number(g.mean_gap[j], 2, d) + "</title>";
      o += "<rect x=\"" + fmt(x + 1) + "\" y=\"" + fmt(y + 1) + "\" width=\"" + fmt(cell_w - 2) +
           "\" height=\"" + fmt(cell_h - 2) + "\" fill=\"" + heat(sh) + "\"" +
           (total ? " stroke=\"#333\" stroke-width=\"1\"" : "") + "/>";
      o += "<text x=\"" + fmt(x + cell_w / 2) + "\" y=\"" + fmt(y + 16) +
           "\" text-anchor=\"middle\" font-size=\"13.5\" font-weight=\"700\">" + percent(sh, d) +
           "</text>";
      o += "<text x=\"" + fmt(x + cell_w / 2) + "\" y=\"" + fmt(y + 31) +
           "\" text-anchor=\"middle\" font-size=\"10.5\" fill=\"#333\">" +
           signed_number(g.mean_gap[j], 2, d) + "</text></g>\n";
    }
    o += "</g>\n";
  };
  for (std::size_t r = 0; r < units.size(); ++r) row(units[r], r, false);
  row(all, units.size(), true);
  o += "</svg>";
  return o;
}

std::string distribution(const CohortScores& s, const GroupSummary& all, Digits d) {
  const Framework& fw = *s.framework;
  const double label_w = 190, bar_w = 480, bar_h = 22, gap = 10;
  const double W = label_w + bar_w + 10;
  const double H = (bar_h + gap) * static_cast<double>(s.c) + 6;
  std::string o =
      "<svg class=\"distribution\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
      fmt(W, 0) + " " + fmt(H, 0) + "\" role=\"img\" aria-label=\"การกระจายของระดับสมรรถนะ\">\n";
  const double people = std::max<double>(1, static_cast<double>(all.people));
  int top = 0;
  for (const auto& c : fw.competencies()) top = std::max(top, c.max_level());
  for (std::size_t j = 0; j < s.c; ++j) {
    const Competency& c = fw.competencies()[j];
    const double y = 3 + (bar_h + gap) * static_cast<double>(j);
    o += "<text x=\"" + fmt(label_w - 6) + "\" y=\"" + fmt(y + bar_h / 2 + 4) +
         "\" text-anchor=\"end\" font-size=\"11\">" + e(wrap(c.name.th, 26).front()) +
         (wrap(c.name.th, 26).size() > 1 ? "…" : "") + "<title>" + e(c.name.th) +
         "</title></text>\n";
    double x = label_w;
    const auto& dist = all.distribution[j];
    o += "<g class=\"stack\" data-competency=\"" + e(c.id) + "\">";
    for (std::size_t k = 0; k < dist.size(); ++k) {
      if (!dist[k]) continue;
      const double w = bar_w * static_cast<double>(dist[k]) / people;
      o += "<rect x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(w, 2) + "\" height=\"" +
           fmt(bar_h) + "\" fill=\"" + level_colour(static_cast<int>(k), top) +
           "\" stroke=\"#fff\" stroke-width=\"0.8\">" + "<title>" + e(c.name.th) + " " +
           e(text::format_level(static_cast<int>(k), d)) + ": " +
           integer(static_cast<long long>(dist[k]), d) + " คน</title></rect>";
      if (w >= 18)
        o += "<text x=\"" + fmt(x + w / 2) + "\" y=\"" + fmt(y + bar_h / 2 + 4) +
             "\" text-anchor=\"middle\" font-size=\"10\" fill=\"" +
             (k * 2 > static_cast<std::size_t>(top) ? "#fff" : "#1a1a1a") + "\">" +
             integer(static_cast<long long>(dist[k]), d) + "</text>";
      x += w;
    }
    o += "</g>\n";
  }
  o += "</svg>";
  return o;
}

std::string bands_chart(const CohortScores& s, const GroupSummary& all, Digits d) {
  const auto& bands = s.profile->scheme().bands;
  const double label_w = 190, bar_w = 420, bar_h = 20, gap = 8;
  const double W = label_w + bar_w + 70;
  const double H = (bar_h + gap) * static_cast<double>(bands.size()) + 6;
  std::size_t most = 1;
  for (auto c : all.band_counts) most = std::max(most, c);
  std::string o = "<svg class=\"bands\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                  fmt(W, 0) + " " + fmt(H, 0) +
                  "\" role=\"img\" aria-label=\"จำนวนผู้รับการประเมินตามระดับผลการประเมิน\">\n";
  for (std::size_t b = 0; b < bands.size(); ++b) {
    const std::size_t count = b < all.band_counts.size() ? all.band_counts[b] : 0;
    const double y = 3 + (bar_h + gap) * static_cast<double>(b);
    const double w = bar_w * static_cast<double>(count) / static_cast<double>(most);
    o += "<text x=\"" + fmt(label_w - 6) + "\" y=\"" + fmt(y + bar_h / 2 + 4) +
         "\" text-anchor=\"end\" font-size=\"11\">" + e(bands[b].th) + "</text>";
    o += "<rect class=\"band-bar\" x=\"" + fmt(label_w) + "\" y=\"" + fmt(y) + "\" width=\"" +
         fmt(w, 2) + "\" height=\"" + fmt(bar_h) + "\" fill=\"#1f5fa8\"><title>" + e(bands[b].th) +
         ": " + integer(static_cast<long long>(count), d) + " คน</title></rect>";
    o += "<text x=\"" + fmt(label_w + w + 5) + "\" y=\"" + fmt(y + bar_h / 2 + 4) +
         "\" font-size=\"11\">" + integer(static_cast<long long>(count), d) + " คน</text>\n";
  }
  o += "</svg>";
  return o;
}

const char* const kTierTh[3] = {"ต่ำ", "กลาง", "สูง"};

/// One group's 3 × 3 grid: rows results high → low, columns competency low → high.
std::string nine_grid(const NineBoxGroup& g, Digits d, bool big) {
  std::string o = std::string("<table class=\"ninebox") + (big ? " big" : "") + "\"><tbody>\n";
  for (int r = 2; r >= 0; --r) {
    o += "<tr><th class=\"n\">" + std::string(kTierTh[r]) + "</th>";
    for (int c = 0; c < 3; ++c) {
      const std::size_t k = g.counts[static_cast<std::size_t>(r * 3 + c)];
      const double share = g.people ? static_cast<double>(k) / static_cast<double>(g.people) : 0;
      o += "<td class=\"n box" + std::to_string(r * 3 + c + 1) + "\" data-box=\"" +
           std::to_string(r * 3 + c + 1) + "\" style=\"background:rgba(31,95,168," +
           fmt(0.08 + 0.6 * share, 2) + ")\">" + integer(static_cast<long long>(k), d) +
           (big ? "<br/><span class=\"small\">" + percent(share, d) + "</span>" : "") + "</td>";
    }
    o += "</tr>\n";
  }
  o += "<tr><th class=\"small axis\">ผลสัมฤทธิ์ ↑<br/>สมรรถนะ →</th>";
  for (int c = 0; c < 3; ++c) o += "<th class=\"n\">" + std::string(kTierTh[c]) + "</th>";
  o += "</tr>\n</tbody></table>\n";
  return o;
}

std::string nine_box_section(const NineBox& b, Digits d) {
  std::string o =
      "<section class=\"ninebox keep\">\n<h2>ตาราง ๙ ช่อง: ผลสัมฤทธิ์ของงาน × สมรรถนะ</h2>\n";
  o += "<p class=\"small muted\">แถว: ผลสัมฤทธิ์ของงาน (ร้อยละของคะแนนเต็ม; จุดตัด " +
       number(b.options.results_low, 1, d) + " และ " + number(b.options.results_high, 1, d) +
       ") · คอลัมน์: สมรรถนะ (จุดตัด " + number(b.options.competency_low, 1, d) + " และ " +
       number(b.options.competency_high, 1, d) + ") · ค่าที่เท่ากับจุดตัดนับในช่องที่สูงกว่า</p>\n";
  o += "<div class=\"two\"><div>" + nine_grid(b.groups.front(), d, true) +
       "</div><div><table class=\"ninebox-units\">"
       "<colgroup><col "
       "style=\"width:46%\"/><col/><col/><col/></colgroup><thead><tr><th>หน่วยงาน</th><th "
       "class=\"n\">คน</th><th class=\"n\">ผลสูง สมรรถนะสูง</th>"
       "<th class=\"n\">ผลต่ำ สมรรถนะต่ำ</th></tr></thead><tbody>\n";
  for (std::size_t u = 1; u < b.groups.size(); ++u) {
    const NineBoxGroup& g = b.groups[u];
    o += "<tr><td>" + e(g.unit) + "</td><td class=\"n\">" +
         integer(static_cast<long long>(g.people), d) + "</td><td class=\"n\">" +
         integer(static_cast<long long>(g.counts[8]), d) + "</td><td class=\"n\">" +
         integer(static_cast<long long>(g.counts[0]), d) + "</td></tr>\n";
  }
  o += "</tbody></table></div></div>\n<details class=\"ninebox-per-unit\"><summary>ตาราง ๙ ช่อง "
       "รายหน่วยงาน</summary>\n";
  for (std::size_t u = 1; u < b.groups.size(); ++u)
    o += "<div class=\"keep\"><p>" + e(b.groups[u].unit) + "</p>\n" +
         nine_grid(b.groups[u], d, false) + "</div>\n";
  o += "</details>\n</section>\n";
  return o;
}

/// Per person with several raters, each role's mean level; a peer or subordinate mean of fewer
/// than the minimum of raters is withheld (docs/reports.md).
std::string role_means_section(const CohortScores& s, const Calibration& c, Digits d) {
  if (c.roles.empty()) return {};
  std::string o =
      "<h2>ระดับเฉลี่ยตามบทบาทผู้ประเมิน</h2>\n<p class=\"small muted\">เพื่อนร่วมงานและผู้ใต้บังคับบัญชา: "
      "แสดงค่าเฉลี่ยเมื่อมีผู้ประเมินอย่างน้อย " +
      integer(static_cast<long long>(c.options.min_raters_per_role), d) +
      " คน และไม่แสดงผลของผู้ประเมินรายคน</p>\n";
  o += "<table class=\"roles\"><thead><tr><th>รหัส</th><th>ชื่อ–สกุล</th><th>หน่วยงาน</th>";
  for (const char* r : kRoleTh) o += "<th class=\"n\">" + std::string(r) + "</th>";
  o += "</tr></thead><tbody>\n";
  for (const PersonRoles& pr : c.roles) {
    const Person& p = s.people[pr.person];
    o += "<tr><td>" + e(p.id) + "</td><td>" + e(p.name) + "</td><td>" + e(p.unit) + "</td>";
    for (std::size_t role = 0; role < 4; ++role) {
      const auto it = std::find_if(pr.roles.begin(), pr.roles.end(), [&](const RoleMean& m) {
        return static_cast<std::size_t>(m.role) == role;
      });
      o += "<td class=\"n\">";
      if (it == pr.roles.end())
        o += "–";
      else if (it->withheld)
        o += "<span class=\"muted\">" + withheld_th(c.options.min_raters_per_role, d) + "</span>";
      else
        o += number(it->mean_level, 2, d) + " <span class=\"small muted\">(" +
             integer(static_cast<long long>(it->raters), d) + " คน)</span>";
      o += "</td>";
    }
    o += "</tr>\n";
  }
  return o + "</tbody></table>\n";
}

std::string calibration_section(const CohortScores& s, const Calibration& c, Digits d) {
  const Scheme& scheme = s.profile->scheme();
  std::string o =
      "<section class=\"calibration\">\n<h2>การกระจายระดับผลการประเมิน (ก่อนประกาศผล)</h2>\n";
  o += "<table class=\"bands\"><thead><tr><th>หน่วยงาน</th><th class=\"n\">คน</th>";
  for (const Band& b : scheme.bands) o += "<th class=\"n\">" + e(b.th) + "</th>";
  for (const BandCap& cap : c.options.caps)
    o += "<th class=\"n\">" + e(cap.band) + "ขึ้นไป<br/><span class=\"small muted\">ไม่เกิน " +
         percent(cap.max_share, d) + "</span></th>";
  o += "</tr></thead><tbody>\n";
  for (const BandDistribution& dist : c.distribution) {
    o += std::string("<tr") + (dist.unit.empty() ? " class=\"all\"" : "") + "><td>" +
         (dist.unit.empty() ? std::string("<strong>ทั้งหมด</strong>") : e(dist.unit)) +
         "</td><td class=\"n\">" + integer(static_cast<long long>(dist.people), d) + "</td>";
    for (std::size_t k : dist.counts)
      o += "<td class=\"n\">" + integer(static_cast<long long>(k), d) + "</td>";
    for (std::size_t k = 0; k < dist.capped_share.size(); ++k)
      o += std::string("<td class=\"n") + (dist.over_cap[k] ? " below over-cap" : "") + "\">" +
           percent(dist.capped_share[k], d) + (dist.over_cap[k] ? " เกิน" : "") + "</td>";
    o += "</tr>\n";
  }
  o += "</tbody></table>\n";
  o += "<h2>ผู้ที่อยู่ที่ขอบระดับ (ไม่เกิน " + number(c.options.edge, 2, d) +
       " คะแนนเหนือเกณฑ์ต่ำสุดของระดับ)</h2>\n";
  if (c.edges.empty())
    o += "<p class=\"muted\">ไม่มี</p>\n";
  else {
    o +=
        "<table class=\"edges\"><thead><tr><th>ระดับ</th><th>รหัส</th><th>ชื่อ–สกุล</th><th>หน่วยงาน</th>"
        "<th class=\"n\">คะแนนรวม</th><th class=\"n\">เหนือเกณฑ์</th></tr></thead><tbody>\n";
    for (const BandEdge& ed : c.edges) {
      const Person& p = s.people[ed.person];
      o += "<tr><td>" + e(scheme.bands[ed.band].th) + "</td><td>" + e(p.id) + "</td><td>" +
           e(p.name) + "</td><td>" + e(p.unit) + "</td><td class=\"n\">" + number(ed.total, 2, d) +
           "</td><td class=\"n\">" + number(ed.above_min, 2, d) + "</td></tr>\n";
    }
    o += "</tbody></table>\n";
  }
  if (!c.raters.empty()) {
    o += "<h2>ความเข้มงวดของผู้ประเมิน (ผู้บังคับบัญชา)</h2>\n<p class=\"small "
         "muted\">ทำเครื่องหมายเมื่อคะแนนรวมเฉลี่ยต่างจากของหน่วยงานเกิน " +
         number(c.options.leniency_threshold, 2, d) + " คะแนน และประเมินอย่างน้อย " +
         integer(static_cast<long long>(c.options.min_people), d) + " คน</p>\n";
    o +=
        "<table class=\"raters\"><thead><tr><th>หน่วยงาน</th><th>ผู้ประเมิน</th><th class=\"n\">คน</th>"
        "<th class=\"n\">คะแนนรวมเฉลี่ย</th><th class=\"n\">ของหน่วยงาน</th><th "
        "class=\"n\">ส่วนต่างเฉลี่ย</th>"
        "<th class=\"n\">ของหน่วยงาน</th></tr></thead><tbody>\n";
    for (const RaterLeniency& r : c.raters)
      o += std::string("<tr") + (r.flagged ? " class=\"flagged\"" : "") + "><td>" + e(r.unit) +
           "</td><td>" + e(r.rater_id) + (r.flagged ? " <span class=\"below\">⚑</span>" : "") +
           "</td><td class=\"n\">" + integer(static_cast<long long>(r.people), d) +
           "</td><td class=\"n\">" + number(r.mean_total, 2, d) + "</td><td class=\"n\">" +
           number(r.unit_mean_total, 2, d) + "</td><td class=\"n\">" +
           signed_number(r.mean_gap, 2, d) + "</td><td class=\"n\">" +
           signed_number(r.unit_mean_gap, 2, d) + "</td></tr>\n";
    o += "</tbody></table>\n";
  }
  o += role_means_section(s, c, d);
  o += "</section>\n";
  return o;
}

std::string cohort_body(const CohortScores& s, const CohortExtras& x, const ReportOptions& opt) {
  const Framework& fw = *s.framework;
  const Digits d = opt.digits;
  const auto units = units_in_thai_order(s);
  const auto groups_all = summarize(s, GroupBy::all);
  GroupSummary all = groups_all.empty() ? GroupSummary{} : groups_all.front();
  all.key.clear();
  std::string o;
  o += "<body>\n<main class=\"page cohort-overview\">\n<header>\n";
  if (!opt.organisation.empty()) o += "<p class=\"org\">" + e(opt.organisation) + "</p>\n";
  // A cohort of per-position sets holds more than the core competencies.
  const char* title =
      s.appraised.empty() ? "ภาพรวมผลการประเมินสมรรถนะหลัก" : "ภาพรวมผลการประเมินสมรรถนะ";
  o += "<h1>" + e(opt.title.empty() ? title : opt.title) + "</h1>\n";
  if (opt.round) o += "<p class=\"round\">" + e(round_text(*opt.round, d)) + "</p>\n";
  o += "<p>ผู้รับการประเมิน " + integer(static_cast<long long>(s.n), d) + " คน · " +
       integer(static_cast<long long>(units.size()), d) + " หน่วยงาน · ถึงระดับที่คาดหวังทุกด้าน " +
       percent(all.share_meeting_all, d) + " · คะแนนสมรรถนะเฉลี่ย " + number(all.mean_part, 2, d) +
       " จาก " + number(s.rules.weight, 0, d) + "</p>\n</header>\n";

  o += "<section class=\"keep\">\n<h2>ร้อยละผู้ที่ถึงระดับที่คาดหวัง จำแนกตามหน่วยงาน</h2>\n<figure>\n" +
       heatmap(s, units, all, d) + "\n</figure>\n";
  o += "<div class=\"legend\"><span><span class=\"sw\" style=\"background:" + heat(0) +
       "\"></span>" + percent(0, d) +
       "</span><span><span class=\"sw\" style=\"background:" + heat(0.5) + "\"></span>" +
       percent(0.5, d) + "</span><span><span class=\"sw\" style=\"background:" + heat(1) +
       "\"></span>" + percent(1, d) +
       "</span><span class=\"muted\">ตัวเลขล่าง: ส่วนต่างเฉลี่ย (ระดับที่แสดงออก − "
       "ระดับที่คาดหวัง)</span></div>\n</section>\n";

  int top = 0;
  for (const auto& c : fw.competencies()) top = std::max(top, c.max_level());
  o += "<section class=\"keep\">\n<h2>การกระจายของระดับสมรรถนะ</h2>\n<figure>\n" +
       distribution(s, all, d) + "\n</figure>\n<div class=\"legend\">";
  for (int k = 0; k <= top; ++k)
    o += "<span><span class=\"sw\" style=\"background:" + level_colour(k, top) + "\"></span>" +
         e(text::format_level(k, d)) + "</span>";
  o += "</div>\n</section>\n";

  if (s.has_results) {
    o += "<section class=\"keep\">\n<h2>ผลการประเมินรวม (ผลสัมฤทธิ์ของงานและสมรรถนะ)</h2>\n<figure>\n" +
         bands_chart(s, all, d) + "\n</figure>\n</section>\n";
  }
  if (x.nine_box) o += nine_box_section(*x.nine_box, d);
  if (x.calibration) o += calibration_section(s, *x.calibration, d);

  o += "<section>\n<h2>สรุปรายหน่วยงาน</h2>\n<table class=\"units\">\n<colgroup><col "
       "style=\"width:40%\"/>"
       "<col/><col/><col/></colgroup>\n<thead><tr><th>หน่วยงาน</th><th class=\"n\">จำนวน (คน)</th>"
       "<th class=\"n\">ถึงระดับที่คาดหวังทุกด้าน</th><th "
       "class=\"n\">คะแนนสมรรถนะเฉลี่ย</th></tr></thead>\n<tbody>\n";
  for (const auto& u : units)
    o += "<tr><td>" + e(u.key) + "</td><td class=\"n\">" +
         integer(static_cast<long long>(u.people), d) + "</td><td class=\"n\">" +
         percent(u.share_meeting_all, d) + "</td><td class=\"n\">" + number(u.mean_part, 2, d) +
         "</td></tr>\n";
  o += "<tr><th>ทั้งหมด</th><th class=\"n\">" + integer(static_cast<long long>(all.people), d) +
       "</th><th class=\"n\">" + percent(all.share_meeting_all, d) + "</th><th class=\"n\">" +
       number(all.mean_part, 2, d) + "</th></tr>\n";
  o += "</tbody>\n</table>\n</section>\n";
  o += "<footer>" + e(fw.name().th) + " (" + e(fw.id()) + ") · ระดับที่คาดหวังตาม " +
       e(s.profile->id()) + " · วิธีคำนวณ: " + e(method_name_th(s.rules.method)) +
       " · จัดทำโดย samatthana" + footer_line(opt) + "</footer>\n";
  o += "</main>\n</body>\n</html>\n";
  return o;
}

}  // namespace

std::string radar_svg(const PersonSheet& sheet, const ReportOptions& options) {
  return radar(sheet, options);
}

std::string person_sheet_html(const PersonSheet& sheet, const ReportOptions& options) {
  report_detail::check_options(options);
  if (!sheet.framework || !sheet.profile)
    throw ValidationError("the person sheet has no framework or profile");
  (void)report_detail::scored_competencies(
      *sheet.framework, sheet.score);  // ValidationError when not the framework's
  return head((options.title.empty() ? std::string("แบบสรุปผลการประเมินสมรรถนะ") : options.title) +
              " – " + sheet.score.person.name) +
         person_body(sheet, options);
}

std::string cohort_overview_html(const CohortScores& scores, const ReportOptions& options) {
  return cohort_overview_html(scores, CohortExtras{}, options);
}

std::string cohort_overview_html(const CohortScores& scores, const CohortExtras& extras,
                                 const ReportOptions& options) {
  report_detail::check_options(options);
  if (!scores.framework || !scores.profile)
    throw ValidationError("the cohort scores have no framework or profile");
  return head(options.title.empty() ? std::string("ภาพรวมผลการประเมินสมรรถนะ") : options.title) +
         cohort_body(scores, extras, options);
}

}  // namespace samatthana
