# SPDX-License-Identifier: AGPL-3.0-or-later
"""Cast and crew engaged in the production: ``regie cast add``, ``regie crew add``,
``regie people list|unavailable|remove``. An engagement is named by its number (the first
column of ``regie people list``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.context import JsonOption, ListGroup, command, group, production
from regie.cli.schedule import parse_date, parse_decimal, tr, yes_no
from regie.core.errors import ValidationError
from regie.core.text import t
from regie.schedule.people import RATE_UNIT_LABELS, Department, EngagementKind, RateUnit

if TYPE_CHECKING:
    import datetime as dt
    from decimal import Decimal

    from regie.schedule.people import Engagement, EngagementFields, PersonFields

cast_app = group(
    "Les comédiens : `regie cast` les liste ; `regie cast add` en engage un.", cls=ListGroup
)
crew_app = group(
    "L'équipe technique : `regie crew` la liste ; `regie crew add` engage quelqu'un.",
    cls=ListGroup,
)
people_app = group(
    "Comédiens et équipe : `regie people` les liste ; indisponibilités, fin d'engagement.",
    cls=ListGroup,
)

EngagementArgument = Annotated[
    int, typer.Argument(metavar="ID", help="Numéro de l'engagement (regie people list).")
]
DailyCostOption = Annotated[
    str, typer.Option("--daily-cost", help="Coût d'une journée, en euros (poids du planning).")
]
RateOption = Annotated[
    str | None,
    typer.Option("--rate", help="Taux du contrat, en euros bruts (défaut : le coût journalier)."),
]
RateUnitOption = Annotated[
    RateUnit,
    typer.Option("--rate-unit", help="Unité du taux : day, week, hour ou flat (forfait)."),
]
FromOption = Annotated[
    str | None, typer.Option("--from", help="Début de l'engagement (AAAA-MM-JJ).")
]
ToOption = Annotated[str | None, typer.Option("--to", help="Fin de l'engagement (AAAA-MM-JJ).")]
ResidenceOption = Annotated[
    str | None,
    typer.Option(
        "--residence", help="Pays de résidence (code ISO, FR, BE…), pour le crédit d'impôt."
    ),
]
EuropeanOption = Annotated[
    bool | None,
    typer.Option(
        "--european/--not-european",
        help="Remplit la condition de nationalité (française, UE, CETT…).",
    ),
]


def engagement_json(engagement: Engagement) -> dict[str, Any]:
    personal = engagement.person.personal
    return {
        "id": engagement.id,
        "person_id": engagement.person.id,
        "name": engagement.name,
        "kind": engagement.kind.value,
        "position": engagement.position,
        "department": engagement.department.value,
        "job_key": engagement.job_key,
        "daily_cost": engagement.daily_cost,
        "pay_rate": engagement.pay_rate,
        "pay_unit": engagement.pay_unit.value,
        "start": engagement.start,
        "end": engagement.end,
        "characters": list(engagement.characters),
        "max_daily_minutes": engagement.max_daily_minutes,
        "birth_date": None if personal is None else personal.birth_date,
        "residence": None if personal is None else personal.residence,
        "european": None if personal is None else personal.european,
        "unavailable": [
            {"id": w.id, "start": w.start, "end": w.end, "reason": w.reason}
            for w in engagement.unavailable
        ],
        "version": engagement.version,
    }


def _pay_rate(rate: str | None) -> Decimal | None:
    return None if rate is None else parse_decimal(rate, "--rate")


def rate_text(engagement: Engagement) -> str | None:
    """``450 € a week``; ``None`` without a contractual rate (the daily cost applies)."""
    if engagement.pay_rate is None:
        return None
    return f"{engagement.pay_rate} € {tr(RATE_UNIT_LABELS[engagement.pay_unit])}"


def _dates(start: str | None, end: str | None) -> tuple[dt.date | None, dt.date | None]:
    return (
        None if start is None else parse_date(start, "--from"),
        None if end is None else parse_date(end, "--to"),
    )


def _engage(person: PersonFields, fields: EngagementFields, json_output: bool) -> None:
    from regie.services import people

    with production() as (config, db):
        engaged = people.engage(db, config.slug, person, fields, actor=None)
    if json_output:
        output.print_json(engagement_json(engaged))
        return
    output.success(tr(t("{name} engaged (number {id}).", name=engaged.name, id=engaged.id)))


@command(cast_app, "add", "Engager un comédien pour un ou plusieurs personnages.")
def add_cast(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Nom du comédien.")],
    *,
    plays: Annotated[list[str], typer.Option("--plays", help="Personnage joué (répétable).")],
    daily_cost: DailyCostOption = "0",
    birth_date: Annotated[
        str | None, typer.Option("--birth-date", help="Date de naissance (mineurs).")
    ] = None,
    max_daily_minutes: Annotated[
        int | None,
        typer.Option("--max-daily-minutes", help="Plafond quotidien d'un enfant, en minutes."),
    ] = None,
    position: Annotated[
        str | None, typer.Option("--position", help="Intitulé du contrat (défaut : le rôle).")
    ] = None,
    rate: RateOption = None,
    rate_unit: RateUnitOption = RateUnit.DAY,
    start: FromOption = None,
    end: ToOption = None,
    residence: ResidenceOption = None,
    european: EuropeanOption = None,
    json_output: JsonOption = False,
) -> None:
    from regie.schedule.people import EngagementFields, PersonFields

    first, last = _dates(start, end)
    fields = EngagementFields(
        kind=EngagementKind.CAST,
        position=position or tr(t("Role: {characters}", characters=", ".join(plays))),
        department=Department.CAST,
        daily_cost=parse_decimal(daily_cost, "--daily-cost"),
        pay_rate=_pay_rate(rate),
        pay_unit=rate_unit,
        start=first,
        end=last,
        characters=tuple(plays),
        max_daily_minutes=max_daily_minutes,
    )
    born = None if birth_date is None else parse_date(birth_date, "--birth-date")
    person = PersonFields(name, born, residence=residence, european=european)
    _engage(person, fields, json_output)


@command(crew_app, "add", "Engager un membre de l'équipe technique.")
def add_crew(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Nom.")],
    *,
    position: Annotated[str, typer.Option("--position", help="Poste (ex. Chef électricien).")],
    department: Annotated[
        Department, typer.Option("--department", help="Département (camera, electric…).")
    ],
    job: Annotated[
        str, typer.Option("--job", help="Clé de l'emploi dans la convention (ex. electricien).")
    ] = "",
    daily_cost: DailyCostOption = "0",
    rate: RateOption = None,
    rate_unit: RateUnitOption = RateUnit.DAY,
    start: FromOption = None,
    end: ToOption = None,
    residence: ResidenceOption = None,
    european: EuropeanOption = None,
    json_output: JsonOption = False,
) -> None:
    from regie.schedule.people import EngagementFields, PersonFields

    if department is Department.CAST:
        raise ValidationError(
            t("the cast department is for cast members"),
            field="--department",
            hint=t("Engage a cast member with `regie cast add`"),
        )
    first, last = _dates(start, end)
    fields = EngagementFields(
        kind=EngagementKind.CREW,
        position=position,
        department=department,
        daily_cost=parse_decimal(daily_cost, "--daily-cost"),
        pay_rate=_pay_rate(rate),
        pay_unit=rate_unit,
        job_key=job,
        start=first,
        end=last,
    )
    _engage(PersonFields(name, residence=residence, european=european), fields, json_output)


def _list(kind: EngagementKind | None, json_output: bool) -> None:
    from regie.services import people

    with production() as (config, db):
        found = people.list_engagements(db, config.slug, actor=None, kind=kind)
    if json_output:
        output.print_json([engagement_json(e) for e in found])
        return
    output.table(
        tr(t("Cast and crew")),
        [tr(t("No.")), tr(t("Name")), tr(t("Position")), tr(t("Department")), tr(t("Job")),
         tr(t("Characters")), tr(t("Daily cost")), tr(t("Contract rate")), tr(t("Born")),
         tr(t("Residence")), tr(t("European")), tr(t("Unavailable"))],
        [
            (
                e.id, e.name, e.position, e.department.value, e.job_key or None,
                ", ".join(e.characters) or None, e.daily_cost, rate_text(e),
                None if e.person.personal is None else e.person.personal.birth_date,
                None if e.person.personal is None else e.person.personal.residence,
                _european(e),
                "; ".join(tr(t("{start} to {end}", start=w.start, end=w.end))
                          for w in e.unavailable) or None,
            )
            for e in found
        ],
    )  # fmt: skip


def _european(engagement: Engagement) -> str | None:
    """Whether the person meets the nationality condition, ``None`` when not stated."""
    personal = engagement.person.personal
    if personal is None or personal.european is None:
        return None
    return yes_no(personal.european)


KindOption = Annotated[
    EngagementKind | None, typer.Option("--kind", help="Seulement cast ou crew.")
]


@command(people_app, "list", "Lister les comédiens et l'équipe engagés.")
def list_people(kind: KindOption = None, json_output: JsonOption = False) -> None:
    _list(kind, json_output)


@command(cast_app, "list", "Lister les comédiens engagés.")
def list_cast(json_output: JsonOption = False) -> None:
    _list(EngagementKind.CAST, json_output)


@command(crew_app, "list", "Lister l'équipe technique engagée.")
def list_crew(json_output: JsonOption = False) -> None:
    _list(EngagementKind.CREW, json_output)


@command(people_app, "unavailable", "Saisir des dates où une personne ne peut pas travailler.")
def unavailable(
    engagement: EngagementArgument,
    start: Annotated[str, typer.Argument(metavar="FROM", help="Premier jour (AAAA-MM-JJ).")],
    end: Annotated[str, typer.Argument(metavar="TO", help="Dernier jour (AAAA-MM-JJ).")],
    reason: Annotated[str, typer.Option("--reason", help="Motif (autre tournage…).")] = "",
    json_output: JsonOption = False,
) -> None:
    from regie.services import availability, people

    first, last = parse_date(start, "FROM"), parse_date(end, "TO")
    with production() as (config, db):
        window = availability.add_engagement_window(
            db, config.slug, engagement, first, last, reason=reason, actor=None
        )
        person = people.get_engagement(db, config.slug, engagement, actor=None)
    if json_output:
        output.print_json(engagement_json(person))
        return
    output.success(
        tr(t("{name} is unavailable from {start} to {end}.", name=person.name,
             start=window.start, end=window.end))
    )  # fmt: skip


@command(people_app, "remove", "Mettre fin à un engagement dans la production.")
def remove(engagement: EngagementArgument) -> None:
    from regie.services import people

    with production() as (config, db):
        found = people.get_engagement(db, config.slug, engagement, actor=None)
        people.remove_engagement(db, config.slug, engagement, found.version, actor=None)
    output.success(tr(t("The engagement of {name} has ended.", name=found.name)))
