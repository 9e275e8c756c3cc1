// ByteBuffer: a resizable read buffer whose new bytes are left uninitialised. Workers keep one
// of a megabyte or so and fill it with read(2) before anything looks at it; zeroing it first, as
// std::vector does, writes (and faults in) every page even when the files read are small.
// Easy to get wrong: resize() keeps the first min(old, new) bytes but reallocates every time;
// it is for the rare grow or shrink, not for each file.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>

namespace ptool {

class ByteBuffer {
  public:
    explicit ByteBuffer(std::size_t size)
        : bytes_(std::make_unique_for_overwrite<char[]>(size)), size_(size) {}

    [[nodiscard]] char* data() { return bytes_.get(); }
    [[nodiscard]] const char* data() const { return bytes_.get(); }
    [[nodiscard]] std::size_t size() const { return size_; }

    void resize(std::size_t size) {
        auto resized = std::make_unique_for_overwrite<char[]>(size);
        std::memcpy(resized.get(), bytes_.get(), std::min(size, size_));
        bytes_ = std::move(resized);
        size_ = size;
    }

  private:
    std::unique_ptr<char[]> bytes_;
    std::size_t size_;
};

}  // namespace ptool
