// Streaming bindings: a ratings file read chunk by chunk (samatthana._chunked) and the streaming
// scorer (ratings file in, scores CSV out), both over samatthana/stream.hpp, with the GIL released
// while C++ reads and scores.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <unordered_map>

#include "columns.hpp"
#include "read_options.hpp"
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

/// A ratings file chunk by chunk: `next()` gives a chunk's dict, or None at the end.
class Chunks {
 public:
  /// `all_errors`: 0 for the first-error mode, else the most errors kept (the collect mode:
  /// after a bad row no chunk is given, the rest of the file is read and one ImportErrors lists
  /// every error, as the whole-file read_ratings(all_errors=N) does).
  Chunks(const std::string& path, const py::object& fw, std::size_t rows, std::size_t block,
         const std::string& encoding, const std::string& sheet, std::size_t all_errors)
      : fw_(framework_of(fw)), options_(read_options(encoding, sheet)) {
    if (all_errors > 0) options_.all_errors = all_errors;
    py::gil_scoped_release release;
    const ScopedReadOptions scope(options_);  // the file's encoding and sheet
    stream_.emplace(path, fw_, StreamOptions{rows, block});
  }
  py::object next() {
    if (!stream_) return py::none();
    RatingsColumns t;
    bool got = false;
    {
      py::gil_scoped_release release;  // reading and checking touch no Python object
      const ScopedReadOptions scope(options_);
      got = stream_->next(t);
    }
    if (!got) {
      stream_.reset();  // closes the file
      return py::none();
    }
    py::dict d = ratings_dict(t, *fw_);
    d["has_raters"] = stream_->has_raters();
    d["has_results"] = stream_->has_results();
    return d;
  }
  void close() { stream_.reset(); }

 private:
  std::shared_ptr<const Framework> fw_;
  ReadOptions options_;
  std::optional<RatingsStream> stream_;
};

void register_stream(py::module_& m) {
  py::class_<Chunks>(m, "_RatingsChunks",
                     "A ratings file read chunk by chunk (samatthana._chunked).")
      .def(py::init<const std::string&, const py::object&, std::size_t, std::size_t,
                    const std::string&, const std::string&, std::size_t>(),
           py::arg("path"), py::arg("framework") = py::none(), py::arg("rows") = 65536,
           py::arg("block_bytes") = 1u << 22, py::arg("encoding") = "auto", py::arg("sheet") = "",
           py::arg("all_errors") = 0)
      .def("next", &Chunks::next)
      .def("close", &Chunks::close);
  m.def(
      "_score_csv_stream",
      [](const std::string& ratings, const std::string& output, const py::object& fw_arg,
         const py::object& profile_arg, std::size_t rows, const std::string& missing) {
        auto fw = framework_of(fw_arg);
        auto prof = profile_arg.is_none() ? default_profile(*fw)
                                          : profile(py::str(profile_arg).cast<std::string>());
        ScoringOptions opt;
        opt.rules.method = prof->data().method ? *prof->data().method : Method::bma;
        opt.rules.weight = prof->scheme().competency_weight;
        if (missing != "error" && missing != "zero")
          throw ValidationError("missing must be 'error' or 'zero'");
        opt.missing = missing == "zero" ? MissingPolicy::zero : MissingPolicy::error;
        py::gil_scoped_release release;
        const StreamScoreStats st =
            score_csv_stream(ratings, output, fw, prof, opt, StreamOptions{rows});
        return std::make_pair(st.people, st.chunks);
      },
      py::arg("ratings"), py::arg("output"), py::arg("framework") = py::none(),
      py::arg("profile") = py::none(), py::arg("rows") = 65536, py::arg("missing") = "error",
      "Scores a ratings CSV into a scores CSV chunk by chunk (as `samatthana score -o`); returns "
      "(people, chunks).");
}

const Area area("stream", register_stream);

}  // namespace
}  // namespace samatthana::python
