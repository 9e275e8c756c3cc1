// BoundedChannel: a fixed-capacity, multi-producer multi-consumer queue (the seed design's
// sync_channel: one mutex, two condition variables). It is the pipeline's backpressure: send()
// blocks while the channel is full, so a producer can never be more than capacity() items ahead
// of its consumers.
// Easy to get wrong: close() does not discard anything. Receivers keep getting the queued items
// and see std::nullopt only once the channel is closed AND empty; to throw queued items away
// (cancellation), call drain() as well.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace ptool {

class ChannelClosed : public std::logic_error {
  public:
    ChannelClosed() : std::logic_error("send on a closed channel") {}
};

template <typename T>
class BoundedChannel {
  public:
    explicit BoundedChannel(std::size_t capacity) : capacity_(checked_capacity(capacity)) {}
    BoundedChannel(const BoundedChannel&) = delete;
    BoundedChannel& operator=(const BoundedChannel&) = delete;

    // Blocks while full. Throws ChannelClosed if the channel is closed, also when it is closed
    // while this call waits for room (the item is then destroyed with the call's argument).
    void send(T item) {
        std::unique_lock lock(mutex_);
        if (items_.size() >= capacity_ && !closed_) {
            ++waiting_senders_;
            not_full_.wait(lock, [this] { return items_.size() < capacity_ || closed_; });
            --waiting_senders_;
        }
        if (closed_) {
            throw ChannelClosed();
        }
        items_.push_back(std::move(item));
        bool wake_receiver = waiting_receivers_ > 0;
        lock.unlock();
        if (wake_receiver) {
            not_empty_.notify_one();
        }
    }

    // Never blocks. Moves from item only on success; when full or closed the caller keeps it.
    bool try_send(T& item) {
        std::unique_lock lock(mutex_);
        if (closed_ || items_.size() >= capacity_) {
            return false;
        }
        items_.push_back(std::move(item));
        bool wake_receiver = waiting_receivers_ > 0;
        lock.unlock();
        if (wake_receiver) {
            not_empty_.notify_one();
        }
        return true;
    }

    // Blocks until an item arrives; std::nullopt means closed and nothing left, ever.
    std::optional<T> recv() {
        std::unique_lock lock(mutex_);
        if (items_.empty() && !closed_) {
            ++waiting_receivers_;
            not_empty_.wait(lock, [this] { return !items_.empty() || closed_; });
            --waiting_receivers_;
        }
        if (items_.empty()) {
            return std::nullopt;
        }
        std::optional<T> item(std::move(items_.front()));
        items_.pop_front();
        bool wake_sender = waiting_senders_ > 0;
        lock.unlock();
        if (wake_sender) {
            not_full_.notify_one();
        }
        return item;
    }

    // Idempotent. Every blocked sender throws, every blocked receiver drains what is left.
    void close() {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        not_full_.notify_all();
        not_empty_.notify_all();
    }

    // Removes every queued item now and hands them to the caller, who decides their fate
    // outside the lock (destroying a job can run arbitrary code).
    std::vector<T> drain() {
        std::vector<T> drained;
        {
            std::lock_guard lock(mutex_);
            drained.reserve(items_.size());
            for (T& item : items_) {
                drained.push_back(std::move(item));
            }
            items_.clear();
        }
        not_full_.notify_all();
        return drained;
    }

    [[nodiscard]] std::size_t size() const {
        std::lock_guard lock(mutex_);
        return items_.size();
    }
    [[nodiscard]] std::size_t capacity() const { return capacity_; }
    [[nodiscard]] bool closed() const {
        std::lock_guard lock(mutex_);
        return closed_;
    }
    // How many threads are blocked right now in send() / recv(): lets tests wait for "blocked"
    // as a condition instead of guessing with a timer.
    [[nodiscard]] std::size_t waiting_senders() const {
        std::lock_guard lock(mutex_);
        return waiting_senders_;
    }
    [[nodiscard]] std::size_t waiting_receivers() const {
        std::lock_guard lock(mutex_);
        return waiting_receivers_;
    }

  private:
    static std::size_t checked_capacity(std::size_t capacity) {
        if (capacity == 0) {
            throw std::invalid_argument(
                "BoundedChannel capacity must be at least 1 (a zero-capacity rendezvous channel "
                "is not supported)");
        }
        return capacity;
    }

    const std::size_t capacity_;
    mutable std::mutex mutex_;
    // Notified only when the waiter count says someone sleeps on them: on the hot path most
    // sends and receives find the other side busy and skip the system call.
    std::condition_variable not_empty_;
    std::condition_variable not_full_;
    std::deque<T> items_;
    std::size_t waiting_senders_ = 0;
    std::size_t waiting_receivers_ = 0;
    bool closed_ = false;
};

}  // namespace ptool
