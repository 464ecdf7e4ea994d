#pragma once
// How the Python readers (read_ratings, read_evidence, read_kpis) decode a file: encoding "auto",
// "utf-8", "utf-16" or "cp874" (docs/formats.md), sheet of an .xlsx workbook ("" = the first).
#include <string>

#include "samatthana/samatthana.hpp"

namespace samatthana::python {

inline ReadOptions read_options(const std::string& encoding, const std::string& sheet) {
  const auto e = encoding_from_string(encoding);
  if (!e) {
    Location at;
    at.path = "encoding";
    at.value = encoding;
    throw ValidationError("not an encoding: write 'auto', 'utf-8', 'utf-16' or 'cp874'", at);
  }
  ReadOptions o;
  o.encoding = *e;
  o.sheet = sheet;
  return o;
}

}  // namespace samatthana::python
