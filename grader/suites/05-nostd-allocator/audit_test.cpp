// The freestanding object files reference no libc or C++ runtime symbol.
#include <cxxabi.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"

namespace {

// The undefined symbols a freestanding allocator may keep: GCC may emit
// calls to these for plain loops and copies even with -ffreestanding, and
// every embedded C library provides them. Keep in sync with
// "audit": {"allowed_undefined_symbols"} in exercises/05-nostd-allocator/exercise.json.
constexpr std::array<std::string_view, 3> kAllowed = {"memcpy", "memset", "memmove"};

// Returns: "symbol (what it demangles to)", or the symbol alone for C names.
std::string readable(const std::string& symbol) {
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> name(
      abi::__cxa_demangle(symbol.c_str(), nullptr, nullptr, &status), &std::free);
  return status == 0 ? symbol + " (" + name.get() + ")" : symbol;
}

std::vector<std::string> freestanding_objects() {
  std::vector<std::string> objects;
  std::stringstream list(MW_FREESTANDING_OBJECTS);
  for (std::string path; std::getline(list, path, ';');) {
    if (!path.empty()) objects.push_back(path);
  }
  return objects;
}

// The allocator's code is in the audited objects and needs nothing but
// memcpy/memset/memmove (kills malloc, operator new, exceptions, abort,
// printf, __cxa_guard_* from function statics, __stack_chk_fail...).
TEST(Audit, NoHostedRuntimeSymbols) {
  const auto objects = freestanding_objects();
  ASSERT_FALSE(objects.empty()) << "no freestanding object files were built";

  std::string defined;
  std::vector<std::string> forbidden;
  for (const auto& object : objects) {
    const auto symbols = mwtest05::run("nm -C --defined-only " + mwtest05::quoted(object));
    ASSERT_EQ(symbols.status, 0) << symbols.output;
    defined += symbols.output;

    const auto undefined = mwtest05::run("nm -u --format=posix " + mwtest05::quoted(object));
    ASSERT_EQ(undefined.status, 0) << undefined.output;
    std::istringstream lines(undefined.output);
    for (std::string line; std::getline(lines, line);) {
      const std::string symbol = line.substr(0, line.find(' '));
      if (!symbol.empty() &&
          std::find(kAllowed.begin(), kAllowed.end(), symbol) == kAllowed.end()) {
        forbidden.push_back(readable(symbol) + " in " + object);
      }
    }
  }
  // A header-only allocator would pass the audit vacuously.
  EXPECT_NE(defined.find("mw::FreeListAllocator::allocate("), std::string::npos)
      << "free_list.cpp must define FreeListAllocator::allocate so the audit can see it";
  std::string list;
  for (const auto& symbol : forbidden) list += "\n  " + symbol;
  EXPECT_TRUE(forbidden.empty())
      << "the freestanding build references symbols a bare-metal target does not have "
         "(only memcpy, memset and memmove are allowed):"
      << list;
}

}  // namespace
