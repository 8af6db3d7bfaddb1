# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie breakdown`` and its edits and exports, ``regie characters``, ``regie
feasibility``."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Folder, as_json


def _sheet(folder: Folder, scene: str, *extra: str) -> dict[str, Any]:
    data: dict[str, Any] = folder.json("breakdown", scene, *extra)
    return data


def _names(sheet: dict[str, Any], status: str | None = None) -> dict[str, str]:
    return {t["name"]: t["category"] for t in sheet["tags"] if status in (None, t["status"])}


def test_sheet_json_has_scene_fields_and_tags(imported: Folder) -> None:
    sheet = _sheet(imported, "2", "--suggested")
    assert (sheet["label"], sheet["heading"], sheet["int_ext"], sheet["set"], sheet["time"]) == (
        "2",
        "EXT. JETÉE - JOUR",
        "EXT",
        "JETÉE",
        "JOUR",
    )
    assert _names(sheet, "accepted") == {"ANTOINE": "cast", "MARTHE": "cast"}
    assert _names(sheet, "suggested") == {
        "BROUETTE": "props",
        "MOUETTES": "animals",
        "poisson": "animals",
    }
    mouettes = next(t for t in sheet["tags"] if t["name"] == "MOUETTES")
    assert set(mouettes) >= {"id", "category", "name", "status", "quantity", "note", "version"}
    assert mouettes["quantity"] == 2
    # Without --suggested only the breakdown itself (accepted and manual tags).
    assert _names(_sheet(imported, "2")) == {"ANTOINE": "cast", "MARTHE": "cast"}
    every = imported.json("breakdown")
    assert [s["label"] for s in every] == ["1", "2", "3", "4"]
    shown = imported("breakdown", "2", "--suggested")
    assert "MOUETTES ×2 (à confirmer)" in shown.stdout
    assert imported("breakdown", "show", "2").exit_code == 0


def test_accept_reject_tag_untag_note(imported: Folder) -> None:
    accepted = imported("breakdown", "accept", "2", "brouette", "MOUETTES")
    assert accepted.exit_code == 0, accepted.output
    rejected = imported("breakdown", "reject", "2", "poisson", "--json")
    assert [t["status"] for t in as_json(rejected)] == ["rejected"]
    sheet = _sheet(imported, "2", "--suggested")
    assert _names(sheet, "accepted") == {
        "ANTOINE": "cast",
        "MARTHE": "cast",
        "BROUETTE": "props",
        "MOUETTES": "animals",
    }
    assert "poisson" not in _names(sheet)  # rejected: off the sheet

    tagged = imported(
        "breakdown",
        "tag",
        "2",
        "props",
        "Pot de peinture",
        "--quantity",
        "3",
        "--note",
        "bleu marine",
        "--json",
    )
    assert tagged.exit_code == 0, tagged.output
    tag = as_json(tagged)
    assert (tag["category"], tag["status"], tag["quantity"], tag["note"]) == (
        "props",
        "manual",
        3,
        "bleu marine",
    )
    duplicate = imported("breakdown", "tag", "2", "props", "pot de peinture")
    assert duplicate.exit_code == 1
    assert "figure déjà sur la feuille de dépouillement de la séquence 2" in duplicate.stderr

    assert imported("breakdown", "untag", "2", "props", "POT DE PEINTURE").exit_code == 0
    assert "Pot de peinture" not in _names(_sheet(imported, "2"))
    suggested = imported("breakdown", "untag", "2", "props", "BROUETTE")
    assert suggested.exit_code == 2
    assert "rejetez-le plutôt que de le retirer" in suggested.stderr

    assert imported("breakdown", "note", "2", "Marée haute à 7 h : tourner avant").exit_code == 0
    assert _sheet(imported, "2")["notes"] == "Marée haute à 7 h : tourner avant"

    everything = imported("breakdown", "accept", "3", "--all", "--json")
    assert {t["name"] for t in as_json(everything)} == {
        "ANTOINE",
        "camionnette",
        "VIEILLE CAMIONNETTE",
    }
    assert _names(_sheet(imported, "3", "--suggested"), "suggested") == {}


def test_a_wrong_name_changes_nothing(imported: Folder) -> None:
    before = _sheet(imported, "2", "--suggested")
    result = imported("breakdown", "accept", "2", "BROUETTE", "licorne")
    assert result.exit_code == 1
    assert "'licorne'" in result.stderr
    assert "rien n’a été modifié" in result.stderr
    assert _sheet(imported, "2", "--suggested") == before
    assert imported("breakdown", "accept", "2").exit_code == 2  # neither names nor --all
    assert imported("breakdown", "accept", "9", "--all").exit_code == 1  # no such scene
    assert imported("breakdown", "tag", "2", "dragons", "X").exit_code == 2  # no such category


