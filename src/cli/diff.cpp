// samatthana diff: what changed between two frameworks, per competency and level, in Thai.
#include <boost/json.hpp>

#include <ostream>

#include "cli/args.hpp"
#include "io/json.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kHelp =
    "usage: samatthana diff FRAMEWORK_A FRAMEWORK_B [--all] [--digits thai|arabic]\n"
    "                       [--format text|json]\n\n"
    "Shows, per competency (paired by the correspondence table) and per level, which indicators\n"
    "of FRAMEWORK_B were added, removed or reworded relative to FRAMEWORK_A. Each framework is a\n"
    "built-in id (bma-core-2550, ocsc-core-2552, ocsc-core-2548) or a JSON file.\n\n"
    "  --all      also list unchanged indicators\n"
    "  --digits   thai (default) or arabic numerals\n"
    "  --format   text (default) or json\n";

std::string num(long long n, text::Digits d) { return text::with_digits(std::to_string(n), d); }

std::string pct(double x, text::Digits d) {
  return num(static_cast<long long>(x * 100 + 0.5), d) + "%";
}

int run(const std::vector<std::string>& argv, std::ostream& out) {
  Args a(argv, {"--help", "-h", "--all"}, {"--format", "--digits"});
  if (a.flag("--help") || a.flag("-h")) {
    out << kHelp;
    return 0;
  }
  if (a.positional().size() != 2) throw UsageError("expected two frameworks to compare");
  const auto digits = a.choice("--digits", {"thai", "arabic"}, "thai") == "thai" ? text::Digits::thai
                                                                                 : text::Digits::arabic;
  const std::string format = a.choice("--format", {"text", "json"}, "text");
  const auto fa = framework(a.positional()[0]);
  const auto fb = framework(a.positional()[1]);
  const FrameworkDiff d = diff(*fa, *fb, core_correspondence());

  if (format == "json") {
    namespace json = boost::json;
    json::object root{{"a", fa->id()}, {"b", fb->id()}};
    json::array comps;
    for (const auto& cd : d.competencies) {
      json::object co{{"a", cd.a->id}, {"b", cd.b->id}, {"name_a", cd.a->name.th},
                      {"name_b", cd.b->name.th}, {"name_changed", cd.name_changed},
                      {"definition_changed", cd.definition_changed}};
      json::array levels;
      for (const auto& ld : cd.levels) {
        json::object lo{{"level", ld.level}, {"in_a", ld.a != nullptr}, {"in_b", ld.b != nullptr},
                        {"title_changed", ld.title_changed}};
        json::array changes;
        for (const auto& ic : ld.indicators) {
          json::object ch{{"change", std::string(to_string(ic.change))}};
          if (ic.a) ch["a"] = json::object{{"id", ic.a->id}, {"th", ic.a->text.th}};
          if (ic.b) ch["b"] = json::object{{"id", ic.b->id}, {"th", ic.b->text.th}};
          if (ic.change == Change::reworded) ch["similarity"] = static_cast<double>(static_cast<long long>(ic.similarity * 1000 + 0.5)) / 1000.0;
          changes.push_back(std::move(ch));
        }
        lo["indicators"] = std::move(changes);
        levels.push_back(std::move(lo));
      }
      co["levels"] = std::move(levels);
      comps.push_back(std::move(co));
    }
    root["competencies"] = std::move(comps);
    json::array oa, ob;
    for (const auto* c : d.only_in_a) oa.push_back(json::string(c->id));
    for (const auto* c : d.only_in_b) ob.push_back(json::string(c->id));
    root["only_in_a"] = std::move(oa);
    root["only_in_b"] = std::move(ob);
    out << detail::canonical_json(root);
    return 0;
  }

  std::size_t n_same = 0, n_reworded = 0, n_added = 0, n_removed = 0;
  out << "เปรียบเทียบ " << fa->id() << " (" << fa->name().th << ")\n"
      << "กับ        " << fb->id() << " (" << fb->name().th << ")\n";
  for (const auto& cd : d.competencies) {
    out << "\n■ " << cd.a->name.th;
    if (cd.name_changed) out << " → " << cd.b->name.th;
    out << "  (" << cd.a->id << " ↔ " << cd.b->id << ")\n";
    if (cd.definition_changed) out << "  คำจำกัดความเปลี่ยน\n";
    for (const auto& ld : cd.levels) {
      const std::string lv = "ระดับ " + num(ld.level, digits);
      if (!ld.b) {
        out << "  " << lv << ": มีเฉพาะใน " << fa->id() << " (" << ld.a->title.th << ")\n";
      } else if (!ld.a) {
        out << "  " << lv << ": มีเฉพาะใน " << fb->id() << " (" << ld.b->title.th << ")\n";
      } else if (ld.unchanged()) {
        out << "  " << lv << ": เหมือนเดิม\n";
      } else {
        out << "  " << lv << ":";
        if (ld.title_changed) out << " ชื่อระดับ \"" << ld.a->title.th << "\" → \"" << ld.b->title.th << "\"";
        out << "\n";
      }
      for (const auto& ic : ld.indicators) {
        switch (ic.change) {
          case Change::same:
            ++n_same;
            if (a.flag("--all")) out << "    = " << ic.a->id << "  " << ic.a->text.th << "\n";
            break;
          case Change::reworded:
            ++n_reworded;
            out << "    ~ ถ้อยคำเปลี่ยน " << ic.a->id << " → " << ic.b->id << " (คล้ายกัน "
                << pct(ic.similarity, digits) << ")\n      เดิม: " << ic.a->text.th
                << "\n      ใหม่: " << ic.b->text.th << "\n";
            break;
          case Change::removed:
            ++n_removed;
            if (ld.b) out << "    − ตัดออก " << ic.a->id << "  " << ic.a->text.th << "\n";
            break;
          case Change::added:
            ++n_added;
            if (ld.a) out << "    + เพิ่ม " << ic.b->id << "  " << ic.b->text.th << "\n";
            break;
        }
      }
    }
  }
  for (const auto* c : d.only_in_a) out << "\nมีเฉพาะใน " << fa->id() << ": " << c->name.th << " (" << c->id << ")\n";
  for (const auto* c : d.only_in_b) out << "\nมีเฉพาะใน " << fb->id() << ": " << c->name.th << " (" << c->id << ")\n";
  out << "\nสรุป: เหมือนเดิม " << num(static_cast<long long>(n_same), digits) << " · ถ้อยคำเปลี่ยน "
      << num(static_cast<long long>(n_reworded), digits) << " · ตัดออก "
      << num(static_cast<long long>(n_removed), digits) << " · เพิ่ม "
      << num(static_cast<long long>(n_added), digits) << " ตัวบ่งชี้\n";
  return 0;
}

const Register reg("diff", "compare two frameworks: indicators added, removed, reworded", run);

}  // namespace
}  // namespace samatthana::cli
