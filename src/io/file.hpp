#pragma once
// File I/O, in one place: reading whole files (mmap for large ones) and writing outputs safely.
// POSIX today; a port to another platform changes this file and file.cpp only.
// read_file and write_file_atomic are declared in the public samatthana/io.hpp.
// write_file_atomic: a regular file is replaced atomically (unique temporary file in the same
// folder, the old file's mode and, where permitted, owner; fsync; rename), a new file gets
// 0666 less the umask, a symbolic link is followed and its target written so, a device, FIFO or
// socket is written in place; on any failure the temporary file is removed and the IoError
// names the operating system's reason.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "samatthana/io.hpp"

namespace samatthana::detail {

/// A whole file in memory for the CSV readers. Large files go to anonymous memory advised for
/// huge pages and are never zero-filled first: on a 116 MB ratings file, memset and a page fault
/// per 4 KiB page were a third of the Python reader's time. Same errors as read_file.
struct Unmap {
  std::size_t length = 0;
  void operator()(char* p) const noexcept;
};
struct FileBytes {
  std::unique_ptr<char, Unmap> data;  ///< anonymous memory, huge pages where the kernel allows
  std::size_t size = 0;
  std::string fallback;  ///< small files, pipes: read by read_file
  [[nodiscard]] std::string_view view() const noexcept {
    return data ? std::string_view(data.get(), size) : std::string_view(fallback);
  }
};
/// The bytes of a file as they are.
FileBytes read_raw_file_bytes(const std::filesystem::path& file);
/// Bytes kept in an unnamed file (in $TMPDIR, else /tmp; never visible in the folder) until they
/// are read back: output bound for a device, a FIFO or standard output, which cannot be replaced
/// atomically, is held here until everything is known to be right.
class Spool {
 public:
  Spool();  ///< IoError naming the folder when no file can be made there
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  void write(std::string_view bytes);  ///< IoError (a full disk, ...)
  /// Calls `out` with everything written so far, in order, in pieces of up to 1 MiB.
  void read_back(const std::function<void(std::string_view)>& out);

 private:
  int fd_ = -1;
  std::filesystem::path dir_;
};

/// An output written piece by piece that appears whole or not at all, with write_file_atomic's
/// rules (it is the same code: write_file_atomic is an OutputFile written once). A regular file
/// (or none yet) is written to a unique temporary file beside it, renamed over it at commit()
/// (mode and, where permitted, owner kept; a new file gets 0666 less the umask; symbolic links
/// followed). A device, FIFO or socket (/dev/stdout, a pipe) is written in place, never replaced:
/// the pieces go to a Spool first and are copied to it at commit(), so a failure before commit()
/// writes nothing there either. Destroyed without
/// commit(), it removes what it made: the old file, if any, is unchanged. The folder and the
/// output are checked when it is made (a missing folder, a read-only file: IoError then).
class OutputFile {
 public:
  explicit OutputFile(const std::filesystem::path& file);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  /// Appends `bytes` (IoError naming the operating system's reason: a full disk, ...).
  void write(std::string_view bytes);
  /// Makes the output visible (the rename, or the copy to the device); IoError on failure, the
  /// old file then unchanged.
  void commit();

  struct State;

 private:
  std::unique_ptr<State> s_;
};

/// A ratings, evidence or results file as UTF-8 CSV text, read with current_read_options():
/// other encodings decoded, an .xlsx sheet converted (see read_table_file, formats.hpp; defined
/// in encoding.cpp, so a program that reads only frameworks does not link minizip and expat).
FileBytes read_file_bytes(const std::filesystem::path& file);

}  // namespace samatthana::detail
