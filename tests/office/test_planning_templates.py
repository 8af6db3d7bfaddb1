# SPDX-License-Identifier: AGPL-3.0-or-later
"""The backward-plan templates of the rule pack: each instantiates and holds its delivery
date; scaling, shoot dates, options, per-episode post-production and contractual dates."""

from __future__ import annotations

import datetime as dt

import pytest

from regie.core.errors import RuleError, ValidationError
from regie.core.production import ProductionKind
from regie.office.planning import Phase, RiskKind, schedule, slip
from regie.office.planning.postplan import post_plan
from regie.office.planning.templates import (
    PACK_ID,
    PlanRequest,
    PlanTemplate,
    instantiate,
    load_templates,
    template_for,
)
from regie.rules.pack import Status, parse_pack
from regie.rules.registry import shipped_pack

D = dt.date
DELIVERY = D(2027, 9, 30)


@pytest.fixture(scope="module")
def templates() -> dict[ProductionKind, PlanTemplate]:
    return load_templates(shipped_pack(PACK_ID))


def test_every_programme_kind_has_a_template(templates: dict[ProductionKind, PlanTemplate]) -> None:
    assert set(templates) == set(ProductionKind)


def test_every_duration_says_where_it_comes_from() -> None:
    pack = shipped_pack(PACK_ID)
    for entry in pack:
        assert entry.status in {Status.CUSTOMARY, Status.ESTIMATED, Status.SECONDARY}
        assert entry.note, entry.key  # customary values carry a note saying what they are
        if entry.status is not Status.CUSTOMARY:
            assert entry.sources, entry.key


@pytest.mark.parametrize("kind", list(ProductionKind))
def test_each_template_holds_its_delivery_date(
    templates: dict[ProductionKind, PlanTemplate], kind: ProductionKind
) -> None:
    plan = instantiate(templates[kind], PlanRequest(delivery=DELIVERY))
    result = schedule(plan)
    assert result.at_risk == ()
    assert result.min_float == 0  # started as late as the delivery allows
    assert result.start == result.latest_start
    delivery = result.of("delivery")
    assert delivery.task.milestone
    assert delivery.task.deadline == DELIVERY
    assert delivery.finish == DELIVERY  # nothing to spare on the critical path
    assert delivery.critical
    assert all(s.total_float >= 0 for s in result.tasks)
    phases = {s.task.phase for s in result.tasks}
    assert {Phase.SHOOT, Phase.POST, Phase.DELIVERY} <= phases
    assert all(s.task.note for s in result.tasks)
    assert plan.template == f"{PACK_ID}@2026.1:{kind.value}"


@pytest.mark.parametrize("kind", list(ProductionKind))
def test_each_template_from_the_schedules_dates(
    templates: dict[ProductionKind, PlanTemplate], kind: ProductionKind
) -> None:
    plan = instantiate(
        templates[kind],
        PlanRequest(delivery=DELIVERY, shoot_start=D(2027, 3, 1), shoot_end=D(2027, 3, 12)),
    )
    result = schedule(plan)
    shoot = next(s for s in result.tasks if s.task.phase is Phase.SHOOT and s.duration >= 10)
    assert (shoot.start, shoot.finish, shoot.duration) == (D(2027, 3, 1), D(2027, 3, 12), 10)
    assert result.at_risk == ()
    assert all(s.total_float >= 0 for s in result.tasks)


def test_impossible_dates_are_said(templates: dict[ProductionKind, PlanTemplate]) -> None:
    """A wrap one week before delivery leaves no room for post-production."""
    plan = instantiate(
        templates[ProductionKind.FEATURE_FILM],
        PlanRequest(delivery=DELIVERY, shoot_start=D(2027, 8, 2), shoot_end=D(2027, 9, 23)),
    )
    result = schedule(plan)
    assert result.min_float < 0
    risk = next(r for r in result.at_risk if r.task == "delivery")
    assert risk.kind is RiskKind.CONTRACTUAL
    assert risk.due == DELIVERY
    assert risk.working_days_late == -result.of("delivery").total_float > 0


def test_scaling_by_episodes_and_running_time(
    templates: dict[ProductionKind, PlanTemplate],
) -> None:
    series = templates[ProductionKind.TV_FICTION]
    three = instantiate(series, PlanRequest(delivery=DELIVERY, episodes=3))
    assert three.task("shoot").duration == 3 * 7  # 7 days per 52-minute episode
    assert three.task("edit.e03").duration == 15
    assert [t.id for t in three.tasks if t.id.startswith("edit.")] == [
        "edit.e01", "edit.e02", "edit.e03",
    ]  # fmt: skip
    short = instantiate(series, PlanRequest(delivery=DELIVERY, episodes=3, running_minutes=26))
    assert short.task("shoot").duration == 11  # ceil(3 × 7 × 26 / 52)
    assert short.task("edit.e01").duration == 8  # ceil(15 × 26 / 52)
    assert short.task("picture_lock.e01").duration == 0
    film = instantiate(templates[ProductionKind.FEATURE_FILM], PlanRequest(delivery=DELIVERY))
    assert film.task("edit").episode == 1
    assert film.task("shoot").episode is None


