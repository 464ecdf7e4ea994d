// Bindings of the audit layer (samatthana/manifest.hpp): SHA-256, rounds, manifests, verify,
// diff-scores. Thin: results go to Python as plain values; samatthana.audit shapes them.
#include <pybind11/stl.h>

#include "registry.hpp"
#include "samatthana/manifest.hpp"
#include "samatthana/samatthana.hpp"

namespace py = pybind11;
using namespace samatthana;

namespace {

const char* status_name(VerifyFinding::Status s) {
  switch (s) {
    case VerifyFinding::Status::ok:
      return "ok";
    case VerifyFinding::Status::note:
      return "note";
    case VerifyFinding::Status::differs:
      return "differs";
  }
  return "ok";
}

py::list verify_rows(const std::string& manifest) {
  VerifyReport r;
  {
    // Reading files and scoring touch no Python object: safe without the GIL.
    py::gil_scoped_release release;
    r = verify_manifest(load_manifest(manifest), manifest);
  }
  py::list rows;
  for (const auto& f : r.findings) {
    py::dict d;
    d["status"] = status_name(f.status);
    d["subject"] = f.subject;
    d["path"] = f.where.path;
    d["message"] = f.message;
    rows.append(d);
  }
  return rows;
}

std::string diff_json(const std::string& a, const std::string& b, const std::string& ma,
                      const std::string& mb) {
  py::gil_scoped_release release;  // file reading only
  ScoresDiff d = diff_scores(load_published_scores(a), load_published_scores(b));
  if (!ma.empty()) d.causes = compare_manifests(load_manifest(ma), load_manifest(mb));
  return scores_diff_json(d);
}

void register_audit(py::module_& m) {
  m.def(
      "_audit_sha256", [](py::bytes data) { return sha256_hex(std::string_view(data)); },
      py::arg("data"));
  m.def(
      "_audit_file_digest",
      [](const std::string& path) {
        const FileDigest d = digest_file(path);
        return py::make_tuple(d.sha256, d.size);
      },
      py::arg("path"));
  m.def(
      "_audit_parse_round",
      [](const std::string& s) {
        const text::AppraisalRound r = parse_round(s);
        return py::make_tuple(r.fiscal_year_be, r.round,
                              text::format_date(r.start, text::DateStyle::iso),
                              text::format_date(r.end, text::DateStyle::iso));
      },
      py::arg("text"));
  m.def(
      "_audit_check_manifest",
      [](const std::string& text, const std::string& name) {
        return to_json(parse_manifest(text, name));
      },
      py::arg("text"), py::arg("name"));
  m.def(
      "_audit_manifest_footer",
      [](const std::string& path, bool thai_digits) {
        return manifest_footer_of_file(path,
                                       thai_digits ? text::Digits::thai : text::Digits::arabic);
      },
      py::arg("path"), py::arg("thai_digits") = true);
  m.def("_audit_verify", &verify_rows, py::arg("manifest"));
  m.def("_audit_diff_scores", &diff_json, py::arg("a"), py::arg("b"), py::arg("manifest_a"),
        py::arg("manifest_b"));
}

const python::Area area("audit", register_audit);

}  // namespace
