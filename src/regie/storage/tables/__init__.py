# SPDX-License-Identifier: AGPL-3.0-or-later
"""The tables, one module per part of the spine. Importing this package registers them all
on :data:`regie.storage.base.Base.metadata` (Alembic and the schema test rely on it).
"""

from __future__ import annotations

from regie.storage.tables.accounts import MembershipRow, UserRow
from regie.storage.tables.breakdown import ElementRow, TagRow
from regie.storage.tables.budget import BudgetLineRow, BudgetRow
from regie.storage.tables.callsheets import CallSheetDayRow, CallSheetRecipientRow, CallSheetRow
from regie.storage.tables.catalog import CharacterRow, SetRow
from regie.storage.tables.finance import *  # noqa: F403 - registers its tables
from regie.storage.tables.financing import *  # noqa: F403 - registers its tables
from regie.storage.tables.jobs import JobRow
from regie.storage.tables.location_office import *  # noqa: F403 - registers its tables
from regie.storage.tables.locations import LocationRow, SetLocationRow, TravelTimeRow
from regie.storage.tables.logistics import *  # noqa: F403 - registers its tables
from regie.storage.tables.media import *  # noqa: F403 - registers its tables
from regie.storage.tables.people import (
    EngagementCharacterRow,
    EngagementRow,
    PersonRow,
    UnavailabilityRow,
)
from regie.storage.tables.plans import PlanRow  # noqa: F401 - registers its table
from regie.storage.tables.production import ProductionRow
from regie.storage.tables.schedule import (
    BoardDayRow,
    BoardRow,
    BoardStripRow,
    PrecedenceRow,
    SameDayRow,
    ScenePlanRow,
    ScheduleDayOffRow,
    ScheduleRow,
)
from regie.storage.tables.script import SceneCharacterRow, SceneRow, ScriptRow

__all__ = [
    "BoardDayRow",
    "BoardRow",
    "BoardStripRow",
    "BudgetLineRow",
    "BudgetRow",
    "CallSheetDayRow",
    "CallSheetRecipientRow",
    "CallSheetRow",
    "CharacterRow",
    "ElementRow",
    "EngagementCharacterRow",
    "EngagementRow",
    "JobRow",
    "LocationRow",
    "MembershipRow",
    "PersonRow",
    "PrecedenceRow",
    "ProductionRow",
    "SameDayRow",
    "SceneCharacterRow",
    "ScenePlanRow",
    "SceneRow",
    "ScheduleDayOffRow",
    "ScheduleRow",
    "ScriptRow",
    "SetLocationRow",
    "SetRow",
    "TagRow",
    "TravelTimeRow",
    "UnavailabilityRow",
    "UserRow",
]
