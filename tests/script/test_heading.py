# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import pytest

from regie.script.cues import is_cue_text, split_cue
from regie.script.heading import looks_like_heading, parse_heading
from regie.script.model import IntExt, Light

CASES = [
    ("INT. CUISINE - JOUR", IntExt.INT, "CUISINE", "JOUR", Light.DAY, None),
    ("EXT. RUE - NUIT", IntExt.EXT, "RUE", "NUIT", Light.NIGHT, None),
    (
        "SÉQ. 3 - EXT. PARKING DU PORT - AUBE",
        IntExt.EXT,
        "PARKING DU PORT",
        "AUBE",
        Light.DAWN,
        "3",
    ),
    (
        "INT./EXT. VOITURE DE LUCIE - CRÉPUSCULE",
        IntExt.INT_EXT,
        "VOITURE DE LUCIE",
        "CRÉPUSCULE",
        Light.DUSK,
        None,
    ),
    ("INTÉRIEUR ENTREPÔT N° 7 - SOIR", IntExt.INT, "ENTREPÔT N° 7", "SOIR", Light.NIGHT, None),
    ("EXTÉRIEUR JARDIN – MATIN", IntExt.EXT, "JARDIN", "MATIN", Light.DAY, None),
    ("INT. RADIO STUDIO", IntExt.INT, "RADIO STUDIO", None, Light.UNKNOWN, None),
    ("EXT/INT. CAR -- NIGHT", IntExt.INT_EXT, "CAR", "NIGHT", Light.NIGHT, None),
    ("I/E TRUCK - DAY", IntExt.INT_EXT, "TRUCK", "DAY", Light.DAY, None),
    ("EST. VILLAGE, DAWN", IntExt.EXT, "VILLAGE", "DAWN", Light.DAWN, None),
    ("12. INT. BUREAU - NUIT", IntExt.INT, "BUREAU", "NUIT", Light.NIGHT, "12"),
    (
        "INT. HALLWAY, SCOTT'S BUILDING, A MOMENT LATER",
        IntExt.INT,
        "HALLWAY, SCOTT'S BUILDING",
        "A MOMENT LATER",
        Light.UNKNOWN,
        None,
    ),
    (
        "EXT. AVENUE FOCH -- LAMPERT HOUSE -- DAY",
        IntExt.EXT,
        "AVENUE FOCH -- LAMPERT HOUSE",
        "DAY",
        Light.DAY,
        None,
    ),
    ("SNIPER SCOPE POV", None, "SNIPER SCOPE POV", None, Light.UNKNOWN, None),
    ("INT. CUISINE - PLUS TARD", IntExt.INT, "CUISINE", "PLUS TARD", Light.UNKNOWN, None),
    ("EXT. RUE JOUR", IntExt.EXT, "RUE", "JOUR", Light.DAY, None),
]


@pytest.mark.parametrize(("text", "ie", "set_name", "time", "light", "number"), CASES)
def test_parse_heading(  # noqa: PLR0917 — one parameter per column of CASES
    text: str, ie: IntExt | None, set_name: str, time: str | None, light: Light, number: str | None
) -> None:
    h = parse_heading(text)
    assert (h.int_ext, h.set_name, h.time_of_day, h.light, h.number) == (
        ie,
        set_name,
        time,
        light,
        number,
    )


def test_stored_number_wins_over_prefix() -> None:
    assert parse_heading("SÉQ. 3 - EXT. QUAI - JOUR", number="3A").number == "3A"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("INT. CUISINE - JOUR", True),
        ("INTÉRIEUR ENTREPÔT - SOIR", True),
        ("SÉQ. 3 - EXT. PARKING", True),
        ("EST-CE QUE TU VIENS ?", False),
        ("INTERNATIONAL AIRPORT", False),
        ("Interior of the car is dark", False),
        ("INT.", False),
        ("EXTRA LARGE", False),
    ],
)
def test_looks_like_heading(line: str, expected: bool) -> None:
    assert looks_like_heading(line) is expected


@pytest.mark.parametrize(
    ("cue", "name", "ext", "dual"),
    [
        ("HÉLÈNE (V.O.)", "HÉLÈNE", "V.O.", False),
        ("JÉRÔME ^", "JÉRÔME", None, True),
        ("LUCIE (SUITE)", "LUCIE", "SUITE", False),
        ("BOB (O.S.) (CONT'D)", "BOB", "O.S., CONT'D", False),
        ("@McCLANE", "McCLANE", None, False),
        ("L’INSPECTEUR MARCHAND (off)", "L'INSPECTEUR MARCHAND", "off", False),
    ],
)
def test_split_cue(cue: str, name: str, ext: str | None, dual: bool) -> None:
    assert split_cue(cue) == (name, ext, dual)


def test_cue_text() -> None:
    assert is_cue_text("1ST DIPLOMATIC TYPE")
    assert is_cue_text("TEX & GIDEON")
    assert is_cue_text("JIM (o.s.)")
    assert not is_cue_text("Jim")
    assert not is_cue_text("123")
