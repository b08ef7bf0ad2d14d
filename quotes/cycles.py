"""Faster steps for Stanza's dependency-tree decoder, with identical results.

Stanza decodes every parsed sentence with Chu-Liu-Edmonds: it first makes every word avoid the
root (so that exactly one takes it), which fills the best-head graph with cycles, then contracts
them one at a time (`process_cycle`) and calls `tarjan` after each contraction, some thirty times
per news sentence. Stanza's `tarjan` runs a numpy search over the whole sentence for each node's
dependents (about a third of the parser's time); `find_cycles` is the same Tarjan search over
plain Python lists: it visits the nodes in the same order and returns the same cycles in the same
order. `contract_cycle` builds the same contracted score matrix as Stanza's `process_cycle`, with
the same arithmetic on the same numbers, without its copies and `np.pad` (half of what remained).
So the trees, and every arc, are unchanged. `install()` puts both in Stanza's decoder.
"""
from __future__ import annotations

from contextlib import contextmanager

import numpy as np
from stanza.models.common import chuliu_edmonds

STANZA_TARJAN = chuliu_edmonds.tarjan
STANZA_PROCESS_CYCLE = chuliu_edmonds.process_cycle


def find_cycles(tree: np.ndarray) -> list[np.ndarray]:
    """The cycles of the graph `tree` (tree[i] is the head of node i), as Stanza's `tarjan` gives them:
    one boolean mask per strongly connected component of more than one node, in completion order."""
    size = len(tree)
    dependents: list[list[int]] = [[] for _ in range(size)]
    for node, head in enumerate(tree.tolist()):
        dependents[head].append(node)
    index, lowlink, on_stack = [-1] * size, [-1] * size, [False] * size
    stack: list[int] = []
    cycles: list[np.ndarray] = []
    counter = 0
    for start in range(size):
        if index[start] != -1:
            continue
        index[start] = lowlink[start] = counter
        counter += 1
        stack.append(start)
        on_stack[start] = True
        calls = [[start, 0]]  # node and how many of its dependents were visited: the recursion, unrolled
        while calls:
            frame = calls[-1]
            node, children = frame[0], dependents[frame[0]]
            while frame[1] < len(children):
                child = children[frame[1]]
                frame[1] += 1
                if index[child] == -1:
                    index[child] = lowlink[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack[child] = True
                    calls.append([child, 0])
                    break
                if on_stack[child]:
                    lowlink[node] = min(lowlink[node], index[child])
            else:
                calls.pop()
                if lowlink[node] == index[node]:
                    members = []
                    while True:
                        member = stack.pop()
                        on_stack[member] = False
                        members.append(member)
                        if member == node:
                            break
                    if len(members) > 1:
                        cycle = np.zeros(size, dtype=bool)
                        cycle[members] = True
                        cycles.append(cycle)
                if calls:
                    parent = calls[-1][0]
                    lowlink[parent] = min(lowlink[parent], lowlink[node])
    return cycles


def contract_cycle(tree: np.ndarray, cycle: np.ndarray, scores: np.ndarray):
    """Stanza's `process_cycle`: the scores with `cycle` contracted into one last node, and what
    expands the solution back (the cycle's and the other nodes' indices, the best outside head of
    each cycle node, the best cycle head of each other node)."""
    cycle_locs = np.flatnonzero(cycle)
    noncycle_locs = np.flatnonzero(~cycle)
    cycle_scores = scores[cycle_locs, tree[cycle_locs]]
    cycle_score = cycle_scores.sum()
    # a head from outside for cycle node c breaks c's arc in the cycle: that head's score, minus the
    # broken arc's, plus the whole cycle's
    metanode_head_scores = scores[cycle_locs[:, None], noncycle_locs] - cycle_scores[:, None] + cycle_score
    metanode_dep_scores = scores[noncycle_locs[:, None], cycle_locs]
    size = len(noncycle_locs)
    subscores = np.zeros((size + 1, size + 1), dtype=scores.dtype)
    subscores[:size, :size] = scores[noncycle_locs[:, None], noncycle_locs]
    subscores[size, :size] = metanode_head_scores.max(axis=0)
    subscores[:size, size] = metanode_dep_scores.max(axis=1)
    return (subscores, cycle_locs, noncycle_locs,
            np.argmax(metanode_head_scores, axis=0), np.argmax(metanode_dep_scores, axis=1))


def install() -> None:
    """Make Stanza's decoder use find_cycles and contract_cycle (process-wide)."""
    chuliu_edmonds.tarjan = find_cycles
    chuliu_edmonds.process_cycle = contract_cycle


@contextmanager
def stanza_decoder():
    """Stanza's own decoder steps for the duration (the benchmark's baseline runs Stanza as shipped)."""
    current = chuliu_edmonds.tarjan, chuliu_edmonds.process_cycle
    chuliu_edmonds.tarjan, chuliu_edmonds.process_cycle = STANZA_TARJAN, STANZA_PROCESS_CYCLE
    try:
        yield
    finally:
        chuliu_edmonds.tarjan, chuliu_edmonds.process_cycle = current
