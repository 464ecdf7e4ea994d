// samatthana show: print a framework in Thai (text, Markdown or JSON).
#include <memory>
#include <ostream>
#include <sstream>

#include "options.hpp"
#include "samatthana/samatthana.hpp"

namespace samatthana::cli {
namespace {

constexpr const char* kAbout =
    "Prints a competency framework: each competency, its definition, each level with its\n"
    "title and indicators. Levels are cumulative: level k includes every indicator of 1..k.\n"
    "Without a file, the built-in BMA core framework (bma-core-2550) is shown.";

std::string num(long long n, text::Digits d) { return text::with_digits(std::to_string(n), d); }

/// "สมรรถนะหลัก (core)": the competency's group in Thai, with its name in the file format.
std::string group_label(Group g) {
  const char* th = g == Group::core         ? "สมรรถนะหลัก"
                   : g == Group::managerial ? "สมรรถนะผู้บริหาร"
                                            : "สมรรถนะประจำสายงาน";
  return std::string(th) + " (" + std::string(to_string(g)) + ")";
}

void show_text(const Framework& fw, const std::vector<const Competency*>& cs, text::Digits d,
               std::ostream& out) {
  const auto& p = fw.provenance();
  out << fw.name().th << "\n";
  if (!fw.name().en.empty()) out << fw.name().en << "\n";
  out << "[" << fw.id() << ", version " << fw.version() << "]\n";
  out << "ผู้กำหนด: " << p.issuer.th;
  if (!p.approved_as_written.empty())
    out << " · เห็นชอบเมื่อ " << text::with_digits(p.approved_as_written, d);
  if (!p.letter_number.empty()) {
    out << " · หนังสือที่ " << text::with_digits(p.letter_number, d);
    if (!p.letter_date_as_written.empty())
      out << " ลงวันที่ " << text::with_digits(p.letter_date_as_written, d);
  }
  out << "\n\nระดับสมรรถนะเป็นแบบสะสม: ผู้ที่อยู่ระดับ k ต้องแสดงพฤติกรรมบ่งชี้ของระดับ " << num(1, d)
      << " ถึง k ทั้งหมด\n";
  for (const Competency* c : cs) {
    const std::size_t idx = static_cast<std::size_t>(c - fw.competencies().data()) + 1;
    out << "\n" << num(static_cast<long long>(idx), d) << ". " << c->name.th << "  (" << c->id;
    if (!c->name.en.empty()) out << " · " << c->name.en;
    for (const auto& code : c->codes) out << " · " << code.system << " " << code.value;
    out << ")\n";
    out << "   กลุ่ม: " << group_label(c->group) << "\n";
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

/// `s` as a Markdown code span, or escaped text when it holds a backquote or a line break.
std::string code(std::string_view s) {
  if (s.find_first_of("`\r\n") != std::string_view::npos) return markdown_escape(s);
  return "`" + std::string(s) + "`";
}

void show_markdown(const Framework& fw, const std::vector<const Competency*>& cs, text::Digits d,
                   std::ostream& out) {
  const auto& p = fw.provenance();
  const auto m = [](std::string_view s) { return markdown_escape(s); };
  out << "# " << m(fw.name().th) << "\n\n";
  if (!fw.name().en.empty())
    out << "*" << m(fw.name().en) << "* — " << code(fw.id()) << " " << m(fw.version()) << "\n\n";
  out << "ผู้กำหนด: " << m(p.issuer.th);
  if (!p.approved_as_written.empty())
    out << " · เห็นชอบเมื่อ " << m(text::with_digits(p.approved_as_written, d));
  if (!p.letter_number.empty()) out << " · หนังสือที่ " << m(text::with_digits(p.letter_number, d));
  out << "\n\n> ระดับสมรรถนะเป็นแบบสะสม: ผู้ที่อยู่ระดับ k ต้องแสดงพฤติกรรมบ่งชี้ของระดับ " << num(1, d)
      << " ถึง k ทั้งหมด\n";
  for (const Competency* c : cs) {
    out << "\n## " << m(c->name.th) << " (" << code(c->id) << ")\n\n";
    out << "กลุ่ม: " << m(group_label(c->group)) << "\n\n" << m(c->definition.th) << "\n\n";
    out << "| ระดับ | คำอธิบายระดับ | พฤติกรรมบ่งชี้ |\n|---|---|---|\n";
    out << "| " << num(0, d) << " | " << m(fw.level_zero().th) << " | |\n";
    for (const auto& l : c->levels) {
      out << "| " << num(l.number, d) << " | " << m(c->full_title(l.number, d)) << " | ";
      bool first = true;
      for (const auto& ind : l.indicators) {
        out << (first ? "" : "<br>") << "• " << m(ind.text.th);
        first = false;
      }
      out << " |\n";
    }
  }
}

struct Args {
  std::string file, framework, competency, digits, format = "text";
};

void run(const Args& a, std::ostream& out) {
  const auto fw = a.file.empty() ? framework_arg(a.framework)
                                 : std::make_shared<const Framework>(load_framework(a.file));
  const text::Digits digits = digits_of(a.digits);
  std::vector<const Competency*> cs;
  if (!a.competency.empty())
    cs.push_back(&fw->competency(a.competency));
  else
    for (const auto& c : fw->competencies()) cs.push_back(&c);
  if (a.format == "json") {
    if (cs.size() == fw->size()) {
      out << to_json(*fw);
    } else {
      FrameworkData d = fw->data();
      d.competencies = {*cs[0]};
      out << to_json(Framework(std::move(d)));
    }
  } else if (a.format == "markdown") {
    show_markdown(*fw, cs, digits, out);
  } else {
    std::ostringstream text;
    show_text(*fw, cs, digits, text);
    out << escape_for_terminal(text.str());
  }
}

Runner setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  app.footer(kAbout);
  auto* file =
      app.add_option("FRAMEWORK.json", a->file, "a framework file (instead of --framework)");
  add_framework_option(app, a->framework)->excludes(file);
  app.add_option("--competency", a->competency,
                 "only this competency (id, DPIS code, Thai or English name, alias)")
      ->type_name("KEY");
  add_digits_option(app, a->digits, "thai");
  app.add_option("--format", a->format, "text (default), markdown or json")
      ->type_name("F")
      ->check(one_of({"text", "markdown", "json"}));
  return [a](std::ostream& out) { run(*a, out); };
}

const Register reg("show", "print a framework: competencies, levels, indicators", setup);

}  // namespace
}  // namespace samatthana::cli
