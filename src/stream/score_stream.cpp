// score_csv_stream: ratings in, scores out, chunk by chunk, into an output that appears whole or
// not at all.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <future>
#include <random>
#include <system_error>

#include "samatthana/stream.hpp"

namespace samatthana {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what, int e) {
  Location where;
  where.file = file.string();
  throw IoError(what + ": " + std::error_code(e, std::system_category()).message(), where);
}

/// An output written as it goes and made visible at commit(): a regular file (or none yet) through
/// a temporary file beside it, renamed over it (its mode and owner kept, symbolic links followed,
/// as write_file_atomic); a device, FIFO or socket (/dev/stdout) written in place. Destroyed
/// before commit(), it removes the temporary file: the old file, if any, is unchanged.
class StreamingOutput {
 public:
  explicit StreamingOutput(std::filesystem::path file) : file_(std::move(file)) {
    struct stat st {};
    if (::stat(file_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
      if (S_ISDIR(st.st_mode)) fail(file_, "this is a folder, not a file", EISDIR);
      open_in_place();
      return;
    }
    const bool exists = ::stat(file_.c_str(), &st) == 0;
    std::error_code ec;
    target_ = exists ? std::filesystem::canonical(file_, ec) : file_;
    if (ec) target_ = file_;
    if (exists && ::access(target_.c_str(), W_OK) != 0 && errno == EACCES)
      fail(file_, "the file is read-only; it was left unchanged", EACCES);
    make_temp(exists ? 0600 : 0666);
    if (exists) {
      if (::fchown(fd_, st.st_uid, st.st_gid) != 0) (void)::fchown(fd_, static_cast<uid_t>(-1), st.st_gid);
      if (::fchmod(fd_, st.st_mode & 07777) != 0)
        fail(file_, "cannot give the new file the old one's permissions", errno);
    }
  }
  StreamingOutput(const StreamingOutput&) = delete;
  StreamingOutput& operator=(const StreamingOutput&) = delete;
  ~StreamingOutput() {
    if (fd_ >= 0) ::close(fd_);
    if (!temp_.empty()) ::unlink(temp_.c_str());
  }

  void write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ::ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail(file_, "writing failed; the existing file is unchanged", n < 0 ? errno : EIO);
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  void commit() {
    if (!temp_.empty() && ::fsync(fd_) != 0) fail(file_, "writing failed; the existing file is unchanged", errno);
    const int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0 && errno != EINTR) fail(file_, "writing failed; the existing file is unchanged", errno);
    if (temp_.empty()) return;
    if (::rename(temp_.c_str(), target_.c_str()) != 0) fail(file_, "cannot replace the file", errno);
    temp_.clear();
    std::filesystem::path dir = target_.parent_path();
    if (dir.empty()) dir = ".";
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
      (void)::fsync(dfd);
      ::close(dfd);
    }
  }

 private:
  void open_in_place() {
    do fd_ = ::open(file_.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    while (fd_ < 0 && errno == EINTR);
    if (fd_ < 0) fail(file_, "cannot open the output for writing", errno);
  }
  void make_temp(mode_t mode) {
    static constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::filesystem::path dir = target_.parent_path();
    if (dir.empty()) dir = ".";
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::string suffix(8, 'x');
      for (char& c : suffix) c = kLetters[rd() % (sizeof kLetters - 1)];
      const std::filesystem::path p = dir / ("." + target_.filename().string() + "." + suffix + ".tmp");
      fd_ = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
      if (fd_ >= 0) {
        temp_ = p;
        return;
      }
      if (errno != EEXIST) break;
    }
    fail(file_, "cannot create a temporary file in the folder '" + dir.string() + "'", errno);
  }

  std::filesystem::path file_, target_, temp_;
  int fd_ = -1;
};

/// Bytes of scores_csv's BOM and header row.
std::size_t header_size(const std::string& csv) {
  const std::size_t nl = csv.find('\n');
  return nl == std::string::npos ? csv.size() : nl + 1;
}

}  // namespace

StreamScoreStats score_csv_stream(const std::filesystem::path& ratings, const std::filesystem::path& output,
                                  std::shared_ptr<const Framework> fw, std::shared_ptr<const Profile> profile,
                                  const ScoringOptions& options, const StreamOptions& stream,
                                  const Progress& progress) {
  RatingsStream in(ratings, std::move(fw), stream);
  StreamingOutput out(output);
  StreamScoreStats stats;
  // Two stages on two threads: the next chunk is read and checked while this one is scored and
  // written. Errors keep the file's order: a chunk's own errors (reading, then scoring) come
  // before any of the next chunk's, which wait in their future until it is taken.
  auto read_next = [&in]() -> std::unique_ptr<RatingsTable> {
    auto t = std::make_unique<RatingsTable>();
    return in.next(*t) ? std::move(t) : nullptr;
  };
  std::future<std::unique_ptr<RatingsTable>> next = std::async(std::launch::async, read_next);
  while (std::unique_ptr<RatingsTable> chunk = next.get()) {
    next = std::async(std::launch::async, read_next);
    const CohortScores s = score_cohort(*chunk, nullptr, nullptr, profile, options);
    chunk.reset();
    const std::string csv = scores_csv(s);
    out.write(stats.chunks == 0 ? std::string_view(csv) : std::string_view(csv).substr(header_size(csv)));
    stats.people += s.n;
    ++stats.chunks;
    if (progress) progress(in.bytes_read(), in.file_size());
  }
  out.commit();
  return stats;
}

}  // namespace samatthana
