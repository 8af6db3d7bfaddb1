# SPDX-License-Identifier: AGPL-3.0-or-later
"""The carbon footprint estimate: ``regie carbon estimate [--final] [--json] [-o FILE]``
(PDF or CSV by the file's extension), ``regie carbon freeze [--final]``,
``regie carbon versions`` and ``regie carbon show NUMBER [-o FILE]``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from regie.cli import output
from regie.cli.context import JsonOption, command, group, lang, production, rule_dirs
from regie.cli.schedule import tr
from regie.core.errors import ValidationError
from regie.core.text import t

if TYPE_CHECKING:
    from regie.core.production import Production
    from regie.finance.carbon import CarbonEstimate

carbon_app = group(
    "Bilan carbone (prévisionnel ou définitif) : postes Carbon'Clap, facteurs ADEME, PDF, CSV."
)
FinalOption = Annotated[bool, typer.Option("--final", help="Bilan définitif (sinon prévisionnel).")]
OutputOption = Annotated[
    Path | None, typer.Option("-o", "--output", help="Fichier à écrire : .pdf ou .csv.")
]


def _write(
    found: CarbonEstimate, production_record: Production, path: Path, number: int | None
) -> None:
    from regie.documents.carbon import carbon_csv, carbon_pdf

    suffix = path.suffix.lower()
    if suffix == ".pdf":
        data = carbon_pdf(found, production_record, locale=lang(), number=number)
    elif suffix == ".csv":
        data = carbon_csv(found, locale=lang())
    else:
        raise ValidationError(
            t("'{name}' is neither a .pdf nor a .csv file", name=path.name),
            field="-o",
            hint=t("Name the file to write with .pdf or .csv"),
        )
    output.write_file(path, data)
    output.success(tr(t("Written: {path}.", path=path)))


def _show(found: CarbonEstimate, json_output: bool) -> None:
    from regie.finance.carbon_record import estimate_dict

    if json_output:
        output.print_json(estimate_dict(found))
        return
    french = lang() == "fr"
    output.table(
        tr(t("Carbon estimate")),
        [tr(t("Post")), tr(t("kg CO2e")), tr(t("Share")), tr(t("Lines"))],
        [
            (c.title_fr if french else c.title_en, c.kg if c.estimated else None,
             f"{(c.share * 100).quantize(1)} %" if c.estimated else None, c.lines)
            for c in found.categories
        ],
    )  # fmt: skip
    output.line(tr(t("Total: {kg} kg CO2e.", kg=found.total_kg)))
    for gap in found.gaps:
        output.warn(f"{gap.label}: {tr(gap.reason)}")


@command(carbon_app, "estimate", "Calculer le bilan carbone à partir des données saisies.")
def estimate(
    final: FinalOption = False,
    out: OutputOption = None,
    json_output: JsonOption = False,
) -> None:
    from regie.finance.carbon import EstimateKind
    from regie.services import carbon

    kind = EstimateKind.FINAL if final else EstimateKind.PROVISIONAL
    with production() as (config, db):
        found = carbon.carbon_estimate(
            db, config.slug, actor=None, kind=kind, rule_dirs=rule_dirs(config)
        )
        record = carbon.production_of(db, config.slug, actor=None)
    if out is not None:
        _write(found, record, out, None)
        return
    _show(found, json_output)


@command(carbon_app, "freeze", "Figer une version numérotée du bilan.")
def freeze(final: FinalOption = False, json_output: JsonOption = False) -> None:
    from regie.finance.carbon import EstimateKind
    from regie.finance.carbon_record import estimate_dict
    from regie.services import carbon

    kind = EstimateKind.FINAL if final else EstimateKind.PROVISIONAL
    with production() as (config, db):
        saved = carbon.freeze(db, config.slug, actor=None, kind=kind, rule_dirs=rule_dirs(config))
    if json_output:
        output.print_json({"number": saved.number, **estimate_dict(saved.estimate)})
        return
    output.success(
        tr(t("Carbon estimate {number} frozen: {kg} kg CO2e.", number=saved.number,
             kg=saved.total_kg))
    )  # fmt: skip


@command(carbon_app, "versions", "Lister les versions figées.")
def versions(json_output: JsonOption = False) -> None:
    from regie.services import carbon

    with production() as (config, db):
        found = carbon.versions(db, config.slug, actor=None)
    rows = [
        {"number": v.number, "kind": v.kind.value, "made_on": v.made_on, "total_kg": v.total_kg}
        for v in found
    ]
    if json_output:
        output.print_json(rows)
        return
    output.table(
        tr(t("Carbon estimates")),
        [tr(t("No.")), tr(t("Kind")), tr(t("Date")), tr(t("kg CO2e"))],
        [(r["number"], r["kind"], r["made_on"], r["total_kg"]) for r in rows],
    )


@command(carbon_app, "show", "Afficher une version figée (ou l'écrire en PDF ou CSV).")
def show(
    number: Annotated[int, typer.Argument(metavar="NUMBER", help="Numéro de la version.")],
    out: OutputOption = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import carbon

    with production() as (config, db):
        saved = carbon.version(db, config.slug, number, actor=None)
        record = carbon.production_of(db, config.slug, actor=None)
    if out is not None:
        _write(saved.estimate, record, out, saved.number)
        return
    _show(saved.estimate, json_output)
