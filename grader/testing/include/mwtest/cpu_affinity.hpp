// mwtest/cpu_affinity.hpp — threads that race on different cores.
//
// A race test releases its threads together (a barrier) and checks an exact result; it only
// makes the race happen when the threads really run at once, not in turns on one core.
#pragma once

#include <pthread.h>
#include <sched.h>

#include <cstddef>
#include <vector>

namespace mwtest {

/// Effects: pins the calling thread to CPU `thread` modulo the CPUs it may use, so that
/// racing threads run on different cores at once. A failure to pin is harmless: the test
/// then races as the scheduler lets it.
inline void spread_over_cpus(std::size_t thread) {
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return;
  std::vector<int> cpus;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
    if (CPU_ISSET(cpu, &allowed)) cpus.push_back(cpu);
  if (cpus.empty()) return;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpus[thread % cpus.size()], &one);
  pthread_setaffinity_np(pthread_self(), sizeof one, &one);
}

}  // namespace mwtest
