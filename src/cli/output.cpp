// FdOutBuf: see output.hpp.
#include "output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace samatthana::cli {

FdOutBuf::FdOutBuf(int fd) : fd_(fd) { setp(buf_.data(), buf_.data() + buf_.size()); }

bool FdOutBuf::write_out(const char* s, std::size_t n) {
  if (error_) return false;
  wrote_ = wrote_ || n > 0;
  while (n > 0) {
    const ::ssize_t w = ::write(fd_, s, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      error_ = w < 0 ? errno : EIO;
      return false;
    }
    s += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

int FdOutBuf::sync() {
  const auto n = static_cast<std::size_t>(pptr() - pbase());
  const bool ok = write_out(pbase(), n);
  setp(buf_.data(), buf_.data() + buf_.size());
  return ok ? 0 : -1;
}

FdOutBuf::int_type FdOutBuf::overflow(int_type ch) {
  if (sync() != 0) return traits_type::eof();
  if (!traits_type::eq_int_type(ch, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(ch);
    pbump(1);
  }
  return traits_type::not_eof(ch);
}

std::streamsize FdOutBuf::xsputn(const char* s, std::streamsize n) {
  const auto size = static_cast<std::size_t>(n);
  if (size <= static_cast<std::size_t>(epptr() - pptr())) {
    std::memcpy(pptr(), s, size);
    pbump(static_cast<int>(size));
    return n;
  }
  // Large pieces (a whole CSV) go straight out after what is buffered.
  if (sync() != 0 || !write_out(s, size)) return 0;
  return n;
}

int FdOutBuf::finish() {
  sync();
  if (fd_ >= 0 && ::close(fd_) != 0 && !error_) {
    // Closing a descriptor that was never open is only a failure when output was meant for it.
    if (errno != EINTR && (errno != EBADF || wrote_)) error_ = errno;
  }
  fd_ = -1;
  return error_;
}

std::string write_error_text(int e) {
  return "write error: " + std::error_code(e, std::system_category()).message();
}

}  // namespace samatthana::cli
