#include "workload.hpp"

#include <array>
#include <random>

namespace mw::bench {

// Use case: an HTTP server. A few connections stay open for a long time (long-lived
// connection objects with a read buffer); each connection serves requests one after the
// other, and each request allocates a request object, a header buffer that grows by
// doubling realloc as headers arrive (a string builder), a handful of small strings, and a
// response body, all freed when the response is sent. Requests of different connections
// interleave, so short-lived blocks of one request sit between those of another — the
// pattern that fragments a heap and that per-request arenas are built for.
Trace make_workload(std::uint64_t seed) {
  std::mt19937_64 random(seed);
  auto between = [&](std::size_t low, std::size_t high) {
    return std::uniform_int_distribution<std::size_t>(low, high)(random);
  };

  constexpr std::uint32_t connections = 4;
  constexpr std::uint32_t ids_per_request = 12;  // request, headers, body, up to 9 strings
  // Ids: one connection object per connection, then one block of request ids per connection.
  auto request_id = [&](std::uint32_t connection, std::uint32_t k) {
    return connections + connection * ids_per_request + k;
  };

  TraceBuilder trace("http-server");
  for (std::uint32_t c = 0; c < connections; ++c) trace.allocate(c, 512 + between(0, 3) * 64);

  // Each step advances one connection: it either reads a new request or answers the one
  // it has read, so the blocks of up to `connections` requests are live at once.
  std::array<std::size_t, connections> strings{};  // small strings of the pending request; 0: none
  constexpr int steps = 320;
  for (int step = 0; step < steps; ++step) {
    const auto c = static_cast<std::uint32_t>(between(0, connections - 1));
    if (strings[c] == 0) {
      // A keep-alive connection is sometimes closed and reopened between requests.
      if (between(0, 15) == 0) {
        trace.free(c);
        trace.allocate(c, 512 + between(0, 3) * 64);
      }
      trace.allocate(request_id(c, 0), 240);  // the request object: fixed size
      std::size_t header_bytes = 64;
      trace.allocate(request_id(c, 1), header_bytes);
      for (std::size_t g = between(0, 5); g > 0; --g) {
        header_bytes *= 2;  // the header string builder doubles
        trace.reallocate(request_id(c, 1), header_bytes);
      }
      strings[c] = between(3, ids_per_request - 3);
      for (std::uint32_t s = 0; s < strings[c]; ++s) {
        trace.allocate(request_id(c, 3 + s), between(8, 96));
      }
    } else {
      trace.allocate(request_id(c, 2), between(256, 16384));  // the response body
      for (std::uint32_t s = 0; s < strings[c]; ++s) trace.free(request_id(c, 3 + s));
      for (std::uint32_t k = 0; k < 3; ++k) trace.free(request_id(c, k));
      strings[c] = 0;
    }
  }
  // Close every connection, answering what is still pending first.
  for (std::uint32_t c = 0; c < connections; ++c) {
    for (std::uint32_t s = 0; s < strings[c]; ++s) trace.free(request_id(c, 3 + s));
    if (strings[c] != 0) {
      trace.free(request_id(c, 0));
      trace.free(request_id(c, 1));
    }
  }
  for (std::uint32_t c = 0; c < connections; ++c) trace.free(c);
  return std::move(trace).finish();
}

}  // namespace mw::bench
