// A downstream program: checks the library it loaded, prints the built-in BMA framework's
// competencies and one lookup, and catches a library error across the library boundary.
#include <samatthana/samatthana.hpp>

#include <iostream>

int main() {
  if (!samatthana::library_abi_matches()) {
    std::cerr << "loaded libsamatthana " << samatthana::library_version() << " (ABI "
              << samatthana::library_abi() << "), compiled against " << samatthana::version
              << " (ABI " << samatthana::header_abi << ")\n";
    return 2;
  }
  const samatthana::Framework& fw = samatthana::bma_core();
  for (const auto& c : fw.competencies()) std::cout << c.id << " " << c.max_level() << "\n";
  std::cout << fw.competency("101").name.th << "\n";
  try {
    (void)samatthana::builtin_framework("no-such-framework");
    return 3;
  } catch (const samatthana::LookupError& e) {
    std::cout << "caught LookupError\n";
  }
  std::cout << "library " << samatthana::library_version() << "\n";
  return fw.size() == 5 && fw.competency("การบริการที่ดี").max_level() == 6 ? 0 : 1;
}
