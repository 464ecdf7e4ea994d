// Batch Thai sorting for thai.sorted_thai, thai.argsort and thai.sort_key_series: one sort key per
// text, computed once with the GIL released straight from the str's own UTF-16 (Thai text is
// stored two bytes a character, which is what ICU reads), then one sort of (8-byte key prefix,
// row) pairs with ties broken by the rest of the key and then by position (a stable sort: equal
// texts keep their order, as Python's sorted does).
//
// The collator is made as samatthana::text::Collator makes its own (ICU "th", normalisation on,
// numeric collation as asked), so the order is the one thai.sort_key gives; tests check it against
// thai.sort_key and PyICU. Keys come from the public Collator's UTF-16 entry point
// (sort_key_utf16), so the binding needs no ICU of its own.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "registry.hpp"
#include "samatthana/error.hpp"
#include "samatthana/text/collator.hpp"

namespace samatthana::python {
namespace {

/// The library's Thai collators (ICU "th", as thai.sort_key uses), made once.
const text::Collator& collator(bool numeric) {
  static const text::Collator plain(text::Collator::Options{false});
  static const text::Collator digits(text::Collator::Options{true});
  return numeric ? digits : plain;
}

/// One text as the str holds it (kind 1, 2 or 4), read without the GIL (the str is immutable and
/// kept alive by the caller's list).
struct Text {
  const void* data;
  std::uint32_t length;
  std::uint8_t kind;
};

/// Sort keys of texts [begin, end) into one arena: key k is arena[offset[k], offset[k+1]).
struct Keys {
  std::vector<std::uint8_t> arena;
  std::vector<std::size_t> offset;
};

void compute_keys(const text::Collator& coll, const std::vector<Text>& texts, std::size_t begin,
                  std::size_t end, Keys& out) {
  std::vector<char16_t> wide;
  out.offset.assign(1, 0);
  out.arena.reserve((end - begin) * 32);
  std::uint8_t buf[512];
  for (std::size_t i = begin; i < end; ++i) {
    const Text& t = texts[i];
    const char16_t* u;
    std::int32_t len;
    if (t.kind == PyUnicode_2BYTE_KIND) {
      u = static_cast<const char16_t*>(t.data);
      len = static_cast<std::int32_t>(t.length);
    } else {
      wide.clear();
      if (t.kind == PyUnicode_1BYTE_KIND) {
        const auto* p = static_cast<const std::uint8_t*>(t.data);
        wide.assign(p, p + t.length);
      } else {
        const auto* p = static_cast<const std::uint32_t*>(t.data);
        for (std::uint32_t k = 0; k < t.length; ++k) {
          const std::uint32_t cp = p[k];
          if (cp >= 0x10000) {
            wide.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
            wide.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
          } else {
            wide.push_back(static_cast<char16_t>(cp));
          }
        }
      }
      u = wide.data();
      len = static_cast<std::int32_t>(wide.size());
    }
    const std::u16string_view view(u, static_cast<std::size_t>(len));
    std::size_t n = coll.sort_key_utf16(view, buf, sizeof buf);
    const std::size_t at = out.arena.size();
    if (n > sizeof buf) {
      out.arena.resize(at + n);
      n = coll.sort_key_utf16(view, out.arena.data() + at, n);
    } else {
      out.arena.insert(out.arena.end(), buf, buf + n);
    }
    if (n > 0) out.arena.resize(at + n - 1);  // without the final zero byte
    out.offset.push_back(out.arena.size());
  }
}

template <class C>
bool has_surrogate(const C* p, std::uint32_t len) {
  bool found = false;
  for (std::uint32_t k = 0; k < len; ++k)
    found |= (static_cast<std::uint32_t>(p[k]) & 0xFFFFF800u) == 0xD800u;
  return found;
}

/// The texts of a sequence of str (EncodingError for a lone surrogate, which has no place in an
/// order of text; TypeError for anything that is not a str).
std::vector<Text> texts_of(const py::sequence& seq, std::vector<py::object>& keep) {
  std::vector<Text> t;
  const auto n = static_cast<std::size_t>(py::len(seq));
  t.reserve(n);
  keep.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    py::object o = seq[i];
    if (!PyUnicode_Check(o.ptr()))
      throw py::type_error("Thai sorting takes str, not " + std::string(Py_TYPE(o.ptr())->tp_name) +
                           " (item " + std::to_string(i) + ")");
    PyObject* s = o.ptr();
    const auto kind = static_cast<std::uint8_t>(PyUnicode_KIND(s));
    const auto len = static_cast<std::uint32_t>(PyUnicode_GET_LENGTH(s));
    if (kind == PyUnicode_2BYTE_KIND
            ? has_surrogate(PyUnicode_2BYTE_DATA(s), len)
            : kind == PyUnicode_4BYTE_KIND && has_surrogate(PyUnicode_4BYTE_DATA(s), len)) {
      Location w;
      w.path = "[" + std::to_string(i) + "]";
      throw EncodingError("this text holds a lone surrogate (not a character): it cannot be sorted",
                          w);
    }
    t.push_back(Text{PyUnicode_DATA(s), len, kind});
    keep.push_back(std::move(o));
  }
  return t;
}

struct Slot {
  std::uint64_t prefix;  ///< the key's first 8 bytes, big-endian: integer order = byte order
  std::uint32_t row;
};

/// Rows in Thai order (stable), and the order's ranks when `ranks` is given (equal texts share
/// one).
std::vector<std::uint32_t> thai_order(const std::vector<Text>& texts, bool numeric,
                                      std::vector<std::int64_t>* ranks) {
  const std::size_t n = texts.size();
  const text::Collator& coll = collator(numeric);
  // Two workers when there is enough to share (the machine decides whether both run at once).
  const unsigned workers = n >= 20000 && std::thread::hardware_concurrency() > 1 ? 2 : 1;
  std::vector<Keys> parts(workers);
  std::vector<std::size_t> first(workers + 1);
  for (unsigned w = 0; w <= workers; ++w) first[w] = n * w / workers;
  {
    std::vector<std::thread> pool;
    for (unsigned w = 1; w < workers; ++w)
      pool.emplace_back([&, w] { compute_keys(coll, texts, first[w], first[w + 1], parts[w]); });
    compute_keys(coll, texts, first[0], first[1], parts[0]);
    for (auto& th : pool) th.join();
  }
  auto key = [&](std::uint32_t row) {
    unsigned w = 0;
    while (row >= first[w + 1]) ++w;
    const Keys& k = parts[w];
    const std::size_t r = row - first[w];
    return std::string_view(reinterpret_cast<const char*>(k.arena.data() + k.offset[r]),
                            k.offset[r + 1] - k.offset[r]);
  };
  std::vector<Slot> slots(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view k = key(static_cast<std::uint32_t>(i));
    std::uint64_t p = 0;
    for (std::size_t b = 0; b < 8; ++b)
      p = (p << 8) | (b < k.size() ? static_cast<std::uint8_t>(k[b]) : 0u);
    slots[i] = Slot{p, static_cast<std::uint32_t>(i)};
  }
  const auto tail_less = [&](const Slot& a, const Slot& b) {
    const std::string_view ka = key(a.row), kb = key(b.row);
    const int c = ka.substr(std::min<std::size_t>(8, ka.size()))
                      .compare(kb.substr(std::min<std::size_t>(8, kb.size())));
    return c != 0 ? c < 0 : a.row < b.row;
  };
  std::sort(slots.begin(), slots.end(), [&](const Slot& a, const Slot& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return tail_less(a, b);
  });
  std::vector<std::uint32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = slots[i].row;
  if (ranks) {
    ranks->assign(n, 0);
    std::int64_t r = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0 && key(order[i]) != key(order[i - 1])) ++r;
      (*ranks)[order[i]] = r;
    }
  }
  return order;
}

