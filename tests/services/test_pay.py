# SPDX-License-Identifier: AGPL-3.0-or-later
"""Engagements' pay on the planned world (IDCC 3097, a feature film): the electrician's
two days (Monday 07:30–14:45, Tuesday night 17:30–03:10) at 350 € a day.

Base hourly rate: 350 € ÷ 8.75 paid hours (paygrid-idcc3097 conversions.day) = 40 €.
Base pay: 2 days × 350 € = 700,00 €. The contract is two days long, so the engine pays the
IDCC 3097 day engagement (T.II art. 34) instead of weekly overtime; each premium line is
weighted hours × 40 €, rounded to the cent:

    day engagement base  375 min × 0.25 = 1.5625 h × 40 = 62.50
    day engagement base  390 min × 0.25 = 1.625 h  × 40 = 65.00
    night 0-8 h          240 min × 0.50 = 2 h      × 40 = 80.00
    cap +100 %           100 min × −0.25 = −0.41667 h × 40 = −16.666… → −16.67
    day engagement 7-10  100 min × 0.50 = 0.8333 h × 40 = 33.333… → 33.33
    day engagement base  130 min × 0.25 = 0.54167 h × 40 = 21.666… → 21.67
    night 0-8 h          130 min × 0.50 = 1.08333 h × 40 = 43.333… → 43.33
                                                     premiums = 289.16
Gross = 700.00 + 289.16 = 989.16 €.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from regie.budget.grids import GridWarningKind
from regie.budget.pay import cent
from regie.core.errors import NotFound, PermissionDenied
from regie.schedule.people import (
    Department,
    EngagementFields,
    EngagementKind,
    PersonFields,
    RateUnit,
)
from regie.schedule.worktime import PremiumKind
from regie.services import boards, pay, people
from regie.services.database import Database
from tests.services.conftest import Office
from tests.services.test_boards_world import MONDAY, World, plan_world


@pytest.fixture
def world(database: Database, imported: Office) -> World:
    return plan_world(database, imported)


def test_the_electricians_pay(database: Database, world: World) -> None:
    board = boards.create_board(database, world.slug, 1, actor=None)
    got = pay.pay_statement(database, world.slug, world.gaffer.id, actor=world.office.accountant)
    assert got.board.id == board.id  # the primary board of the newest schedule
    assert got.on == MONDAY
    assert [d.date for d in got.days] == [MONDAY, MONDAY + dt.timedelta(days=1)]
    s = got.statement
    assert s.hourly == Decimal(40)
    assert s.base == Decimal("700.00")
    assert s.premium_total == Decimal("289.16")
    assert s.gross == Decimal("989.16")
    assert {p.line.kind for p in s.premiums} >= {PremiumKind.NIGHT, PremiumKind.DAY_ENGAGEMENT}
    for line in s.premiums:
        assert line.amount == cent(line.line.weighted_hours * Decimal(40))
        assert line.line.rule.article  # each premium cites its article
    assert s.gross == s.base + sum(p.amount for p in s.premiums)
    assert s.group is not None
    assert s.group.key == "cddu_technician"
    assert s.charges_total == sum(c.amount for c in s.charges)
    assert s.total_cost == s.gross + s.charges_total
    assert all(step.source for step in s.steps if step.cited or step.rule)
    assert any("0 %" in str(w) for w in s.warnings)  # employer.other is not set
    # chef_electricien maps to the grid's gaffer (draft-defaults jobs.grid): 350 € a day is
    # at or above its day minimum (265.12 €), as in rate_warnings.
    assert got.grid_warning is None
    assert any(p.startswith("cddu-contributions@") for p in got.packs)


def test_a_board_can_be_named(database: Database, world: World) -> None:
    first = boards.create_board(database, world.slug, 1, actor=None)
    got = pay.pay_statement(database, world.slug, world.helene.id, board_id=first.id, actor=None)
    assert got.statement.group is not None
    assert got.statement.group.key == "cddu_performer"
    assert got.statement.base == Decimal("1800.00")  # 2 days × 900 €


def test_without_a_board(database: Database, world: World) -> None:
    with pytest.raises(NotFound):
        pay.pay_statement(database, world.slug, world.gaffer.id, actor=None)


def test_who_may_see_pay(database: Database, world: World) -> None:
    boards.create_board(database, world.slug, 1, actor=None)
    for user in (world.office.crew, world.office.guest):
        with pytest.raises(PermissionDenied):
            pay.pay_statement(database, world.slug, world.gaffer.id, actor=user)
        with pytest.raises(PermissionDenied):
            pay.rate_warnings(database, world.slug, actor=user)
    with pytest.raises(NotFound):
        pay.pay_statement(database, world.slug, 9999, actor=None)


def test_rate_warnings(database: Database, world: World) -> None:
    cheap = people.engage(
        database,
        world.slug,
        PersonFields("Lise Aubry"),
        EngagementFields(
            kind=EngagementKind.CREW,
            position="Cheffe électricienne",
            department=Department.ELECTRIC,
            job_key="gaffer",
            daily_cost=Decimal("200"),
        ),
        actor=None,
    )
    fair = people.engage(
        database,
        world.slug,
        PersonFields("Noé Brun"),
        EngagementFields(
            kind=EngagementKind.CREW,
            position="Chef électricien",
            department=Department.ELECTRIC,
            job_key="gaffer",
            daily_cost=Decimal("400"),
        ),
        actor=None,
    )
    found = {w.engagement.id: w for w in pay.rate_warnings(database, world.slug, actor=None)}
    assert fair.id not in found
    below = found[cheap.id].warning
    assert below.kind is GridWarningKind.BELOW_MINIMUM
    assert below.minimum is not None
    assert below.shortfall == below.minimum.amount - 200
    message = str(found[cheap.id].message)
    assert "2024 grid" in message
    assert "paygrid-idcc3097@" in message
    assert found[cheap.id].on == MONDAY  # the newest schedule's first day
    assert found[world.helene.id].warning.kind is GridWarningKind.NOT_COMPARABLE  # no job
    # chef_electricien maps to the grid's gaffer (draft-defaults jobs.grid): 350 € a day
    # is at or above that minimum, so no warning.
    assert world.gaffer.id not in found


def _gaffer_fields(**changes: object) -> EngagementFields:
    base = EngagementFields(
        kind=EngagementKind.CREW,
        position="Chef électricien",
        department=Department.ELECTRIC,
        job_key="chef_electricien",
        daily_cost=Decimal("350"),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_the_statement_uses_the_contractual_rate(database: Database, world: World) -> None:
    boards.create_board(database, world.slug, 1, actor=None)
    people.update_engagement(
        database, world.slug, world.gaffer.id,
        _gaffer_fields(pay_rate=Decimal(1400), pay_unit=RateUnit.WEEK),
        world.gaffer.version, actor=None,
    )  # fmt: skip
    got = pay.pay_statement(database, world.slug, world.gaffer.id, actor=None)
    s = got.statement
    # One civil week (Monday and Tuesday) × 1 400 €; hourly 1 400 ÷ 40 paid hours = 35 €.
    assert (s.rate.amount, s.rate.unit) == (Decimal(1400), RateUnit.WEEK)
    assert (s.units, s.base, s.hourly) == (Decimal(1), Decimal("1400.00"), Decimal(35))
    for line in s.premiums:
        assert line.amount == cent(line.line.weighted_hours * Decimal(35))
    assert s.gross == s.base + s.premium_total
    assert got.grid_warning is None  # 1 400 € ≥ 1 211.98 € a 39 h week (gaffer)


def test_a_flat_fee_statement(database: Database, world: World) -> None:
    boards.create_board(database, world.slug, 1, actor=None)
    people.update_engagement(
        database, world.slug, world.gaffer.id,
        _gaffer_fields(pay_rate=Decimal(3000), pay_unit=RateUnit.FLAT),
        world.gaffer.version, actor=None,
    )  # fmt: skip
    got = pay.pay_statement(database, world.slug, world.gaffer.id, actor=None)
    assert (got.statement.base, got.statement.premium_total) == (Decimal("3000.00"), Decimal(0))
    assert got.statement.gross == Decimal("3000.00")
    assert any("flat fee" in str(w) for w in got.statement.warnings)
    assert got.grid_warning is not None
    assert got.grid_warning.kind is GridWarningKind.NOT_COMPARABLE


def test_rate_warnings_compare_the_contractual_rate_in_its_unit(
    database: Database, world: World
) -> None:
    def engage(name: str, rate: str, unit: RateUnit) -> int:
        return people.engage(
            database, world.slug, PersonFields(name),
            _gaffer_fields(job_key="gaffer", pay_rate=Decimal(rate), pay_unit=unit),
            actor=None,
        ).id  # fmt: skip

    weekly_low = engage("Lise Aubry", "1100", RateUnit.WEEK)  # < 1 211.98 € a week
    weekly_fair = engage("Noé Brun", "1300", RateUnit.WEEK)
    hourly_low = engage("Ève Roux", "25", RateUnit.HOUR)  # < 30.30 € an hour
    flat = engage("Ana Ruiz", "9000", RateUnit.FLAT)
    # The daily cost (350 €) is above the day minimum, but the contract pays 200 € a day.
    daily_low = engage("Jo Lenz", "200", RateUnit.DAY)
    found = {
        w.engagement.id: w.warning for w in pay.rate_warnings(database, world.slug, actor=None)
    }
    assert weekly_fair not in found
    assert found[weekly_low].kind is GridWarningKind.BELOW_MINIMUM
    assert found[weekly_low].unit == "week"
    floor = found[weekly_low].minimum
    assert floor is not None
    assert floor.amount == Decimal("1211.98")
    assert found[hourly_low].kind is GridWarningKind.BELOW_MINIMUM
    assert found[hourly_low].unit == "hour"
    assert found[flat].kind is GridWarningKind.NOT_COMPARABLE
    assert "flat fee" in str(found[flat].message)
    assert found[daily_low].kind is GridWarningKind.BELOW_MINIMUM
    assert found[daily_low].rate == Decimal(200)
