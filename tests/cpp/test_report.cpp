// Reports: every person sheet of the sample cohort and the cohort overview are well-formed,
// self-contained and show what they should; user text is escaped.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "samatthana/report.hpp"
#include "samatthana/samatthana.hpp"

using namespace samatthana;

namespace {

const std::filesystem::path kSamples =
    std::filesystem::path(SAMATTHANA_SOURCE_DIR) / "data" / "samples";

struct Cohort {
  RatingsTable ratings;
  EvidenceTable evidence;
  ResultsTable results;
};
const Cohort& sample() {
  static const Cohort c = [] {
    auto fw = builtin_framework("bma-core-2550");
    Cohort x;
    x.ratings = load_ratings_csv(kSamples / "ratings.csv", fw);
    x.evidence = load_evidence_csv(kSamples / "evidence.csv", *fw);
    x.results = load_results_csv(kSamples / "results.csv");
    return x;
  }();
  return c;
}

/// Checks that tags balance (void elements self-closed, as the reports write them); returns ""
/// or what is wrong. Text inside <style> is skipped.
std::string balance(const std::string& html) {
  std::vector<std::string> stack;
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    if (html.compare(i, 2, "<!") == 0) {
      i = html.find('>', i);
      continue;
    }
    const std::size_t end = html.find('>', i);
    if (end == std::string::npos) return "unterminated tag at " + std::to_string(i);
    std::string tag = html.substr(i + 1, end - i - 1);
    const bool closing = !tag.empty() && tag[0] == '/';
    const bool self = !tag.empty() && tag.back() == '/';
    std::string name = tag.substr(closing ? 1 : 0);
    name = name.substr(0, name.find_first_of(" /\n"));
    if (closing) {
      if (stack.empty() || stack.back() != name)
        return "</" + name + "> does not close <" + (stack.empty() ? "" : stack.back()) + "> at " +
               std::to_string(i);
      stack.pop_back();
    } else if (!self) {
      stack.push_back(name);
      if (name == "style") {
        i = html.find("</style>", end);
        continue;
      }
    }
    i = end + 1;
  }
  return stack.empty() ? "" : "unclosed <" + stack.back() + ">";
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = 0; (p = s.find(what, p)) != std::string::npos; p += what.size()) ++n;
  return n;
}

/// The points="..." of the held polygon.
std::string held_points(const std::string& html) {
  const auto p = html.find("<polygon class=\"held\" points=\"");
  if (p == std::string::npos) return "";
  const auto b = p + std::string("<polygon class=\"held\" points=\"").size();
  return html.substr(b, html.find('"', b) - b);
}

void self_contained(const std::string& html) {
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  CHECK(html.find("@page") != std::string::npos);
}

}  // namespace

TEST_CASE("report: a sheet for every person of the sample cohort", "[report]") {
  const Cohort& c = sample();
  const Framework& fw = *c.ratings.framework;
  const auto prof = default_profile(fw);
  REQUIRE(c.ratings.size() > 100);
  for (const Person& p : c.ratings.people) {
    INFO(p.id);
    const PersonSheet sh =
        make_person_sheet(c.ratings, p.id, prof, {.evidence = c.evidence, .results = c.results});
    const std::string html = person_sheet_html(sh);
    REQUIRE(balance(html).empty());
    CHECK(html.find(html_escape(p.name)) != std::string::npos);
    CHECK(html.find(html_escape(p.unit)) != std::string::npos);
    for (const auto& comp : fw.competencies()) CHECK(html.find(comp.name.th) != std::string::npos);
    const std::string pts = held_points(html);
    CHECK(static_cast<std::size_t>(std::count(pts.begin(), pts.end(), ',')) == fw.size());
    CHECK(count(html, "<tr class=\"competency\"") == fw.size());
    CHECK(html.find("แผนพัฒนาการปฏิบัติราชการรายบุคคล") != std::string::npos);
    CHECK(html.find("ระดับผลการประเมิน") != std::string::npos);  // results given for everyone
    const std::string md = person_sheet_markdown(sh);
    CHECK(md.find(markdown_escape(p.name)) != std::string::npos);
    for (const auto& comp : fw.competencies()) CHECK(md.find(comp.name.th) != std::string::npos);
  }
}

