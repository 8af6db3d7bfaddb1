# SPDX-License-Identifier: AGPL-3.0-or-later
"""Small problems for the schedule tests, and a brute-force reference solver."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from regie.core.errors import ValidationError
from regie.schedule.sequencing_cost import order_cost
from regie.schedule.sequencing_model import (
    CastMember,
    LockedStrip,
    SequencingProblem,
    ShootLocation,
    Strip,
)


def problem(
    durations: list[int],
    cast: dict[str, tuple[int, list[int]]],
    *,
    locations: dict[str, int] | None = None,
    places: list[str | None] | None = None,
    precedences: list[tuple[int, int]] = (),  # type: ignore[assignment]
    locked: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> SequencingProblem:
    """Strips "1".."n" from durations; ``cast`` maps actor → (rate, 1-based strips)."""
    places = places or [None] * len(durations)
    return SequencingProblem(
        strips=tuple(Strip(str(k + 1), d, places[k]) for k, d in enumerate(durations)),
        cast=tuple(
            CastMember(name, rate, frozenset(str(s) for s in strips))
            for name, (rate, strips) in cast.items()
        ),
        locations=tuple(ShootLocation(k, v) for k, v in (locations or {}).items()),
        precedences=tuple((str(a), str(b)) for a, b in precedences),
        locked=tuple(LockedStrip(str(s), p) for s, p in locked),
    )


def brute_force(p: SequencingProblem) -> int:
    """The optimal cost by trying every order (small problems only)."""
    best = None
    for order in itertools.permutations(p.strip_ids):
        try:
            cost = order_cost(p, order).cost
        except ValidationError:
            continue
        best = cost if best is None else min(best, cost)
    assert best is not None, "no feasible order"
    return best


@st.composite
def problems(draw: st.DrawFn, max_strips: int = 7) -> SequencingProblem:
    """Random feasible problems: cast, optional locations, precedences and locks drawn
    consistent with one hidden order, so a solution always exists."""
    count = draw(st.integers(1, max_strips))
    durations = draw(st.lists(st.integers(0, 4), min_size=count, max_size=count))
    actors = draw(st.integers(0, 4))
    cast = {
        f"A{a}": (
            draw(st.integers(0, 6)),
            draw(st.lists(st.integers(1, count), max_size=count, unique=True)),
        )
        for a in range(actors)
    }
    locations: dict[str, int] = {}
    places: list[str | None] = [None] * count
    if draw(st.booleans()):
        locations = {f"L{k}": draw(st.integers(0, 9)) for k in range(draw(st.integers(1, 3)))}
        names: list[str | None] = [*locations, None]
        places = [draw(st.sampled_from(names)) for _ in range(count)]
    hidden = draw(st.permutations(list(range(1, count + 1))))
    precedences = []
    for _ in range(draw(st.integers(0, 3))):
        if count >= 2:
            i, j = sorted(
                draw(st.lists(st.integers(0, count - 1), min_size=2, max_size=2, unique=True))
            )
            precedences.append((hidden[i], hidden[j]))
    locked = []
    if draw(st.integers(0, 3)) == 0:
        for position in draw(st.lists(st.integers(0, count - 1), max_size=2, unique=True)):
            locked.append((hidden[position], position))
    return problem(
        durations, cast, locations=locations, places=places,
        precedences=precedences, locked=locked,
    )  # fmt: skip
