// A stateless allocator for Boost.Statechart machines: per-thread free lists
// of fixed-size blocks, one list per size class.
//
// Why: Statechart allocates a state object on every state entry and frees it
// on exit, through a default-constructed, rebound copy of the machine's
// Allocator argument (boost/statechart/detail/memory.hpp). The lifecycles are
// rebuilt by replay for every command and the engine must sustain millions of
// transitions a second (bench/lifecycle_bench.cpp), so entry/exit should be a
// pointer pop/push rather than a trip through malloc.
//
// Contract: blocks come from ::operator new and go back to it when a thread's
// list is full or the thread exits, so a block freed on another thread than
// the one that allocated it is still correct (it joins that thread's list).
// Only single-object allocations are pooled; arrays fall through to
// ::operator new. Thread-safety: each thread has its own lists; nothing is
// shared.
#pragma once

#include <cstddef>
#include <new>

namespace sowflow::engine::detail {

template <std::size_t kBlockSize>
class BlockFreeList {
 public:
  static void* pop() {
    List& list = local();
    if (list.head == nullptr) return ::operator new(kBlockSize);
    Node* node = list.head;
    list.head = node->next;
    --list.count;
    return node;
  }

  static void push(void* block) noexcept {
    List& list = local();
    // Bound what an idle thread keeps: a machine holds at most a few states.
    if (list.count >= kMaxKept) {
      ::operator delete(block);
      return;
    }
    list.head = new (block) Node{list.head};
    ++list.count;
  }

 private:
  static constexpr std::size_t kMaxKept = 256;
  struct Node {
    Node* next;
  };
  struct List {
    Node* head = nullptr;
    std::size_t count = 0;
    ~List() {
      while (head != nullptr) {
        Node* next = head->next;
        ::operator delete(head);
        head = next;
      }
      count = 0;
    }
  };
  static List& local() {
    thread_local List list;
    return list;
  }
};

// Rounds a size up to a 16-byte size class so similar states share a list.
constexpr std::size_t poolSizeClass(std::size_t size) {
  return ((size < sizeof(void*) ? sizeof(void*) : size) + 15) / 16 * 16;
}

template <class T>
class StatePoolAllocator {
 public:
  using value_type = T;

  StatePoolAllocator() noexcept = default;
  template <class U>
  StatePoolAllocator(const StatePoolAllocator<U>&) noexcept {}  // NOLINT: rebinding

  T* allocate(std::size_t n) {
    static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__,
                  "pooled blocks only carry operator new's default alignment");
    if (n != 1) return static_cast<T*>(::operator new(n * sizeof(T)));
    return static_cast<T*>(BlockFreeList<poolSizeClass(sizeof(T))>::pop());
  }

  void deallocate(T* p, std::size_t n) noexcept {
    if (n != 1) {
      ::operator delete(p);
      return;
    }
    BlockFreeList<poolSizeClass(sizeof(T))>::push(p);
  }

  template <class U>
  bool operator==(const StatePoolAllocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace sowflow::engine::detail
