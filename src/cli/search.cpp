// samatthana search: find indicators, level titles and competency names in a framework.
#include <cstdio>
#include <memory>
#include <ostream>
#include <sstream>

#include "options.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kAbout =
    "Finds indicators, level titles and competency names that contain QUERY, best first.\n"
    "Spacing, zero-width characters, case and the typing damage that normalisation repairs\n"
    "(เเ for แ, ํา for ำ, ...) do not matter, and words are found inside longer words.\n"
    "A query of several words also finds texts holding only some of them, ranked lower.\n"
    "With --format text, matches are shown in [brackets]; json highlights are UTF-8 byte offsets\n"
    "into \"text\".";

struct Args {
  std::vector<std::string> words;
  std::string competency, framework, limit, format = "text";
  bool definitions = false, exact = false;
};

std::string bracketed(const SearchHit& h) {
  std::string out;
  std::size_t pos = 0;
  for (const auto& s : h.highlights) {
    out += h.text.substr(pos, s.begin - pos) + "[" + h.text.substr(s.begin, s.size()) + "]";
    pos = s.end;
  }
  return out + h.text.substr(pos);
}

void print_text(const std::string& query, const std::vector<SearchHit>& hits, std::ostream& out);

void run(const Args& a, std::ostream& out) {
  if (a.words.empty())
    throw UsageError("give the text to search for, e.g. samatthana search ผลกระทบ");
  std::string query;
  for (const auto& p : a.words) query += (query.empty() ? "" : " ") + p;
  SearchOptions opt;
  opt.competency = a.competency;
  opt.definitions = a.definitions;
  opt.typos = !a.exact;
  if (!a.limit.empty())
    opt.limit = static_cast<std::size_t>(std::stoull(a.limit));  // checked by count()
  const std::shared_ptr<const Framework> fw = framework_arg(a.framework);
  const IndicatorIndex ix(*fw);
  const auto hits = ix.search(query, opt);
  if (a.format == "json") {
    out << search_json(query, fw->id(), hits);
    return;
  }
  std::ostringstream text;
  print_text(query, hits, text);
  out << escape_for_terminal(text.str());
}

void print_text(const std::string& query, const std::vector<SearchHit>& hits, std::ostream& out) {
  if (hits.empty()) {
    out << "ไม่พบ \"" << query << "\" (no matches)\n";
    return;
  }
  for (const SearchHit& h : hits) {
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", h.score);
    std::string where;
    switch (h.kind) {
      case HitKind::indicator:
        where = h.indicator_id;
        break;
      case HitKind::level_title:
        where = h.competency_id + " " + text::format_level(h.level);
        break;
      case HitKind::competency_name:
        where = h.competency_id + " (ชื่อสมรรถนะ)";
        break;
      case HitKind::definition:
        where = h.competency_id + " (นิยาม)";
        break;
    }
    out << score << "  " << where << "\n      " << bracketed(h) << "\n";
  }
}

Runner setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  app.footer(kAbout);
  app.add_option("QUERY", a->words, "the words to look for");
  app.add_option("--competency", a->competency,
                 "only this competency (id, DPIS code, Thai or English name, alias)")
      ->type_name("KEY");
  add_framework_option(app, a->framework);
  app.add_option("--limit", a->limit, "at most N hits (default 20; 0 for all)")
      ->type_name("N")
      ->transform(count());
  app.add_flag("--definitions", a->definitions, "search the competencies' definitions too");
  app.add_flag("--exact", a->exact,
               "no typo tolerance (by default a word found nowhere as typed is looked for without "
               "tone marks, then within one edit)");
  app.add_option("--format", a->format, "text (default; matches shown in [brackets]) or json")
      ->type_name("F")
      ->check(one_of({"text", "json"}));
  return [a](std::ostream& out) { run(*a, out); };
}

const Register reg("search",
                   "find indicators, level titles and competencies by Thai or English text", setup);

}  // namespace
}  // namespace samatthana::cli
