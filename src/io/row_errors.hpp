#pragma once
// The collect-all-errors mode of the table readers (ReadOptions::all_errors): a row's error is
// kept and the reader goes on with the next row; at the end one ImportErrors lists them.
#include <optional>
#include <string>
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
};

}  // namespace samatthana::detail
