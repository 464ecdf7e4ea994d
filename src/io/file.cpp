// File I/O (see file.hpp): the only file of the library that calls the operating system's file
// functions directly.
#include "io/file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <random>
#include <system_error>

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
    throw IoError(std::filesystem::exists(file, ec) ? "cannot read the file" : "no such file",
                  where);
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
    while (in.read(buf, sizeof buf) || in.gcount() > 0)
      bytes.append(buf, static_cast<std::size_t>(in.gcount()));
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

FileBytes read_raw_file_bytes(const std::filesystem::path& file) {
  FileBytes out;
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  const std::uintmax_t size =
      std::filesystem::is_regular_file(status) ? std::filesystem::file_size(file, ec) : 0;
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  if (ec || !std::filesystem::is_regular_file(status) || size < kHuge) {
    out.fallback =
        read_file(file);  // its errors: missing, folder, unreadable; pipes and small files
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

namespace {

// ---- writing -------------------------------------------------------------------------------
// write_file_atomic decides by what the path names (lstat):
//  - nothing yet: a new file, created through a temporary next to it (mode 0666 less the umask);
//  - a regular file: replaced atomically, keeping its mode (and owner and group where permitted);
//  - a symbolic link: followed (as editors and coreutils do); its target is written as above, so
//    the link stays a link;
//  - a device, FIFO or socket: written straight to, never replaced;
//  - a folder: an error.

/// The operating system's words for errno `e`.
std::string os_reason(int e) { return std::error_code(e, std::system_category()).message(); }

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what, int e) {
  Location where;
  where.file = file.string();
  throw IoError(what + ": " + os_reason(e), where);
}

/// Closes a file descriptor and removes a temporary file unless released.
struct TempFile {
  std::filesystem::path path;
  int fd = -1;
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd >= 0) ::close(fd);
    if (!path.empty()) ::unlink(path.c_str());
  }
};

/// The path a chain of symbolic links ends at (the last link's target may not exist yet).
/// `via_proc`: a link on the way points into /proc (a file descriptor's magic link), which is
/// written in place rather than replaced.
std::filesystem::path follow_links(const std::filesystem::path& file, struct stat& st, bool& exists,
                                   bool& via_proc) {
  std::filesystem::path at = file;
  for (int hops = 0;; ++hops) {
    if (::lstat(at.c_str(), &st) != 0) {
      if (errno != ENOENT) fail(file, "cannot look at the output file", errno);
      exists = false;
      return at;
    }
    exists = true;
    if (!S_ISLNK(st.st_mode)) return at;
    if (at.string().rfind("/proc/", 0) == 0) via_proc = true;
    if (hops == 40) fail(file, "cannot follow the symbolic link", ELOOP);
    std::string target(PATH_MAX, '\0');
    const ::ssize_t n = ::readlink(at.c_str(), target.data(), target.size());
    if (n < 0) fail(file, "cannot read the symbolic link", errno);
    target.resize(static_cast<std::size_t>(n));
    const std::filesystem::path t(target);
    at = t.is_absolute() ? t : at.parent_path() / t;
  }
}

/// Writes all of `bytes` to `fd`; errno of the failure, or 0.
int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ::ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

/// A device, FIFO or socket (or a regular file reached through /proc, with `truncate`): opened
/// and written in place, piece by piece (`pieces` calls its argument with each).
void write_in_place(
    const std::filesystem::path& file, const std::filesystem::path& target, bool truncate,
    const std::function<void(const std::function<void(std::string_view)>&)>& pieces) {
  int fd;
  do fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY | (truncate ? O_TRUNC : 0));
  while (fd < 0 && errno == EINTR);
  if (fd < 0) fail(file, "cannot open the output for writing", errno);
  int e = 0;
  try {
    pieces([&](std::string_view piece) {
      if (!e) e = write_all(fd, piece);
    });
  } catch (...) {
    ::close(fd);
    throw;
  }
  const int closed = ::close(fd);
  if (e) fail(file, "writing failed", e);
  if (closed != 0 && errno != EINTR) fail(file, "writing failed", errno);
}

/// A new file in `dir` named after `name`, unique as mkstemp's, created with O_EXCL and `mode`
/// (so the kernel applies the umask and the folder's default ACL, which mkstemp's fixed 0600
/// would lose).
void make_temp(const std::filesystem::path& file, const std::filesystem::path& dir,
               const std::string& name, mode_t mode, TempFile& tmp) {
  static constexpr char kLetters[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string suffix(8, 'x');
    for (char& c : suffix) c = kLetters[rd() % (sizeof kLetters - 1)];
    const std::filesystem::path p = dir / ("." + name + "." + suffix + ".tmp");
    const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd >= 0) {
      tmp.fd = fd;
      tmp.path = p;
      return;
    }
    if (errno != EEXIST)
      fail(file, "cannot create a temporary file in the folder '" + dir.string() + "'", errno);
  }
  fail(file, "cannot create a temporary file in the folder '" + dir.string() + "'", EEXIST);
}

/// A regular file (or none yet), first half: the temporary file beside it with the old file's
/// mode and owner (or 0666 less the umask for a new file).
void begin_replace(const std::filesystem::path& file, const std::filesystem::path& target,
                   const struct stat* old, TempFile& tmp) {
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  if (old && ::access(target.c_str(), W_OK) != 0 && errno == EACCES)
    fail(file, "the file is read-only; it was left unchanged", EACCES);
  make_temp(file, dir, target.filename().string(), old ? 0600 : 0666, tmp);
  if (old) {
    // Owner first: changing it may clear set-id bits, which the mode then restores if allowed.
    if (::fchown(tmp.fd, old->st_uid, old->st_gid) != 0)
      (void)::fchown(tmp.fd, static_cast<uid_t>(-1), old->st_gid);
    if (::fchmod(tmp.fd, old->st_mode & 07777) != 0)
      fail(file, "cannot give the new file the old one's permissions", errno);
  }
}

