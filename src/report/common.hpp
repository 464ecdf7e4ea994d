#pragma once
// Helpers shared by the HTML and Markdown reports (private to src/report).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "samatthana/report.hpp"

namespace samatthana::report_detail {

/// The caller's texts must be UTF-8 (EncodingError otherwise): they go into the report as they are.
inline void check_options(const ReportOptions& o) {
  text::validate_utf8(o.title, "the report title");
  text::validate_utf8(o.organisation, "the organisation line");
  text::validate_utf8(o.footer, "the footer line");
}

/// A number with `places` decimals in the chosen digits; a minus sign as U+2212.
inline std::string number(double v, int places, text::Digits d) {
  if (std::fabs(v) < 0.5 * std::pow(10.0, -places)) v = 0;  // no "-0.00"
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", places, std::fabs(v));
  return (v < 0 ? std::string("\u2212") : std::string()) + text::with_digits(buf, d);
}
/// A number with at most `places` decimals, trailing zeros dropped: "๔๐", "๓.๕", "๑๒.๒๕".
inline std::string decimal(double v, int places, text::Digits d) {
  std::string s = number(v, places, d);
  const std::string zero = text::with_digits("0", d), point = ".";
  if (s.find('.') == std::string::npos) return s;
  while (s.size() >= zero.size() && s.compare(s.size() - zero.size(), zero.size(), zero) == 0)
    s.erase(s.size() - zero.size());
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}
inline std::string integer(long long v, text::Digits d) {
  return (v < 0 ? std::string("\u2212") : std::string()) + text::format_int(v < 0 ? -v : v, d);
}
/// A gap with its sign: "+๑", "๐", "−๒".
inline std::string signed_int(long long v, text::Digits d) {
  return (v > 0 ? std::string("+") : std::string()) + integer(v, d);
}
/// A signed number: "+๐.๐๕", "−๐.๓๐", "๐.๐๐".
inline std::string signed_number(double v, int places, text::Digits d) {
  const std::string s = number(v, places, d);
  return v > 0 && s != number(0, places, d) ? "+" + s : s;
}
/// A share 0..1 as a whole percent: "๘๕%".
inline std::string percent(double share, text::Digits d) {
  return integer(static_cast<long long>(std::lround(share * 100)), d) + "%";
}

/// The results part's formula with its figures: "๓๘๐ ÷ (๑๐๐ × ๕) × ๗๐ = ๕๓.๒๐".
inline std::string results_formula(const ResultsPart& r, text::Digits d) {
  return decimal(r.score, 4, d) + " ÷ (" + decimal(r.weight_sum, 2, d) + " × " +
         text::format_int(5, d) + ") × " + decimal(r.weight, 2, d) + " = " + number(r.points, 2, d);
}

/// "ประเภทวิชาการ ระดับชำนาญการพิเศษ (K3)" from the profile, or the position as given.
inline std::string position_text(const Profile& prof, const Person& p) {
  const PositionProfile* pp = prof.find(p.position);
  if (!pp || (pp->type.empty() && pp->rank.empty())) return p.position;
  std::string s = "ประเภท" + pp->type + " ระดับ" + pp->rank;
  if (!pp->code.empty()) s += " (" + pp->code + ")";
  if (!p.job_line.empty() && prof.needs_job_line(*pp)) {
    const JobLine* l = prof.find_job_line(p.job_line);
    s += " สายงาน" + (l ? l->name : p.job_line);
  }
  return s;
}

/// The competencies a person was scored on, in their order (every one of the framework, or the
/// person's own set); ValidationError when one is not the framework's.
inline std::vector<const Competency*> scored_competencies(const Framework& fw,
                                                          const PersonScore& ps) {
  std::vector<const Competency*> out;
  out.reserve(ps.competencies.size());
  for (const CompetencyScore& cs : ps.competencies) {
    const auto j = fw.find(cs.competency);
    if (!j) throw ValidationError("the person's scores do not match the framework's competencies");
    out.push_back(&fw.competencies()[*j]);
  }
  if (out.empty())
    throw ValidationError("the person's scores do not match the framework's competencies");
  return out;
}
/// Whether the person's competencies span several types (core, managerial, functional): the sheet
/// then shows one heading per type.
inline bool several_groups(const Framework& fw, const PersonScore& ps) {
  const auto comps = scored_competencies(fw, ps);
  return std::any_of(comps.begin(), comps.end(),
                     [&](const Competency* c) { return c->group != comps[0]->group; });
}
/// The Thai label of a competency type, as DPIS's CP_MODEL labels.
inline std::string group_name_th(Group g) {
  switch (g) {
    case Group::core:
      return "สมรรถนะหลัก";
    case Group::managerial:
      return "สมรรถนะผู้บริหาร";
    case Group::functional:
      return "สมรรถนะประจำสายงาน";
  }
  return "สมรรถนะหลัก";
}

/// "ปีงบประมาณ ๒๕๖๗ รอบที่ ๑ (๑ ตุลาคม ๒๕๖๖ – ๓๑ มีนาคม ๒๕๖๗)"
inline std::string round_text(const text::AppraisalRound& r, text::Digits d) {
  return "ปีงบประมาณ " + text::format_int(r.fiscal_year_be, d) + " รอบที่ " +
         text::format_int(r.round, d) + " (" +
         text::format_date(r.start, text::DateStyle::full, d) + " – " +
         text::format_date(r.end, text::DateStyle::full, d) + ")";
}

inline std::string_view method_name_th(Method m) {
  switch (m) {
    case Method::bma:
      return "วิธีของกรุงเทพมหานคร (ถึงระดับที่คาดหวัง ๔ คะแนน เกิน ๕ คะแนน)";
    case Method::bar:
      return "มาตรวัดแบบขั้น (๓/๒/๑/๐)";
    case Method::rating:
      return "มาตรประมาณค่า (๑–๕)";
    case Method::ratio:
      return "อัตราส่วนระดับที่แสดงออกต่อระดับที่คาดหวัง";
  }
  return "";
}
/// The highest points a competency can earn under `m` (for "x of y"); 0 = not meaningful.
inline int max_points(Method m) {
  // The scoring rule's own table; ratio's maximum is the held level, so "x of y" has no y.
  return m == Method::ratio ? 0 : samatthana::detail::max_points(m, 0);
}

/// Free-text notes given for competency `c`: the ratings' evidence, then each indicator's.
struct Note {
  std::string indicator;  ///< "" for a rating's note
  std::string text;
};
inline std::vector<Note> notes_for(const Framework& fw, const Assessment& a, const Competency& c) {
  std::vector<Note> out;
  for (const Rating& r : a.ratings) {
    if (r.evidence.empty()) continue;
    const auto idx = fw.find(r.competency);
    if (idx && fw.competencies()[*idx].id == c.id) out.push_back({"", r.evidence});
  }
  const std::string prefix = c.id + ".";
  for (const IndicatorEvidence& e : a.evidence)
    if (!e.evidence.empty() && e.indicator_id.compare(0, prefix.size(), prefix) == 0)
      out.push_back({e.indicator_id, e.evidence});
  return out;
}

/// The other raters' levels of competency `c` (a 360 assessment), by role in Thai:
/// "ตนเอง ๓ · เพื่อนร่วมงาน ๔, ๓"; "" when only the supervisor rated it.
/// Rater roles as the BMA form names them, in RaterRole order.
inline constexpr const char* kRoleTh[4] = {"ผู้บังคับบัญชา", "ตนเอง", "เพื่อนร่วมงาน", "ผู้ใต้บังคับบัญชา"};

inline std::string other_raters_th(const Framework& fw, const Assessment& a, const Competency& c,
                                   text::Digits d, std::size_t min_raters = 0) {
  std::string by_role[4];
  double sum[4] = {0, 0, 0, 0};
  std::vector<std::string> ids[4];  // distinct raters per role ("" = a rater of its own per rating)
  bool other = false;
  for (const Rating& r : a.ratings) {
    const auto idx = fw.find(r.competency);
    if (!idx || fw.competencies()[*idx].id != c.id) continue;
    const auto k = static_cast<std::size_t>(r.role);
    if (k > 3) continue;
    if (r.role != RaterRole::supervisor) other = true;
    by_role[k] += (by_role[k].empty() ? "" : ", ") + text::format_int(r.level, d);
    sum[k] += r.level;
    const std::string id = r.rater_id.empty() ? "\x01" + std::to_string(ids[k].size()) : r.rater_id;
    if (std::find(ids[k].begin(), ids[k].end(), id) == ids[k].end()) ids[k].push_back(id);
  }
  if (!other) return {};
  std::string out;
  for (std::size_t k = 0; k < 4; ++k) {
    if (by_role[k].empty()) continue;
    const auto role = static_cast<RaterRole>(k);
    std::string shown = by_role[k];
    if (min_raters >= 2 && (role == RaterRole::peer || role == RaterRole::subordinate))
      shown = role_mean_counts(role, ids[k].size(), min_raters)
                  ? "เฉลี่ย " + number(sum[k] / static_cast<double>(ids[k].size()), 2, d) + " (" +
                        text::format_int(static_cast<long long>(ids[k].size()), d) + " คน)"
                  : withheld_th(min_raters, d);
    out += (out.empty() ? "" : " · ") + std::string(kRoleTh[k]) + " " + shown;
  }
  return "ผลการประเมินรายผู้ประเมิน: " + out;
}

/// Why the held level, in Thai (one short line per fact).
inline std::vector<std::string> explanation_th(const CompetencyScore& cs, text::Digits d) {
  std::vector<std::string> out;
  const HeldLevel& h = cs.detail;
  if (h.source == LevelSource::rating)
    out.push_back("ระดับตามผลการประเมินของผู้บังคับบัญชา");
  else if (h.source == LevelSource::evidence)
    out.push_back("ระดับตามหลักฐานพฤติกรรมบ่งชี้ (เกณฑ์สะสม)");
  else
    out.push_back("ไม่มีผลการประเมินและหลักฐาน นับเป็นระดับ " + text::format_int(cs.held, d));
  if (h.rating_disagrees && h.evidence_level)
    out.push_back("ผลการประเมินไม่ตรงกับหลักฐาน (หลักฐานแสดงถึง" +
                  text::format_level(*h.evidence_level, d) + ")");
  if (!h.shown_above_gap.empty())
    out.push_back("มีพฤติกรรมที่แสดงสูงกว่าระดับที่ยังไม่ผ่าน " +
                  text::format_int(static_cast<long long>(h.shown_above_gap.size()), d) +
                  " ข้อ (ไม่นับ)");
  return out;
}

/// Display columns of a UTF-8 string (Thai combining marks take none).
inline std::size_t columns(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (i + len > s.size()) len = s.size() - i;
    char32_t cp = 0;
    if (len == 3)
      cp = ((b & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3F);
    const bool combining =
        cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
    if (!combining) ++n;
    i += len;
  }
  return n;
}

/// Splits `s` into lines of at most about `width` columns at Thai word boundaries.
inline std::vector<std::string> wrap(std::string_view s, std::size_t width) {
  std::vector<std::string> lines;
  std::string cur;
  for (const text::Span& sp : text::segment(s)) {
    const std::string_view w = sp.of(s);
    if (!cur.empty() && columns(cur) + columns(w) > width) {
      while (!cur.empty() && cur.back() == ' ') cur.pop_back();
      lines.push_back(cur);
      cur.clear();
      if (w == " ") continue;
    }
    cur += w;
  }
  while (!cur.empty() && cur.back() == ' ') cur.pop_back();
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

/// The activities suggested for a plan row: for a target below the expected level (not a stretch
/// one), the sheet's suggestion for that competency; null when the sheet has none.
inline const ActivitySuggestion* suggestion_for(const PersonSheet& sh, const Framework& fw,
                                                const DevelopmentTarget& t) {
  if (t.stretch) return nullptr;
  const auto j = fw.find(t.competency);
  for (const ActivitySuggestion& s : sh.activities)
    if (j && s.competency == *j) return &s;
  return nullptr;
}

}  // namespace samatthana::report_detail
