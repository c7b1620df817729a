#pragma once

#include <motivo/core/model.hpp>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace motivo {

// The 128-bit XXH3 hash of `text`, as an IdentityKey.
IdentityKey hash128(std::string_view text);

// A compact open-addressing map from 128-bit keys to small values. Where the keys are hashes of strings
// (hash128), the strings themselves are not kept: two strings share a slot only if their 128-bit hashes
// collide, about 1e-27 likely for a million keys, far below the odds of a memory error. A map of a million
// entries takes 32-48 MB less than std::unordered_map<std::string, …> would, and never allocates per entry.
// Key comparisons as two 64-bit words: std::array's operator== calls memcmp, which showed as 12 % of an
// import's profile (docs/PERFORMANCE.md).
inline bool same_key(const IdentityKey& a, const IdentityKey& b)
{
  std::uint64_t a0, a1, b0, b1;
  std::memcpy(&a0, a.data(), 8);
  std::memcpy(&a1, a.data() + 8, 8);
  std::memcpy(&b0, b.data(), 8);
  std::memcpy(&b1, b.data() + 8, 8);
  return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}

inline bool is_zero_key(const IdentityKey& a)
{
  std::uint64_t a0, a1;
  std::memcpy(&a0, a.data(), 8);
  std::memcpy(&a1, a.data() + 8, 8);
  return (a0 | a1) == 0;
}

template <typename Value>
class HashedMap {
public:
  // The value stored for `key`, if any.
  const Value* find(const IdentityKey& key) const
  {
    if (is_zero_key(key)) return zero_ ? &*zero_ : nullptr;
    if (slots_.empty()) return nullptr;
    for (std::size_t i = index_of(key);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (is_zero_key(s.key)) return nullptr;
      if (same_key(s.key, key)) return &s.value;
    }
  }
  const Value* find(std::string_view text) const { return find(hash128(text)); }

  // Stores `value` for `key` unless the key is there already; returns whether it was inserted.
  bool insert(const IdentityKey& key, const Value& value)
  {
    if (is_zero_key(key)) {
      if (zero_) return false;
      zero_ = value;
      return true;
    }
    if ((size_ + 1) * 4 > slots_.size() * 3) grow(); // at most three quarters full
    for (std::size_t i = index_of(key);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (is_zero_key(s.key)) {
        s = {key, value};
        ++size_;
        return true;
      }
      if (same_key(s.key, key)) return false;
    }
  }
  bool insert(std::string_view text, const Value& value) { return insert(hash128(text), value); }

  // Replaces (or inserts) the value for `key`.
  void assign(const IdentityKey& key, const Value& value)
  {
    if (!insert(key, value)) {
      if (is_zero_key(key)) {
        zero_ = value;
        return;
      }
      for (std::size_t i = index_of(key);; i = (i + 1) & mask_) {
        if (same_key(slots_[i].key, key)) {
          slots_[i].value = value;
          return;
        }
      }
    }
  }

  std::size_t size() const { return size_ + (zero_ ? 1 : 0); }
  // Room for `n` keys without growing: growing holds the old slots and the new, twice as many, at once.
  void reserve(std::size_t n)
  {
    std::size_t slots = slots_.empty() ? 1024 : slots_.size();
    while (n * 4 > slots * 3) slots *= 2;
    if (slots != slots_.size()) rehash(slots);
  }
  // The bytes its slots take.
  std::size_t memory() const { return slots_.capacity() * sizeof(Slot); }

private:
  // An all-zero key marks an empty slot (the one real all-zero key, if ever seen, is kept in zero_).
  struct Slot {
    IdentityKey key{};
    Value value{};
  };

  std::size_t index_of(const IdentityKey& key) const
  {
    std::uint64_t h;
    std::memcpy(&h, key.data(), sizeof h);
    return static_cast<std::size_t>(h) & mask_;
  }

  void grow() { rehash(slots_.empty() ? 1024 : slots_.size() * 2); }

  void rehash(std::size_t slots)
  {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(slots, Slot{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Slot& s : old) {
      if (!is_zero_key(s.key)) insert(s.key, s.value);
    }
  }

  std::vector<Slot> slots_;
  std::optional<Value> zero_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

// A set of 128-bit keys.
class KeySet {
public:
  bool insert(const IdentityKey& key) { return map_.insert(key, Empty{}); }
  bool contains(const IdentityKey& key) const { return map_.find(key) != nullptr; }
  std::size_t size() const { return map_.size(); }

private:
  struct Empty {};
  HashedMap<Empty> map_;
};

} // namespace motivo