py::array_t<std::int64_t> argsort(const py::sequence& seq, bool numeric) {
  std::vector<py::object> keep;
  const std::vector<Text> texts = texts_of(seq, keep);
  std::vector<std::uint32_t> order;
  {
    py::gil_scoped_release release;
    order = thai_order(texts, numeric, nullptr);
  }
  py::array_t<std::int64_t> out(static_cast<py::ssize_t>(order.size()));
  std::copy(order.begin(), order.end(), out.mutable_data());
  return out;
}

py::list sorted_thai(const py::sequence& seq, bool numeric) {
  std::vector<py::object> keep;
  const std::vector<Text> texts = texts_of(seq, keep);
  std::vector<std::uint32_t> order;
  {
    py::gil_scoped_release release;
    order = thai_order(texts, numeric, nullptr);
  }
  PyObject* list = PyList_New(static_cast<Py_ssize_t>(order.size()));
  if (!list) throw py::error_already_set();
  for (std::size_t i = 0; i < order.size(); ++i) {
    PyObject* o = keep[order[i]].ptr();
    Py_INCREF(o);
    PyList_SET_ITEM(list, static_cast<Py_ssize_t>(i), o);
  }
  return py::reinterpret_steal<py::list>(list);
}

py::array_t<std::int64_t> ranks(const py::sequence& seq, bool numeric) {
  std::vector<py::object> keep;
  const std::vector<Text> texts = texts_of(seq, keep);
  std::vector<std::int64_t> r;
  {
    py::gil_scoped_release release;
    (void)thai_order(texts, numeric, &r);
  }
  py::array_t<std::int64_t> out(static_cast<py::ssize_t>(r.size()));
  std::copy(r.begin(), r.end(), out.mutable_data());
  return out;
}

void register_speed_text(py::module_& m) {
  m.def("_thai_argsort", &argsort, py::arg("items"), py::arg("numeric") = false,
        "Positions of the texts in Thai order (stable), as an int64 array.");
  m.def("_thai_sorted", &sorted_thai, py::arg("items"), py::arg("numeric") = false,
        "The texts (the same str objects) in Thai order (stable).");
  m.def("_thai_ranks", &ranks, py::arg("items"), py::arg("numeric") = false,
        "Each text's rank in Thai order (0 = first; equal texts share a rank), as an int64 array.");
}

const Area area("speed_text", register_speed_text);

}  // namespace
}  // namespace samatthana::python
