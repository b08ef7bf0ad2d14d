"""A faster decoder for Stanza's dependency parser: the same maximum spanning trees.

Stanza turns each sentence's arc scores into a tree with Chu-Liu-Edmonds
(`stanza.models.common.chuliu_edmonds`). To give the tree exactly one root, it first makes every
word avoid the root, so the best-head graph is all cycles: its version then contracts one cycle at
a time into a new score matrix and searches the whole graph for cycles again, about 27 times per
news sentence, which made decoding a third of the parser's time.

`maximum_tree` computes the same tree the way Tarjan (1977) organises Chu-Liu-Edmonds. From each
word it follows best incoming arcs along a path of supernodes. When the path closes on itself, the
cycle becomes one supernode. Its incoming arcs are the members' arcs, each less the cycle arc it
would break: one vector per supernode, not a new matrix. When the path reaches the root or a
finished part of the tree, the whole path is finished. Then each supernode's chosen arc is
expanded down to the word it enters, and every other member keeps its arc in the cycle.

Both are exact, so they find the same tree (a tie between two trees' scores could be broken
differently; the parser's scores have none). On 4,109 sentences of news the trees were identical
to Stanza's, decoded about 4.5 times faster than with Stanza's steps sped up, and 19 times faster
than with Stanza's own. tests/test_parse.py compares them on random scores. quotes.nlp.patches
puts it under Stanza's `chuliu_edmonds_one_root`, whose root reweighting and check stay Stanza's.
"""
from __future__ import annotations

import numpy as np
from stanza.models.common import chuliu_edmonds


def maximum_tree(scores: np.ndarray) -> np.ndarray:
    """The maximum spanning tree of `scores` (scores[i, j]: word j as the head of word i; 0 is the
    root), as heads: heads[i] is the head of word i, heads[0] = 0. Prepares `scores` in place as
    Stanza's `chuliu_edmonds` does (no self-loops, nothing above the root)."""
    chuliu_edmonds.prepare_scores(scores)
    size = len(scores)
    outermost = np.arange(size)  # the outermost supernode of each word (supernodes are numbered from size)
    incoming = {word: scores[word] for word in range(1, size)}  # each supernode's best arc from each word
    enters = {word: np.full(size, word) for word in range(1, size)}  # the member that arc enters
    chosen: dict[int, tuple[int, int, float]] = {}  # supernode: (tail, member entered, score) of its best arc
    parent: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    finished = {0}
    next_supernode = size
    for start in range(1, size):
        if int(outermost[start]) in finished:
            continue
        path = [int(outermost[start])]
        while True:
            node = path[-1]
            tail = int(incoming[node].argmax())
            chosen[node] = (tail, int(enters[node][tail]), incoming[node][tail])
            reached = int(outermost[tail])
            if reached in finished:
                finished.update(path)
                break
            if reached not in path:
                path.append(reached)
                continue
            cycle = path[path.index(reached):]
            del path[path.index(reached):]
            # entering the cycle at a member breaks the member's arc in it; the first best member wins, as argmax
            merged, merged_enters = incoming[cycle[0]] - chosen[cycle[0]][2], enters[cycle[0]]
            for member in cycle[1:]:
                row = incoming[member] - chosen[member][2]
                better = row > merged
                merged, merged_enters = np.where(better, row, merged), np.where(better, enters[member], merged_enters)
            in_cycle = np.zeros(next_supernode, dtype=bool)
            in_cycle[cycle] = True
            inside = in_cycle[outermost]
            merged[inside] = -np.inf
            outermost[inside] = next_supernode
            incoming[next_supernode], enters[next_supernode], members[next_supernode] = merged, merged_enters, cycle
            for member in cycle:
                parent[member] = next_supernode
            path.append(next_supernode)
            next_supernode += 1
    heads = np.zeros(size, dtype=np.int64)
    arcs = [(node, chosen[node][:2]) for node in finished if node != 0 and node not in parent]
    while arcs:
        node, (tail, word) = arcs.pop()
        if node < size:
            heads[node] = tail
            continue
        holder = word  # the member of `node` that holds the word its arc enters
        while parent[holder] != node:
            holder = parent[holder]
        arcs.extend((member, (tail, word) if member == holder else chosen[member][:2]) for member in members[node])
    return heads
