// samatthana show: print a framework in Thai (text, Markdown or JSON).
#include <ostream>

#include "cli/args.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kHelp =
    "usage: samatthana show [--framework ID|FILE] [--competency ID|NAME]\n"
    "                       [--digits thai|arabic] [--format text|markdown|json] [FRAMEWORK.json]\n\n"
    "Prints a competency framework: each competency, its definition, each level with its\n"
    "title and indicators. Levels are cumulative: level k includes every indicator of 1..k.\n"
    "Without a file, the built-in BMA core framework (bma-core-2550) is shown.\n\n"
    "  --framework ID|FILE  a built-in framework id or a framework JSON file\n"
    "  --competency KEY     only this competency (id, DPIS code, Thai or English name, alias)\n"
    "  --digits D           thai (default) or arabic numerals\n"
    "  --format F           text (default), markdown or json\n";

std::string num(long long n, text::Digits d) { return text::with_digits(std::to_string(n), d); }

void show_text(const Framework& fw, const std::vector<const Competency*>& cs, text::Digits d,
               std::ostream& out) {
  const auto& p = fw.provenance();
  out << fw.name().th << "\n";
  if (!fw.name().en.empty()) out << fw.name().en << "\n";
  out << "[" << fw.id() << ", version " << fw.version() << "]\n";
  out << "ผู้กำหนด: " << p.issuer.th;
  if (!p.approved_as_written.empty()) out << " · เห็นชอบเมื่อ " << text::with_digits(p.approved_as_written, d);
  if (!p.letter_number.empty()) {
    out << " · หนังสือที่ " << text::with_digits(p.letter_number, d);
    if (!p.letter_date_as_written.empty())
      out << " ลงวันที่ " << text::with_digits(p.letter_date_as_written, d);
  }
  out << "\n\nระดับสมรรถนะเป็นแบบสะสม: ผู้ที่อยู่ระดับ k ต้องแสดงพฤติกรรมบ่งชี้ของระดับ "
      << num(1, d) << " ถึง k ทั้งหมด\n";
  for (const Competency* c : cs) {
    const std::size_t idx = static_cast<std::size_t>(c - fw.competencies().data()) + 1;
    out << "\n" << num(static_cast<long long>(idx), d) << ". " << c->name.th << "  (" << c->id;
    if (!c->name.en.empty()) out << " · " << c->name.en;
    for (const auto& code : c->codes) out << " · " << code.system << " " << code.value;
    out << ")\n";
    out << "   " << c->definition.th << "\n";
    out << "   ระดับ " << num(0, d) << "  " << fw.level_zero().th << "\n";
    for (const auto& l : c->levels) {
      out << "   ระดับ " << num(l.number, d) << "  " << c->full_title(l.number, d) << "\n";
      std::size_t i = 0;
      for (const auto& ind : l.indicators) {
        ++i;
        out << "       " << num(l.number, d) << "." << num(static_cast<long long>(i), d) << "  "
            << ind.text.th << "\n";
      }
    }
  }
}

void show_markdown(const Framework& fw, const std::vector<const Competency*>& cs, text::Digits d,
                   std::ostream& out) {
  const auto& p = fw.provenance();
  out << "# " << fw.name().th << "\n\n";
  if (!fw.name().en.empty()) out << "*" << fw.name().en << "* — `" << fw.id() << "` " << fw.version() << "\n\n";
  out << "ผู้กำหนด: " << p.issuer.th;
  if (!p.approved_as_written.empty()) out << " · เห็นชอบเมื่อ " << text::with_digits(p.approved_as_written, d);
  if (!p.letter_number.empty()) out << " · หนังสือที่ " << text::with_digits(p.letter_number, d);
  out << "\n\n> ระดับสมรรถนะเป็นแบบสะสม: ผู้ที่อยู่ระดับ k ต้องแสดงพฤติกรรมบ่งชี้ของระดับ "
      << num(1, d) << " ถึง k ทั้งหมด\n";
  for (const Competency* c : cs) {
    out << "\n## " << c->name.th << " (`" << c->id << "`)\n\n" << c->definition.th << "\n\n";
    out << "| ระดับ | คำอธิบายระดับ | พฤติกรรมบ่งชี้ |\n|---|---|---|\n";
    out << "| " << num(0, d) << " | " << fw.level_zero().th << " | |\n";
    for (const auto& l : c->levels) {
      out << "| " << num(l.number, d) << " | " << c->full_title(l.number, d) << " | ";
      bool first = true;
      for (const auto& ind : l.indicators) {
        out << (first ? "" : "<br>") << "• " << ind.text.th;
        first = false;
      }
      out << " |\n";
    }
  }
}

int run(const std::vector<std::string>& argv, std::ostream& out) {
  Args a(argv, {"--help", "-h"}, {"--competency", "--digits", "--format", "--framework"});
  if (a.flag("--help") || a.flag("-h")) {
    out << kHelp;
    return 0;
  }
  if (a.positional().size() > 1) throw UsageError("expected at most one framework file");
  if (a.positional().size() == 1 && a.get("--framework"))
    throw UsageError("give the framework either as --framework or as a file, not both");
  const auto digits = a.choice("--digits", {"thai", "arabic"}, "thai") == "thai" ? text::Digits::thai
                                                                                 : text::Digits::arabic;
  const std::string format = a.choice("--format", {"text", "markdown", "json"}, "text");
  std::shared_ptr<const Framework> fw;
  if (a.positional().size() == 1)
    fw = std::make_shared<const Framework>(load_framework(a.positional()[0]));
  else
    fw = framework(a.get_or("--framework", "bma-core-2550"));
  std::vector<const Competency*> cs;
  if (auto key = a.get("--competency"))
    cs.push_back(&fw->competency(*key));
  else
    for (const auto& c : fw->competencies()) cs.push_back(&c);
  if (format == "json") {
    if (cs.size() == fw->size()) {
      out << to_json(*fw);
    } else {
      FrameworkData d = fw->data();
      d.competencies = {*cs[0]};
      out << to_json(Framework(std::move(d)));
    }
  } else if (format == "markdown") {
    show_markdown(*fw, cs, digits, out);
  } else {
    show_text(*fw, cs, digits, out);
  }
  return 0;
}

const Register reg("show", "print a framework: competencies, levels, indicators", run);

}  // namespace
}  // namespace samatthana::cli
