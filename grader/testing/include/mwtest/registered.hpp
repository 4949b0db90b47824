// mwtest/registered.hpp — an element type that knows where each of its objects lives.
//
// Instrumented counts constructions and destructions, so a container that destroys the
// wrong slot (a raw slot past the end instead of its last element) still balances its
// counts. Registered records the address of every object constructed and not yet
// destroyed: destroying an address that holds no object is recorded as an error, and a
// test can compare the live addresses with the container's elements one by one.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace mwtest {

/// A value type whose objects register their addresses while alive.
class Registered {
 public:
  explicit Registered(int value = 0) : value_(value) { live().insert(this); }
  Registered(const Registered& other) : value_(other.value_) { live().insert(this); }
  Registered& operator=(const Registered&) = default;
  ~Registered() {
    if (live().erase(this) == 0) errors().push_back("destroyed an address that held no object");
    value_ = -2;  // poison
  }

  int value() const { return value_; }

  /// The addresses of the objects alive now.
  static std::set<const Registered*>& live() {
    static std::set<const Registered*> objects;
    return objects;
  }
  /// What went wrong: one message per destruction of an address that held no object.
  static std::vector<std::string>& errors() {
    static std::vector<std::string> messages;
    return messages;
  }
  /// Effects: forgets every object and error (call at the start of a test).
  static void reset() {
    live().clear();
    errors().clear();
  }

 private:
  int value_;
};

}  // namespace mwtest
