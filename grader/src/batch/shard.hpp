// batch/shard.hpp — one shard of a class: `grader batch --shard K/N`.
//
// A class is split over N processes (a Slurm array job, a Kubernetes Indexed Job) that
// share one --out. Each student belongs to exactly one shard, chosen by a hash of the
// student's name alone: every shard computes the same assignment from the same
// submissions directory, without talking to the others, and adding a student moves no one.
#pragma once

#include <string>
#include <string_view>

namespace grader {

struct Shard {
  int index = 1;  ///< K: 1 to count (Slurm's array task ids start at 1 in our script)
  int count = 1;  ///< N: how many shards the class is split into
};

/// Returns: the shard "K/N" names. Throws: UsageError (one line) unless K and N are whole
/// numbers with 1 <= K <= N <= kMaxShards.
Shard parse_shard(std::string_view text);

/// Returns: whether `student` is graded by `shard`: the first 64 bits of the SHA-256 of the
/// name, modulo the shard count, are index - 1.
bool in_shard(const std::string& student, const Shard& shard);

/// The most shards a class is split into: more than any class has students.
constexpr int kMaxShards = 100000;

}  // namespace grader
