// A value kept on the heap with value semantics (a copy copies the value), so
// that a rare, large alternative does not set the size of every value of a
// std::variant. Not thread-safe beyond what T is; a moved-from box is empty
// and may only be assigned to or destroyed.
#pragma once
#include <memory>
#include <utility>

namespace opsroom::console {

template <typename T>
class Boxed {
 public:
  Boxed(T value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT(google-explicit-constructor): a T is one
  Boxed(const Boxed& other) : value_(std::make_unique<T>(*other)) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) value_ = std::make_unique<T>(*other);
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  ~Boxed() = default;

  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return value_.get(); }
  const T* operator->() const { return value_.get(); }

 private:
  std::unique_ptr<T> value_;
};

// The value itself, boxed or not: what a visitor of a variant with boxed
// alternatives works on.
template <typename T>
T& Unboxed(T& value) {
  return value;
}
template <typename T>
T& Unboxed(Boxed<T>& value) {
  return *value;
}
template <typename T>
const T& Unboxed(const Boxed<T>& value) {
  return *value;
}

}  // namespace opsroom::console
