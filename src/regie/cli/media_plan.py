# SPDX-License-Identifier: AGPL-3.0-or-later
"""Storage sizing, format choice, deliverables and archive: ``regie media size|formats|
deliverables|archive``, registered on ``regie media`` (:data:`regie.cli.media.media_app`).

A codec is written ``[CAMERA /] VARIANT / WIDTHxHEIGHT / FPS`` (``"ARRI Alexa 35 / ProRes
422 HQ / 3840x2160 / 25"``) or as a key of the codec-rates pack
(``prores-422-hq.3840x2160.25``). Inside a production folder the production's own rule
packs are used, and ``size`` takes the shoot days of the main board and the running time
of the production when they are not given.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.context import JsonOption, command, folder, lang, rule_dirs, say
from regie.cli.media import media_app
from regie.core.errors import NotFound, ValidationError
from regie.core.text import Text, t

if TYPE_CHECKING:
    from regie.budget.model import Cited
    from regie.core.money import Money
    from regie.media.archive import ArchiveManifest, ColdStoragePlan
    from regie.media.outlets import OutletFormats
    from regie.media.rates import CodecRate, Step
    from regie.media.storage import StoragePlan
    from regie.services.folders import FolderConfig
    from regie.services.media_plans import MediaPacks

OutputOption = Annotated[
    Path | None, typer.Option("-o", "--output", help="Écrire le plan en PDF dans ce fichier.")
]
TierOption = Annotated[
    str, typer.Option("--tier", help="Archive : lto-9, lto-8 ou cloud-deep-archive.")
]


def tr(text: Text) -> str:
    from regie.documents.i18n import error_messages

    return text.translate(error_messages(lang()))


def _folder() -> FolderConfig | None:
    """The production folder when the command runs in one (``None`` outside any)."""
    try:
        return folder()
    except NotFound:
        return None


def _packs(config: FolderConfig | None) -> MediaPacks:
    from regie.services.media_plans import media_packs

    return media_packs(rule_dirs(config) if config is not None else ())


def _decimal(text: str, field: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ".").replace("\u202f", "").replace(" ", ""))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0:
        raise ValidationError(
            t("'{value}' is not a positive number", value=text),
            field=field,
            hint=t("Write e.g. 3 or 2.5"),
        )
    return value


def _money(text: str | None, field: str) -> Money | None:
    if text is None:
        return None
    from regie.core.money import Money

    amount, _sep, currency = text.strip().partition(" ")
    return Money(_decimal(amount, field), currency.strip().upper() or "EUR")


def codec(text: str, packs: MediaPacks, field: str) -> CodecRate:
    """``[CAMERA /] VARIANT / WxH / FPS`` or a codec-rates key."""
    from regie.media.rates import lookup, rate_by_key

    if "/" not in text and any(e.key == text.strip() for e in packs.codecs):
        return rate_by_key(packs.codecs, text.strip())
    parts = [p.strip() for p in text.split("/")]
    if len(parts) == 4:
        parts = parts[1:]
    if len(parts) != 3:
        raise ValidationError(
            t("'{value}' is not a codec description", value=text),
            field=field,
            hint=t(
                "Write [camera /] variant / width x height / fps, e.g. "
                "'ARRI Alexa / ProRes 422 HQ / 3840x2160 / 25'"
            ),
        )
    return lookup(packs.codecs, parts[0], parts[1], parts[2], field=field)


# --- JSON shapes ------------------------------------------------------------------------


def _cited(cited: Cited | None) -> dict[str, Any] | None:
    if cited is None:
        return None
    return {"rule": f"{cited.pack} {cited.key}", "status": cited.status.value,
            "citation": cited.citation}  # fmt: skip


def _steps(steps: tuple[Step, ...]) -> list[dict[str, Any]]:
    from regie.core.text import render

    gettext = _gettext()
    return [
        {"label": s.label.translate(gettext), "value": render(s.value, gettext),
         "amount": str(s.amount), "unit": s.unit, "cited": _cited(s.cited)}
        for s in steps
    ]  # fmt: skip


def _gettext() -> Any:
    from regie.documents.i18n import error_messages

    return error_messages(lang())


def _rate_json(rate: CodecRate) -> dict[str, Any]:
    return {"key": rate.key, "label": rate.label, "mbps": str(rate.mbps),
            "cited": _cited(rate.cited)}  # fmt: skip


def _cold_json(plan: ColdStoragePlan) -> dict[str, Any]:
    from regie.media.archive import tb

    return {
        "tier": plan.tier,
        "tier_label": plan.tier_label,
        "bytes_per_copy": plan.bytes_per_copy,
        "tb_per_copy": str(tb(plan.bytes_per_copy)),
        "copies": plan.copies,
        "years": str(plan.years),
        "tapes_per_copy": plan.media_per_copy,
        "tapes": plan.media_total,
        "write_hours_per_copy": None if plan.write_hours is None else str(plan.write_hours),
        "cost": None if plan.cost is None else {"amount": str(plan.cost.amount),
                                                "currency": plan.cost.currency},
        "emission_kgco2e": None if plan.emission_kg is None else str(plan.emission_kg),
        "emission_note": tr(plan.emission_note) if plan.emission_note else None,
        "steps": _steps(plan.steps),
    }  # fmt: skip


def storage_json(plan: StoragePlan) -> dict[str, Any]:
    from regie.media.archive import tb
    from regie.media.storage import PHASE_TITLES

    inputs = plan.inputs
    return {
        "camera": _rate_json(inputs.camera),
        "cameras": inputs.cameras,
        "hours_per_day": str(inputs.hours_per_day),
        "shoot_days": inputs.shoot_days,
        "shoot_days_origin": inputs.shoot_days_origin,
        "proxy": None if inputs.proxy is None else _rate_json(inputs.proxy),
        "intermediate": None if inputs.intermediate is None else _rate_json(inputs.intermediate),
        "runtime_minutes": None if inputs.runtime_minutes is None else str(inputs.runtime_minutes),
        "rushes_hours": str(plan.rushes_hours),
        "originals_bytes": plan.originals_bytes,
        "originals_tb": str(tb(plan.originals_bytes)),
        "phases": [
            {"phase": p.phase.value, "title": tr(PHASE_TITLES[p.phase]), "bytes": p.bytes,
             "tb": str(p.tb), "steps": _steps(p.steps), "notes": [tr(n) for n in p.notes]}
            for p in plan.phases
        ],
        "online_bytes": plan.online_bytes,
        "online_tb": str(tb(plan.online_bytes)),
        "archive": _cold_json(plan.archive),
        "disk_cost": None if plan.disk_cost is None else {"amount": str(plan.disk_cost.amount),
                                                          "currency": plan.disk_cost.currency},
        "packs": list(plan.packs),
    }  # fmt: skip


def formats_json(formats: OutletFormats) -> dict[str, Any]:
    from regie.media.archive import tb

    spec = formats.spec
    return {
        "outlet": formats.outlet,
        "title": formats.title_en if lang() == "en" else formats.title_fr,
        "hours": None if formats.hours is None else str(formats.hours),
        "options": [
            {"role": o.role, "label": o.label, "key": o.rate.key if o.rate else None,
             "mbps": None if o.mbps is None else str(o.mbps), "basis": o.basis,
             "gb_per_hour": None if o.gb_per_hour is None else str(o.gb_per_hour),
             "total_bytes": o.total_bytes,
             "total_tb": None if o.total_bytes is None else str(tb(o.total_bytes)),
             "cited": _cited(o.cited), "proposed_by": _cited(o.proposed_by)}
            for o in formats.options
        ],
        "spec": output.jsonable(spec),
        "packs": list(formats.packs),
    }  # fmt: skip


def manifest_json(manifest: ArchiveManifest) -> dict[str, Any]:
    from regie.core.text import render
    from regie.media.archive import tb

    gettext = _gettext()
    return {
        "total_bytes": manifest.total_bytes,
        "total_tb": str(tb(manifest.total_bytes)),
        "totals": [{"kind": k.kind.value, "files": k.files, "bytes": k.bytes}
                   for k in manifest.totals],
        "documents_checked": manifest.documents_checked,
        "camera_rule": _cited(manifest.camera_rule),
        "issues": [{"path": i.path, "rule": i.rule, "reason": render(i.reason, gettext),
                    "suggestion": i.suggestion} for i in manifest.issues],
        "entries": [{"path": e.path, "size": e.size, "kind": e.kind.value,
                     "ok": e.issue is None} for e in manifest.entries],
    }  # fmt: skip


# --- printing ---------------------------------------------------------------------------


def _print_steps(title: str, steps: tuple[Step, ...], notes: tuple[Text, ...] = ()) -> None:
    from regie.core.text import render

    gettext = _gettext()
    output.table(
        title,
        [say("Étape", "Step"), say("Résultat", "Result"), say("Règle", "Rule")],
        [(s.label.translate(gettext), render(s.value, gettext),
          f"{s.cited.pack} {s.cited.key} ({s.cited.status.value})" if s.cited else "")
         for s in steps],
        keep=(1,),
    )  # fmt: skip
    for note in notes:
        output.line(tr(note))


def _num(value: Decimal | None) -> str:
    """A decimal as the output language writes it (``82,8`` in French)."""
    if value is None:
        return "—"
    return str(value).replace(".", ",") if lang() == "fr" else str(value)


def _pdf(target: Path, data: bytes, *, quiet: bool) -> None:
    """Write the PDF; say so unless stdout carries JSON."""
    output.write_file(target, data)
    if not quiet:
        output.success(say(f"Plan écrit dans {target}.", f"Plan written to {target}."))


# --- commands ---------------------------------------------------------------------------


@command(media_app, "size", "Dimensionner le stockage : volumes par phase, bandes LTO, coût.")
def size(  # noqa: PLR0917 - typer passes the command's arguments and options by position
    camera: Annotated[
        str,
        typer.Option(
            "--camera",
            help="Caméra / codec / taille / cadence, ex. "
            "« ARRI Alexa / ProRes 422 HQ / 3840x2160 / 25 ».",
        ),
    ],
    hours_per_day: Annotated[
        str, typer.Option("--hours-per-day", help="Heures de rushes par caméra et par jour.")
    ],
    cameras: Annotated[int, typer.Option("--cameras", help="Nombre de caméras.")] = 1,
    shoot_days: Annotated[
        int | None,
        typer.Option("--shoot-days", help="Jours de tournage (défaut : le plan de travail)."),
    ] = None,
    copies: Annotated[
        int | None, typer.Option("--copies", help="Copies des rushes au tournage (défaut 3).")
    ] = None,
    proxies: Annotated[
        str | None,
        typer.Option(
            "--proxies",
            help="Codec des proxys (défaut : ProRes 422 Proxy HD ; « none » : pas de proxys).",
        ),
    ] = None,
    intermediate: Annotated[
        str | None, typer.Option("--intermediate", help="Codec intermédiaire (rendus).")
    ] = None,
    outlet: Annotated[
        str | None,
        typer.Option("--outlet", help="Diffuseur : formats intermédiaire et de livraison."),
    ] = None,
    runtime: Annotated[
        str | None, typer.Option("--runtime", help="Durée du programme en minutes.")
    ] = None,
    tier: TierOption = "lto-9",
    archive_copies: Annotated[
        int | None, typer.Option("--archive-copies", help="Copies de l'archive (défaut 2).")
    ] = None,
    years: Annotated[
        str | None, typer.Option("--years", help="Durée de conservation (cloud), en années.")
    ] = None,
    tape_price: Annotated[
        str | None, typer.Option("--tape-price", help="Prix d'une bande, ex. « 90 EUR ».")
    ] = None,
    disk_price: Annotated[
        str | None,
        typer.Option("--disk-price-per-tb", help="Prix des disques par To, ex. « 25 EUR »."),
    ] = None,
    json_output: JsonOption = False,
    target: OutputOption = None,
) -> None:
    from regie.media.outlets import propose_formats
    from regie.media.storage import DeliveryFormat, StorageInputs, size_storage

    config = _folder()
    packs = _packs(config)
    rate = codec(camera, packs, "--camera")
    days, origin, minutes, title = shoot_days, "given", None, "regie"
    if config is not None:
        from regie.services.database import open_database
        from regie.services.media_plans import production_facts

        db = open_database(config.resolved_database_url, check=True)
        try:
            facts = production_facts(db, config.slug, actor=None)
        finally:
            db.dispose()
        title, minutes = facts.title, facts.running_minutes
        if days is None and facts.board is not None:
            days, origin = facts.board.days, "board"
    if days is None:
        raise ValidationError(
            t("the number of shoot days is not known"),
            field="--shoot-days",
            hint=t("Give --shoot-days, or run the command in a production folder with a board"),
        )
    deliveries: tuple[DeliveryFormat, ...] = ()
    middle = codec(intermediate, packs, "--intermediate") if intermediate else None
    if outlet is not None:
        formats = propose_formats(packs.specs, packs.codecs, outlet)
        if middle is None and formats.by_role("intermediate"):
            middle = formats.by_role("intermediate")[0].rate
        deliveries = tuple(
            DeliveryFormat(o.label, o.mbps, o.cited)
            for o in formats.by_role("delivery")
            if o.mbps is not None
        )
    inputs = StorageInputs(
        camera=rate,
        cameras=cameras,
        hours_per_day=_decimal(hours_per_day, "--hours-per-day"),
        shoot_days=days,
        proxy=_proxy(proxies, rate, packs),
        intermediate=middle,
        runtime_minutes=_decimal(runtime, "--runtime") if runtime else minutes,
        deliveries=deliveries,
        copies=copies,
        archive_tier=tier,
        archive_copies=archive_copies,
        archive_years=_decimal(years, "--years") if years else None,
        tape_price=_money(tape_price, "--tape-price"),
        disk_price_per_tb=_money(disk_price, "--disk-price-per-tb"),
        shoot_days_origin=origin,
    )
    plan = size_storage(inputs, packs.storage, packs.emissions)
    if target is not None:
        from regie.documents.media_plan import storage_plan_pdf

        _pdf(target, storage_plan_pdf(plan, title, locale=lang()), quiet=json_output)
    if json_output:
        output.print_json(storage_json(plan))
        return
    _print_plan(plan)


def _proxy(text: str | None, camera: CodecRate, packs: MediaPacks) -> CodecRate | None:
    """The proxy asked for; by default the pack's proxy variant at the camera's frame rate
    when the codec-rates pack has it, else the pack's proxy as written."""
    from regie.media.rates import lookup, rate_by_key

    if text is not None:
        return None if text.strip().lower() == "none" else codec(text, packs, "--proxies")
    default = rate_by_key(packs.codecs, str(packs.storage.value("planning.proxy").value))
    try:
        return lookup(packs.codecs, default.variant, default.resolution, camera.fps)
    except ValidationError:
        return default


