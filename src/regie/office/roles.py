# SPDX-License-Identifier: AGPL-3.0-or-later
"""Roles per production and what each may do. Pure data: the web and CLI ask
:func:`can` before acting; the services refuse with ``PermissionDenied``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    PRODUCER = "producer"  # producteur / productrice
    PRODUCTION_MANAGER = "production_manager"  # directeur·rice / chargé·e de production
    ACCOUNTANT = "accountant"  # administrateur·rice de production, comptable
    CREW = "crew"  # membre de l'équipe
    GUEST = "guest"  # invité (partenaire, diffuseur) : lecture du résumé seulement


ROLE_LABELS: dict[Role, tuple[str, str]] = {
    Role.PRODUCER: ("Producteur·rice", "Producer"),
    Role.PRODUCTION_MANAGER: ("Chargé·e de production", "Production manager"),
    Role.ACCOUNTANT: ("Administrateur·rice / comptable", "Accountant"),
    Role.CREW: ("Équipe", "Crew member"),
    Role.GUEST: ("Invité·e", "Guest"),
}


class Permission(StrEnum):
    VIEW_PRODUCTION = "view_production"  # overview page, feasibility summary
    VIEW_SCRIPT = "view_script"  # scenes, breakdown sheets, exports
    VIEW_FEASIBILITY = "view_feasibility"  # full feasibility diagnosis with cost drivers
    IMPORT_SCRIPT = "import_script"
    EDIT_BREAKDOWN = "edit_breakdown"  # tag, accept/reject suggestions, notes, aliases
    EDIT_PRODUCTION = "edit_production"  # title, kind, agreement
    MANAGE_MEMBERS = "manage_members"
    VIEW_SCHEDULE = "view_schedule"  # locations, cast and crew list, schedules, boards
    EDIT_SCHEDULE = "edit_schedule"  # locations, schedule versions, boards, optimisation
    EDIT_PEOPLE = "edit_people"  # people, engagements, their characters and unavailability
    VIEW_PEOPLE_PRIVATE = "view_people_private"  # birth dates, e-mail, phone, residence
    VIEW_BUDGET = "view_budget"  # devis versions, lines, totals, exports
    EDIT_BUDGET = "edit_budget"  # create budgets, edit lines, rates and add-ons
    MANAGE_MEDIA = "manage_media"  # offloads, QC runs, deliverables and their status
    VIEW_COSTS = "view_costs"  # cost report, actuals, ledger, final accounts
    EDIT_ACTUALS = "edit_actuals"  # commitments, invoices, FEC and payroll imports, mapping
    SUBMIT_EXPENSES = "submit_expenses"  # one's own expense reports (notes de frais)
    APPROVE_EXPENSES = "approve_expenses"  # approve or reject submitted expense reports
    PAY_EXPENSES = "pay_expenses"  # mark approved expense reports paid


_ALL = frozenset(Permission)
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PRODUCER: _ALL,
    # Who approves an expense report does not also pay it: the accountant pays.
    Role.PRODUCTION_MANAGER: _ALL - {Permission.MANAGE_MEMBERS, Permission.PAY_EXPENSES},
    Role.ACCOUNTANT: frozenset(
        {
            Permission.VIEW_PRODUCTION,
            Permission.VIEW_SCRIPT,
            Permission.VIEW_FEASIBILITY,
            Permission.VIEW_SCHEDULE,
            Permission.VIEW_PEOPLE_PRIVATE,
            Permission.VIEW_BUDGET,
            Permission.EDIT_BUDGET,  # the production's administrator keeps the devis
            Permission.VIEW_COSTS,
            Permission.EDIT_ACTUALS,
            Permission.SUBMIT_EXPENSES,
            Permission.PAY_EXPENSES,
        }
    ),
    Role.CREW: frozenset(
        {
            Permission.VIEW_PRODUCTION,
            Permission.VIEW_SCRIPT,
            Permission.VIEW_SCHEDULE,
            Permission.SUBMIT_EXPENSES,  # their own reports only
        }
    ),
    Role.GUEST: frozenset({Permission.VIEW_PRODUCTION}),
}


def can(role: Role | None, permission: Permission) -> bool:
    """Whether ``role`` (``None`` = not a member: an outsider) may do ``permission``."""
    return role is not None and permission in ROLE_PERMISSIONS[role]


@dataclass(frozen=True, slots=True)
class User:
    id: int
    email: str
    display_name: str
    locale: str = "fr"
    is_active: bool = True
    version: int = 1


@dataclass(frozen=True, slots=True)
class Membership:
    production_id: int
    user_id: int
    role: Role