/// Second half: fsync, close, rename over the target, fsync the folder.
void finish_replace(const std::filesystem::path& file, const std::filesystem::path& target,
                    TempFile& tmp) {
  if (::fsync(tmp.fd) != 0) fail(file, "writing failed; the existing file is unchanged", errno);
  const int closed = ::close(tmp.fd);
  tmp.fd = -1;
  if (closed != 0 && errno != EINTR)
    fail(file, "writing failed; the existing file is unchanged", errno);
  if (::rename(tmp.path.c_str(), target.c_str()) != 0) fail(file, "cannot replace the file", errno);
  tmp.path.clear();  // renamed: nothing left to remove
  // Make the rename itself durable (best effort: some file systems refuse fsync on a folder).
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    (void)::fsync(dfd);
    ::close(dfd);
  }
}

/// What an output path names and how it is written (see the rules above).
struct Resolved {
  std::filesystem::path target;
  bool in_place = false, truncate = false, exists = false;
  struct stat st {};
};

Resolved resolve_output(const std::filesystem::path& file) {
  // What the path finally names, links followed by the kernel: /dev/stdout and /proc/self/fd/N
  // are links the kernel resolves itself (to "pipe:[...]" when stdout is a pipe), so a device,
  // FIFO or socket is recognised before following links by hand.
  Resolved r;
  if (::stat(file.c_str(), &r.st) == 0 && !S_ISREG(r.st.st_mode) && !S_ISDIR(r.st.st_mode)) {
    r.target = file;
    r.in_place = r.exists = true;
    return r;
  }
  bool via_proc = false;
  r.target = follow_links(file, r.st, r.exists, via_proc);
  if (via_proc) {  // e.g. -o /dev/stdout > out.csv
    r.target = file;
    r.in_place = r.truncate = true;
    return r;
  }
  if (r.exists && S_ISDIR(r.st.st_mode)) {
    Location where;
    where.file = file.string();
    throw IoError("this is a folder, not a file", where);
  }
  r.in_place = r.exists && !S_ISREG(r.st.st_mode);
  return r;
}

}  // namespace

void write_file_atomic(const std::filesystem::path& file, std::string_view bytes) {
  const Resolved r = resolve_output(file);
  if (r.in_place)
    return write_in_place(file, r.target, r.truncate, [&](const auto& put) { put(bytes); });
  TempFile tmp;
  begin_replace(file, r.target, r.exists ? &r.st : nullptr, tmp);
  if (const int e = write_all(tmp.fd, bytes))
    fail(file, "writing failed; the existing file is unchanged", e);
  finish_replace(file, r.target, tmp);
}

namespace detail {

Spool::Spool() {
  const char* env = std::getenv("TMPDIR");
  dir_ = env && *env ? env : "/tmp";
#ifdef O_TMPFILE
  fd_ = ::open(dir_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ >= 0) return;
  if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
    fail(dir_, "cannot keep the output in a temporary file in this folder (set TMPDIR to another)",
         errno);
#endif
  // No O_TMPFILE on this file system: a temporary file removed at once.
  TempFile tmp;
  make_temp(dir_ / "spool", dir_, "samatthana-spool", 0600, tmp);
  ::unlink(tmp.path.c_str());
  tmp.path.clear();
  fd_ = tmp.fd;
  tmp.fd = -1;
}

Spool::~Spool() {
  if (fd_ >= 0) ::close(fd_);
}

void Spool::write(std::string_view bytes) {
  if (const int e = write_all(fd_, bytes))
    fail(dir_, "cannot keep the output in a temporary file in this folder (set TMPDIR to another)",
         e);
}

void Spool::read_back(const std::function<void(std::string_view)>& out) {
  if (::lseek(fd_, 0, SEEK_SET) != 0) fail(dir_, "cannot read the temporary output back", errno);
  std::string buf(std::size_t{1} << 20, '\0');
  for (;;) {
    const ::ssize_t n = ::read(fd_, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(dir_, "cannot read the temporary output back", errno);
    if (n == 0) return;
    out(std::string_view(buf.data(), static_cast<std::size_t>(n)));
  }
}

struct OutputFile::State {
  std::filesystem::path file;
  Resolved r;
  TempFile tmp;                ///< the temporary file beside the target
  std::optional<Spool> spool;  ///< for a device or FIFO
};

OutputFile::OutputFile(const std::filesystem::path& file) : s_(std::make_unique<State>()) {
  s_->file = file;
  s_->r = resolve_output(file);
  if (s_->r.in_place) {
    // Not opened before commit(): a FIFO's reader would take an early open and close for the end.
    s_->spool.emplace();
  } else {
    begin_replace(file, s_->r.target, s_->r.exists ? &s_->r.st : nullptr, s_->tmp);
  }
}

OutputFile::~OutputFile() = default;  // TempFile closes and removes

void OutputFile::write(std::string_view bytes) {
  if (s_->spool) return s_->spool->write(bytes);
  if (const int e = write_all(s_->tmp.fd, bytes))
    fail(s_->file, "writing failed; the existing file is unchanged", e);
}

void OutputFile::commit() {
  if (!s_->spool) return finish_replace(s_->file, s_->r.target, s_->tmp);
  // The spool, copied to the device or FIFO.
  write_in_place(s_->file, s_->r.target, s_->r.truncate,
                 [&](const auto& put) { s_->spool->read_back(put); });
}

}  // namespace detail

}  // namespace samatthana
