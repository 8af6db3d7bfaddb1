# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie script import|parse|versions|scenes``, and bad files refused with nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli import samples
from tests.cli.conftest import Folder, Invoke, as_json

FDX = """\
<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
<Content>
<Paragraph Type="Scene Heading"><Text>INT. PHARE - NUIT</Text></Paragraph>
<Paragraph Type="Action"><Text>Marthe nettoie la lentille.</Text></Paragraph>
<Paragraph Type="Character"><Text>MARTHE</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>Encore une nuit sans bateau.</Text></Paragraph>
<Paragraph Type="Scene Heading"><Text>EXT. JETÉE - JOUR</Text></Paragraph>
<Paragraph Type="Character"><Text>ANTOINE</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>On repeint la coque demain.</Text></Paragraph>
</Content>
</FinalDraft>
"""

ENTITY_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE FinalDraft [\n<!ENTITY lol "lol">\n'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n'
    ']>\n<FinalDraft DocumentType="Script"><Content><Paragraph Type="Action">'
    "<Text>&lol3;</Text></Paragraph></Content></FinalDraft>\n"
)


def test_parse_json_field_by_field_without_a_production(
    regie: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no regie.toml anywhere: parse needs none
    script = tmp_path / "phare.fountain"
    script.write_text(samples.PHARE, encoding="utf-8")
    result = regie("script", "parse", str(script), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout_bytes.decode("utf-8"))
    assert set(data) == {"scenes", "characters", "pages"}
    assert data["characters"] == ["MARTHE", "ANTOINE"]
    assert data["pages"] == 1
    assert len(data["scenes"]) == len(samples.PHARE_TRUTH)
    for scene, truth in zip(data["scenes"], samples.PHARE_TRUTH, strict=True):
        assert set(scene) == {
            "number",
            "heading",
            "int_ext",
            "set",
            "time",
            "eighths",
            "pages",
            "characters",
        }
        number, heading, int_ext, set_name, time, characters = truth
        assert scene["number"] == number
        assert scene["heading"] == heading
        assert scene["int_ext"] == int_ext
        assert scene["set"] == set_name
        assert scene["time"] == time
        assert scene["characters"] == characters
        assert scene["pages"] == [1, 1]
        assert isinstance(scene["eighths"], int)
        assert scene["eighths"] >= 1
    # The last scene (two lines of action) is the shortest.
    assert data["scenes"][3]["eighths"] <= min(s["eighths"] for s in data["scenes"][:3])
    table = regie("script", "parse", str(script))
    assert table.exit_code == 0
    assert "CAMIONNETTE D'ANTOINE" in table.stdout


def test_parse_reads_final_draft(regie: Invoke, tmp_path: Path) -> None:
    script = tmp_path / "phare.fdx"
    script.write_text(FDX, encoding="utf-8")
    data = as_json(regie("script", "parse", str(script), "--json"))
    assert [(s["int_ext"], s["set"], s["time"], s["characters"]) for s in data["scenes"]] == [
        ("INT", "PHARE", "NUIT", ["MARTHE"]),
        ("EXT", "JETÉE", "JOUR", ["ANTOINE"]),
    ]


@pytest.mark.corpus
def test_parse_json_matches_the_corpus_truth(regie: Invoke, corpus_dir: Path) -> None:
    scripts = corpus_dir / "scripts"
    truth = json.loads((scripts / "La-Clef-du-Quai.truth.json").read_text(encoding="utf-8"))
    result = regie("script", "parse", str(scripts / "La-Clef-du-Quai.fountain"), "--json")
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert len(data["scenes"]) == truth["scene_count"]
    for scene, expected in zip(data["scenes"], truth["scenes"], strict=True):
        assert scene["heading"] == expected["heading"]
        assert scene["number"] == expected["scene_number"]
        assert scene["int_ext"] == expected["int_ext"]
        assert scene["set"] == expected["location"]
        assert scene["time"] == expected["time_of_day"]
        assert sorted(scene["characters"]) == sorted(expected["speakers"])


def test_import_then_versions_and_scenes(imported: Folder) -> None:
    versions = imported.json("script", "versions")
    assert len(versions) == 1
    first = versions[0]
    assert (first["number"], first["filename"], first["format"]) == (
        1,
        "phare.fountain",
        "fountain",
    )
    assert (first["scenes"], first["pages"], first["revision"]) == (4, 1, None)
    assert first["title"] == "Le Phare des Oubliés"
    scenes = imported.json("script", "scenes")
    assert [s["label"] for s in scenes] == ["1", "2", "3", "4"]
    assert scenes[2]["int_ext"] == "INT/EXT"
    assert scenes[2]["cast"] == ["MARTHE"]
    assert scenes[0]["pages"] == [1, 1]
    assert first["eighths"] == sum(s["eighths"] for s in scenes)
    assert all(s["length"].endswith("/8") or s["length"].isdigit() for s in scenes)
    shown = imported("script", "scenes")
    assert "SOUS-SOL DU PHARE" in shown.stdout
    assert "phare.fountain" in imported("script", "versions").stdout


def test_reimport_prints_the_revision_report(imported: Folder) -> None:
    imported("breakdown", "note", "1", "Lentille à louer")
    script = imported.write("phare-v2.fountain", samples.PHARE_V2)
    shown = imported("script", "import", str(script))
    assert shown.exit_code == 0, shown.output
    assert "Version 2 importée" in shown.stdout
    assert "Révision par rapport à la version 1" in shown.stdout
    versions = imported.json("script", "versions")
    revision = versions[-1]["revision"]
    assert revision["added"] == ["5"]
    assert revision["removed"] == ["3"]
    assert revision["changed"] == ["2"]
    assert revision["unchanged"] == 2
    assert revision["notes_kept"] == 1
    assert revision["tags_kept"] > 0
    assert [s["label"] for s in imported.json("script", "scenes") if s["needs_review"]] == ["2"]
    assert "À revoir" in imported("breakdown", "2").stdout
    assert imported("breakdown", "reviewed", "2").exit_code == 0
    assert not any(s["needs_review"] for s in imported.json("script", "scenes"))
    again = imported("script", "import", str(script), "--json")
    assert again.exit_code == 1  # the same file twice: nothing to import
    assert as_json(again)["error"] == "Conflict"
    assert imported.version_count() == 2


def _blank_pdf() -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    html = '<div style="width: 8cm; height: 5cm; border: 3px solid black"></div>'
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


# name, content (None: a PDF without text), what the French and the English messages say
BAD_FILES = {
    "empty": ("vide.fountain", b"", "le fichier est vide", "the file is empty"),
    "binary": (
        "image.fountain",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50,
        "fichier binaire",
        "binary",
    ),
    "entity bomb": (
        "bombe.fdx",
        ENTITY_BOMB.encode(),
        "déclarations d’entités XML",
        "entity declarations",
    ),
    "truncated fdx": (
        "coupe.fdx",
        FDX.encode()[: len(FDX) // 2],
        "pas du XML bien formé",
        "not well-formed XML",
    ),
    "no text layer": ("scan.pdf", None, "pas de couche texte", "no text layer"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_refused_and_nothing_is_stored(imported: Folder, case: str) -> None:
    name, data, problem, english = BAD_FILES[case]
    path = imported.write(name, _blank_pdf() if data is None else data)
    before = imported.version_count()
    result = imported("script", "import", str(path))
    assert result.exit_code == 2, result.output
    assert problem in result.stderr
    assert name in result.stderr
    assert "Traceback" not in result.output
    assert imported.version_count() == before
    as_error = as_json(imported("script", "import", str(path), "--json"))
    assert as_error["error"] == "ParseError"
    assert problem in as_error["message"]
    assert english in as_error["message_en"]
    parsed = imported.invoke("script", "parse", str(path), "--json")
    assert parsed.exit_code == 2
    assert imported.version_count() == before


def test_a_50_mb_file_is_refused_before_it_is_read(imported: Folder) -> None:
    path = imported.path.parent / "film.fountain"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing written
        handle.truncate(50 * 1024 * 1024)
    result = imported("script", "import", str(path))
    assert result.exit_code == 2
    assert "50.0\u00a0Mo, plus que les 20\u00a0Mo" in result.stderr
    assert "film.fountain" in result.stderr
    assert imported.version_count() == 1


def test_a_missing_file_is_named(imported: Folder, tmp_path: Path) -> None:
    result = imported("script", "import", str(tmp_path / "absent.fountain"))
    assert result.exit_code == 2
    assert "absent.fountain" in result.stderr
    assert "ce fichier n’existe pas" in result.stderr
