// wait_until: spin (yielding) until a condition holds. Concurrency tests wait for a state, such
// as "a sender is blocked", this way instead of sleeping and hoping; ctest's timeout catches a
// state that never comes.
#pragma once

#include <thread>

namespace ptool::testing {

template <typename Predicate>
void wait_until(Predicate predicate) {
    while (!predicate()) {
        std::this_thread::yield();
    }
}

}  // namespace ptool::testing
