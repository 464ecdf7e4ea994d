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
/// A ratings, evidence or results file as UTF-8 CSV text, read with current_read_options():
/// other encodings decoded, an .xlsx sheet converted (see read_table_file, formats.hpp; defined
/// in encoding.cpp, so a program that reads only frameworks does not link minizip and expat).
FileBytes read_file_bytes(const std::filesystem::path& file);

}  // namespace samatthana::detail
