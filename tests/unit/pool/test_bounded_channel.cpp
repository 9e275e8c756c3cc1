// BoundedChannel: FIFO, backpressure when full, hand-back on try_send, and close/drain waking
// every blocked thread. "Blocked" is observed through waiting_senders()/waiting_receivers().
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

#include "ptool/pool/bounded_channel.hpp"
#include "wait_until.hpp"

namespace ptool {
namespace {

using testing::wait_until;

TEST(BoundedChannel, RejectsZeroCapacityWithClearMessage) {
    try {
        BoundedChannel<int> channel(0);
        FAIL() << "capacity 0 was accepted";
    } catch (const std::invalid_argument& error) {
        EXPECT_NE(std::string(error.what()).find("capacity"), std::string::npos) << error.what();
    }
}

TEST(BoundedChannel, DeliversInSendOrder) {
    BoundedChannel<int> channel(3);
    channel.send(1);
    channel.send(2);
    channel.send(3);
    EXPECT_EQ(channel.size(), 3U);
    EXPECT_EQ(channel.capacity(), 3U);
    EXPECT_EQ(channel.recv(), 1);
    EXPECT_EQ(channel.recv(), 2);
    EXPECT_EQ(channel.recv(), 3);
    EXPECT_EQ(channel.size(), 0U);
}

TEST(BoundedChannel, SendBlocksWhileFull) {
    BoundedChannel<int> channel(1);
    channel.send(1);
    std::atomic<bool> second_sent{false};
    std::thread sender([&] {
        channel.send(2);
        second_sent = true;
    });
    wait_until([&] { return channel.waiting_senders() == 1; });
    EXPECT_FALSE(second_sent);
    EXPECT_EQ(channel.recv(), 1);
    sender.join();
    EXPECT_TRUE(second_sent);
    EXPECT_EQ(channel.recv(), 2);
}

TEST(BoundedChannel, TrySendHandsTheItemBackWhenFullOrClosed) {
    BoundedChannel<std::unique_ptr<int>> channel(1);
    auto first = std::make_unique<int>(1);
    auto second = std::make_unique<int>(2);
    EXPECT_TRUE(channel.try_send(first));
    EXPECT_EQ(first, nullptr);
    EXPECT_FALSE(channel.try_send(second));
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(*second, 2);
    channel.close();
    EXPECT_EQ(**channel.recv(), 1);
    EXPECT_FALSE(channel.try_send(second));
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(*second, 2);
}

TEST(BoundedChannel, RecvReturnsQueuedItemsAfterCloseThenNullopt) {
    BoundedChannel<int> channel(4);
    channel.send(1);
    channel.send(2);
    channel.close();
    EXPECT_TRUE(channel.closed());
    EXPECT_EQ(channel.recv(), 1);
    EXPECT_EQ(channel.recv(), 2);
    EXPECT_EQ(channel.recv(), std::nullopt);
    EXPECT_EQ(channel.recv(), std::nullopt);
}

TEST(BoundedChannel, SendOnClosedChannelThrowsAndCloseIsIdempotent) {
    BoundedChannel<int> channel(1);
    channel.close();
    channel.close();
    EXPECT_THROW(channel.send(1), ChannelClosed);
    EXPECT_EQ(channel.size(), 0U);
}

TEST(BoundedChannel, CloseWakesBlockedReceivers) {
    BoundedChannel<int> channel(1);
    constexpr int receiver_count = 3;
    std::atomic<int> woke_empty_handed{0};
    std::vector<std::thread> receivers;
    receivers.reserve(receiver_count);
    for (int index = 0; index < receiver_count; ++index) {
        receivers.emplace_back([&] {
            if (!channel.recv()) {
                ++woke_empty_handed;
            }
        });
    }
    wait_until([&] { return channel.waiting_receivers() == receiver_count; });
    channel.close();
    for (std::thread& receiver : receivers) {
        receiver.join();
    }
    EXPECT_EQ(woke_empty_handed, receiver_count);
}

TEST(BoundedChannel, CloseWakesBlockedSendersWithChannelClosed) {
    BoundedChannel<int> channel(1);
    channel.send(0);
    constexpr int sender_count = 3;
    std::atomic<int> saw_closed{0};
    std::vector<std::thread> senders;
    senders.reserve(sender_count);
    for (int index = 0; index < sender_count; ++index) {
        senders.emplace_back([&, index] {
            try {
                channel.send(index + 1);
            } catch (const ChannelClosed&) {
                ++saw_closed;
            }
        });
    }
    wait_until([&] { return channel.waiting_senders() == sender_count; });
    channel.close();
    for (std::thread& sender : senders) {
        sender.join();
    }
    EXPECT_EQ(saw_closed, sender_count);
    EXPECT_EQ(channel.recv(), 0);
    EXPECT_EQ(channel.recv(), std::nullopt);
}

TEST(BoundedChannel, DrainTakesEverythingAndMakesRoomForBlockedSenders) {
    BoundedChannel<int> channel(2);
    channel.send(1);
    channel.send(2);
    std::thread sender([&] { channel.send(3); });
    wait_until([&] { return channel.waiting_senders() == 1; });
    EXPECT_EQ(channel.drain(), (std::vector<int>{1, 2}));
    sender.join();
    EXPECT_EQ(channel.size(), 1U);
    EXPECT_EQ(channel.recv(), 3);
}

TEST(BoundedChannel, ManyProducersAndConsumersDeliverEveryItemExactlyOnce) {
    constexpr int producer_count = 4;
    constexpr int consumer_count = 3;
    constexpr int items_per_producer = 2000;
    BoundedChannel<int> channel(8);
    std::vector<std::vector<int>> received(consumer_count);
    std::vector<std::thread> consumers;
    consumers.reserve(consumer_count);
    for (int consumer = 0; consumer < consumer_count; ++consumer) {
        consumers.emplace_back([&, consumer] {
            while (std::optional<int> item = channel.recv()) {
                received[consumer].push_back(*item);
            }
        });
    }
    std::vector<std::thread> producers;
    producers.reserve(producer_count);
    for (int producer = 0; producer < producer_count; ++producer) {
        producers.emplace_back([&, producer] {
            for (int index = 0; index < items_per_producer; ++index) {
                channel.send(producer * items_per_producer + index);
            }
        });
    }
    for (std::thread& producer : producers) {
        producer.join();
    }
    channel.close();
    for (std::thread& consumer : consumers) {
        consumer.join();
    }
    std::vector<int> all;
    for (const std::vector<int>& items : received) {
        // FIFO: one consumer sees each producer's items in the order they were sent.
        std::vector<int> last_seen(producer_count, -1);
        for (int item : items) {
            int& last = last_seen[item / items_per_producer];
            EXPECT_LT(last, item);
            last = item;
        }
        all.insert(all.end(), items.begin(), items.end());
    }
    std::sort(all.begin(), all.end());
    std::vector<int> expected(static_cast<std::size_t>(producer_count) * items_per_producer);
    std::iota(expected.begin(), expected.end(), 0);
    EXPECT_EQ(all, expected);
}

}  // namespace
}  // namespace ptool
