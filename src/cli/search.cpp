// samatthana search: find indicators, level titles and competency names in a framework.
#include <cstdio>
#include <ostream>

#include "cli/args.hpp"
#include "io/json.hpp"
#include "samatthana/io.hpp"
#include "samatthana/search.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kHelp =
    "usage: samatthana search QUERY [--competency ID] [--framework ID|FILE]\n"
    "                         [--limit N] [--format text|json]\n\n"
    "Finds indicators, level titles and competency names that contain QUERY, best first.\n"
    "Spacing, zero-width characters, case and the typing damage that normalisation repairs\n"
    "(เเ for แ, ํา for ำ, ...) do not matter, and words are found inside longer words.\n"
    "A query of several words also finds texts holding only some of them, ranked lower.\n\n"
    "  --competency KEY     only this competency (id, DPIS code, Thai or English name, alias)\n"
    "  --framework ID|FILE  a built-in framework id or a framework JSON file\n"
    "                       (default: bma-core-2550)\n"
    "  --limit N            at most N hits (default 20; 0 for all)\n"
    "  --format F           text (default; matches shown in [brackets]) or json\n"
    "                       (json highlights are UTF-8 byte offsets into \"text\")\n";

std::string json_string(std::string_view s) { return detail::json_quote(s); }

std::string bracketed(const SearchHit& h) {
  std::string out;
  std::size_t pos = 0;
  for (const auto& s : h.highlights) {
    out += h.text.substr(pos, s.begin - pos) + "[" + h.text.substr(s.begin, s.size()) + "]";
    pos = s.end;
  }
  return out + h.text.substr(pos);
}

int run(const std::vector<std::string>& argv, std::ostream& out) {
  Args a(argv, {"--help", "-h"}, {"--competency", "--framework", "--format", "--limit"});
  if (a.flag("--help") || a.flag("-h")) {
    out << kHelp;
    return 0;
  }
  if (a.positional().empty()) throw UsageError("give the text to search for, e.g. samatthana search ผลกระทบ");
  std::string query;
  for (const auto& p : a.positional()) query += (query.empty() ? "" : " ") + p;
  const std::string format = a.choice("--format", {"text", "json"}, "text");
  SearchOptions opt;
  opt.competency = a.get_or("--competency", "");
  if (auto l = a.get("--limit")) {
    const long long n = text::parse_int(*l, "--limit");
    if (n < 0) throw UsageError("--limit must be 0 or more");
    opt.limit = static_cast<std::size_t>(n);
  }
  const std::shared_ptr<const Framework> fw = framework(a.get_or("--framework", "bma-core-2550"));
  const IndicatorIndex ix(*fw);
  const auto hits = ix.search(query, opt);
  if (format == "json") {
    out << "{\n  \"query\": " << json_string(query) << ",\n  \"framework\": " << json_string(fw->id())
        << ",\n  \"hits\": [";
    for (std::size_t i = 0; i < hits.size(); ++i) {
      const SearchHit& h = hits[i];
      char score[32];
      std::snprintf(score, sizeof score, "%.4f", h.score);
      out << (i ? "," : "") << "\n    {\"kind\": " << json_string(to_string(h.kind))
          << ", \"competency_id\": " << json_string(h.competency_id) << ", \"level\": " << h.level
          << ", \"indicator_id\": " << json_string(h.indicator_id)
          << ", \"language\": " << json_string(h.language) << ", \"score\": " << score
          << ",\n     \"text\": " << json_string(h.text) << ",\n     \"highlights\": [";
      for (std::size_t k = 0; k < h.highlights.size(); ++k)
        out << (k ? ", " : "") << "[" << h.highlights[k].begin << ", " << h.highlights[k].end << "]";
      out << "]}";
    }
    out << (hits.empty() ? "]\n}\n" : "\n  ]\n}\n");
    return 0;
  }
  if (hits.empty()) {
    out << "ไม่พบ \"" << query << "\" (no matches)\n";
    return 0;
  }
  for (const SearchHit& h : hits) {
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", h.score);
    std::string where;
    switch (h.kind) {
      case HitKind::indicator: where = h.indicator_id; break;
      case HitKind::level_title: where = h.competency_id + " " + text::format_level(h.level); break;
      case HitKind::competency_name: where = h.competency_id + " (ชื่อสมรรถนะ)"; break;
    }
    out << score << "  " << where << "\n      " << bracketed(h) << "\n";
  }
  return 0;
}

const Register reg("search", "find indicators, level titles and competencies by Thai or English text",
                   run);

}  // namespace
}  // namespace samatthana::cli
