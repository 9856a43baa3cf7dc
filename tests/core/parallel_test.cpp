// core/parallel.h: parallel_for calls every index exactly once, uses the workers, waits for every item,
// and rethrows an exception an item threw (after the other items ran).
#include "core/error.h"
#include "core/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace parallel = axis::parallel;

TEST(Parallel, WorkerCountIsAtLeastOne) { EXPECT_GE(parallel::worker_count(), 1u); }

TEST(Parallel, EveryIndexExactlyOnce) {
  for (size_t count : {size_t(0), size_t(1), size_t(2), size_t(3), size_t(17), size_t(1000), size_t(100003)}) {
    auto hits = std::make_unique<std::atomic<int>[]>(count + 1);
    for (size_t i = 0; i <= count; ++i) hits[i] = 0;
    parallel::parallel_for(count, [&](size_t i) {
      ASSERT_LT(i, count);
      hits[i].fetch_add(1);
    });
    size_t wrong = 0;
    for (size_t i = 0; i < count; ++i) wrong += hits[i].load() != 1;
    EXPECT_EQ(wrong, 0u) << "count " << count;
    EXPECT_EQ(hits[count].load(), 0) << "count " << count;
  }
}

TEST(Parallel, ReturnsOnlyWhenAllItemsAreDone) {
  std::atomic<int> done{0};
  parallel::parallel_for(64, [&](size_t i) {
    std::this_thread::sleep_for(std::chrono::microseconds(200 * (i % 5)));
    done.fetch_add(1);
  });
  EXPECT_EQ(done.load(), 64);
}

TEST(Parallel, SpreadsOverWorkersIncludingTheCaller) {
  std::mutex m;
  std::set<std::thread::id> ids;
  parallel::parallel_for(64, [&](size_t) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::lock_guard lock(m);
    ids.insert(std::this_thread::get_id());
  });
  EXPECT_LE(ids.size(), parallel::worker_count());
  if (parallel::worker_count() > 1) EXPECT_GT(ids.size(), 1u);
  else EXPECT_EQ(ids.count(std::this_thread::get_id()), 1u);
}

TEST(Parallel, RethrowsAnItemsExceptionAfterTheOtherItemsRan) {
  std::atomic<int> done{0};
  try {
    parallel::parallel_for(1000, [&](size_t i) {
      if (i == 37) throw std::runtime_error("item 37 failed");
      done.fetch_add(1);
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "item 37 failed");
  }
  EXPECT_EQ(done.load(), 999);
}

TEST(Parallel, KeepsTheExceptionType) {
  EXPECT_THROW(parallel::parallel_for(100, [](size_t i) {
                 if (i == 99) axis::fail("image[{}] cannot be decoded", i);
               }),
               axis::Error);
  // With a single item the caller runs it alone; the exception still reaches the caller.
  EXPECT_THROW(parallel::parallel_for(1, [](size_t) { axis::fail("only item"); }), axis::Error);
}

TEST(Parallel, SeveralFailuresRethrowOneOfThem) {
  try {
    parallel::parallel_for(200, [](size_t i) {
      if (i % 10 == 3) throw std::runtime_error("failed " + std::to_string(i));
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    std::string msg = e.what();
    ASSERT_EQ(msg.rfind("failed ", 0), 0u) << msg;
    int index = std::stoi(msg.substr(7));
    EXPECT_EQ(index % 10, 3) << msg;
  }
}

TEST(Parallel, UsableAgainAfterAnException) {
  EXPECT_THROW(parallel::parallel_for(10, [](size_t) { throw std::logic_error("x"); }), std::logic_error);
  std::atomic<size_t> sum{0};
  parallel::parallel_for(100, [&](size_t i) { sum.fetch_add(i); });
  EXPECT_EQ(sum.load(), 4950u);
}

TEST(Parallel, NestedCallsFinish) {
  // An item may call parallel_for itself (the BVH builder splits its halves so): every inner call's
  // items run once, also when every worker is busy with outer items.
  std::atomic<int> inner{0};
  parallel::parallel_for(2 * parallel::worker_count() + 1, [&](size_t) {
    parallel::parallel_for(100, [&](size_t) { inner.fetch_add(1); });
  });
  EXPECT_EQ(inner.load(), int(2 * parallel::worker_count() + 1) * 100);
}

TEST(Parallel, ManySmallCallsInARow) {
  // A renderer calls it several times a frame: the workers stay, and no call loses or repeats an item.
  size_t wrong = 0;
  for (int call = 0; call < 3000; ++call) {
    std::atomic<int> sum{0};
    const size_t n = 1 + call % 9;
    parallel::parallel_for(n, [&](size_t i) { sum.fetch_add(int(i) + 1); });
    wrong += size_t(sum.load()) != n * (n + 1) / 2;
  }
  EXPECT_EQ(wrong, 0u);
}

}  // namespace
