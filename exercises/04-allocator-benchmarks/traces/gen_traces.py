#!/usr/bin/env python3
"""Writes the shipped traces of exercise 04 (deterministic: fixed seeds, no inputs).

Run from anywhere:  python3 exercises/04-allocator-benchmarks/traces/gen_traces.py
Each trace is small (a few thousand ops) so the checker's slow pass stays quick under
sanitizers; the format is described in ../trace.hpp.
"""
import pathlib
import random


class Trace:
    """Ops with ids drawn from a free-list, so ids stay small and dense."""

    def __init__(self, name, description):
        self.name, self.description = name, description
        self.ops, self.sizes, self.free_ids, self.next_id = [], {}, [], 0

    def alloc(self, size):
        ident = self.free_ids.pop() if self.free_ids else self.next_id
        self.next_id = max(self.next_id, ident + 1)
        self.sizes[ident] = size
        self.ops.append(f"a {ident} {size}")
        return ident

    def realloc(self, ident, size):
        self.sizes[ident] = size
        self.ops.append(f"r {ident} {size}")

    def free(self, ident):
        del self.sizes[ident]
        self.free_ids.append(ident)
        self.ops.append(f"f {ident}")

    def write(self, directory):
        lines = [f"# {line}" for line in self.description.strip().splitlines()]
        lines.append(f"{self.next_id} {len(self.ops)}")
        (directory / f"{self.name}.rep").write_text("\n".join(lines + self.ops) + "\n")


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


def main():
    directory = pathlib.Path(__file__).resolve().parent
    for seed, generator in enumerate((game_loop, fixed_churn, mixed_realloc), start=1):
        generator(random.Random(seed)).write(directory)


if __name__ == "__main__":
    main()
