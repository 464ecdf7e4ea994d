// Streaming bindings: a ratings file read chunk by chunk (samatthana._chunked) and the streaming
// scorer (ratings file in, scores CSV out), both over samatthana/stream.hpp, with the GIL released
// while C++ reads and scores.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <unordered_map>

#include "registry.hpp"
#include "samatthana/samatthana.hpp"
#include "samatthana/stream.hpp"

namespace samatthana::python {
namespace {

std::shared_ptr<const Framework> framework_of(const py::object& f) {
  if (f.is_none()) return builtin_framework("bma-core-2550");
  if (py::isinstance<py::str>(f)) return framework(f.cast<std::string>());
  return f.cast<std::shared_ptr<Framework>>();
}

/// Column `col` of a chunk as a numpy object array of str; `shared`: one str per distinct value.
py::array text_column(const RatingsColumns& t, RatingsColumns::Text col, bool shared) {
  const auto n = static_cast<py::ssize_t>(t.rows);
  py::array out(py::dtype("O"), std::vector<py::ssize_t>{n});
  auto** slots = static_cast<PyObject**>(out.mutable_data());
  std::unordered_map<std::string_view, PyObject*> seen;
  for (py::ssize_t i = 0; i < n; ++i) {
    const std::string_view v = t.cell(col, static_cast<std::size_t>(i));
    PyObject* obj = nullptr;
    if (auto it = shared ? seen.find(v) : seen.end(); it != seen.end()) {
      obj = it->second;
      Py_INCREF(obj);
    } else {
      obj = PyUnicode_DecodeUTF8(v.data(), static_cast<Py_ssize_t>(v.size()), "strict");
      if (!obj) throw py::error_already_set();
      if (shared) seen.emplace(v, obj);
    }
    Py_XDECREF(slots[i]);
    slots[i] = obj;
  }
  return out;
}

/// What samatthana.read_ratings builds its DataFrame from, for one chunk.
py::dict chunk_dict(const RatingsColumns& t, const Framework& fw) {
  const std::size_t n = t.rows, c = fw.size();
  py::array_t<std::int8_t> lv({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(c)});
  std::copy(t.levels.begin(), t.levels.end(), lv.mutable_data());
  py::dict d;
  d["person_id"] = text_column(t, RatingsColumns::person_id, false);
  d["name"] = text_column(t, RatingsColumns::name, false);
  d["unit"] = text_column(t, RatingsColumns::unit, true);
  d["position"] = text_column(t, RatingsColumns::position, true);
  if (t.has_raters) {
    d["rater_role"] = text_column(t, RatingsColumns::rater_role, true);
    d["rater_id"] = text_column(t, RatingsColumns::rater_id, true);
  }
  std::vector<std::string> ids;
  for (const auto& comp : fw.competencies()) ids.push_back(comp.id);
  d["competencies"] = ids;
  d["levels"] = lv;
  if (!t.results.empty()) d["results"] = py::array_t<double>(static_cast<py::ssize_t>(n), t.results.data());
  return d;
}

/// A ratings file chunk by chunk: `next()` gives a chunk's dict, or None at the end.
class Chunks {
 public:
  Chunks(const std::string& path, const py::object& fw, std::size_t rows, std::size_t block)
      : fw_(framework_of(fw)) {
    py::gil_scoped_release release;
    stream_.emplace(path, fw_, StreamOptions{rows, block});
  }
  py::object next() {
    if (!stream_) return py::none();
    RatingsColumns t;
    bool got = false;
    {
      py::gil_scoped_release release;  // reading and checking touch no Python object
      got = stream_->next(t);
    }
    if (!got) {
      stream_.reset();  // closes the file
      return py::none();
    }
    py::dict d = chunk_dict(t, *fw_);
    d["has_raters"] = stream_->has_raters();
    d["has_results"] = stream_->has_results();
    return d;
  }
  void close() { stream_.reset(); }

 private:
  std::shared_ptr<const Framework> fw_;
  std::optional<RatingsStream> stream_;
};

void register_stream(py::module_& m) {
  py::class_<Chunks>(m, "_RatingsChunks", "A ratings file read chunk by chunk (samatthana._chunked).")
      .def(py::init<const std::string&, const py::object&, std::size_t, std::size_t>(), py::arg("path"),
           py::arg("framework") = py::none(), py::arg("rows") = 65536, py::arg("block_bytes") = 1u << 22)
      .def("next", &Chunks::next)
      .def("close", &Chunks::close);
  m.def(
      "_score_csv_stream",
      [](const std::string& ratings, const std::string& output, const py::object& fw_arg,
         const py::object& profile_arg, std::size_t rows, const std::string& missing) {
        auto fw = framework_of(fw_arg);
        auto prof = profile_arg.is_none() ? default_profile(*fw) : profile(py::str(profile_arg).cast<std::string>());
        ScoringOptions opt;
        opt.rules.method = prof->data().method ? *prof->data().method : Method::bma;
        opt.rules.weight = prof->scheme().competency_weight;
        if (missing != "error" && missing != "zero") throw ValidationError("missing must be 'error' or 'zero'");
        opt.missing = missing == "zero" ? MissingPolicy::zero : MissingPolicy::error;
        py::gil_scoped_release release;
        const StreamScoreStats st = score_csv_stream(ratings, output, fw, prof, opt, StreamOptions{rows});
        return std::make_pair(st.people, st.chunks);
      },
      py::arg("ratings"), py::arg("output"), py::arg("framework") = py::none(), py::arg("profile") = py::none(),
      py::arg("rows") = 65536, py::arg("missing") = "error",
      "Scores a ratings CSV into a scores CSV chunk by chunk (as `samatthana score -o`); returns (people, chunks).");
}

const Area area("stream", register_stream);

}  // namespace
}  // namespace samatthana::python
