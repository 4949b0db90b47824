#!/usr/bin/env python3
"""Writes the shipped traces of exercise 04 (deterministic: fixed seeds, no inputs).

Run from anywhere:  python3 exercises/04-allocator-benchmarks/traces/gen_traces.py
Each trace is small (a few thousand ops) so the checker's slow pass stays quick under
sanitizers; both formats are described in ../trace.hpp. The lab-*.rep traces are in
CS:APP malloc-lab's format (four header lines, no comments: its mdriver reads them as they
are), each after a pattern of the standard traces, which we do not ship.
"""
import pathlib
import random


class Trace:
    """Ops with ids drawn from a free-list, so ids stay small and dense."""

    def __init__(self, name, description):
        self.name, self.description = name, description
        self.ops, self.sizes, self.free_ids, self.next_id = [], {}, [], 0
        self.peak_payload = 0

    def alloc(self, size):
        ident = self.free_ids.pop() if self.free_ids else self.next_id
        self.next_id = max(self.next_id, ident + 1)
        self.sizes[ident] = size
        self.ops.append(f"a {ident} {size}")
        self.peak_payload = max(self.peak_payload, sum(self.sizes.values()))
        return ident

    def realloc(self, ident, size):
        self.sizes[ident] = size
        self.ops.append(f"r {ident} {size}")
        self.peak_payload = max(self.peak_payload, sum(self.sizes.values()))

    def free(self, ident):
        del self.sizes[ident]
        self.free_ids.append(ident)
        self.ops.append(f"f {ident}")

    def write(self, directory):
        lines = [f"# {line}" for line in self.description.strip().splitlines()]
        lines.append(f"{self.next_id} {len(self.ops)}")
        (directory / f"{self.name}.rep").write_text("\n".join(lines + self.ops) + "\n")

    def write_lab(self, directory, weight=1):
        """malloc-lab's format: heap size (the peak payload, rounded up to 4 KiB), number of
        ids, number of ops, weight, one per line; then the ops. No comment: mdriver reads
        the header with fscanf("%d"), so a '#' line would break it."""
        heap = -(-self.peak_payload // 4096) * 4096
        header = [str(heap), str(self.next_id), str(len(self.ops)), str(weight)]
        (directory / f"{self.name}.rep").write_text("\n".join(header + self.ops) + "\n")


def game_loop(rng):
    """Per-frame temporaries all freed at the end of the frame, plus long-lived entities."""
    t = Trace("game-loop", """
game-loop: 60 frames of a game. Each frame allocates 30-50 temporaries (command
buffers, particle batches, strings: 16-512 bytes, now and then a 2-8 KiB scratch
buffer) and frees them all at the end of the frame. Long-lived entities (96-320
bytes) are spawned and despawned now and then and outlive many frames.""")
    entities = [t.alloc(rng.randrange(96, 321, 16)) for _ in range(40)]
    for _frame in range(60):
        temporaries = []
        for _ in range(rng.randint(30, 50)):
            size = rng.randrange(2048, 8193, 512) if rng.random() < 0.05 else rng.randrange(16, 513, 8)
            temporaries.append(t.alloc(size))
        if rng.random() < 0.5 and entities:  # despawn one entity
            t.free(entities.pop(rng.randrange(len(entities))))
        if rng.random() < 0.6:  # spawn one
            entities.append(t.alloc(rng.randrange(96, 321, 16)))
        for ident in reversed(temporaries):  # end of frame: everything temporary goes
            t.free(ident)
    for ident in entities:
        t.free(ident)
    return t


def fixed_churn(rng):
    """One object size, random allocate/free: a pool's or a slab's best case."""
    t = Trace("fixed-churn", """
fixed-churn: 64-byte objects (list nodes, messages) allocated and freed at random,
with between 200 and 600 alive at once. The case a pool or slab allocator is for.""")
    live = [t.alloc(64) for _ in range(400)]
    for _ in range(3200):
        grow = len(live) < 200 or (len(live) < 600 and rng.random() < 0.5)
        if grow:
            live.append(t.alloc(64))
        else:
            t.free(live.pop(rng.randrange(len(live))))
    for ident in live:
        t.free(ident)
    return t


def mixed_realloc(rng):
    """Mixed sizes with growing and shrinking reallocs, like strings and vectors."""
    t = Trace("mixed-realloc", """
mixed-realloc: blocks of 8 bytes to 16 KiB (mostly small: the size is 2 to a random
power), about a fifth of the ops resize a live block (vectors doubling, strings
shrinking to fit), up to 300 blocks alive at once.""")
    live = []
    for _ in range(4000):
        choice = rng.random()
        if live and choice < 0.2:
            ident = rng.choice(live)
            old = t.sizes[ident]
            t.realloc(ident, min(old * 2, 16384) if rng.random() < 0.7 else max(old // 2, 8))
        elif live and (choice < 0.55 or len(live) >= 300):
            t.free(live.pop(rng.randrange(len(live))))
        else:
            live.append(t.alloc(rng.randint(8, 2 ** rng.randint(3, 14))))
    for ident in live:
        t.free(ident)
    return t


def lab_binary(rng):
    """binary-bal's pattern: small and large blocks alternate, the small ones are freed,
    then blocks slightly larger than the small ones are asked for. The holes cannot take
    them, so an allocator without size classes wastes them: utilization's worst case."""
    t = Trace("lab-binary", "")
    for small, large in ((64, 448), (16, 112)):
        pairs = [(t.alloc(small), t.alloc(large)) for _ in range(rng.randint(450, 550))]
        for ident, _ in pairs:
            t.free(ident)
        bigger = [t.alloc(small * 2) for _ in range(len(pairs))]
        for ident in bigger + [large_id for _, large_id in pairs]:
            t.free(ident)
    return t


def lab_coalescing(rng):
    """coalescing-bal's pattern: two neighbours are freed, then one block of their joint
    size is asked for; a long-lived block pins each pair so the heap cannot just shrink."""
    t = Trace("lab-coalescing", "")
    pinned = []
    for _ in range(rng.randint(900, 1000)):
        size = rng.choice((1024, 2040, 4095))
        first, second = t.alloc(size), t.alloc(size)
        pinned.append(t.alloc(rng.randrange(16, 129, 16)))
        t.free(first)
        t.free(second)
        t.free(t.alloc(2 * size))
    for ident in pinned:
        t.free(ident)
    return t


def lab_realloc_chain(rng):
    """realloc-bal's and realloc2-bal's pattern: blocks grown by small steps, each step
    followed by a short-lived block, so a realloc that always moves copies more and more.
    One block grows into the large sizes; four small ones grow inside the size classes."""
    t = Trace("lab-realloc-chain", "")
    big, size, scratch = t.alloc(512), 512, None
    for _ in range(rng.randint(900, 1000)):
        size += 128
        t.realloc(big, size)
        if scratch is not None:
            t.free(scratch)
        scratch = t.alloc(rng.randrange(16, 129, 16))
    small = [t.alloc(16) for _ in range(4)]
    for step in range(1, 120):
        for ident in small:
            t.realloc(ident, 16 + 32 * step)
    for ident in small + [big, scratch]:
        t.free(ident)
    return t


def lab_short():
    """short1-bal's size: a dozen ops to read by eye."""
    t = Trace("lab-short", "")
    a, b, c = t.alloc(2040), t.alloc(2040), t.alloc(48)
    t.free(b)
    d = t.alloc(4072)
    t.realloc(a, 4095)
    t.free(c)
    e = t.alloc(16)
    for ident in (a, d, e):
        t.free(ident)
    return t


def main():
    directory = pathlib.Path(__file__).resolve().parent
    for seed, generator in enumerate((game_loop, fixed_churn, mixed_realloc), start=1):
        generator(random.Random(seed)).write(directory)
    for seed, generator in enumerate((lab_binary, lab_coalescing, lab_realloc_chain), start=4):
        generator(random.Random(seed)).write_lab(directory)
    lab_short().write_lab(directory)


if __name__ == "__main__":
    main()