TEST_CASE("report: person sheet content, Thai and Arabic digits", "[report]") {
  const Cohort& c = sample();
  const auto prof = default_profile(*c.ratings.framework);
  const PersonSheet sh = make_person_sheet(c.ratings, "BKK00003", prof,
                                           {.evidence = c.evidence, .results = c.results});
  ReportOptions ro;
  ro.round = text::round(2567, 1);
  const std::string th = person_sheet_html(sh, ro);
  self_contained(th);
  CHECK(th.find("ปีงบประมาณ ๒๕๖๗ รอบที่ ๑ (๑ ตุลาคม ๒๕๖๖ – ๓๑ มีนาคม ๒๕๖๗)") != std::string::npos);
  CHECK(th.find("ประเภทอำนวยการ ระดับต้น (D1)") != std::string::npos);
  CHECK(th.find("บันทึกพฤติกรรม service.3.2") != std::string::npos);  // evidence notes
  CHECK(th.find("<code>service.3.2</code>") != std::string::npos);
  CHECK(th.find("lang=\"th\"") != std::string::npos);
  // The results part: 78.01 % of 70 = 54.61 points; Thai digits by default.
  CHECK(th.find("๕๔.๖๑") != std::string::npos);
  CHECK(th.find("54.61") == std::string::npos);
  ro.digits = text::Digits::arabic;
  const std::string ar = person_sheet_html(sh, ro);
  CHECK(ar.find("54.61") != std::string::npos);
  CHECK(ar.find("ปีงบประมาณ 2567 รอบที่ 1 (1 ตุลาคม 2566 – 31 มีนาคม 2567)") != std::string::npos);
  // The service axis reaches level 6: its axis line is longer than the others.
  const std::string svg = radar_svg(sh, ro);
  CHECK(svg.find("<svg") == 0);
  CHECK(count(svg, "class=\"axis\"") == 5);
}

TEST_CASE("report: the radar puts each level on its axis", "[report]") {
  auto fw = builtin_framework("bma-core-2550");
  Assessment a;
  a.person = Person{"X1", "ทดสอบ", "หน่วย", "K2"};
  for (const auto& comp : fw->competencies())
    a.ratings.push_back(Rating{comp.id, comp.max_level(), RaterRole::supervisor, "", ""});
  const PersonSheet sh = make_person_sheet(fw, nullptr, a);
  const std::string pts = held_points(radar_svg(sh));
  // First vertex: integrity at its top level 5 on the upward axis: x = centre, y = centre − 5
  // units.
  std::istringstream in(pts);
  std::string first;
  in >> first;
  const double x = std::stod(first.substr(0, first.find(','))),
               y = std::stod(first.substr(first.find(',') + 1));
  CHECK(x == Approx(200.0));
  CHECK(y == Approx(166.0 - 112.0 * 5 / 6).margin(0.06));
  CHECK(sh.score.competencies[1].held == 6);  // service reaches 6
}

TEST_CASE("report: user text is escaped", "[report]") {
  auto fw = builtin_framework("bma-core-2550");
  Assessment a;
  a.person = Person{"<b>id</b>", "<script>alert(1)</script>",
                    "\"unit\" & 'co' <img src=x onerror=alert(2)>", "K2"};
  for (const auto& comp : fw->competencies())
    a.ratings.push_back(
        Rating{comp.id, 2, RaterRole::supervisor, "", "<script>alert(3)</script> | *x*"});
  a.evidence.push_back(IndicatorEvidence{"integrity.1.1", Observation::shown,
                                         "</td><script>alert(4)</script>", RaterRole::supervisor,
                                         ""});
  a.results = 80;
  const PersonSheet sh = make_person_sheet(fw, nullptr, a);
  ReportOptions ro;
  ro.title = "<i>title</i>";
  ro.organisation = "<org>";
  const std::string html = person_sheet_html(sh, ro);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<i>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&quot;unit&quot; &amp; &#39;co&#39; &lt;img src=x onerror=alert(2)&gt;") !=
        std::string::npos);
  CHECK(balance(html).empty());
  const std::string md = person_sheet_markdown(sh, ro);
  CHECK(md.find("<script") == std::string::npos);
  CHECK(md.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(md.find("\\| \\*x\\*") != std::string::npos);  // table cells stay cells

  // A cohort with such a unit.
  RatingsTable t;
  t.framework = fw;
  t.people = {a.person, Person{"p2", "ก", "<svg onload=alert(5)>", "K1"}};
  t.levels.assign(2 * fw->size(), 2);
  t.columns.assign(fw->size(), "");
  t.lines = {1, 2};
  const CohortScores s = score_cohort(t, default_profile(*fw));
  const std::string ov = cohort_overview_html(s, ro);
  CHECK(ov.find("<script") == std::string::npos);
  CHECK(ov.find("<svg onload") == std::string::npos);
  CHECK(ov.find("&lt;svg onload=alert(5)&gt;") != std::string::npos);
  CHECK(balance(ov).empty());
  CHECK(cohort_overview_markdown(s, ro).find("<svg") == std::string::npos);
}

