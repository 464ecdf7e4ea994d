#pragma once
// Standard output for the commands: buffered writes to a file descriptor that remember the first
// failure, so main can report `write error: <reason>` and exit 1 instead of claiming success
// (a full disk, a closed or broken pipe, /dev/full), as coreutils do.
#include <array>
#include <ostream>
#include <streambuf>
#include <string>

namespace samatthana::cli {

class FdOutBuf : public std::streambuf {
 public:
  explicit FdOutBuf(int fd);
  FdOutBuf(const FdOutBuf&) = delete;
  FdOutBuf& operator=(const FdOutBuf&) = delete;
  /// Writes what is buffered, then closes the descriptor. Returns errno of the first failure
  /// (a write that failed, or closing that failed after output was written), or 0.
  int finish();
  /// errno of the first failed write, or 0. After a failure further output is discarded.
  [[nodiscard]] int error() const noexcept { return error_; }

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  bool write_out(const char* s, std::size_t n);
  int fd_;
  int error_ = 0;
  bool wrote_ = false;
  std::array<char, 65536> buf_{};
};

/// `write error: <reason>` for errno `e`.
std::string write_error_text(int e);

}  // namespace samatthana::cli
