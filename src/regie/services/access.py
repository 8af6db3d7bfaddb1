# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who may do what in a production: the check every service makes before acting."""

from __future__ import annotations

from sqlalchemy.orm import Session

from regie.core.errors import NotFound, PermissionDenied
from regie.core.production import Production
from regie.core.text import Text, t
from regie.office.roles import Permission, Role, User, can
from regie.storage.repos import members, productions

# The role, as a refusal names it (lower case, inside a sentence).
_ROLES: dict[Role, Text] = {
    Role.PRODUCER: t("producer"),
    Role.PRODUCTION_MANAGER: t("production manager"),
    Role.ACCOUNTANT: t("accountant"),
    Role.CREW: t("crew member"),
    Role.GUEST: t("guest"),
}
# What each permission lets one do, for the refusal message.
_ACTIONS: dict[Permission, Text] = {
    Permission.VIEW_PRODUCTION: t("see this production"),
    Permission.VIEW_SCRIPT: t("see the script and the breakdown"),
    Permission.VIEW_FEASIBILITY: t("see the feasibility diagnosis"),
    Permission.IMPORT_SCRIPT: t("import a script"),
    Permission.EDIT_BREAKDOWN: t("edit the breakdown"),
    Permission.EDIT_PRODUCTION: t("edit the production"),
    Permission.MANAGE_MEMBERS: t("manage the members"),
    Permission.VIEW_SCHEDULE: t("see the schedule, the locations and the cast and crew"),
    Permission.EDIT_SCHEDULE: t("edit the schedule and the locations"),
    Permission.EDIT_PEOPLE: t("edit the cast and crew"),
    Permission.VIEW_PEOPLE_PRIVATE: t("see people's personal data"),
    Permission.VIEW_BUDGET: t("see the budget"),
    Permission.EDIT_BUDGET: t("edit the budget"),
    Permission.MANAGE_MEDIA: t("do media work (offloads, QC, deliverables)"),
    Permission.VIEW_COSTS: t("see the cost report and the actuals"),
    Permission.EDIT_ACTUALS: t("enter commitments, invoices and imports"),
    Permission.SUBMIT_EXPENSES: t("submit expense reports"),
    Permission.APPROVE_EXPENSES: t("approve or reject expense reports"),
    Permission.PAY_EXPENSES: t("mark expense reports paid"),
}


def production_named(slug: str) -> Text:
    """``production 'maree-basse'``: where an action was refused."""
    return t("production '{slug}'", slug=slug)


def not_found(slug: str) -> NotFound:
    """The one answer for a production that does not exist *or* that the actor cannot see."""
    return NotFound(
        t("no production '{slug}'", slug=slug),
        hint=t("Check the name, or ask its producer to add you"),
    )


def permission_denied(slug: str, role: Role, permission: Permission) -> PermissionDenied:
    """The refusal of ``permission`` to a member whose ``role`` does not include it."""
    return PermissionDenied(
        t(
            "your role in this production ({role}) does not allow you to {action}",
            role=_ROLES[role],
            action=_ACTIONS[permission],
        ),
        where=production_named(slug),
        hint=t("Ask the producer for a role that allows it"),
    )


def production_for(
    session: Session, slug: str, actor: User | None, permission: Permission
) -> Production:
    """The production ``slug`` if ``actor`` may do ``permission`` in it."""
    try:
        production = productions.production_by_slug(session, slug)
    except NotFound:
        raise not_found(slug) from None
    if actor is None:
        return production
    role = members.role_of(session, actor.id, production.id)
    if role is None:
        raise not_found(slug)
    if not can(role, permission):
        raise permission_denied(slug, role, permission)
    return production