TEST_CASE("report: one Markdown escaper; control characters shown, not passed on", "[report]") {
  CHECK(markdown_escape("ก|ข <b>*x*</b>") == "ก\\|ข &lt;b&gt;\\*x\\*&lt;/b&gt;");
  CHECK(markdown_escape("a\nb\tc") == "a b c");
  CHECK(markdown_escape("red\x1b[31m") == "red\\\\x1b\\[31m");    // ESC visible, inert
  CHECK(markdown_escape("\u202eกลับ") == "\\\\u202eกลับ");          // bidi override visible
  CHECK(markdown_escape(std::string("a\0b", 3)) == "a\\\\x00b");  // NUL not dropped silently
  CHECK(markdown_escape("สมรรถนะหลัก") == "สมรรถนะหลัก");           // Thai untouched
}

TEST_CASE("report: a title or organisation that is not UTF-8 is refused", "[report]") {
  const auto& c = sample();
  const CohortScores s = score_cohort(c.ratings, default_profile(*c.ratings.framework),
                                      {.evidence = c.evidence, .results = c.results});
  ReportOptions ro;
  ro.title = "x\xff\xfe";
  CHECK_THROWS_AS(cohort_overview_html(s, ro), EncodingError);
  CHECK_THROWS_AS(cohort_overview_markdown(s, ro), EncodingError);
  ro.title = "ชื่อ";
  ro.organisation = "\xe0\xb8";
  CHECK_THROWS_AS(cohort_overview_html(s, ro), EncodingError);
}

TEST_CASE("report: cohort overview of the sample cohort", "[report]") {
  const Cohort& c = sample();
  const auto prof = default_profile(*c.ratings.framework);
  const CohortScores s =
      score_cohort(c.ratings, prof, {.evidence = c.evidence, .results = c.results});
  ReportOptions ro;
  ro.round = text::round(2567, 1);
  const std::string html = cohort_overview_html(s, ro);
  REQUIRE(balance(html).empty());
  self_contained(html);
  // Units in Thai dictionary order (rows of the heatmap).
  std::vector<std::string> units;
  for (std::size_t p = 0; (p = html.find("<g class=\"row unit\">", p)) != std::string::npos; ++p) {
    const auto t = html.find("<title>", p) + 7;
    const auto end = html.find(" (", t);
    units.push_back(html.substr(t, end - t));
  }
  REQUIRE(units.size() >= 5);
  const text::Collator coll;
  CHECK(std::is_sorted(units.begin(), units.end(),
                       [&](const auto& a, const auto& b) { return coll.less(a, b); }));
  CHECK(count(html, "<g class=\"cell\">") == (units.size() + 1) * 5);
  CHECK(count(html, "<g class=\"stack\"") == 5);
  CHECK(count(html, "class=\"band-bar\"") == 5);
  CHECK(html.find("ส่วนต่างเฉลี่ย") != std::string::npos);
  const std::string md = cohort_overview_markdown(s, ro);
  for (const auto& u : units) CHECK(md.find(u) != std::string::npos);
}

#ifdef SAMATTHANA_CLI
TEST_CASE("report: the CLI writes both reports", "[report][cli]") {
  if (std::string(SAMATTHANA_CLI).empty()) return;
  const auto dir = std::filesystem::temp_directory_path() / "samatthana-report-test";
  std::filesystem::create_directories(dir);
  const std::string base = std::string(SAMATTHANA_CLI) + " report " +
                           (kSamples / "ratings.csv").string() + " --evidence " +
                           (kSamples / "evidence.csv").string() + " --results " +
                           (kSamples / "results.csv").string() + " --round 2567/1";
  REQUIRE(std::system((base + " --person BKK00001 -o " + (dir / "p.html").string()).c_str()) == 0);
  REQUIRE(std::system(
              (base + " --cohort --format markdown -o " + (dir / "c.md").string()).c_str()) == 0);
  std::ifstream f(dir / "p.html");
  std::stringstream ss;
  ss << f.rdbuf();
  CHECK(ss.str().find("สุภาพร ใจดี") != std::string::npos);
  CHECK(std::system(
            (base + " --person NOBODY -o " + (dir / "x.html").string() + " 2>/dev/null").c_str()) !=
        0);
  std::filesystem::remove_all(dir);
}
#endif
