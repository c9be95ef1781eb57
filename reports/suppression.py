"""Small-count suppression for published tables, so that nobody can be singled out.

A count under ``policy.SMALL_COUNT`` (but not 0) is *small*: shown as "<5". A table also publishes
totals, and a small count must not be worked out by subtracting the other cells from a total
(secondary disclosure). The figures are described as *lines*: a total and the parts that add up to
it (a table's rows and its total; a row of a cross-table and its margin). For each line where the
hidden cells could still be worked out, the smallest visible non-zero part is hidden too (shown as
"×"), or, when none is left, the total; this repeats until every line holds, since hiding a cell
in one line may expose another.

A line's hidden cells can be worked out when:

- its total is visible and exactly one part is hidden;
- its total is visible and the hidden parts are all small, adding up to their smallest possible sum
  (each 1) or their largest (each 4);
- its total is visible, some hidden parts are ≥5, and the hidden sum is the smallest possible
  (small ones 1, the others 5);
- its total is hidden but no part is (the total is the sum of the parts).

What it does not do: narrow ranges can remain (two hidden cells adding up to 6 are 1 and 5, 2 and
4…), as with any cell suppression; the published figures are counts of whole groups, never lists.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from access import policy

SMALL = "small"  # shown as "<5"
HIDDEN = "hidden"  # ≥5, hidden so a small count cannot be worked out: shown as "×"
SHOWN = "shown"


@dataclass(frozen=True)
class Line:
    total: Hashable
    parts: tuple[Hashable, ...]


def _is_small(count: int) -> bool:
    return policy.suppress_small(count) is None


def _exposed(line: Line, counts: dict, small: set, hidden: set) -> bool:
    parts_hidden = [part for part in line.parts if part in hidden]
    if line.total in hidden:
        return not parts_hidden and any(counts[part] for part in line.parts)
    if not parts_hidden:
        return False
    if len(parts_hidden) == 1:
        return True
    hidden_sum = sum(counts[part] for part in parts_hidden)
    smalls = sum(1 for part in parts_hidden if part in small)
    others = len(parts_hidden) - smalls
    if others == 0:
        return hidden_sum in (smalls, (policy.SMALL_COUNT - 1) * smalls)
    return hidden_sum == smalls + policy.SMALL_COUNT * others


def protect(counts: dict, lines: Iterable[Line]) -> dict:
    """The state of every cell of ``counts`` (SMALL, HIDDEN or SHOWN) once ``lines`` hold."""
    lines = list(lines)
    small = {key for key, count in counts.items() if _is_small(count)}
    hidden = set(small)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if not _exposed(line, counts, small, hidden):
                continue
            candidates = [
                (counts[part], index)
                for index, part in enumerate(line.parts)
                if part not in hidden and counts[part] > 0
            ]
            if candidates:
                hidden.add(line.parts[min(candidates)[1]])
            elif line.total not in hidden:
                hidden.add(line.total)
            else:
                continue
            changed = True
    return {key: SMALL if key in small else HIDDEN if key in hidden else SHOWN for key in counts}
