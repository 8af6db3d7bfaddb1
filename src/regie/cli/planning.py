# SPDX-License-Identifier: AGPL-3.0-or-later
"""The backward plan (rétroplanning): ``regie plan template list|new|show|slip|list``.

Plans live in JSON files (:mod:`regie.formats.plan_file`) or in the production's
database. As files: ``plan new … -o plan.json`` makes one, ``plan show plan.json``
recomputes its dates, ``plan slip plan.json TASK --days N`` records a slip and says which
dates are now at risk. Stored, inside a production folder: ``plan new KIND --delivery D
--save`` (shoot dates from the main board, episodes and running time from the
production), ``plan list``, ``plan show --stored ID``, ``plan slip --stored ID TASK --days
N``. ``-o`` writes the plan (``.json``), its Gantt (``.pdf``) or its calendar (``.ics``).
Inside a production folder, its own rule packs (``rules/``) are used.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.context import JsonOption, command, group, lang, say
from regie.core.errors import InputError, RegieError, ValidationError
from regie.core.production import KIND_LABELS, ProductionKind
from regie.core.text import Text, t

if TYPE_CHECKING:
    from regie.office.planning.cpm import PlanSchedule
    from regie.office.planning.model import Plan
    from regie.office.planning.templates import PlanTemplate
    from regie.services.plans import PlanView

plan_app = group("Rétroplanning : modèles par genre, chemin critique, glissements, Gantt et ICS.")
template_app = group("Modèles de rétroplanning par genre.")
plan_app.add_typer(template_app, name="template")

OutputOption = Annotated[
    Path | None,
    typer.Option(
        "-o", "--output", help="Écrire le plan (.json), son Gantt (.pdf) ou son calendrier (.ics)."
    ),
]
RulesOption = Annotated[
    Path | None,
    typer.Option("--rules", help="Dossier de règles de la production (packs YAML plus récents)."),
]
UidOption = Annotated[str, typer.Option("--uid-domain", help="Domaine des identifiants ICS.")]
PlanFile = Annotated[Path, typer.Argument(help="Fichier du plan (.json).")]
StoredOption = Annotated[
    int | None,
    typer.Option("--stored", help="Numéro d'un plan enregistré dans la production (plan list)."),
]


def tr(text: Text) -> str:
    """``text`` in the output language."""
    from regie.documents.i18n import error_messages

    return text.translate(error_messages(lang()))


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            t("'{value}' is not a date", value=value),
            field=option,
            hint=t("Write dates as YYYY-MM-DD, e.g. 2027-09-30"),
        ) from None


def _rule_dirs(rules: Path | None) -> tuple[Path, ...]:
    if rules is not None:
        if not rules.is_dir():
            raise InputError(
                t("the folder {path} does not exist", path=rules),
                where="--rules",
                hint=t("Give the folder that holds the production's rule packs"),
            )
        return (rules,)
    try:
        from regie.cli.context import folder

        own = folder().root / "rules"
    except RegieError:  # not inside a production folder: the shipped packs only
        return ()
    return (own,) if own.is_dir() else ()


def _templates(rules: Path | None) -> dict[ProductionKind, PlanTemplate]:
    from regie.office.planning.templates import PACK_ID, load_templates
    from regie.rules.registry import pack

    return load_templates(pack(PACK_ID, extra_dirs=_rule_dirs(rules)))


def _read(path: Path) -> Plan:
    from regie.formats.plan_file import read_plan

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            t("cannot read the file ({problem})", problem=exc.strerror),
            where=str(path),
            hint=t("Check the path of the plan file"),
        ) from None
    return read_plan(data, path.name)


def _write(
    path: Path,
    plan: Plan,
    computed: PlanSchedule,
    uid_domain: str,
    *,
    plan_id: str | None = None,
) -> None:
    suffix = path.suffix.lower()
    if suffix == ".json":
        from regie.formats.plan_file import write_plan

        data = write_plan(plan)
    elif suffix == ".pdf":
        from regie.documents.gantt import gantt_pdf

        data = gantt_pdf(computed, locale=lang())
    elif suffix == ".ics":
        from regie.core.ids import slugify
        from regie.documents.gantt import plan_ics

        data = plan_ics(
            computed,
            plan_id=plan_id or slugify(plan.title),
            uid_domain=uid_domain,
            dtstamp=dt.datetime.now(dt.UTC).replace(microsecond=0),
            locale=lang(),
        )
    else:
        raise ValidationError(
            t("cannot write a plan as '{suffix}'", suffix=suffix or path.name),
            field="--output",
            hint=t("Name the file .json (the plan), .pdf (the Gantt) or .ics (the calendar)"),
        )
    output.write_file(path, data)


# -- printing -----------------------------------------------------------------------------------


def schedule_document(computed: PlanSchedule) -> dict[str, Any]:
    """The ``--json`` document: the plan, its tasks with their dates, the critical path,
    the dates at risk and the post-production plan per episode."""
    from regie.office.planning.postplan import post_plan

    plan = computed.plan
    post = post_plan(computed)
    return {
        "plan": {
            "title": plan.title,
            "kind": plan.kind,
            "template": plan.template,
            "delivery": plan.delivery,
            "start": computed.start,
            "finish": computed.finish,
            "latest_start": computed.latest_start,
            "min_float": computed.min_float,
            "episodes": plan.episodes,
            "running_minutes": plan.running_minutes,
            "feasible": computed.feasible,
        },
        "tasks": [
            {
                "id": s.task.id,
                "title": s.task.title,
                "title_en": s.task.title_en,
                "phase": s.task.phase,
                "milestone": s.task.milestone,
                "episode": s.task.episode,
                "start": s.start,
                "finish": s.finish,
                "late_start": s.late_start,
                "late_finish": s.late_finish,
                "duration": s.duration,
                "total_float": s.total_float,
                "critical": s.critical,
                "status": s.status,
                "deadline": s.task.deadline,
                "fixed_start": s.task.fixed_start,
                "dependencies": [
                    {"task": d.task, "type": d.kind, "lag": d.lag} for d in s.task.dependencies
                ],
                "resources": s.task.resources,
                "note": s.task.note,
            }
            for s in computed.tasks
        ],
        "critical_path": computed.critical_path,
        "at_risk": computed.at_risk,
        "post": [
            {
                "episode": unit.episode,
                "expected": unit.expected,
                "contractual": unit.contractual,
                "margin": unit.margin,
                "late": unit.late,
                "steps": [
                    {"task": s.task, "start": s.start, "finish": s.finish, "critical": s.critical}
                    for s in unit.steps
                ],
            }
            for unit in post.units
        ],
    }


def _print(computed: PlanSchedule) -> None:
    plan = computed.plan
    english = lang() == "en"
    output.line(
        say(
            f"{plan.title} — livraison le {plan.delivery:%d/%m/%Y}, "
            f"du {computed.start:%d/%m/%Y} au {computed.finish:%d/%m/%Y} "
            f"(début au plus tard : {computed.latest_start:%d/%m/%Y})",
            f"{plan.title} — delivery on {plan.delivery.isoformat()}, "
            f"from {computed.start.isoformat()} to {computed.finish.isoformat()} "
            f"(latest start: {computed.latest_start.isoformat()})",
        )
    )
    output.table(
        None,
        [
            "Id",
            say("Tâche", "Task"),
            say("Début", "Start"),
            say("Fin", "Finish"),
            say("Jours", "Days"),
            say("Marge", "Float"),
            say("Critique", "Critical"),
            say("Date contractuelle", "Contractual date"),
        ],
        [
            (
                s.task.id,
                ("◆ " if s.task.milestone else "") + s.task.label("en" if english else "fr"),
                s.start.isoformat(),
                s.finish.isoformat(),
                s.duration,
                s.total_float,
                s.critical,
                s.task.deadline.isoformat() if s.task.deadline else None,
            )
            for s in computed.tasks
        ],
    )
    _print_risks(computed)


def _print_risks(computed: PlanSchedule) -> None:
    if not computed.at_risk:
        output.success(say("Toutes les dates sont tenues.", "Every date is held."))
        return
    titles = {s.task.id: s.task.label(lang()) for s in computed.tasks}
    kinds = {
        "contractual": ("date contractuelle", "contractual date"),
        "fixed_start": ("début fixé", "fixed start"),
        "milestone": ("jalon", "milestone"),
    }
    for risk in computed.at_risk:
        output.warn(
            say(
                f"En retard : {titles[risk.task]} ({kinds[risk.kind.value][0]}) — prévu le "
                f"{risk.due:%d/%m/%Y}, attendu le {risk.expected:%d/%m/%Y} : "
                f"{risk.working_days_late} jours ouvrés de retard",
                f"Late: {titles[risk.task]} ({kinds[risk.kind.value][1]}) — due "
                f"{risk.due.isoformat()}, expected {risk.expected.isoformat()}: "
                f"{risk.working_days_late} working days late",
            )
        )


# -- commands -----------------------------------------------------------------------------------


@command(template_app, "list", "Lister les modèles de rétroplanning par genre.")
def template_list(json_output: JsonOption = False, rules: RulesOption = None) -> None:
    found = _templates(rules)
    if json_output:
        output.print_json(
            [
                {
                    "kind": kind,
                    "title": tpl.title,
                    "title_en": tpl.title_en,
                    "running_minutes": tpl.running_minutes,
                    "episodes": tpl.episodes,
                    "tasks": len(tpl.tasks),
                    "pack": tpl.pack_ref,
                }
                for kind, tpl in found.items()
            ]
        )
        return
    output.table(
        say("Modèles de rétroplanning", "Backward-plan templates"),
        [
            say("Genre", "Kind"),
            say("Modèle", "Template"),
            say("Durée de référence (min)", "Reference running time (min)"),
            say("Épisodes", "Episodes"),
            say("Tâches", "Tasks"),
        ],
        [
            (kind.value, tpl.label(lang()), tpl.running_minutes, tpl.episodes, len(tpl.tasks))
            for kind, tpl in found.items()
        ],
    )


@command(
    plan_app, "new", "Créer un rétroplanning depuis le modèle d'un genre et la date de livraison."
)
def new(  # noqa: PLR0917 - typer passes the command's arguments and options by position
    kind: Annotated[
        str,
        typer.Argument(help="Genre : " + ", ".join(k.value for k in ProductionKind) + "."),
    ],
    delivery: Annotated[str, typer.Option("--delivery", help="Date de livraison (AAAA-MM-JJ).")],
    shoot_start: Annotated[
        str | None, typer.Option("--shoot-start", help="Premier jour de tournage.")
    ] = None,
    shoot_end: Annotated[
        str | None, typer.Option("--shoot-end", help="Dernier jour de tournage.")
    ] = None,
    episodes: Annotated[
        int | None, typer.Option("--episodes", help="Nombre d'épisodes (séries, magazines).")
    ] = None,
    minutes: Annotated[
        int | None, typer.Option("--minutes", help="Durée d'un épisode ou du film, en minutes.")
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", help="Début des travaux (par défaut : au plus tard possible)."),
    ] = None,
    episode_delivery: Annotated[
        list[str] | None,
        typer.Option("--episode-delivery", help="Date contractuelle d'un épisode (répétable)."),
    ] = None,
    minors: Annotated[
        bool, typer.Option("--minors", help="Des enfants jouent : autorisation préfectorale.")
    ] = False,
    title: Annotated[str | None, typer.Option("--title", help="Titre du plan.")] = None,
    save: Annotated[
        bool,
        typer.Option(
            "--save",
            help="Enregistrer le plan dans la production (dates de tournage du plan de "
            "travail principal, épisodes et durée de la production).",
        ),
    ] = False,
    target: OutputOption = None,
    json_output: JsonOption = False,
    rules: RulesOption = None,
    uid_domain: UidOption = "regie.local",
) -> None:
    from regie.office.planning.cpm import schedule
    from regie.office.planning.templates import PlanRequest, instantiate

    try:
        chosen = ProductionKind(kind)
    except ValueError:
        raise ValidationError(
            t("unknown programme kind '{kind}'", kind=kind),
            field="KIND",
            hint=t("Use one of: {kinds}", kinds=", ".join(k.value for k in ProductionKind)),
        ) from None
    deliveries = tuple(_day(d, "--episode-delivery") or dt.date.min for d in episode_delivery or ())
    if save:
        _save_new(
            chosen,
            _day(delivery, "--delivery") or dt.date.min,
            shoot=(_day(shoot_start, "--shoot-start"), _day(shoot_end, "--shoot-end")),
            episodes=episodes,
            minutes=minutes,
            deliveries=deliveries,
            minors=True if minors else None,
            title=title,
            rules=rules,
            target=target,
            json_output=json_output,
            uid_domain=uid_domain,
        )
        return
    template = _templates(rules).get(chosen)
    if template is None:
        raise ValidationError(
            t("there is no backward-plan template for '{kind}'", kind=kind),
            field="KIND",
            hint=t("`regie plan template list` shows the templates"),
        )
    request = PlanRequest(
        delivery=_day(delivery, "--delivery") or dt.date.min,
        title=title or say(*KIND_LABELS[chosen]),
        episodes=episodes,
        running_minutes=minutes,
        shoot_start=_day(shoot_start, "--shoot-start"),
        shoot_end=_day(shoot_end, "--shoot-end"),
        start=_day(start, "--start"),
        episode_deliveries=deliveries,
        options=frozenset({"minors"} if minors else ()),
    )
    plan = instantiate(template, request)
    computed = schedule(plan)
    plan = dataclasses.replace(plan, start=computed.start)  # a later slip keeps this start
    if target is not None:
        _write(target, plan, computed, uid_domain)
    if json_output:
        output.print_json(schedule_document(computed))
        return
    _print(computed)
    if target is not None:
        output.success(tr(t("Plan written to {path}.", path=target)))


# -- plans stored in the production ---------------------------------------------------------


def _stored_document(view: PlanView) -> dict[str, Any]:
    """The ``--json`` document of a stored plan: :func:`schedule_document` and its row."""
    document = schedule_document(view.schedule)
    document["stored"] = {"id": view.id, "name": view.stored.name, "version": view.version}
    return document


def _report_stored(
    view: PlanView, target: Path | None, json_output: bool, uid_domain: str, *, slug: str
) -> None:
    if target is not None:
        _write(
            target, view.stored.plan, view.schedule, uid_domain, plan_id=f"{slug}-plan-{view.id}"
        )
    if json_output:
        output.print_json(_stored_document(view))
        return
    output.line(say(f"Plan enregistré n° {view.id} (version {view.version})",
                    f"Stored plan no. {view.id} (version {view.version})"))  # fmt: skip
    _print(view.schedule)
    if target is not None:
        output.success(tr(t("Plan written to {path}.", path=target)))


def _save_new(
    kind: ProductionKind,
    delivery: dt.date,
    *,
    shoot: tuple[dt.date | None, dt.date | None],
    episodes: int | None,
    minutes: int | None,
    deliveries: tuple[dt.date, ...],
    minors: bool | None,
    title: str | None,
    rules: Path | None,
    target: Path | None,
    json_output: bool,
    uid_domain: str,
) -> None:
    from regie.cli.context import production
    from regie.services import plans

    with production() as (config, db):
        view = plans.create_plan(
            db,
            config.slug,
            actor=None,
            delivery=delivery,
            kind=kind,
            name=title,
            episodes=episodes,
            running_minutes=minutes,
            shoot_start=shoot[0],
            shoot_end=shoot[1],
            episode_deliveries=deliveries,
            minors=minors,
            rule_dirs=_rule_dirs(rules),
        )
    _report_stored(view, target, json_output, uid_domain, slug=config.slug)


@command(plan_app, "list", "Lister les rétroplannings enregistrés dans la production.")
def stored_list(json_output: JsonOption = False) -> None:
    from regie.cli.context import production
    from regie.services import plans

    with production() as (config, db):
        found = plans.list_plans(db, config.slug, actor=None)
    if json_output:
        output.print_json(
            [
                {
                    "id": p.id,
                    "name": p.name,
                    "kind": p.plan.kind,
                    "delivery": p.plan.delivery,
                    "shoot_start": p.plan.shoot_start,
                    "shoot_end": p.plan.shoot_end,
                    "template": p.plan.template,
                    "tasks": len(p.plan.tasks),
                    "version": p.version,
                    "updated_at": p.updated_at,
                }
                for p in found
            ]
        )
        return
    output.table(
        say("Rétroplannings", "Backward plans"),
        [
            "N°",
            say("Nom", "Name"),
            say("Genre", "Kind"),
            say("Livraison", "Delivery"),
            say("Tâches", "Tasks"),
            "Version",
        ],
        [
            (
                p.id,
                p.name,
                say(*KIND_LABELS[p.plan.kind]) if p.plan.kind else None,
                p.plan.delivery.isoformat(),
                len(p.plan.tasks),
                p.version,
            )
            for p in found
        ],
    )


def _file_or_stored(path: Path | None, stored: int | None) -> Path | int:
    """The plan file, or the number of a stored plan: exactly one of them."""
    if path is not None and stored is None:
        return path
    if path is None and stored is not None:
        return stored
    raise ValidationError(
        t("give either a plan file or --stored with a plan number"),
        field="--stored",
        hint=t("`regie plan list` shows the plans stored in the production"),
    )


@command(plan_app, "show", "Afficher un rétroplanning : dates, marges, chemin critique, retards.")
def show(
    path: Annotated[
        Path | None, typer.Argument(help="Fichier du plan (.json), ou --stored N.")
    ] = None,
    stored: StoredOption = None,
    target: OutputOption = None,
    json_output: JsonOption = False,
    uid_domain: UidOption = "regie.local",
) -> None:
    from regie.office.planning.cpm import schedule

    which = _file_or_stored(path, stored)
    if isinstance(which, int):
        from regie.cli.context import production
        from regie.services import plans

        with production() as (config, db):
            view = plans.get_plan(db, config.slug, which, actor=None)
        _report_stored(view, target, json_output, uid_domain, slug=config.slug)
        return
    plan = _read(which)
    computed = schedule(plan)
    if target is not None:
        _write(target, plan, computed, uid_domain)
    if json_output:
        output.print_json(schedule_document(computed))
        return
    _print(computed)
    if target is not None:
        output.success(tr(t("Plan written to {path}.", path=target)))


@command(plan_app, "slip", "Enregistrer un glissement : les tâches suivantes sont repoussées.")
def slip_task(  # noqa: PLR0917 - typer passes the command's arguments and options by position
    first: Annotated[
        str,
        typer.Argument(help="Fichier du plan (.json), puis la tâche ; avec --stored : la tâche."),
    ],
    second: Annotated[
        str | None, typer.Argument(help="Identifiant de la tâche (voir plan show).")
    ] = None,
    stored: StoredOption = None,
    days: Annotated[
        int, typer.Option("--days", help="Jours ouvrés de plus (un jalon : atteint plus tard).")
    ] = 0,
    actual_start: Annotated[
        str | None, typer.Option("--start", help="Début réel (AAAA-MM-JJ).")
    ] = None,
    actual_finish: Annotated[
        str | None, typer.Option("--finish", help="Fin réelle (AAAA-MM-JJ).")
    ] = None,
    duration: Annotated[
        int | None, typer.Option("--duration", help="Nouvelle durée, en jours ouvrés.")
    ] = None,
    target: OutputOption = None,
    json_output: JsonOption = False,
) -> None:
    from regie.formats.plan_file import write_plan
    from regie.office.planning.cpm import schedule, slip

    if stored is not None:
        if second is not None:
            raise ValidationError(
                t("with --stored, give only the task"),
                field="TASK",
                hint=t("e.g. regie plan slip --stored 1 edit --days 5"),
            )
        _slip_stored(stored, first, days, actual_start, actual_finish, duration,
                     target=target, json_output=json_output)  # fmt: skip
        return
    if second is None:
        raise ValidationError(
            t("give the plan file and the task"),
            field="TASK",
            hint=t("e.g. regie plan slip plan.json edit --days 5, or --stored N edit"),
        )
    path, task = Path(first), second
    plan = _read(path)
    if not (days or actual_start or actual_finish or duration is not None):
        raise ValidationError(
            t("nothing to record for '{task}'", task=task),
            field="--days",
            hint=t("Give --days, --start, --finish or --duration"),
        )
    slipped = slip(
        plan,
        task,
        days=days,
        actual_start=_day(actual_start, "--start"),
        actual_finish=_day(actual_finish, "--finish"),
        duration=duration,
    )
    computed = schedule(slipped)
    destination = target or path
    if destination.suffix.lower() == ".json":
        output.write_file(destination, write_plan(slipped))
    else:
        output.write_file(path, write_plan(slipped))
        _write(destination, slipped, computed, "regie.local")
    if json_output:
        output.print_json(schedule_document(computed))
        return
    _print_risks(computed)
    output.success(tr(t("Plan written to {path}.", path=destination)))


def _slip_stored(  # noqa: PLR0917 - what a slip records
    plan_id: int,
    task: str,
    days: int,
    actual_start: str | None,
    actual_finish: str | None,
    duration: int | None,
    *,
    target: Path | None,
    json_output: bool,
) -> None:
    from regie.cli.context import production
    from regie.services import plans

    with production() as (config, db):
        current = plans.get_plan(db, config.slug, plan_id, actor=None)
        view = plans.slip_task(
            db,
            config.slug,
            plan_id,
            current.version,
            task,
            actor=None,
            days=days,
            actual_start=_day(actual_start, "--start"),
            actual_finish=_day(actual_finish, "--finish"),
            duration=duration,
        )
    if target is not None:
        _write(target, view.stored.plan, view.schedule, "regie.local",
               plan_id=f"{config.slug}-plan-{view.id}")  # fmt: skip
    if json_output:
        output.print_json(_stored_document(view))
        return
    _print_risks(view.schedule)
    output.success(
        say(f"Plan n° {view.id} enregistré (version {view.version}).",
            f"Plan no. {view.id} saved (version {view.version}).")
    )  # fmt: skip
