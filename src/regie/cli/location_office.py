# SPDX-License-Identifier: AGPL-3.0-or-later
"""The locations office on the command line: ``regie location scout|photo|report|
conflicts`` and ``regie location permit add|list|set|remove|authorities`` (registered on
``regie location`` by :mod:`regie.cli.location`)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.context import JsonOption, command, group, production, rule_dirs
from regie.cli.location import LocationArgument, find_location, location_app
from regie.cli.schedule import parse_date, parse_decimal, tr
from regie.core.errors import InputError, ValidationError
from regie.core.text import t

if TYPE_CHECKING:
    from regie.logistics.location_checks import LocationFinding
    from regie.logistics.locations import PermitRecord, ScoutingFields

permit_app = group("Autorisations de tournage d'un lieu : demandes, échéances, statut.")
location_app.add_typer(permit_app, name="permit")

_PRM = {"oui": True, "yes": True, "non": False, "no": False, "?": None, "inconnu": None}


def _today() -> Any:
    from regie.core.calendar import now_paris

    return now_paris().date()


def _contact(raw: str) -> Any:
    from regie.logistics.locations import Contact

    parts = [p.strip() for p in raw.split(";")]
    if len(parts) > 4:
        raise ValidationError(
            t("a contact is 'name ; role ; phone ; e-mail', not '{value}'", value=raw),
            field="--contact",
        )
    name, role, phone, email = (*parts, "", "", "")[:4]
    return Contact(name, role, phone, email)


def scouting_json(location_id: int, fields: ScoutingFields, version: int) -> dict[str, Any]:
    data = output.jsonable(fields)
    return {"location": location_id, **data, "version": version}


def _choice(enum: Any, raw: str, field: str) -> Any:
    try:
        return enum(raw.strip().lower())
    except ValueError:
        raise ValidationError(
            t("'{value}' is not one of: {choices}", value=raw,
              choices=", ".join(e.value for e in enum)),
            field=field,
        ) from None  # fmt: skip


@command(location_app, "scout", "Saisir ou compléter la fiche de repérage d'un lieu.")
def scout(
    location: LocationArgument,
    *,
    kind: Annotated[
        str | None,
        typer.Option(
            "--type",
            help="Type : natural_set, studio, public_road, private_house, public_building, "
            "business, natural_site, transport, other.",
        ),
    ] = None,
    access: Annotated[
        str | None, typer.Option("--access", help="Accès (routes, portails, déchargement).")
    ] = None,
    prm: Annotated[
        str | None,
        typer.Option("--prm", help="Accessible aux personnes à mobilité réduite : oui, non, ?."),
    ] = None,
    prm_notes: Annotated[
        str | None, typer.Option("--prm-notes", help="Accessibilité PMR : détails.")
    ] = None,
    kva: Annotated[
        str | None, typer.Option("--kva", help="Puissance électrique disponible (kVA).")
    ] = None,
    generator: Annotated[
        bool | None,
        typer.Option("--generator/--no-generator", help="Groupe électrogène nécessaire."),
    ] = None,
    exits: Annotated[str | None, typer.Option("--exits", help="Issues de secours.")] = None,
    height: Annotated[str | None, typer.Option("--height", help="Hauteur de travail (m).")] = None,
    water: Annotated[str | None, typer.Option("--water", help="Point d'eau.")] = None,
    parking: Annotated[
        str | None, typer.Option("--parking", help="Stationnement (camions, loges).")
    ] = None,
    neighbours: Annotated[str | None, typer.Option("--neighbours", help="Voisinage.")] = None,
    noise: Annotated[
        str | None, typer.Option("--noise", help="Bruit : quiet, moderate, noisy, unknown.")
    ] = None,
    noise_notes: Annotated[
        str | None, typer.Option("--noise-notes", help="Bruit : détails.")
    ] = None,
    contacts: Annotated[
        list[str] | None,
        typer.Option(
            "--contact", help="« nom ; rôle ; téléphone ; e-mail » (répétable ; remplace la liste)."
        ),
    ] = None,
    scouted_on: Annotated[
        str | None, typer.Option("--scouted-on", help="Date du repérage (AAAA-MM-JJ).")
    ] = None,
    scouted_by: Annotated[str | None, typer.Option("--by", help="Repéré par.")] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.logistics.locations import LocationType, NoiseLevel
    from regie.services import location_office

    changes: dict[str, Any] = {
        "access": access, "prm_notes": prm_notes, "emergency_exits": exits, "water": water,
        "parking": parking, "neighbours": neighbours, "noise_notes": noise_notes,
        "scouted_by": scouted_by, "generator_needed": generator,
    }  # fmt: skip
    if kind is not None:
        changes["kind"] = _choice(LocationType, kind, "--type") if kind.strip() else None
    if prm is not None:
        if prm.strip().lower() not in _PRM:
            raise ValidationError(t("write oui, non or ?"), field="--prm")
        changes["prm_access"] = _PRM[prm.strip().lower()]
    if kva is not None:
        changes["power_kva"] = parse_decimal(kva, "--kva") if kva.strip() else None
    if height is not None:
        changes["working_height_m"] = parse_decimal(height, "--height") if height.strip() else None
    if noise is not None:
        changes["noise"] = _choice(NoiseLevel, noise, "--noise")
    if contacts is not None:
        changes["contacts"] = tuple(_contact(c) for c in contacts if c.strip())
    if scouted_on is not None:
        changes["scouted_on"] = parse_date(scouted_on, "--scouted-on") if scouted_on else None
    given = {k: v for k, v in changes.items() if v is not None or k in ("kind", "prm_access",
             "power_kva", "working_height_m", "scouted_on")}  # fmt: skip
    with production() as (config, db):
        place = find_location(db, config.slug, location)
        stored = location_office.get_scouting(db, config.slug, place.id, actor=None)
        fields = dataclasses.replace(stored.fields, **given)
        saved = location_office.save_scouting(
            db, config.slug, place.id, fields, stored.version, actor=None
        )
    if json_output:
        output.print_json(scouting_json(place.id, saved.fields, saved.version))
        return
    output.success(tr(t("Scouting record of {name} saved.", name=place.name)))


@command(location_app, "photo", "Ajouter une photo de repérage (JPEG, PNG, WebP ; 10 Mo au plus).")
def photo(
    location: LocationArgument,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Fichier image.")],
    caption: Annotated[str, typer.Option("--caption", help="Légende.")] = "",
    json_output: JsonOption = False,
) -> None:
    from regie.formats.photo import MAX_PHOTO_BYTES
    from regie.services import location_office

    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_PHOTO_BYTES + 1)
    except OSError as exc:
        raise InputError(
            t("cannot read the file ({problem})", problem=exc.strerror or type(exc).__name__),
            where=str(file),
        ) from None
    with production() as (config, db):
        place = find_location(db, config.slug, location)
        added = location_office.add_photo(
            db, config.slug, place.id, file.name, data, actor=None, caption=caption
        )
    if json_output:
        output.print_json(added)
        return
    output.success(
        tr(t("Photo {name} added to {place} ({width} × {height}).", name=added.file_name,
             place=place.name, width=added.width, height=added.height))
    )  # fmt: skip


def permit_json(permit: PermitRecord) -> dict[str, Any]:
    fields = permit.fields
    return {
        "id": permit.id,
        "location": permit.location_id,
        "authority": fields.authority,
        "authority_name": fields.authority_name,
        "reference": fields.reference,
        "status": fields.status,
        "requested_on": fields.requested_on,
        "covers": None
        if fields.covers_start is None
        else {"start": fields.covers_start, "end": fields.covers_end},
        "deadline": permit.deadline,
        "lead_rule": permit.lead_rule,
        "notes": fields.notes,
        "version": permit.version,
    }


def _period(raw: str | None) -> tuple[Any, Any]:
    if raw is None:
        return None, None
    first, colon, last = raw.partition(":")
    if not colon:
        raise ValidationError(
            t("'{value}' is not a period FROM:TO", value=raw),
            field="--covers",
            hint=t("Write the period as 2027-03-01:2027-03-12"),
        )
    return parse_date(first, "--covers"), parse_date(last, "--covers")


StatusOption = Annotated[
    str | None, typer.Option("--status", help="planned, requested, granted, refused.")
]
CoversOption = Annotated[
    str | None, typer.Option("--covers", help="Jours de tournage couverts DU:AU (défaut : tous).")
]
RequestedOption = Annotated[
    str | None, typer.Option("--requested-on", help="Date d'envoi de la demande (AAAA-MM-JJ).")
]


@command(permit_app, "add", "Ajouter une autorisation à demander ; l'échéance est calculée.")
def permit_add(
    location: LocationArgument,
    authority: Annotated[
        str,
        typer.Argument(
            metavar="AUTHORITY", help="Type d'autorité (`regie location permit authorities`)."
        ),
    ],
    *,
    name: Annotated[str, typer.Option("--name", help="Service (« Mairie de Jumièges »).")] = "",
    reference: Annotated[str, typer.Option("--ref", help="Référence du dossier.")] = "",
    covers: CoversOption = None,
    requested_on: RequestedOption = None,
    status: StatusOption = None,
    notes: Annotated[str, typer.Option("--notes", help="Notes.")] = "",
    json_output: JsonOption = False,
) -> None:
    from regie.logistics.locations import PermitFields, PermitStatus
    from regie.services import location_office

    start, end = _period(covers)
    fields = PermitFields(
        authority=authority.strip(),
        authority_name=name,
        reference=reference,
        requested_on=parse_date(requested_on, "--requested-on") if requested_on else None,
        status=_choice(PermitStatus, status, "--status") if status else PermitStatus.PLANNED,
        covers_start=start,
        covers_end=end,
        notes=notes,
    )
    with production() as (config, db):
        place = find_location(db, config.slug, location)
        added = location_office.add_permit(
            db, config.slug, place.id, fields, actor=None, rule_dirs=rule_dirs(config)
        )
    if json_output:
        output.print_json(permit_json(added))
        return
    output.success(
        tr(t("Permit {id} added for {name}; request by {deadline}.", id=added.id,
             name=place.name, deadline=added.deadline or "—"))
    )  # fmt: skip


@command(permit_app, "list", "Lister les autorisations, leurs échéances et leur statut.")
def permit_list(
    location: Annotated[
        str | None, typer.Argument(metavar="[LOCATION]", help="Un seul lieu.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import location_office, locations

    with production() as (config, db):
        place = find_location(db, config.slug, location) if location else None
        found = location_office.list_permits(
            db, config.slug, actor=None, location_id=place.id if place else None,
            rule_dirs=rule_dirs(config),
        )  # fmt: skip
        names = {p.id: p.name for p in locations.list_locations(db, config.slug, actor=None)}
    if json_output:
        output.print_json([permit_json(p) for p in found])
        return
    output.table(
        tr(t("Permits")),
        [tr(t("No.")), tr(t("Location")), tr(t("Authority")), tr(t("Covers")),
         tr(t("Deadline")), tr(t("Status"))],
        [
            (p.id, names.get(p.location_id), p.fields.authority_name or p.fields.authority,
             None if p.fields.covers_start is None
             else tr(t("{start} to {end}", start=p.fields.covers_start, end=p.fields.covers_end)),
             p.deadline, p.fields.status.value)
            for p in found
        ],
    )  # fmt: skip


@command(permit_app, "set", "Modifier une autorisation (statut, date de demande, période…).")
def permit_set(
    permit_id: Annotated[int, typer.Argument(metavar="ID", help="Numéro de l'autorisation.")],
    *,
    status: StatusOption = None,
    requested_on: RequestedOption = None,
    covers: CoversOption = None,
    reference: Annotated[str | None, typer.Option("--ref", help="Référence du dossier.")] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.logistics.locations import PermitStatus
    from regie.services import location_office

    with production() as (config, db):
        stored = _permit(db, config.slug, permit_id)
        fields = stored.fields
        if status is not None:
            fields = dataclasses.replace(fields, status=_choice(PermitStatus, status, "--status"))
        if requested_on is not None:
            day = parse_date(requested_on, "--requested-on") if requested_on else None
            fields = dataclasses.replace(fields, requested_on=day)
        if covers is not None:
            start, end = _period(covers) if covers else (None, None)
            fields = dataclasses.replace(fields, covers_start=start, covers_end=end)
        if reference is not None:
            fields = dataclasses.replace(fields, reference=reference)
        saved = location_office.update_permit(
            db, config.slug, permit_id, fields, stored.version, actor=None,
            rule_dirs=rule_dirs(config),
        )  # fmt: skip
    if json_output:
        output.print_json(permit_json(saved))
        return
    output.success(
        tr(t("Permit {id} saved ({status}).", id=permit_id, status=saved.fields.status.value))
    )


def _permit(db: Any, slug: str, permit_id: int) -> PermitRecord:
    from regie.core.errors import NotFound
    from regie.services import location_office

    for permit in location_office.list_permits(db, slug, actor=None):
        if permit.id == permit_id:
            return permit
    raise NotFound(
        t("no permit #{id} in this production", id=permit_id),
        hint=t("`regie location permit list` gives their numbers"),
    )


@command(permit_app, "remove", "Supprimer une autorisation.")
def permit_remove(
    permit_id: Annotated[int, typer.Argument(metavar="ID", help="Numéro de l'autorisation.")],
) -> None:
    from regie.services import location_office

    with production() as (config, db):
        stored = _permit(db, config.slug, permit_id)
        location_office.remove_permit(db, config.slug, permit_id, stored.version, actor=None)
    output.success(tr(t("Permit {id} removed.", id=permit_id)))


@command(permit_app, "authorities", "Types d'autorité et délais de demande (pack de règles).")
def permit_authorities(json_output: JsonOption = False) -> None:
    from regie.cli.context import lang
    from regie.services import location_office

    with production() as (config, _db):
        found = location_office.authorities(rule_dirs(config))
    if json_output:
        output.print_json(found)
        return
    output.table(
        tr(t("Permit lead times")),
        [tr(t("Kind")), tr(t("Authority")), tr(t("Days")), tr(t("Basis")), tr(t("Source"))],
        [(a.authority, a.label(lang()), a.days,
          tr(t("working days") if a.working_days else t("calendar days")), a.citation)
         for a in found],
    )  # fmt: skip


def finding_json(finding: LocationFinding) -> dict[str, Any]:
    return {
        "severity": finding.severity,
        "code": finding.code,
        "message": tr(finding.message),
        "message_en": str(finding.message),
        "location": finding.location_id,
        "days": finding.days,
        "permit": finding.permit_id,
        "certificate": finding.certificate_id,
    }


@command(
    location_app,
    "conflicts",
    "Conflits des lieux avec le plan de travail (réservations, autorisations, assurances).",
)
def conflicts(
    board: Annotated[
        int | None,
        typer.Option("--board", help="Numéro du scénario (défaut : le principal du dernier plan)."),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", help="Échéances vues à cette date (défaut : aujourd'hui)."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import location_conflicts

    day = parse_date(on, "--on") if on else _today()
    with production() as (config, db):
        found = location_conflicts.location_conflicts(
            db, config.slug, actor=None, today=day, board_id=board,
            rule_dirs=rule_dirs(config),
        )  # fmt: skip
    if json_output:
        output.print_json(
            {"board": found.board_id, "findings": [finding_json(f) for f in found.findings]}
        )
        return
    if not found.findings:
        output.success(tr(t("No conflict between the locations office and the board.")))
        return
    names = found.names()
    output.table(
        tr(t("Locations conflicts")),
        [tr(t("Severity")), tr(t("Location")), tr(t("Days")), tr(t("Problem"))],
        [(f.severity.value, names.get(f.location_id) if f.location_id else None,
          ", ".join(d.isoformat() for d in f.days) or None, tr(f.message))
         for f in found.findings],
    )  # fmt: skip


@command(location_app, "report", "Rapport de repérages en PDF pour les chefs de poste.")
def report(
    out: Annotated[Path, typer.Option("--output", "-o", help="Fichier PDF à écrire.")],
    every: Annotated[bool, typer.Option("--all", help="Tous les lieux, même non repérés.")] = False,
    json_output: JsonOption = False,
) -> None:
    from regie.cli.context import lang
    from regie.services import location_report

    with production() as (config, db):
        pdf = location_report.report_pdf(
            db, config.slug, actor=None, today=_today(), locale=lang(), every_location=every,
            rule_dirs=rule_dirs(config),
        )  # fmt: skip
    output.write_file(out, pdf)
    if json_output:
        output.print_json({"file": out, "bytes": len(pdf)})
        return
    output.success(tr(t("Scouting report written to {file}.", file=out)))