def _print_plan(plan: StoragePlan) -> None:
    from regie.media.archive import tb
    from regie.media.storage import PHASE_TITLES

    output.table(
        say("Stockage par phase", "Storage per phase"),
        [say("Phase", "Phase"), say("Volume (To)", "Volume (TB)")],
        [*((tr(PHASE_TITLES[p.phase]), _num(p.tb)) for p in plan.phases),
         (say("En ligne (tournage → livraison)", "Online (shoot → delivery)"),
          _num(tb(plan.online_bytes)))],
    )  # fmt: skip
    for phase in plan.phases:
        _print_steps(tr(PHASE_TITLES[phase.phase]), phase.steps, phase.notes)


@command(media_app, "formats", "Proposer les formats (tournage, intermédiaire, livraison).")
def formats(
    outlets: Annotated[
        list[str],
        typer.Argument(help="Diffuseur(s) : broadcast-pad, streaming-imf, cinema-dcp, web."),
    ],
    hours: Annotated[
        str | None, typer.Option("--hours", help="Heures de matériel pour chiffrer le volume.")
    ] = None,
    json_output: JsonOption = False,
    target: OutputOption = None,
) -> None:
    from regie.media.outlets import propose_formats

    config = _folder()
    packs = _packs(config)
    amount = _decimal(hours, "--hours") if hours else None
    found = [propose_formats(packs.specs, packs.codecs, o, hours=amount) for o in outlets]
    if target is not None:
        from regie.documents.media_plan import formats_pdf

        title = config.title if config else "regie"
        _pdf(target, formats_pdf(found, title, locale=lang()), quiet=json_output)
    if json_output:
        output.print_json([formats_json(f) for f in found])
        return
    for item in found:
        output.table(
            item.title_en if lang() == "en" else item.title_fr,
            [say("Rôle", "Role"), say("Format", "Format"), "Mb/s", say("Go/h", "GB/h"),
             say("Statut", "Status")],
            [(o.role, o.label, _num(o.mbps), _num(o.gb_per_hour), o.cited.status.value)
             for o in item.options],
            keep=(0,),
        )  # fmt: skip


