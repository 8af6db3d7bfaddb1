# SPDX-License-Identifier: AGPL-3.0-or-later
"""Backward planning (rétroplanning) and the post-production plan: tasks in working days,
the critical path from the delivery date, templates per programme kind, slips and the
contractual dates they put at risk. Pure: dates come in as arguments."""

from regie.office.planning.cpm import (
    AtRisk,
    PlanSchedule,
    RiskKind,
    ScheduledTask,
    TaskStatus,
    schedule,
    slip,
)
from regie.office.planning.model import (
    Dependency,
    LinkType,
    Phase,
    Plan,
    Task,
    TaskProgress,
    WorkWeek,
)

__all__ = [
    "AtRisk",
    "Dependency",
    "LinkType",
    "Phase",
    "Plan",
    "PlanSchedule",
    "RiskKind",
    "ScheduledTask",
    "Task",
    "TaskProgress",
    "TaskStatus",
    "WorkWeek",
    "schedule",
    "slip",
]
