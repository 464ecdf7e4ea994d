// File I/O (see file.hpp): the only file of the library that calls the operating system's file
// functions directly.
#include "io/file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include "samatthana/error.hpp"

namespace samatthana {

std::string read_file(const std::filesystem::path& file) {
  std::error_code dir_ec;
  if (std::filesystem::is_directory(file, dir_ec)) {
    Location where;
    where.file = file.string();
    throw IoError("this is a folder, not a file", where);
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    Location where;
    where.file = file.string();
    std::error_code ec;
    throw IoError(std::filesystem::exists(file, ec) ? "cannot read the file"
                                                    : "no such file", where);
  }
  // Read straight into one string of the file's size (no stream buffer copy); a file that grows
  // or is not seekable (a pipe) is read to its end all the same.
  std::string bytes;
  in.seekg(0, std::ios::end);
  if (const auto size = in.tellg(); size > 0) bytes.resize(static_cast<std::size_t>(size));
  in.seekg(0, std::ios::beg);
  in.clear();
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (!in.eof() && in.good()) {
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) bytes.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    Location where;
    where.file = file.string();
    throw IoError("the file could not be read to the end", where);
  }
  return bytes;
}

namespace detail {
void Unmap::operator()(char* p) const noexcept {
  if (p) ::munmap(p, length);
}

FileBytes read_file_bytes(const std::filesystem::path& file) {
  FileBytes out;
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  const std::uintmax_t size = std::filesystem::is_regular_file(status) ? std::filesystem::file_size(file, ec) : 0;
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  if (ec || !std::filesystem::is_regular_file(status) || size < kHuge) {
    out.fallback = read_file(file);  // its errors: missing, folder, unreadable; pipes and small files
    return out;
  }
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    out.fallback = read_file(file);
    return out;
  }
  // One byte more than the file, to notice a file that grew while we read it.
  const std::size_t length = (static_cast<std::size_t>(size) + 1 + kHuge - 1) / kHuge * kHuge;
  void* p = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    ::close(fd);
    out.fallback = read_file(file);
    return out;
  }
#ifdef MADV_HUGEPAGE
  (void)::madvise(p, length, MADV_HUGEPAGE);
#endif
  out.data = std::unique_ptr<char, Unmap>(static_cast<char*>(p), Unmap{length});
  std::size_t got = 0;
  bool failed = false;
  while (got < static_cast<std::size_t>(size) + 1) {
    const ::ssize_t n = ::read(fd, out.data.get() + got, static_cast<std::size_t>(size) + 1 - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failed = true;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (failed || got > static_cast<std::size_t>(size)) {
    // Unreadable, or the file grew while we read it: read it again the general way.
    out.data.reset();
    out.fallback = read_file(file);
    return out;
  }
  out.size = got;
  return out;
}
}  // namespace detail

void write_file_atomic(const std::filesystem::path& file, std::string_view bytes) {
  Location where;
  where.file = file.string();
  std::filesystem::path tmp = file;
  tmp += ".tmp-samatthana";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw IoError("cannot write next to the target (directory missing or read-only?)", where);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      throw IoError("writing failed (disk full?); the existing file is unchanged", where);
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw IoError("cannot replace the file: " + ec.message(), where);
  }
}

}  // namespace samatthana
