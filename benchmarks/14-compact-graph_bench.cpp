// bench-compact-graph — exercise 14's frozen CSR graph against vector<vector<uint32_t>>:
// exact bytes per edge, then BFS time.
//
// First it builds one random directed graph, 1M nodes and 10M edges, both ways, and prints
// the bytes each holds (on stderr, so that --benchmark_format=json on stdout stays valid):
//   - requested: exact, counted by mwtest::CountingResource (CSR) and by a stateless counting
//     allocator (vector<vector>, which keeps its 24-byte inner vectors that way);
//   - heap: what glibc's malloc used for them (mallinfo2, chunk headers and rounding included).
// Goal: the CSR graph at most 4.5 bytes per edge, against about 9.8 for vector<vector>.
// Then Google Benchmark times a full BFS from one node on each (items = edges scanned).
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <vector>

#include <mwtest/counting_resource.hpp>

#include "frozen_graph.hpp"

namespace {

struct BenchTag;
using Node = mw::NodeId<BenchTag>;

constexpr std::uint32_t node_count = 1'000'000;
constexpr std::size_t edge_count = 10'000'000;
constexpr std::uint32_t unreachable = std::numeric_limits<std::uint32_t>::max();

/// Bytes requested by every CountedAllocator, live now.
std::size_t counted_bytes = 0;

/// A stateless allocator that counts what it is asked for, so that the inner vectors stay
/// the 24 bytes of a plain std::vector (a stateful one would make them 32).
template <class T>
struct CountedAllocator {
  using value_type = T;
  CountedAllocator() = default;
  template <class U>
  CountedAllocator(const CountedAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) {
    counted_bytes += n * sizeof(T);
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    counted_bytes -= n * sizeof(T);
    std::allocator<T>().deallocate(p, n);
  }
  friend bool operator==(CountedAllocator, CountedAllocator) noexcept { return true; }
};

template <class T>
using CountedVector = std::vector<T, CountedAllocator<T>>;
using AdjacencyLists = CountedVector<CountedVector<std::uint32_t>>;

/// Returns: bytes glibc's malloc has handed out now, small blocks and mmapped ones.
std::size_t heap_bytes() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

/// The same random edges for both graphs (duplicates possible, as in real edge lists).
std::vector<std::pair<std::uint32_t, std::uint32_t>> random_edges() {
  std::mt19937 rng(14);
  std::uniform_int_distribution<std::uint32_t> pick(0, node_count - 1);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges(edge_count);
  for (auto& [from, to] : edges) {
    from = pick(rng);
    to = pick(rng);
  }
  return edges;
}

/// Both graphs, built once, with their measured sizes.
struct Graphs {
  mwtest::CountingResource csr_resource;
  std::size_t csr_heap = 0;
  std::size_t lists_heap = 0;
  std::size_t lists_edges = 0;
  std::size_t lists_requested = 0;
  mw::FrozenGraph<BenchTag> csr = build_csr();
  AdjacencyLists lists = build_lists();

 private:
  mw::FrozenGraph<BenchTag> build_csr() {
    const auto edges = random_edges();
    const std::size_t before = heap_bytes();
    mw::GraphBuilder<BenchTag> builder(node_count, &csr_resource);
    builder.reserve(edges.size());
    for (auto [from, to] : edges) builder.add_edge(Node(from), Node(to));
    auto graph = std::move(builder).freeze();  // gives the builder's edge list back
    csr_heap = heap_bytes() - before;
    return graph;
  }
  AdjacencyLists build_lists() {
    const auto edges = random_edges();
    const std::size_t before = heap_bytes();
    AdjacencyLists lists(node_count);
    for (auto [from, to] : edges) lists[from].push_back(to);  // how such lists grow in practice
    lists_heap = heap_bytes() - before;
    lists_requested = counted_bytes;
    lists_edges = edges.size();
    return lists;
  }
};

Graphs& graphs() {
  static Graphs g;
  return g;
}

void print_memory() {
  Graphs& g = graphs();
  const double csr_edges = static_cast<double>(g.csr.edge_count());
  const double list_edges = static_cast<double>(g.lists_edges);
  std::fprintf(stderr, "graph: %u nodes, %zu edges added, %zu distinct\n", node_count, edge_count,
               g.csr.edge_count());
  std::fprintf(stderr, "%-28s %14s %10s %14s %10s\n", "representation", "requested B", "B/edge",
               "malloc heap B", "B/edge");
  std::fprintf(stderr, "%-28s %14zu %10.3f %14zu %10.3f\n", "FrozenGraph (CSR, 32-bit)",
               g.csr_resource.live_bytes(), g.csr_resource.live_bytes() / csr_edges, g.csr_heap,
               g.csr_heap / csr_edges);
  std::fprintf(stderr, "%-28s %14zu %10.3f %14zu %10.3f\n", "vector<vector<uint32_t>>",
               g.lists_requested, g.lists_requested / list_edges, g.lists_heap,
               g.lists_heap / list_edges);
  std::fprintf(stderr, "formula check: 4*(nodes+1) + 4*edges = %zu\n\n",
               4 * (std::size_t{node_count} + 1) + 4 * g.csr.edge_count());
  std::fflush(stderr);
}

// A full BFS from node 0 on the frozen graph (its own bfs()).
void BM_BfsFrozenCsr(benchmark::State& state) {
  const auto& g = graphs().csr;
  for (auto _ : state) benchmark::DoNotOptimize(g.bfs(Node(0)).order.size());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * g.edge_count()));
}

// The same BFS, written the same way, on vector<vector<uint32_t>>.
void BM_BfsVectorOfVectors(benchmark::State& state) {
  const auto& lists = graphs().lists;
  for (auto _ : state) {
    std::vector<std::uint32_t> order{0};
    std::vector<std::uint32_t> distance(lists.size(), unreachable);
    distance[0] = 0;
    for (std::size_t head = 0; head < order.size(); ++head) {
      const std::uint32_t node = order[head];
      for (const std::uint32_t next : lists[node]) {
        if (distance[next] != unreachable) continue;
        distance[next] = distance[node] + 1;
        order.push_back(next);
      }
    }
    benchmark::DoNotOptimize(order.size());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * graphs().lists_edges));
}

BENCHMARK(BM_BfsFrozenCsr)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BfsVectorOfVectors)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  print_memory();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
