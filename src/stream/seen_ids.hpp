#pragma once
// The person ids seen so far while a file is read in chunks, with the line each was first seen
// on: the cross-chunk duplicate check. Compact, as it is the one thing that grows with the file:
// the ids' bytes back to back, 8 bytes of offset and 8 of line per id, and an open-addressing
// table of 8-byte slots (a 32-bit hash tag and the id's number), at most 70 % full. No
// allocation per id: 10 million 8-byte ids take about 320 MB.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace samatthana::detail {

class SeenIds {
 public:
  /// Adds `id` first seen on `line`; returns 0 when it is new, else the line it was first seen on.
  std::size_t insert(std::string_view id, std::size_t line) {
    if ((count_ + 1) * 10 > slots_.size() * 7) rehash(slots_.empty() ? 1024 : slots_.size() * 2);
    const auto tag = static_cast<std::uint32_t>(std::hash<std::string_view>{}(id));
    for (std::size_t at = tag & mask_;; at = (at + 1) & mask_) {
      Slot& s = slots_[at];
      if (s.index == 0) {
        s = Slot{tag, static_cast<std::uint32_t>(count_ + 1)};
        bytes_.append(id);
        ends_.push_back(bytes_.size());
        lines_.push_back(line);
        ++count_;
        return 0;
      }
      if (s.tag == tag && id_of(s.index - 1) == id) return lines_[s.index - 1];
    }
  }
  /// 0 when `id` was not seen, else its first line.
  [[nodiscard]] std::size_t find(std::string_view id) const {
    if (slots_.empty()) return 0;
    const auto tag = static_cast<std::uint32_t>(std::hash<std::string_view>{}(id));
    for (std::size_t at = tag & mask_;; at = (at + 1) & mask_) {
      const Slot& s = slots_[at];
      if (s.index == 0) return 0;
      if (s.tag == tag && id_of(s.index - 1) == id) return lines_[s.index - 1];
    }
  }
  [[nodiscard]] std::size_t size() const noexcept { return count_; }

 private:
  struct Slot {
    std::uint32_t tag = 0, index = 0;  ///< index = id number + 1; 0 = empty
  };
  [[nodiscard]] std::string_view id_of(std::size_t k) const {
    const std::size_t b = k ? ends_[k - 1] : 0;
    return std::string_view(bytes_).substr(b, ends_[k] - b);
  }
  void rehash(std::size_t size) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::bit_ceil(size), Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.index) continue;
      std::size_t at = s.tag & mask_;
      while (slots_[at].index) at = (at + 1) & mask_;
      slots_[at] = s;
    }
  }
  std::string bytes_;
  std::vector<std::uint64_t> ends_, lines_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0, count_ = 0;
};

}  // namespace samatthana::detail
