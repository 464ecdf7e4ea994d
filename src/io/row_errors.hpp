#pragma once
// The collect-all-errors mode of the table readers (ReadOptions::all_errors): a row's error is
// kept and the reader goes on with the next row; at the end one ImportErrors lists them.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "samatthana/error.hpp"
#include "samatthana/io.hpp"

namespace samatthana::detail {

/// The errors of one read: thrown at once (first-error mode, the default) or collected.
class RowErrors {
 public:
  /// The mode of current_read_options() (the calling thread's).
  explicit RowErrors(std::string file) : RowErrors(std::move(file), current_read_options()) {}
  RowErrors(std::string file, const ReadOptions& options) : file_(std::move(file)) {
    if (options.all_errors) list_.emplace(*options.all_errors);
    if (options.all_errors && options.on_row_error) keep_ = options.on_row_error;
  }
  [[nodiscard]] bool collecting() const noexcept { return list_.has_value(); }

  /// Reads one row with `f`; in the collect mode an Error of the row is kept and false returned
  /// (the row is left out; the reader goes on with the next one).
  template <class F>
  bool row(F&& f) {
    if (!list_) {
      std::forward<F>(f)();
      return true;
    }
    try {
      std::forward<F>(f)();
      return true;
    } catch (const ImportErrors&) {
      throw;
    } catch (const Error& e) {
      list_->add(e);
      return false;
    }
  }

  /// As row(f), for a reader that can return the rows that read (ReadOptions::on_row_error): in
  /// that mode the row's Error goes to on_row_error with the row's person_id (`id_of()`, "" when
  /// it cannot be read) instead of the list, and the read returns the other rows.
  template <class F, class Id>
  bool row(F&& f, Id&& id_of) {
    if (!keep_) return row(std::forward<F>(f));
    try {
      std::forward<F>(f)();
      return true;
    } catch (const ImportErrors&) {
      throw;
    } catch (const Error& e) {
      std::string id;
      try {
        id = id_of();
      } catch (const Error&) {
        id.clear();  // a person_id that cannot be read names nobody
      }
      keep_(e, id);
      return false;
    }
  }

  /// Runs the whole read `f` and returns what it returns. In the collect mode an Error that ends
  /// it (a bad header, an unclosed quote: the rest is unreadable) is the list's last entry, and
  /// any error ends the read as ImportErrors.
  template <class F>
  auto read(F&& f) -> decltype(std::forward<F>(f)()) {
    if (!list_) return std::forward<F>(f)();
    try {
      auto result = std::forward<F>(f)();
      finish();
      return result;
    } catch (const ImportErrors&) {
      throw;
    } catch (const Error& e) {
      list_->add(e);
      finish();
      throw;  // not reached: finish() threw
    }
  }

  /// Throws ImportErrors when an error was collected.
  void finish() {
    if (list_ && !list_->empty()) throw ImportErrors(file_, std::move(*list_));
  }

 private:
  std::string file_;
  std::optional<ErrorList> list_;
  std::function<void(const Error&, std::string_view)> keep_;
};

}  // namespace samatthana::detail
