# SPDX-License-Identifier: AGPL-3.0-or-later
"""Small builders for hand-made plans: workers, days at Paris local times, weeks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from regie.core.calendar import PARIS
from regie.core.production import Agreement
from regie.rules.pack import RulePack
from regie.rules.registry import shipped_pack
from regie.schedule.worktime import (
    Break,
    BreakKind,
    Contract,
    Derogation,
    Genre,
    PremiumKind,
    PremiumLine,
    Severity,
    Violation,
    WorkDay,
    Worker,
    WorkerKind,
)

TV = shipped_pack("worktime-idcc2642")
CINEMA = shipped_pack("worktime-idcc3097")
MINORS = shipped_pack("minors-worktime")
PACKS: dict[Agreement, RulePack] = {Agreement.AUDIOVISUAL: TV, Agreement.CINEMA: CINEMA}


def at(day: dt.date, hour: int, minute: int = 0, *, next_day: bool = False) -> dt.datetime:
    """``day`` (or the day after) at ``hour:minute`` in Europe/Paris."""
    date = day + dt.timedelta(days=1) if next_day else day
    return dt.datetime.combine(date, dt.time(hour, minute), tzinfo=PARIS)


def worker(
    agreement: Agreement = Agreement.AUDIOVISUAL,
    *,
    job: str = "scripte",
    kind: WorkerKind = WorkerKind.CREW,
    genre: Genre = Genre.FICTION,
    contract_days: int = 40,
    contract: Contract = Contract.CDDU,
    birth_date: dt.date | None = None,
    derogations: Iterable[Derogation] = (),
) -> Worker:
    return Worker(
        id="w1",
        name="Camille",
        kind=kind,
        agreement=agreement,
        job=job,
        contract_days=contract_days,
        genre=genre,
        birth_date=birth_date,
        contract=contract,
        derogations=frozenset(derogations),
    )


def day(
    date: dt.date,
    call: tuple[int, int] = (8, 0),
    wrap: tuple[int, int] = (19, 0),
    *,
    meal: tuple[tuple[int, int], tuple[int, int]] | None = ((13, 0), (14, 0)),
    wrap_next_day: bool = False,
    **fields: object,
) -> WorkDay:
    """A day from ``call`` to ``wrap`` (local times) with one meal break (default 13–14)."""
    breaks: tuple[Break, ...] = ()
    if meal is not None:
        breaks = (Break(at(date, *meal[0]), at(date, *meal[1]), BreakKind.MEAL),)
    plain = WorkDay(date, at(date, *call), at(date, *wrap, next_day=wrap_next_day), breaks)
    return replace(plain, **fields)  # type: ignore[arg-type]


def week(monday: dt.date, days: int = 5, **kwargs: object) -> list[WorkDay]:
    """``days`` consecutive days from ``monday``, each built by :func:`day`."""
    return [day(monday + dt.timedelta(days=i), **kwargs) for i in range(days)]  # type: ignore[arg-type]


def rules_of(found: Iterable[Violation], severity: Severity | None = None) -> set[str]:
    """The rule keys (``daily_max.effective``…) of ``found``, optionally of one severity."""
    return {v.rule.key for v in found if severity is None or v.severity is severity}


def only(found: Iterable[Violation], key: str) -> Violation:
    matches = [v for v in found if v.rule.key == key]
    assert len(matches) == 1, matches
    return matches[0]


def hours(lines: Iterable[PremiumLine], kind: PremiumKind) -> dict[tuple[str, Decimal], Decimal]:
    """``{(band, rate): hours}`` of the lines of one kind."""
    result: dict[tuple[str, Decimal], Decimal] = {}
    for line in lines:
        if line.kind is kind:
            key = (line.band, line.rate)
            result[key] = result.get(key, Decimal(0)) + line.hours
    return result


def meal(date: dt.date, start: tuple[int, int], end: tuple[int, int]) -> Break:
    """A meal break on ``date`` (use the next date for a meal after midnight)."""
    return Break(at(date, *start), at(date, *end), BreakKind.MEAL)


def line_of(lines: Iterable[PremiumLine], kind: PremiumKind) -> PremiumLine:
    matches = [line for line in lines if line.kind is kind]
    assert len(matches) == 1, matches
    return matches[0]
