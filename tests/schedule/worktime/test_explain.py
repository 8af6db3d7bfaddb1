# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every figure can say where it comes from: rule, article, source, status, pack version —
and reads in French."""

from __future__ import annotations

import datetime as dt

from regie.core.production import Agreement
from regie.documents.i18n import error_messages
from regie.rules.pack import Status
from regie.schedule.worktime import PremiumKind, PremiumLine, Violation, explain, report
from tests.schedule.worktime.builders import CINEMA, PACKS, TV, day, week, worker

MONDAY = dt.date(2026, 3, 2)


def _busy_week() -> list:  # type: ignore[type-arg]
    # 50 h, a short rest, a Sunday night: violations and premiums of several kinds.
    plan = week(MONDAY, wrap=(19, 0))
    plan[1] = day(plan[1].date, (8, 0), (22, 0), meal=((13, 0), (14, 0)))
    return [*plan, day(MONDAY + dt.timedelta(days=6), (14, 0), (23, 0), meal=((17, 0), (17, 30)))]


def test_every_violation_and_line_cites_a_pack_value() -> None:
    for agreement in (Agreement.AUDIOVISUAL, Agreement.CINEMA):
        pack = PACKS[agreement]
        result = report(worker(agreement), _busy_week(), pack)
        assert result.violations
        assert result.premiums
        items: list[Violation | PremiumLine] = [*result.violations, *result.premiums]
        for item in items:
            pack_id, key = item.rule.rule_id.split(":")
            assert pack_id == pack.pack_id
            entry = pack.value(key, MONDAY)
            assert item.rule.article == entry.value["article"]
            assert item.rule.source == entry.citation()
            assert item.rule.pack == pack.ref


def test_explain_gives_one_step_per_figure() -> None:
    result = report(worker(), _busy_week(), TV)
    steps = explain(result)
    assert len(steps) == len(result.violations) + len(result.premiums) + len(result.weeks)
    overtime = [s for s in steps if str(s.label).startswith("overtime premium")]
    assert overtime[0].value == "4 h × 0.25 = 1 h"
    assert overtime[0].article == "VI.8.3"
    weekly = [s for s in steps if s.rule_id == "worktime-idcc2642:overtime.weekly"]
    assert any("the 9th is in both" in (s.note or "") for s in weekly)
    week_step = steps[-1]
    assert str(week_step.label).startswith("week 2026-W10")
    assert week_step.value.startswith("61.5 h effective, 26.5 h overtime")
    assert all(s.status in set(Status) and s.source for s in steps)


def test_cap_lines_explain_their_negative_rate() -> None:
    result = report(worker(Agreement.CINEMA), _busy_week(), CINEMA)
    caps = [line for line in result.premiums if line.kind is PremiumKind.CAP]
    assert caps
    assert all(line.rate < 0 < line.minutes for line in caps)
    step = next(s for s in explain(result) if s.rule_id.endswith(":premium_cap"))
    assert step.article == "Titre II art. 36"


def test_messages_read_in_french() -> None:
    french = error_messages("fr")
    result = report(worker(), _busy_week(), TV)
    for violation in result.violations:
        text = violation.message.translate(french)
        assert text != str(violation.message), str(violation.message)
        assert "Camille" in text
    weekly = next(v for v in result.violations if v.rule.key == "weekly_max.hours")
    assert weekly.message.translate(french) == (
        "Camille travaille 61h30 dans la semaine du 02/03/2026\u00a0; le maximum est de 48h00"
    )
    for step in explain(result):
        assert step.label.translate(french) != str(step.label)
