# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who may do what in a production: the check every service makes before acting."""

from __future__ import annotations

from sqlalchemy.orm import Session

from regie.core.errors import NotFound, PermissionDenied
from regie.core.production import Production
from regie.office.roles import ROLE_LABELS, Permission, User, can
from regie.storage.repos import members, productions

# What each permission lets one do, for the refusal message.
_ACTIONS: dict[Permission, str] = {
    Permission.VIEW_PRODUCTION: "see this production",
    Permission.VIEW_SCRIPT: "see the script and the breakdown",
    Permission.VIEW_FEASIBILITY: "see the feasibility diagnosis",
    Permission.IMPORT_SCRIPT: "import a script",
    Permission.EDIT_BREAKDOWN: "edit the breakdown",
    Permission.EDIT_PRODUCTION: "edit the production",
    Permission.MANAGE_MEMBERS: "manage the members",
}


def not_found(slug: str) -> NotFound:
    """The one answer for a production that does not exist *or* that the actor cannot see."""
    return NotFound(
        f"no production '{slug}'", hint="Check the name, or ask its producer to add you"
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
        raise PermissionDenied(
            f"your role in this production ({ROLE_LABELS[role][1].lower()}) does not allow "
            f"you to {_ACTIONS[permission]}",
            where=f"production '{slug}'",
            hint="Ask the producer for a role that allows it",
        )
    return production
