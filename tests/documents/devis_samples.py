# SPDX-License-Identifier: AGPL-3.0-or-later
"""A computed devis built by hand for the document and format tests: a small chart of the
nine CNC chapters with a few accounts, ten lines, employer contributions booked on chapter
4 and two add-ons. Every total below is computed by hand (the comments show the sums);
``test_devis.py`` checks that they agree with each other.

Lines (gross = quantity × rate × multiplier):

====== ==== ================================= ======= ======== ====== ============
id     acct description                       qty     rate     mult.  gross
====== ==== ================================= ======= ======== ====== ============
L0001  11   Droits d'auteur — scénario        1       30000.00 1      30000.00
L0002  21   Producteur délégué                10      2500.00  1      25000.00  T
L0003  22   Réalisateur                       8       3125.50  1      25004.00  T
L0004  31   Rôle principal — Hélène           20      650.25   1      13005.00  P
L0005  32   Silhouettes                       3       120.00   4       1440.00  P
L0006  51   Construction décor du quai        1       8500.75  1       8500.75
L0007  61   Location camion régie             25      180.00   1       4500.00
L0008  71   Caméra et optiques                5       4200.00  1      21000.00
L0009  81   Salle de montage                  6       1500.00  1       9000.00
L0010  91   Assurance tournage                1       3200.00  1       3200.00
====== ==== ================================= ======= ======== ====== ============

lines_total = 140649.75

T (CDDU technician, booked on account 41): 38 % + 4.05 %
  L0002: 9500.00 + 1012.50 = 10512.50 ; L0003: 9501.52 + 1012.66 = 10514.18 → 41: 21026.68
P (CDDU performer, booked on account 42): 42 %
  L0004: 5462.10 ; L0005: 604.80 → 42: 6066.90
fringes_total = 27093.58 ; chapters_total = 167743.33
overheads 7 % of 167743.33 = 11742.03 ; contingency 5 % of 179485.36 = 8974.27
total = 188459.63
"""

from __future__ import annotations

from decimal import Decimal

from regie.budget.model import (
    Account,
    AccountTotal,
    AddOn,
    AddOnBase,
    AddOnTotal,
    Budget,
    BudgetLine,
    Chapter,
    ChapterTotal,
    Chart,
    ChartKind,
    Cited,
    Devis,
    Fringe,
    FringeGroup,
    LineTotal,
    Place,
)
from regie.rules.pack import Status

D = Decimal
REF = "devis-cnc-cinema@test"


def _cited(key: str) -> Cited:
    return Cited(REF, key, Status.CUSTOMARY, "Test chart, not a rule pack (tests)")


def _chapter(number: int, title: str, title_en: str, *accounts: tuple[str, str, str]) -> Chapter:
    return Chapter(
        number,
        title,
        tuple(Account(code, fr, number, en) for code, fr, en in accounts),
        title_en,
    )


CHART = Chart(
    ref=REF,
    kind=ChartKind.CINEMA,
    title="Devis cinéma (CNC)",
    chapters=(
        _chapter(
            1,
            "Droits artistiques",
            "Rights",
            ("11", "Droits d'auteur", "Authors' rights"),
            ("12", "Droits musicaux", "Music rights"),
        ),
        _chapter(
            2,
            "Personnel",
            "Staff",
            ("21", "Producteurs", "Producers"),
            ("22", "Réalisateur", "Director"),
        ),
        _chapter(
            3,
            "Interprétation",
            "Cast",
            ("31", "Rôles principaux", "Leading roles"),
            ("32", "Petits rôles et figuration", "Small parts and extras"),
        ),
        _chapter(
            4,
            "Charges sociales",
            "Employer contributions",
            ("41", "Charges sur personnel", "On staff"),
            ("42", "Charges sur interprétation", "On cast"),
        ),
        _chapter(5, "Décors et costumes", "Sets and costumes", ("51", "Décors", "Sets")),
        _chapter(
            6,
            "Transports, défraiements, régie",
            "Transport, per diems, unit",
            ("61", "Transports", "Transport"),
            ("62", "Défraiements", "Per diems"),
        ),
        _chapter(7, "Moyens techniques", "Equipment", ("71", "Caméra", "Camera")),
        _chapter(8, "Post-production", "Post-production", ("81", "Montage", "Editing")),
        _chapter(9, "Assurances et divers", "Insurance and sundries", ("91", "Assurances", "")),
    ),
    addons=(
        AddOn(
            "overheads",
            "Frais généraux",
            D("0.07"),
            AddOnBase.CHAPTERS,
            _cited("addons.overheads"),
            title_en="Overheads",
        ),
        AddOn(
            "contingency",
            "Imprévus",
            D("0.05"),
            AddOnBase.CHAPTERS_AND_OVERHEADS,
            _cited("addons.contingency"),
            title_en="Contingency",
        ),
    ),
)