def test_export_csv_xlsx_pdf_read_back(imported: Folder, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    pdfplumber = pytest.importorskip("pdfplumber")
    imported("breakdown", "accept", "2", "BROUETTE")
    imported("breakdown", "tag", "1", "props", "Chiffon à lentille")

    csv_path = tmp_path / "depouillement.csv"
    result = imported("breakdown", "export", "--format", "csv", "-o", str(csv_path))
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert rows[0][:2] == ["Séquence", "Intitulé"]
    elements = {(r[0], r[9]) for r in rows[1:]}
    assert {("1", "Chiffon à lentille"), ("2", "BROUETTE"), ("2", "MARTHE")} <= elements
    assert ("4", "") in elements  # a scene without elements still has its row
    assert ("2", "MOUETTES") not in elements  # suggestions stay out

    xlsx_path = tmp_path / "depouillement.xlsx"  # format from the extension
    assert imported("breakdown", "export", "-o", str(xlsx_path)).exit_code == 0
    book = openpyxl.load_workbook(xlsx_path)
    cells = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value]
    assert "BROUETTE" in " ".join(cells)
    assert "EXT. JETÉE - JOUR" in cells

    pdf_path = tmp_path / "depouillement.pdf"
    english = imported.invoke(
        "--production",
        str(imported.path),
        "--lang",
        "en",
        "breakdown",
        "export",
        "-o",
        str(pdf_path),
    )
    assert english.exit_code == 0, english.output
    with pdfplumber.open(pdf_path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert len(pdf.pages) == 4  # one scene per page
    assert "BROUETTE" in text
    assert "Chiffon à lentille" in text
    assert "Props" in text  # English labels

    bad = imported("breakdown", "export", "-o", str(tmp_path / "x.doc"))
    assert bad.exit_code == 2
    unwritable = imported("breakdown", "export", "-o", str(tmp_path / "no" / "dir" / "x.csv"))
    assert unwritable.exit_code == 2
    assert "impossible d’écrire le fichier" in unwritable.stderr
    assert not (tmp_path / "no").exists()


def test_elements_list(imported: Folder) -> None:
    everything = imported.json("breakdown", "elements", "--suggested")
    assert {(e["category"], e["name"]) for e in everything} >= {
        ("cast", "MARTHE"),
        ("animals", "MOUETTES"),
        ("vehicles", "VIEILLE CAMIONNETTE"),
    }
    kept = imported.json("breakdown", "elements")
    assert {e["name"] for e in kept} == {"ANTOINE", "MARTHE"}
    animals = imported.json("breakdown", "elements", "--category", "animals", "--suggested")
    assert {e["name"] for e in animals} == {"MOUETTES", "poisson"}


def test_characters_merge_and_unmerge(imported: Folder) -> None:
    before = imported.json("characters")
    assert {c["name"]: c["scenes"] for c in before} == {"MARTHE": 3, "ANTOINE": 2}
    merged = imported("characters", "merge", "ANTOINE", "MARTHE", "--json")
    assert merged.exit_code == 0, merged.output
    rows = {c["name"]: c for c in as_json(merged)}
    assert rows["ANTOINE"]["alias_of"] == "MARTHE"
    assert rows["MARTHE"]["scenes"] == 3
    assert "ANTOINE" not in _names(_sheet(imported, "1"))  # shown under the main name
    shown = imported("characters")
    assert "↳ ANTOINE" in shown.stdout
    unmerged = imported("characters", "unmerge", "ANTOINE")
    assert unmerged.exit_code == 0
    assert all(c["alias_of"] is None for c in imported.json("characters", "list"))
    unknown = imported("characters", "merge", "PERSONNE", "MARTHE")
    assert unknown.exit_code == 1
    assert "aucun personnage «\u00a0PERSONNE\u00a0» dans cette production" in unknown.stderr


def test_feasibility_json_and_pdf(imported: Folder, tmp_path: Path) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    pdf_path = tmp_path / "faisabilite.pdf"
    result = imported("feasibility", "--json", "--pdf", str(pdf_path))
    assert result.exit_code == 0, result.output
    report = as_json(result)
    assert set(report) == {
        "title",
        "kind",
        "pages",
        "eighths",
        "scene_count",
        "estimated_minutes",
        "int_ext",
        "light",
        "sets",
        "cast",
        "night_exteriors",
        "weather_exteriors",
        "drivers",
        "shoot_days",
        "rules",
    }
    assert (report["title"], report["kind"], report["scene_count"]) == (
        "Le Phare des Oubliés",
        "tv_fiction",
        4,
    )
    assert isinstance(report["estimated_minutes"], str)  # a Decimal, exact
    days = report["shoot_days"]
    assert days["basis"] == "pages"
    assert isinstance(days["fast_rate"], str)
    assert days["low"] >= 1
    assert {s["key"] for s in report["int_ext"]} == {"INT", "EXT", "INT/EXT", "none"}
    assert [c["name"] for c in report["cast"]] == ["MARTHE", "ANTOINE"]
    assert any(r.startswith("shoot-pace@") for r in report["rules"])
    with pdfplumber.open(pdf_path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Le Phare des Oubliés" in text
    shown = imported("feasibility")
    assert "jour" in shown.stdout
    assert "MARTHE" in shown.stdout


def test_breakdown_before_any_import_says_so(folder: Folder) -> None:
    result = folder("breakdown")
    assert result.exit_code == 1
    assert "aucun scénario n’a encore été importé" in result.stderr
    assert folder("feasibility").exit_code == 1
    assert folder.json("script", "scenes") == []
    assert folder.json("characters") == []
