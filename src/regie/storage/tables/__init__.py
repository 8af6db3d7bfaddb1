# SPDX-License-Identifier: AGPL-3.0-or-later
"""The tables, one module per part of the spine. Importing this package registers them all
on :data:`regie.storage.base.Base.metadata` (Alembic and the schema test rely on it).
"""

from __future__ import annotations

from regie.storage.tables.accounts import MembershipRow, UserRow
from regie.storage.tables.breakdown import ElementRow, TagRow
from regie.storage.tables.catalog import CharacterRow, SetRow
from regie.storage.tables.production import ProductionRow
from regie.storage.tables.script import SceneCharacterRow, SceneRow, ScriptRow

__all__ = [
    "CharacterRow",
    "ElementRow",
    "MembershipRow",
    "ProductionRow",
    "SceneCharacterRow",
    "SceneRow",
    "ScriptRow",
    "SetRow",
    "TagRow",
    "UserRow",
]