TECHNICIAN = FringeGroup(
    "cddu_technician",
    "CDDU technicien",
    (
        Fringe("employer.social", "Cotisations patronales", D("0.38"), _cited("f.s"), None, "41"),
        Fringe(
            "employer.unemployment", "Assurance chômage", D("0.0405"), _cited("f.u"), None, "41"
        ),
    ),
)
PERFORMER = FringeGroup(
    "cddu_performer",
    "CDDU artiste",
    (Fringe("employer.all", "Cotisations patronales", D("0.42"), _cited("f.p"), None, "42"),),
)

LINES = (
    BudgetLine("L0001", "11", "Droits d'auteur — scénario", D(1), "forfait", D("30000.00")),
    BudgetLine(
        "L0002",
        "21",
        "Producteur délégué",
        D(10),
        "semaine",
        D("2500.00"),
        fringe_group="cddu_technician",
    ),
    BudgetLine(
        "L0003",
        "22",
        "Réalisateur",
        D(8),
        "semaine",
        D("3125.50"),
        fringe_group="cddu_technician",
        note="Prép. comprise",
    ),
    BudgetLine(
        "L0004",
        "31",
        "Rôle principal — Hélène",
        D(20),
        "jour",
        D("650.25"),
        fringe_group="cddu_performer",
        origin="DOOD: 1 Hélène (20 jours)",
    ),
    BudgetLine(
        "L0005",
        "32",
        "Silhouettes; quai",  # a separator inside a field
        D(3),
        "jour",
        D("120.00"),
        D(4),
        fringe_group="cddu_performer",
        place=Place.REGION,
    ),
    BudgetLine(
        "L0006",
        "51",
        "Construction décor du quai",
        D(1),
        "forfait",
        D("8500.75"),
        place=Place.REGION,
    ),
    BudgetLine("L0007", "61", "Location camion régie", D(25), "jour", D("180.00")),
    BudgetLine(
        "L0008",
        "71",
        "Caméra et optiques",
        D(5),
        "semaine",
        D("4200.00"),
        place=Place.EU,
        tax_credit=False,
    ),
    BudgetLine("L0009", "81", "Salle de montage", D(6), "semaine", D("1500.00")),
    BudgetLine("L0010", "91", "Assurance tournage", D(1), "forfait", D("3200.00")),
)

GROSS = {
    "L0001": D("30000.00"),
    "L0002": D("25000.00"),
    "L0003": D("25004.00"),
    "L0004": D("13005.00"),
    "L0005": D("1440.00"),
    "L0006": D("8500.75"),
    "L0007": D("4500.00"),
    "L0008": D("21000.00"),
    "L0009": D("9000.00"),
    "L0010": D("3200.00"),
}
FRINGES = {
    "L0002": (D("9500.00"), D("1012.50")),
    "L0003": (D("9501.52"), D("1012.66")),
    "L0004": (D("5462.10"),),
    "L0005": (D("604.80"),),
}
CHARGES = {"41": D("21026.68"), "42": D("6066.90")}
CHAPTER_TOTALS = {
    1: D("30000.00"),
    2: D("50004.00"),
    3: D("14445.00"),
    4: D("27093.58"),
    5: D("8500.75"),
    6: D("4500.00"),
    7: D("21000.00"),
    8: D("9000.00"),
    9: D("3200.00"),
}
LINES_TOTAL = D("140649.75")
FRINGES_TOTAL = D("27093.58")
CHAPTERS_TOTAL = D("167743.33")
OVERHEADS = D("11742.03")
CONTINGENCY = D("8974.27")
TOTAL = D("188459.63")

BUDGET = Budget(
    chart=CHART,
    lines=LINES,
    fringe_groups={g.key: g for g in (TECHNICIAN, PERFORMER)},
    globals={"shoot_days": D(25)},
)


def _line_total(line: BudgetLine) -> LineTotal:
    amounts = FRINGES.get(line.id, ())
    group = BUDGET.fringe_groups.get(line.fringe_group or "")
    fringes = tuple(zip(group.fringes, amounts, strict=True)) if group else ()
    return LineTotal(line, GROSS[line.id], fringes, sum(amounts, D(0)))


def _account_total(account: Account) -> AccountTotal:
    lines = tuple(_line_total(line) for line in LINES if line.account == account.code)
    gross = sum((line.gross for line in lines), D(0))
    return AccountTotal(account, lines, gross, CHARGES.get(account.code, D(0)))


DEVIS = Devis(
    budget=BUDGET,
    chapters=tuple(
        ChapterTotal(
            chapter,
            tuple(_account_total(a) for a in chapter.accounts),
            CHAPTER_TOTALS[chapter.number],
        )
        for chapter in CHART.chapters
    ),
    lines_total=LINES_TOTAL,
    fringes_total=FRINGES_TOTAL,
    chapters_total=CHAPTERS_TOTAL,
    addons=(
        AddOnTotal(CHART.addons[0], D("0.07"), CHAPTERS_TOTAL, OVERHEADS),
        AddOnTotal(CHART.addons[1], D("0.05"), CHAPTERS_TOTAL + OVERHEADS, CONTINGENCY),
    ),
    total=TOTAL,
)
