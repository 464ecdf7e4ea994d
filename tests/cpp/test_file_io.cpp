// write_file_atomic: what it does to regular files, links, devices and FIFOs, and its errors.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "helpers.hpp"
#include "io/file.hpp"
#include "samatthana/samatthana.hpp"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

/// A fresh empty folder per test case, removed at the end.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag) {
    path =
        fs::temp_directory_path() / ("samatthana-fileio-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
  /// Names in the folder (to see that no temporary file is left).
  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st.st_mode;
}

/// Sets the umask for one scope.
struct Umask {
  mode_t old;
  explicit Umask(mode_t m) : old(::umask(m)) {}
  ~Umask() { ::umask(old); }
};

bool is_root() { return ::geteuid() == 0; }

}  // namespace

TEST_CASE("file io: a new file honours the umask", "[file_io]") {
  TempDir d("umask");
  {
    Umask u(022);
    samatthana::write_file_atomic(d.path / "a.txt", "ก");
  }
  {
    Umask u(077);
    samatthana::write_file_atomic(d.path / "b.txt", "ข");
  }
  CHECK((mode_of(d.path / "a.txt") & 0777) == 0644);
  CHECK((mode_of(d.path / "b.txt") & 0777) == 0600);
  CHECK(slurp(d.path / "a.txt") == "ก");
  CHECK(d.names() == std::vector<std::string>{"a.txt", "b.txt"});
}

TEST_CASE("file io: replacing a file keeps its mode (0600 stays 0600)", "[file_io]") {
  TempDir d("mode");
  const fs::path f = d.path / "secret.csv";
  std::ofstream(f) << "old\n";
  REQUIRE(::chmod(f.c_str(), 0600) == 0);
  const fs::path g = d.path / "shared.csv";
  std::ofstream(g) << "old\n";
  REQUIRE(::chmod(g.c_str(), 0664) == 0);
  Umask u(022);
  samatthana::write_file_atomic(f, "new\n");
  samatthana::write_file_atomic(g, "new\n");
  CHECK(slurp(f) == "new\n");
  CHECK((mode_of(f) & 07777) == 0600);
  CHECK((mode_of(g) & 07777) == 0664);
  CHECK(d.names() == std::vector<std::string>{"secret.csv", "shared.csv"});
}

TEST_CASE("file io: a symbolic link is followed; the link stays, its target is updated",
          "[file_io]") {
  TempDir d("link");
  fs::create_directories(d.path / "real");
  const fs::path target = d.path / "real" / "scores.csv";
  std::ofstream(target) << "old\n";
  REQUIRE(::chmod(target.c_str(), 0640) == 0);
  const fs::path link = d.path / "scores.csv";
  fs::create_symlink("real/scores.csv", link);  // relative, as `ln -s` makes them
  samatthana::write_file_atomic(link, "ใหม่\n");
  CHECK(S_ISLNK(mode_of(link)));
  CHECK(fs::read_symlink(link) == fs::path("real/scores.csv"));
  CHECK(slurp(target) == "ใหม่\n");
  CHECK((mode_of(target) & 07777) == 0640);
  CHECK(d.names() == std::vector<std::string>{"real", "scores.csv"});

  SECTION("a dangling link creates its target") {
    const fs::path dangling = d.path / "new.csv";
    fs::create_symlink(d.path / "real" / "later.csv", dangling);
    samatthana::write_file_atomic(dangling, "x");
    CHECK(S_ISLNK(mode_of(dangling)));
    CHECK(slurp(d.path / "real" / "later.csv") == "x");
  }
  SECTION("a chain of links") {
    const fs::path second = d.path / "second.csv";
    fs::create_symlink(link, second);
    samatthana::write_file_atomic(second, "chain");
    CHECK(S_ISLNK(mode_of(second)));
    CHECK(S_ISLNK(mode_of(link)));
    CHECK(slurp(target) == "chain");
  }
}

TEST_CASE("file io: a FIFO is written to, not replaced; its reader gets the data", "[file_io]") {
  TempDir d("fifo");
  const fs::path fifo = d.path / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string got;
  std::thread reader([&] { got = slurp(fifo); });
  const std::string data(200000, 'x');  // more than a pipe buffer
  samatthana::write_file_atomic(fifo, data);
  reader.join();
  CHECK(got == data);
  CHECK(S_ISFIFO(mode_of(fifo)));
  CHECK(d.names() == std::vector<std::string>{"pipe"});
}

