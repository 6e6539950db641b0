"""Pure arithmetic on sets of played intervals ``[[start, end], …]`` (seconds of media or wall clock)."""

from __future__ import annotations

from collections.abc import Iterable

Interval = tuple[float, float]


def intervals_merge(intervals: Iterable[Iterable[float]]) -> list[Interval]:
    """Sorted, non-overlapping union; empty and inverted intervals are dropped."""
    spans = sorted((float(a), float(b)) for a, b in intervals if float(b) > float(a))
    merged: list[Interval] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def intervals_length(intervals: Iterable[Interval]) -> float:
    return sum(end - start for start, end in intervals)


def intervals_clip(intervals: Iterable[Interval], *, low: float, high: float) -> list[Interval]:
    return [(max(a, low), min(b, high)) for a, b in intervals if min(b, high) > max(a, low)]


def intervals_truncate(intervals: Iterable[Interval], *, budget: float) -> list[Interval]:
    """Keep the first ``budget`` seconds of the intervals, in order."""
    kept: list[Interval] = []
    left = budget
    for start, end in intervals:
        if left <= 0:
            break
        take = min(end - start, left)
        kept.append((start, start + take))
        left -= take
    return kept


def intervals_subtract(interval: Interval, covered: Iterable[Interval]) -> float:
    """Length of ``interval`` not covered by the (merged or not) ``covered`` intervals."""
    start, end = interval
    overlap = intervals_length(intervals_clip(intervals_merge(covered), low=start, high=end))
    return max(0.0, (end - start) - overlap)
