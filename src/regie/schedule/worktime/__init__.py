# SPDX-License-Identifier: AGPL-3.0-or-later
"""Working time (*durée du travail*): each cast and crew member's planned days checked
against the applicable agreement's rule pack — IDCC 3097 (cinema, Titre II technicians) or
IDCC 2642 (audiovisual) — and the premium hours they carry, for the budget.

* ``model`` — :class:`Worker`, :class:`WorkDay` (call, wrap, breaks, transport, travel,
  lodging), the derogations a production declares;
* ``rules`` / ``rules_minors`` — the packs ``worktime-idcc2642``, ``worktime-idcc3097`` and
  ``minors-worktime`` read into typed rules (minutes, Decimal rates, a :class:`RuleRef` each);
* ``timeline`` / ``nightwork`` — effective work, amplitude, night windows by agreement,
  genre, season and studio;
* ``checks_day`` / ``checks_rest`` / ``checks_week`` / ``minors`` — the checks;
* ``pieces`` / ``premiums`` — the plan cut into homogeneous pieces, then premium lines
  (overtime, night, Sunday, holiday, rest infringement, long day…) and the IDCC 3097 cap;
* ``engine`` — :func:`check`, :func:`premiums`, :func:`report`; ``explain`` — one step per
  figure with its rule, article, source and status.

Pure: no I/O, no clock (dates come in, packs come in as values).
"""

from regie.schedule.worktime.engine import WorktimeReport, check, premiums, report
from regie.schedule.worktime.explain import Step, explain
from regie.schedule.worktime.model import (
    Break,
    BreakKind,
    Contract,
    Derogation,
    Genre,
    WorkDay,
    Worker,
    WorkerKind,
)
from regie.schedule.worktime.results import (
    PremiumKind,
    PremiumLine,
    RuleRef,
    Severity,
    Violation,
    WeekTotal,
)

__all__ = [
    "Break",
    "BreakKind",
    "Contract",
    "Derogation",
    "Genre",
    "PremiumKind",
    "PremiumLine",
    "RuleRef",
    "Severity",
    "Step",
    "Violation",
    "WeekTotal",
    "WorkDay",
    "Worker",
    "WorkerKind",
    "WorktimeReport",
    "check",
    "explain",
    "premiums",
    "report",
]
