// mwtest/scoped_default_resource.hpp — installs a memory_resource as the
// process default for one scope.
//
// Code under test that allocates from std::pmr::get_default_resource() (a
// pmr container built without an allocator, a make_rc, ...) can then be
// counted exactly by a CountingResource without changing its interface.
#pragma once

#include <memory_resource>

namespace mwtest {

class ScopedDefaultResource {
 public:
  /// Effects: makes `resource` the default resource until this object is destroyed.
  /// Requires: `resource` outlives this object.
  explicit ScopedDefaultResource(std::pmr::memory_resource* resource)
      : previous_(std::pmr::set_default_resource(resource)) {}
  ScopedDefaultResource(const ScopedDefaultResource&) = delete;
  ScopedDefaultResource& operator=(const ScopedDefaultResource&) = delete;

  /// Effects: restores the default resource that was in place before.
  ~ScopedDefaultResource() { std::pmr::set_default_resource(previous_); }

 private:
  std::pmr::memory_resource* previous_;
};

}  // namespace mwtest
