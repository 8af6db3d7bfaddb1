# SPDX-License-Identifier: AGPL-3.0-or-later
"""Productions: create (the owner becomes producer), read, list, edit."""

from __future__ import annotations

import dataclasses
import re
from enum import Enum
from typing import Final

from sqlalchemy.orm import Session

from regie.core.errors import NotFound, ValidationError
from regie.core.ids import production_code, slugify
from regie.core.production import Agreement, Production, ProductionKind, default_agreement
from regie.core.text import t
from regie.office.roles import Permission, Role, User
from regie.services.access import production_for
from regie.services.database import Database
from regie.storage.repos import accounts, members, productions

MAX_TITLE = 200
_CURRENCY = re.compile(r"[A-Z]{3}")


class _Unset(Enum):
    UNSET = "unset"


UNSET: Final = _Unset.UNSET  # "leave this field as it is" in update_production


def _title(title: str) -> str:
    title = " ".join(title.split())
    if not title or len(title) > MAX_TITLE:
        raise ValidationError(
            t("the title must have 1 to {maximum} characters", maximum=MAX_TITLE), field="title"
        )
    return title


def _kind(kind: ProductionKind | str) -> ProductionKind:
    try:
        return ProductionKind(kind)
    except ValueError:
        raise ValidationError(
            t("unknown kind of production '{kind}'", kind=kind),
            field="kind",
            hint=t("Choose one of: {kinds}", kinds=", ".join(k.value for k in ProductionKind)),
        ) from None


def _agreement(agreement: Agreement | str) -> Agreement:
    try:
        return Agreement(agreement)
    except ValueError:
        raise ValidationError(
            t("unknown collective agreement '{agreement}'", agreement=agreement),
            field="agreement",
            hint=t(
                "Give its IDCC number: {numbers}",
                numbers=", ".join(a.value for a in Agreement),
            ),
        ) from None


def _currency(currency: str) -> str:
    if not _CURRENCY.fullmatch(currency):
        raise ValidationError(
            t("'{currency}' is not a currency code", currency=currency),
            field="currency",
            hint=t("Write it as EUR, CHF…"),
        )
    return currency


def _running_minutes(minutes: int | None) -> int | None:
    if minutes is not None and not 0 < minutes <= 100_000:
        raise ValidationError(
            t("the running time must be a positive number of minutes"),
            field="running_minutes",
        )
    return minutes


def _episodes(episodes: int) -> int:
    if not 0 < episodes <= 10_000:
        raise ValidationError(t("the number of episodes must be 1 or more"), field="episodes")
    return episodes


def _language(language: str) -> str:
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", language):
        raise ValidationError(
            t("'{language}' is not a language code", language=language),
            field="language",
            hint=t("Write it as fr, en…"),
        )
    return language


def _free_slug(session: Session, title: str) -> str:
    base = slugify(title)
    slug, n = base, 1
    while productions.slug_taken(session, slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_production(
    db: Database,
    title: str,
    kind: ProductionKind | str,
    agreement: Agreement | str | None = None,
    *,
    currency: str = "EUR",
    running_minutes: int | None = None,
    episodes: int = 1,
    language: str = "fr",
    owner: User | None = None,
) -> Production:
    """A new production; its slug comes from the title (``-2``, ``-3``… when taken), its code
    too; without ``agreement``, the one of its kind. ``owner`` becomes its producer.
    """
    title = _title(title)
    kind = _kind(kind)
    draft = Production(
        id=0,
        slug="",
        code=production_code(title),
        title=title,
        kind=kind,
        agreement=default_agreement(kind) if agreement is None else _agreement(agreement),
        currency=_currency(currency),
        running_minutes=_running_minutes(running_minutes),
        episodes=_episodes(episodes),
        language=_language(language),
    )
    with db.session() as session:
        stored = productions.insert_production(
            session,
            dataclasses.replace(draft, slug=_free_slug(session, title)),
        )
        if owner is not None:
            members.put_membership(session, stored.id, owner.id, Role.PRODUCER)
        return stored


def get_production(db: Database, slug: str, *, actor: User | None) -> Production:
    with db.session() as session:
        return production_for(session, slug, actor, Permission.VIEW_PRODUCTION)


def list_productions(db: Database, actor: User | None) -> list[Production]:
    """Every production for the local user (``None``), else those ``actor`` is a member of."""
    with db.session() as session:
        if actor is None:
            return productions.list_productions(session)
        try:
            if not accounts.user_by_id(session, actor.id).is_active:
                return []
        except NotFound:
            return []
        return productions.list_productions(session, member_id=actor.id)


def update_production(
    db: Database,
    slug: str,
    expected_version: int,
    *,
    actor: User | None,
    title: str | _Unset = UNSET,
    kind: ProductionKind | str | _Unset = UNSET,
    agreement: Agreement | str | _Unset = UNSET,
    currency: str | _Unset = UNSET,
    running_minutes: int | _Unset | None = UNSET,
    episodes: int | _Unset = UNSET,
    language: str | _Unset = UNSET,
) -> Production:
    """Change the given fields of the production seen at ``expected_version``.

    The slug and the code stay: folders, file names and links depend on them.
    """
    changes: dict[str, object] = {}
    if not isinstance(title, _Unset):
        changes["title"] = _title(title)
    if not isinstance(kind, _Unset):
        changes["kind"] = _kind(kind).value
    if not isinstance(agreement, _Unset):
        changes["agreement"] = _agreement(agreement).value
    if not isinstance(currency, _Unset):
        changes["currency"] = _currency(currency)
    if not isinstance(running_minutes, _Unset):
        changes["running_minutes"] = _running_minutes(running_minutes)
    if not isinstance(episodes, _Unset):
        changes["episodes"] = _episodes(episodes)
    if not isinstance(language, _Unset):
        changes["language"] = _language(language)
    with db.session() as session:
        production_for(session, slug, actor, Permission.EDIT_PRODUCTION)
        return productions.update_production(
            session, slug, expected_version=expected_version, changes=changes
        )