TEST_CASE("file io: a character device stays a device (root: a copy of /dev/null)", "[file_io]") {
  if (!is_root()) {
    WARN("not root: cannot make a device node; skipped");
    return;
  }
  TempDir d("dev");
  const fs::path dev = d.path / "null";
  if (::mknod(dev.c_str(), S_IFCHR | 0666, ::makedev(1, 3)) != 0) {
    WARN("mknod refused (no CAP_MKNOD?); skipped");
    return;
  }
  samatthana::write_file_atomic(dev, "ข้อมูล");
  CHECK(S_ISCHR(mode_of(dev)));
  CHECK(d.names() == std::vector<std::string>{"null"});
}

TEST_CASE("file io: a full device gives the real reason (root: a copy of /dev/full)", "[file_io]") {
  TempDir d("full");
  fs::path dev = "/dev/full";  // not root: it cannot be replaced, whatever the code does
  if (is_root()) {
    dev = d.path / "full";
    if (::mknod(dev.c_str(), S_IFCHR | 0666, ::makedev(1, 7)) != 0) {
      WARN("mknod refused (no CAP_MKNOD?); skipped");
      return;
    }
  }
  const auto e =
      test::expect_error<samatthana::IoError>([&] { samatthana::write_file_atomic(dev, "x"); });
  CHECK_THAT(std::string(e.what()), Contains("No space left on device"));
  CHECK(e.where().file == dev.string());
  CHECK(S_ISCHR(mode_of(dev)));
}

