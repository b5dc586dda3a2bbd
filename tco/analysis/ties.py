"""Inputs tied at rank 1: ``[[correlations]]`` pairs with ``rank = 1`` (the same draw).

A rank-1 pair says two keys are one quantity written twice: the same switch
priced in two options, the same assumption (a lost link stops the job) in every
option that has links. ``tco uncertainty`` draws them once (each at the same
probability of its own range). Analyses that move inputs one at a time must not
move one copy and leave the other at its value: no consistent world has that
pair of values. Pairs chain (a ~ b and a ~ c tie b to c), so ties make groups.

The loader allows ranks in [-0.99, 1], so a tie is always "the same way": a group's
members all go to their lows together and to their highs together.

- :func:`groups`: every group, for the tornado (one row per group);
- :func:`follow`: the members of a key's group that move with it in a sweep or a
  break-even (those with the same value in the same unit: the same quantity),
  and a one-line note naming what moved and what did not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model.validate import Input, Resolved
from .inputs import Varied, all_inputs, varied


def groups(resolved: Resolved) -> list[list[str]]:
    """The groups of key paths tied at rank 1 (two or more each): each group's lead
    first (a key no pair makes a follower: the one the others follow), then the others
    in scenario order. Pairs whose keys the scenario no longer has are ignored."""
    inputs = all_inputs(resolved)
    same = [c for c in resolved.correlations
            if c.same and c.first in inputs and c.second in inputs]
    parent: dict[str, str] = {}

    def root(p: str) -> str:
        while parent.get(p, p) != p:
            p = parent[p]
        return p

    for c in same:
        a, b = root(c.first), root(c.second)
        parent.setdefault(a, a)
        if a != b:
            parent[b] = a
    followers = {c.second for c in same}
    by_root: dict[str, list[str]] = {}
    for path in inputs:  # scenario order
        if path in parent:
            by_root.setdefault(root(path), []).append(path)
    out = []
    for members in by_root.values():
        if len(members) < 2:
            continue
        lead = next((p for p in members if p not in followers), members[0])
        out.append([lead, *(p for p in members if p != lead)])
    return out


def tied_with(resolved: Resolved, key: str) -> list[str]:
    """The other keys of ``key``'s rank-1 group (empty when it is in none)."""
    for group in groups(resolved):
        if key in group:
            return [p for p in group if p != key]
    return []


@dataclass(frozen=True)
class Followers:
    """What moves with a key a sweep or a break-even varies."""

    key: str
    #: tied keys with the key's value in its unit: the same quantity, moved to the same values
    moved: list[Varied]
    #: tied keys whose value (or unit) differs: left at their values
    left: list[str]

    @property
    def note(self) -> str | None:
        """One line for stderr, or None when the key is tied to nothing."""
        parts = []
        if self.moved:
            one = len(self.moved) == 1
            parts.append(f"{', '.join(v.path for v in self.moved)}, which "
                         f"{'moves' if one else 'move'} with it to the same values")
        if self.left:
            one = len(self.left) == 1
            parts.append(f"{', '.join(self.left)}, which "
                         f"{'has another value and stays' if one else 'have other values and stay'}"
                         f" at {'it' if one else 'them'}")
        if not parts:
            return None
        return f"{self.key} is tied at rank 1 (the same draw) to " + ", and to ".join(parts) + "."


def follow(resolved: Resolved, item: Input) -> Followers:
    """The members of ``item``'s rank-1 group that a sweep or a break-even of ``item``
    moves with it: those with the same value in the same unit (the same quantity written
    twice). The others (a share of a price, say) stay at their values, named in the note."""
    inputs = all_inputs(resolved)
    mine = varied(item, low=item.value, high=item.value)
    moved, left = [], []
    for path in tied_with(resolved, item.path):
        other = inputs[path]
        if other.value is None:
            left.append(path)
            continue
        v = varied(other, low=other.value, high=other.value)
        same = v.unit == mine.unit and math.isclose(v.value, mine.value, rel_tol=1e-12,
                                                     abs_tol=0.0)
        if same:
            moved.append(v)
        else:
            left.append(path)
    return Followers(item.path, moved, left)
