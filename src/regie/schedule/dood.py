# SPDX-License-Identifier: AGPL-3.0-or-later
"""Day-out-of-days (DOOD): for each cast member, what they do on every shoot day.

Codes, as on the customary report:

* ``SW`` start work (first working day), ``W`` work, ``WF`` work finish (last working
  day), ``SWF`` the single day of someone who works one day;
* ``H`` hold: paid while waiting between two working days;
* ``D`` drop: a gap of ``drop_after`` idle shoot days or more is not held but dropped
  (released, then picked up again); the first working day after a drop is ``PW``
  (pick-up work);
* empty before the first and after the last working day.

It is derived from the board only, so it always agrees with it (a test checks that
every ``W``-family day holds one of the member's scenes and no other day does).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from regie.schedule.model import Board, ShootingProblem


class DoodCode(StrEnum):
    START = "SW"
    WORK = "W"
    FINISH = "WF"
    START_FINISH = "SWF"
    HOLD = "H"
    DROP = "D"
    PICKUP = "PW"
    NONE = ""

    @property
    def works(self) -> bool:
        return self in (
            DoodCode.START,
            DoodCode.WORK,
            DoodCode.FINISH,
            DoodCode.START_FINISH,
            DoodCode.PICKUP,
        )


@dataclass(frozen=True, slots=True)
class DoodRow:
    cast: str
    name: str
    codes: tuple[DoodCode, ...]  # one per board day

    @property
    def work_days(self) -> int:
        return sum(1 for c in self.codes if c.works)

    @property
    def hold_days(self) -> int:
        return sum(1 for c in self.codes if c is DoodCode.HOLD)

    @property
    def drop_days(self) -> int:
        return sum(1 for c in self.codes if c is DoodCode.DROP)

    @property
    def first_day(self) -> int | None:
        return next((i for i, c in enumerate(self.codes) if c.works), None)

    @property
    def last_day(self) -> int | None:
        worked = [i for i, c in enumerate(self.codes) if c.works]
        return worked[-1] if worked else None

    @property
    def paid_days(self) -> int:
        """Working and holding days (drops are not paid)."""
        return self.work_days + self.hold_days


def day_out_of_days(
    problem: ShootingProblem, board: Board, *, drop_after: int | None = None
) -> tuple[DoodRow, ...]:
    """One row per cast member who works at least once, in the problem's cast order.

    ``drop_after``: idle shoot days from which a gap is a drop rather than a hold
    (``None``: always hold).
    """
    strips = {s.key: s for s in problem.strips}
    count = len(board.days)
    rows: list[DoodRow] = []
    for member in problem.cast:
        worked = sorted(
            {
                day.index
                for day in board.days
                for key in day.strips
                if key in strips and member.key in strips[key].cast
            }
        )
        if not worked:
            continue
        codes = [DoodCode.NONE] * count
        first, last = worked[0], worked[-1]
        previous: int | None = None
        for index in worked:
            if previous is not None and index - previous > 1:
                gap = index - previous - 1
                dropped = drop_after is not None and gap >= drop_after
                for idle in range(previous + 1, index):
                    codes[idle] = DoodCode.DROP if dropped else DoodCode.HOLD
                codes[index] = DoodCode.PICKUP if dropped else DoodCode.WORK
            else:
                codes[index] = DoodCode.WORK
            previous = index
        if first == last:
            codes[first] = DoodCode.START_FINISH
        else:
            codes[first] = DoodCode.START
            if codes[last] is DoodCode.WORK:
                codes[last] = DoodCode.FINISH
        rows.append(DoodRow(member.key, member.name, tuple(codes)))
    return tuple(rows)