TEST_CASE("file io: errors name the real reason; no temporary file is left", "[file_io]") {
  TempDir d("errors");
  SECTION("a missing folder") {
    const auto e = test::expect_error<samatthana::IoError>(
        [&] { samatthana::write_file_atomic(d.path / "no" / "such" / "x.csv", "x"); });
    CHECK_THAT(std::string(e.what()), Contains("No such file or directory"));
    CHECK_THAT(std::string(e.what()), !Contains("Success"));
  }
  SECTION("a folder as the target") {
    fs::create_directories(d.path / "sub");
    const auto e = test::expect_error<samatthana::IoError>(
        [&] { samatthana::write_file_atomic(d.path / "sub", "x"); });
    CHECK_THAT(std::string(e.what()), Contains("folder"));
    CHECK(d.names() == std::vector<std::string>{"sub"});
  }
  SECTION("a write that fails half-way (file size limit) leaves the old file and no temporary") {
    const fs::path f = d.path / "big.csv";
    std::ofstream(f) << "old\n";
    struct rlimit old {};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
    struct rlimit small = old;
    small.rlim_cur = 4096;
    auto* const prev = ::signal(SIGXFSZ, SIG_IGN);
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    std::string what;
    try {
      samatthana::write_file_atomic(f, std::string(100000, 'y'));
    } catch (const samatthana::IoError& e) {
      what = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &old);
    ::signal(SIGXFSZ, prev);
    CHECK_THAT(what, Contains("File too large"));
    CHECK_THAT(what, Contains("unchanged"));
    CHECK(slurp(f) == "old\n");
    CHECK(d.names() == std::vector<std::string>{"big.csv"});
  }
  SECTION("a read-only folder (not as root: root may write anywhere)") {
    if (is_root()) {
      SUCCEED("skipped: root may write into a read-only folder");
      return;
    }
    fs::create_directories(d.path / "ro");
    std::ofstream(d.path / "ro" / "x.csv") << "old\n";
    fs::permissions(d.path / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    const auto e = test::expect_error<samatthana::IoError>(
        [&] { samatthana::write_file_atomic(d.path / "ro" / "x.csv", "x"); });
    fs::permissions(d.path / "ro", fs::perms::owner_all);
    CHECK_THAT(std::string(e.what()), Contains("Permission denied"));
    CHECK(slurp(d.path / "ro" / "x.csv") == "old\n");
  }
}

TEST_CASE("file io: save_framework goes through the same safe write", "[file_io]") {
  TempDir d("save");
  const fs::path f = d.path / "fw.json";
  std::ofstream(f) << "{}";
  REQUIRE(::chmod(f.c_str(), 0600) == 0);
  samatthana::save_framework(samatthana::bma_core(), f);
  CHECK((mode_of(f) & 07777) == 0600);
  CHECK(samatthana::load_framework(f).id() == "bma-core-2550");
  CHECK(d.names() == std::vector<std::string>{"fw.json"});
}

// ---- detail::OutputFile: the streaming writer, write_file_atomic's rules piece by piece --------

namespace {

/// `data` written through an OutputFile in three pieces, committed.
void write_in_pieces(const fs::path& file, const std::string& data) {
  samatthana::detail::OutputFile out(file);
  const std::size_t third = data.size() / 3;
  out.write(std::string_view(data).substr(0, third));
  out.write(std::string_view(data).substr(third, third));
  out.write(std::string_view(data).substr(2 * third));
  out.commit();
}

}  // namespace

TEST_CASE("file io: OutputFile replaces a file keeping its mode; new files honour the umask",
          "[file_io]") {
  TempDir d("out-mode");
  const Umask mask(022);
  write_in_pieces(d.path / "new.csv", "ก,ข\n1,2\n");
  CHECK((mode_of(d.path / "new.csv") & 0777) == 0644);
  std::ofstream(d.path / "old.csv") << "old";
  fs::permissions(d.path / "old.csv", fs::perms::owner_read | fs::perms::owner_write);
  write_in_pieces(d.path / "old.csv", "ใหม่");
  CHECK(slurp(d.path / "old.csv") == "ใหม่");
  CHECK((mode_of(d.path / "old.csv") & 0777) == 0600);
  CHECK(d.names() == std::vector<std::string>{"new.csv", "old.csv"});
}

TEST_CASE("file io: OutputFile follows a symbolic link to its target", "[file_io]") {
  TempDir d("out-link");
  fs::create_directories(d.path / "real");
  std::ofstream(d.path / "real" / "s.csv") << "old";
  fs::create_symlink("real/s.csv", d.path / "s.csv");
  write_in_pieces(d.path / "s.csv", "new data");
  CHECK(fs::is_symlink(d.path / "s.csv"));
  CHECK(slurp(d.path / "real" / "s.csv") == "new data");
  CHECK(d.names() == std::vector<std::string>{"real", "s.csv"});
}

TEST_CASE("file io: OutputFile not committed leaves the old file and no temporary file",
          "[file_io]") {
  TempDir d("out-abort");
  std::ofstream(d.path / "s.csv") << "old";
  {
    samatthana::detail::OutputFile out(d.path / "s.csv");
    out.write("half of it");
    CHECK(d.names().size() == 2);  // the temporary file beside it while writing
  }
  CHECK(slurp(d.path / "s.csv") == "old");
  CHECK(d.names() == std::vector<std::string>{"s.csv"});
  {
    samatthana::detail::OutputFile out(d.path / "new.csv");
    out.write("x");
  }
  CHECK(d.names() == std::vector<std::string>{"s.csv"});
}

TEST_CASE("file io: OutputFile to a FIFO: written in place, all of it at commit", "[file_io]") {
  TempDir d("out-fifo");
  const fs::path fifo = d.path / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string got;
  std::thread reader([&] { got = slurp(fifo); });
  const std::string data(300000, 'y');
  write_in_pieces(fifo, data);
  reader.join();
  CHECK(got == data);
  CHECK(S_ISFIFO(mode_of(fifo)));
  CHECK(d.names() == std::vector<std::string>{"pipe"});
}

TEST_CASE("file io: OutputFile errors: a missing folder at once, a full device at commit",
          "[file_io]") {
  TempDir d("out-err");
  const auto e = test::expect_error<samatthana::IoError>(
      [&] { samatthana::detail::OutputFile out(d.path / "no" / "x.csv"); });
  CHECK_THAT(std::string(e.what()), Contains("No such file or directory"));
  if (is_root()) return;  // /dev/full itself only when it cannot be replaced
  samatthana::detail::OutputFile full("/dev/full");
  full.write("x");
  const auto f = test::expect_error<samatthana::IoError>([&] { full.commit(); });
  CHECK_THAT(std::string(f.what()), Contains("No space left on device"));
}

TEST_CASE("file io: Spool gives back what was written, in order", "[file_io]") {
  samatthana::detail::Spool spool;
  std::string want;
  for (int i = 0; i < 3000; ++i) {
    const std::string piece =
        std::to_string(i) + " ข้อมูล " + std::string(static_cast<std::size_t>(i % 700), 'z') + "\n";
    spool.write(piece);
    want += piece;
  }
  std::string got;
  spool.read_back([&](std::string_view p) { got += p; });
  CHECK(got == want);
}
