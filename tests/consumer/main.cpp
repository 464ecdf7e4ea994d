// A downstream program: prints the built-in BMA framework's competencies and one lookup.
#include <samatthana/samatthana.hpp>

#include <iostream>

int main() {
  const samatthana::Framework& fw = samatthana::bma_core();
  for (const auto& c : fw.competencies()) std::cout << c.id << " " << c.max_level() << "\n";
  std::cout << fw.competency("101").name.th << "\n";
  return fw.size() == 5 && fw.competency("การบริการที่ดี").max_level() == 6 ? 0 : 1;
}