@command(media_app, "deliverables", "Liste des livrables d'un diffuseur, plus les extras.")
def deliverables(
    template: Annotated[
        str, typer.Argument(help="Modèle : broadcast-pad, streaming-imf, cinema-dcp, web.")
    ],
    extra: Annotated[
        list[str] | None,
        typer.Option("--extra", help="Livrable ajouté par le contrat (répétable)."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.media.deliverables import deliverables_list

    packs = _packs(_folder())
    found = deliverables_list(packs.templates, template, extra or ())
    english = lang() == "en"
    if json_output:
        output.print_json(
            {"template": found.template, "title": found.title_en if english else found.title_fr,
             "cited": _cited(found.cited), "items": found.items}
        )  # fmt: skip
        return
    output.table(
        found.title_en if english else found.title_fr,
        [say("Code", "Id"), say("Livrable", "Deliverable"), say("Nature", "Kind"),
         say("Spéc.", "Spec"), say("Statut", "Status")],
        [(i.id, i.title_en if english else i.title_fr, i.kind, i.spec or "—", i.status.value)
         for i in found.items],
        keep=(),
    )  # fmt: skip


@command(media_app, "archive", "Plan d'archivage : manifeste, nommage, LTO ou cloud.")
def archive(  # noqa: PLR0917 - typer passes the command's arguments and options by position
    path: Annotated[
        Path | None, typer.Argument(help="Dossier à archiver (rushes, masters, documents).")
    ] = None,
    volume_tb: Annotated[
        str | None, typer.Option("--volume-tb", help="Sans dossier : volume à archiver, en To.")
    ] = None,
    code: Annotated[
        str | None,
        typer.Option("--code", help="Code de production (défaut : celui du dossier)."),
    ] = None,
    tier: TierOption = "lto-9",
    copies: Annotated[
        int | None, typer.Option("--copies", help="Copies de l'archive (défaut 2).")
    ] = None,
    years: Annotated[
        str | None, typer.Option("--years", help="Durée de conservation, en années.")
    ] = None,
    tape_price: Annotated[
        str | None, typer.Option("--tape-price", help="Prix d'une bande, ex. « 90 EUR ».")
    ] = None,
    json_output: JsonOption = False,
    target: OutputOption = None,
) -> None:
    from regie.media.archive import TB, cold_storage_plan
    from regie.services.media_plans import scan_archive

    config = _folder()
    packs = _packs(config)
    manifest = None
    if path is not None:
        today = dt.date.today()  # noqa: DTZ011 — the date a person reads, zone-free
        known = code or (config.code if config else None)
        manifest = scan_archive(path, packs.storage, code=known, today=today)
        size_bytes = manifest.total_bytes
    elif volume_tb is not None:
        size_bytes = int(_decimal(volume_tb, "--volume-tb") * TB)
    else:
        raise ValidationError(
            t("nothing to archive"),
            field="PATH",
            hint=t("Give the folder to archive, or its volume with --volume-tb"),
        )
    plan = cold_storage_plan(
        size_bytes,
        packs.storage,
        packs.emissions,
        tier=tier,
        copies=copies,
        years=_decimal(years, "--years") if years else None,
        tape_price=_money(tape_price, "--tape-price"),
    )
    if target is not None:
        from regie.documents.media_plan import archive_plan_pdf

        title = config.title if config else "regie"
        _pdf(target, archive_plan_pdf(manifest, plan, title, locale=lang()), quiet=json_output)
    if json_output:
        output.print_json(
            {"manifest": None if manifest is None else manifest_json(manifest),
             "cold_storage": _cold_json(plan)}
        )  # fmt: skip
        return
    if manifest is not None:
        _print_manifest(manifest)
    _print_steps(say("Stockage froid", "Cold storage") + f" — {plan.tier_label}", plan.steps)


def _print_manifest(manifest: ArchiveManifest) -> None:
    from regie.core.text import render
    from regie.media.archive import tb

    output.table(
        say("Manifeste", "Manifest"),
        [say("Nature", "Kind"), say("Fichiers", "Files"), say("Volume (To)", "Volume (TB)")],
        [(k.kind.value, k.files, _num(tb(k.bytes))) for k in manifest.totals],
    )
    if manifest.issues:
        gettext = _gettext()
        output.table(
            say(f"{len(manifest.issues)} nom(s) hors règle", f"{len(manifest.issues)} name(s) "
                "breaking the rule"),
            [say("Fichier", "File"), say("Problème", "Problem"), say("Suggestion", "Suggestion")],
            [(i.path, render(i.reason, gettext), i.suggestion or "") for i in manifest.issues],
        )  # fmt: skip
    else:
        output.success(say("Tous les noms suivent leur règle.", "Every name follows its rule."))
