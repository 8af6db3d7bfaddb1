# SPDX-License-Identifier: AGPL-3.0-or-later
"""Opening the database from a face: the schema check and the upgrade."""

from __future__ import annotations

from pathlib import Path

import pytest

from regie.services.database import SchemaError, open_database, sqlite_url


def test_open_checks_the_schema_and_upgrade_fixes_it(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "regie.sqlite")
    with pytest.raises(SchemaError, match="regie db upgrade"):
        open_database(url, check=True)
    database = open_database(url)
    database.upgrade()
    open_database(url, check=True).dispose()
    database.dispose()
    assert url.startswith("sqlite:////")
