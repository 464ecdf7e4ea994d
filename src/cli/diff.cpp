// samatthana diff: what changed between two frameworks, per competency and level, in Thai.
#include <memory>
#include <ostream>
#include <sstream>

#include "options.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kAbout =
    "Shows, per competency (paired by the correspondence table, else by id, DPIS code or name) "
    "and\n"
    "per level, which indicators of FRAMEWORK_B were added, removed or reworded relative to\n"
    "FRAMEWORK_A. Each framework is a built-in id (bma-core-2550, ocsc-core-2552, ocsc-core-2548)\n"
    "or a JSON file.";

struct Args {
  std::string a, b, digits, format = "text";
  bool all = false;
};

std::string num(long long n, text::Digits d) { return text::with_digits(std::to_string(n), d); }

std::string pct(double x, text::Digits d) {
  return num(static_cast<long long>(x * 100 + 0.5), d) + "%";
}

void print_text(const Framework& fa, const Framework& fb, const FrameworkDiff& d, const Args& args,
                std::ostream& out);

void run(const Args& args, std::ostream& out) {
  if (args.b.empty()) throw UsageError("expected two frameworks to compare");
  const auto fa = framework_arg(args.a, "FRAMEWORK_A");
  const auto fb = framework_arg(args.b, "FRAMEWORK_B");
  const FrameworkDiff d = diff(*fa, *fb, core_correspondence());
  if (args.format == "json") {
    out << diff_json(*fa, *fb, d);
    return;
  }
  std::ostringstream text;
  print_text(*fa, *fb, d, args, text);
  out << escape_for_terminal(text.str());
}

void print_text(const Framework& fa_, const Framework& fb_, const FrameworkDiff& d,
                const Args& args, std::ostream& out) {
  const Framework* fa = &fa_;
  const Framework* fb = &fb_;
  const text::Digits digits = digits_of(args.digits);
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
        if (ld.title_changed)
          out << " ชื่อระดับ \"" << ld.a->title.th << "\" → \"" << ld.b->title.th << "\"";
        out << "\n";
      }
      for (const auto& ic : ld.indicators) {
        switch (ic.change) {
          case Change::same:
            ++n_same;
            if (args.all) out << "    = " << ic.a->id << "  " << ic.a->text.th << "\n";
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
  for (const auto* c : d.only_in_a)
    out << "\nมีเฉพาะใน " << fa->id() << ": " << c->name.th << " (" << c->id << ")\n";
  for (const auto* c : d.only_in_b)
    out << "\nมีเฉพาะใน " << fb->id() << ": " << c->name.th << " (" << c->id << ")\n";
  out << "\nสรุป: เหมือนเดิม " << num(static_cast<long long>(n_same), digits) << " · ถ้อยคำเปลี่ยน "
      << num(static_cast<long long>(n_reworded), digits) << " · ตัดออก "
      << num(static_cast<long long>(n_removed), digits) << " · เพิ่ม "
      << num(static_cast<long long>(n_added), digits) << " ตัวบ่งชี้\n";
}

Runner setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  app.footer(kAbout);
  app.add_option("FRAMEWORK_A", a->a, "the earlier framework (id or file)");
  app.add_option("FRAMEWORK_B", a->b, "the later framework (id or file)");
  app.add_flag("--all", a->all, "also list unchanged indicators");
  add_digits_option(app, a->digits, "thai");
  app.add_option("--format", a->format, "text (default) or json")
      ->type_name("F")
      ->check(one_of({"text", "json"}));
  return [a](std::ostream& out) { run(*a, out); };
}

const Register reg("diff", "compare two frameworks: indicators added, removed, reworded", setup);

}  // namespace
}  // namespace samatthana::cli