def test_post_lines_and_shoot_shares_per_episode(
    templates: dict[ProductionKind, PlanTemplate],
) -> None:
    plan = instantiate(templates[ProductionKind.TV_FICTION], PlanRequest(delivery=DELIVERY))
    links = {t.id: {(d.task, d.kind.value, d.lag) for d in t.dependencies} for t in plan.tasks}
    # three editing rooms: episode 4 waits for episode 1; its share of 42 shoot days is 28
    assert links["edit.e04"] == {("edit.e01", "FS", 0), ("shoot", "FS", 28 - 42)}
    assert ("grading.e02", "FS", 0) in links["grading.e03"]  # one grading suite
    assert links["delivery"] >= {(f"episode_delivery.e0{n}", "FS", 0) for n in range(1, 7)}
    result = schedule(plan)
    edits = [result.of(f"edit.e0{n}").start for n in range(1, 7)]
    assert edits == sorted(edits)
    assert result.of("edit.e06").start > result.of("shoot").finish  # last share: after the wrap


def test_a_longer_shoot_pushes_the_last_episode_and_the_delivery(
    templates: dict[ProductionKind, PlanTemplate],
) -> None:
    plan = instantiate(templates[ProductionKind.TV_FICTION], PlanRequest(delivery=DELIVERY))
    result = schedule(slip(plan, "shoot", days=3))
    risk = next(r for r in result.at_risk if r.task == "delivery")
    assert risk.working_days_late == 3
    pushed = {r.task for r in result.at_risk if r.kind is RiskKind.MILESTONE}
    assert {"shoot_end", "episode_delivery.e06", "picture_lock.e06"} <= pushed


def test_episode_contractual_dates_and_the_post_plan(
    templates: dict[ProductionKind, PlanTemplate],
) -> None:
    dates = (D(2027, 9, 1), D(2027, 9, 10))
    plan = instantiate(
        templates[ProductionKind.TV_FICTION],
        PlanRequest(delivery=DELIVERY, episodes=3, episode_deliveries=dates),
    )
    assert plan.task("episode_delivery.e01").deadline == dates[0]
    assert plan.task("episode_delivery.e02").deadline == dates[1]
    assert plan.task("episode_delivery.e03").deadline is None  # not given
    result = schedule(plan)
    post = post_plan(result)
    assert [u.episode for u in post.units] == [1, 2, 3]
    first = post.units[0]
    assert first.contractual == dates[0]
    assert post.units[2].contractual == DELIVERY
    assert first.expected == result.of("episode_delivery.e01").finish <= dates[0]
    titles = [s.title for s in first.steps]
    assert titles[0].startswith("Montage image")
    assert "Mixage — ép. 1" in titles
    assert {s.task for s in first.steps} >= {"vfx.e01", "grading.e01", "qc.e01", "mix.e01"}


def test_contractual_dates_relative_to_the_shoot_and_the_delivery(
    templates: dict[ProductionKind, PlanTemplate],
) -> None:
    plan = instantiate(
        templates[ProductionKind.FEATURE_FILM],
        PlanRequest(delivery=DELIVERY, shoot_start=D(2027, 3, 1), shoot_end=D(2027, 4, 9)),
    )
    assert plan.task("vhss_module").deadline == D(2027, 3, 16)  # start of shooting + 15 days
    series = instantiate(templates[ProductionKind.TV_FICTION], PlanRequest(delivery=D(2027, 8, 31)))
    assert series.task("production_account").deadline == D(2028, 2, 29)  # + 6 months
    no_dates = instantiate(templates[ProductionKind.FEATURE_FILM], PlanRequest(delivery=DELIVERY))
    assert no_dates.task("vhss_module").deadline is None


def test_the_minors_option(templates: dict[ProductionKind, PlanTemplate]) -> None:
    film = templates[ProductionKind.FEATURE_FILM]
    without = instantiate(film, PlanRequest(delivery=DELIVERY))
    assert "minors" not in {t.id for t in without.tasks}
    assert "minors" not in {d.task for d in without.task("shoot").dependencies}
    with_minors = instantiate(film, PlanRequest(delivery=DELIVERY, options=frozenset({"minors"})))
    assert with_minors.task("minors").duration == 21
    assert "secondary" in with_minors.task("minors").note
    assert "minors" in {d.task for d in with_minors.task("shoot").dependencies}


def test_only_the_wrap_known(templates: dict[ProductionKind, PlanTemplate]) -> None:
    plan = instantiate(
        templates[ProductionKind.DOCUMENTARY],
        PlanRequest(delivery=DELIVERY, shoot_end=D(2027, 5, 28)),
    )
    shoot = schedule(plan).of("shoot")
    assert shoot.finish == D(2027, 5, 28)
    assert shoot.duration == 20


def test_bad_requests_and_bad_templates() -> None:
    pack = shipped_pack(PACK_ID)
    film = template_for(pack, ProductionKind.FEATURE_FILM)
    with pytest.raises(ValidationError, match="ends before it starts"):
        instantiate(
            film,
            PlanRequest(delivery=DELIVERY, shoot_start=D(2027, 5, 1), shoot_end=D(2027, 4, 1)),
        )
    with pytest.raises(ValidationError, match="episode count"):
        instantiate(film, PlanRequest(delivery=DELIVERY, episodes=0))
    with pytest.raises(ValidationError, match="running time"):
        instantiate(film, PlanRequest(delivery=DELIVERY, running_minutes=0))
    broken = parse_pack(
        'pack: retroplanning-templates\nversion: "1"\nvalues:\n'
        '  corporate.template: {value: {title: "T"}, status: customary}\n'
        '  corporate.task.a: {value: {title: "A", phase: post, duration: "2", after: [zz]},'
        " status: customary}\n",
        path="mine.yaml",
    )
    with pytest.raises(RuleError, match="'zz'"):
        template_for(broken, ProductionKind.CORPORATE)
    with pytest.raises(RuleError, match="no backward-plan template"):
        template_for(broken, ProductionKind.MAGAZINE)
