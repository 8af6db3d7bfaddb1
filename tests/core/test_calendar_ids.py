# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import datetime as dt

from regie.core.calendar import easter_sunday, french_public_holidays
from regie.core.ids import ascii_fold, production_code, slugify


def test_easter_known_years() -> None:
    assert easter_sunday(2024) == dt.date(2024, 3, 31)
    assert easter_sunday(2025) == dt.date(2025, 4, 20)
    assert easter_sunday(2026) == dt.date(2026, 4, 5)


def test_holidays_2026() -> None:
    days = french_public_holidays(2026)
    assert len(days) == 11
    assert days[dt.date(2026, 4, 6)] == "Lundi de Pâques"
    assert days[dt.date(2026, 5, 14)] == "Ascension"
    assert days[dt.date(2026, 5, 25)] == "Lundi de Pentecôte"


def test_slug_and_code() -> None:
    assert slugify("La Clef du Quai") == "la-clef-du-quai"
    assert slugify("   ") == "production"
    assert ascii_fold("Hélène Jérôme") == "Helene Jerome"
    assert production_code("La Clef du Quai") == "CLEQUA"
    assert production_code("Le Dernier Bac de la Loire") == "DBL"
    assert production_code("Été") == "ETE"
