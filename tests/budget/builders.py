# SPDX-License-Identifier: AGPL-3.0-or-later
"""A small hand-built devis chart (nine chapters, two to three accounts each), fringe
groups and helpers for the budget tests.

The rates are test figures chosen for easy arithmetic, not the law: the charts and fringe
groups a production uses come from rule packs (``regie.budget.chart``,
``regie.budget.charges``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from regie.budget.model import (
    Account,
    AddOn,
    AddOnBase,
    Budget,
    BudgetLine,
    Chapter,
    Chart,
    ChartKind,
    Cited,
    Fringe,
    FringeGroup,
)
from regie.rules.pack import Status

REF = "test-devis@1"


def cited(key: str) -> Cited:
    return Cited(pack=REF, key=key, status=Status.ESTIMATED, citation="estimated — test figure")


CHAPTERS: tuple[tuple[int, str, tuple[tuple[str, str], ...]], ...] = (
    (1, "Droits artistiques", (("11", "Droits d’auteur"), ("12", "Droits musicaux"))),
    (
        2,
        "Personnel",
        (("21", "Producteurs"), ("22", "Réalisateur"), ("23", "Équipe technique")),
    ),
    (
        3,
        "Interprétation",
        (("31", "Rôles principaux"), ("32", "Seconds rôles"), ("33", "Figuration")),
    ),
    (
        4,
        "Charges sociales",
        (("41", "Charges sociales du personnel"), ("42", "Charges de l’interprétation")),
    ),
    (5, "Décors et costumes", (("51", "Décors"), ("52", "Costumes"))),
    (
        6,
        "Transports, défraiements, régie",
        (("61", "Transports"), ("62", "Défraiements"), ("63", "Régie")),
    ),
    (7, "Moyens techniques", (("71", "Caméra"), ("72", "Lumière"))),
    (8, "Postproduction", (("81", "Montage"), ("82", "Son"))),
    (9, "Assurances et divers", (("91", "Assurances"), ("92", "Frais financiers"))),
)

OVERHEADS = AddOn(
    key="overheads",
    title="Frais généraux",
    rate=Decimal("0.07"),
    base=AddOnBase.CHAPTERS,
    cited=cited("addons.overheads"),
    cap_rate=Decimal("0.07"),
    title_en="Overheads",
)
CONTINGENCY = AddOn(
    key="contingency",
    title="Imprévus",
    rate=Decimal("0.05"),
    base=AddOnBase.CHAPTERS_AND_OVERHEADS,
    cited=cited("addons.contingency"),
    title_en="Contingency",
)


def chart(
    *,
    drop: Iterable[str] = (),
    add: Mapping[str, str] | None = None,
    addons: tuple[AddOn, ...] = (OVERHEADS, CONTINGENCY),
    ref: str = REF,
) -> Chart:
    """The test chart; ``drop`` removes account codes, ``add`` appends ``{code: title}``
    at the end of the chapter of the code's first digit."""
    dropped, added = set(drop), dict(add or {})
    chapters = []
    for number, title, accounts in CHAPTERS:
        codes = [(code, name) for code, name in accounts if code not in dropped]
        codes += [(code, name) for code, name in added.items() if int(code[0]) == number]
        chapters.append(
            Chapter(number, title, tuple(Account(code, name, number) for code, name in codes))
        )
    return Chart(ref, ChartKind.CINEMA, "Devis de test", tuple(chapters), addons)


CHART = chart()

HEALTH = Fringe("employer.health", "Maladie", Decimal("0.07"), cited("health"), account="41")
PENSION = Fringe(
    "employer.pension_base",
    "Vieillesse plafonnée",
    Decimal("0.0855"),
    cited("pension_base"),
    ceiling=Decimal("3925"),
    account="41",
)
UNEMPLOYMENT = Fringe(  # no account: booked on the chart's first chapter-4 account, "41"
    "employer.unemployment",
    "Assurance chômage",
    Decimal("0.0405"),
    cited("unemployment"),
    ceiling=Decimal("15700"),
)
TECHNICIAN = FringeGroup("cddu_technician", "CDDU technicien", (HEALTH, PENSION, UNEMPLOYMENT))
PERFORMER = FringeGroup(
    "cddu_performer",
    "CDDU artiste",
    (
        Fringe("employer.health", "Maladie", Decimal("0.07"), cited("health"), account="42"),
        Fringe(
            "employer.pension_base",
            "Vieillesse plafonnée",
            Decimal("0.0855"),
            cited("pension_base"),
            ceiling=Decimal("3925"),
            account="42",
        ),
    ),
)
NO_CHARGES = FringeGroup("none", "Sans charges", ())
FRINGE_GROUPS: dict[str, FringeGroup] = {g.key: g for g in (TECHNICIAN, PERFORMER, NO_CHARGES)}


def line(
    id: str,
    account: str,
    quantity: str | int | Decimal,
    rate: str | int | Decimal,
    multiplier: str | int | Decimal = 1,
    *,
    group: str | None = None,
    unit: str = "jour",
    description: str = "",
) -> BudgetLine:
    return BudgetLine(
        id=id,
        account=account,
        description=description or f"ligne {id}",
        quantity=Decimal(quantity),
        unit=unit,
        rate=Decimal(rate),
        multiplier=Decimal(multiplier),
        fringe_group=group,
    )


def budget(
    *lines: BudgetLine,
    chart: Chart = CHART,
    addon_rates: Mapping[str, str] | None = None,
    fringe_groups: Mapping[str, FringeGroup] = FRINGE_GROUPS,
) -> Budget:
    return Budget(
        chart=chart,
        lines=tuple(lines),
        fringe_groups=dict(fringe_groups),
        addon_rates={k: Decimal(v) for k, v in (addon_rates or {}).items()},
    )


# The example of the unit tests; its figures are worked out by hand in test_compute.py.
EXAMPLE_LINES = (
    line("L1", "22", 30, "450.00", group="cddu_technician", description="Réalisateur"),
    line("L2", "31", 20, "1200.00", group="cddu_performer", description="Rôle principal"),
    line("L3", "71", 6, "3333.333", unit="semaine", description="Caméra"),
    line("L4", "62", "2.5", "10.05", description="Repas"),
    line("L5", "23", 25, "300", 2, group="cddu_technician", description="Électriciens"),
)


def example() -> Budget:
    return budget(*EXAMPLE_LINES)
