# SPDX-License-Identifier: AGPL-3.0-or-later
"""Media use cases: who may do media work, and the deliverables list (livrables) with
its statuses (the check of a delivered master is :mod:`regie.services.media_masters`).

Seeing the media pages needs ``VIEW_SCHEDULE``; running an offload or a QC, editing the
deliverables and checking a master need ``MANAGE_MEDIA`` (producers and production
managers). Each use case is one transaction; an edit takes the version the user saw and
raises ``StaleEdit`` when someone changed the deliverable in between.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session

from regie.core.errors import Conflict, PermissionDenied, StaleEdit, ValidationError
from regie.core.ids import ascii_fold
from regie.core.production import Production
from regie.core.text import t
from regie.media.catalog import DeliverableRecord
from regie.media.deliverables import (
    Deliverable,
    DeliverableStatus,
    advance,
    deliverables_list,
    template_ids,
)
from regie.office.roles import Permission, User, can
from regie.services.access import production_for, production_named
from regie.services.database import Database
from regie.services.media_plans import media_packs
from regie.storage.repos import media, members

MAX_TITLE = 200
MAX_NOTE = 2000


def media_denied(slug: str) -> PermissionDenied:
    return PermissionDenied(
        t("your role in this production does not allow media work (offloads, QC, deliverables)"),
        where=production_named(slug),
        hint=t("Ask the producer for a role that allows it"),
    )


def media_production(
    session: Session, slug: str, actor: User | None, *, manage: bool = False
) -> Production:
    """The production ``slug`` if ``actor`` may see its media pages (``manage``: and
    do media work)."""
    production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
    if manage and actor is not None:
        role = members.role_of(session, actor.id, production.id)
        if not can(role, Permission.MANAGE_MEDIA):
            raise media_denied(slug)
    return production


def require_media_work(db: Database, slug: str, *, actor: User | None) -> Production:
    """Refuse early (before a job is queued) when ``actor`` may not do media work."""
    with db.session() as session:
        return media_production(session, slug, actor, manage=True)


# --- templates ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    title_fr: str
    title_en: str
    items: int


def templates(rule_dirs: tuple[Path, ...] = ()) -> list[Template]:
    """The deliverables templates of the pack in use, in file order."""
    pack = media_packs(rule_dirs).templates
    found = []
    for template in template_ids(pack):
        listed = deliverables_list(pack, template)
        found.append(Template(template, listed.title_fr, listed.title_en, len(listed.items)))
    return found


# --- the list ----------------------------------------------------------------------------


def list_deliverables(db: Database, slug: str, *, actor: User | None) -> list[DeliverableRecord]:
    with db.session() as session:
        production = media_production(session, slug, actor)
        return media.list_deliverables(session, production.id)


def get_deliverable(
    db: Database, slug: str, deliverable_id: int, *, actor: User | None
) -> DeliverableRecord:
    with db.session() as session:
        production = media_production(session, slug, actor)
        return media.get_deliverable(session, production.id, deliverable_id)


def _title(text: str) -> str:
    title = " ".join(text.split())
    if not title:
        raise ValidationError(t("an extra deliverable needs a title"), field="extras")
    if len(title) > MAX_TITLE:
        raise ValidationError(
            t("a title has at most {count} characters", count=MAX_TITLE), field="extras"
        )
    return title


def _extra(title: str) -> Deliverable:
    slug = "-".join(ascii_fold(title).lower().split())[:40].strip("-")
    key = f"contract-{slug or 'item'}"
    return Deliverable(key, title, title, "contract", "contract")


def _note(text: str) -> str:
    note = text.strip()
    if len(note) > MAX_NOTE:
        raise ValidationError(
            t("a note has at most {count} characters", count=MAX_NOTE), field="note"
        )
    return note


def add_deliverables(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    template: str | None = None,
    extras: Sequence[str] = (),
    due: dt.date | None = None,
    rule_dirs: tuple[Path, ...] = (),
) -> list[DeliverableRecord]:
    """Add a template's items (those whose key is already in the list are skipped: two
    templates share the cue sheet) and the contract's extras (an extra already in the
    list is a ``Conflict``); the deliverables added, in order."""
    items: list[Deliverable] = []
    if template:
        items += deliverables_list(media_packs(rule_dirs).templates, template).items
    extra_items = [_extra(_title(text)) for text in extras if text.strip()]
    if not items and not extra_items:
        raise ValidationError(
            t("choose a template or write at least one extra deliverable"), field="template"
        )
    with db.session() as session:
        production = media_production(session, slug, actor, manage=True)
        used = media.keys(session, production.id)
        added: list[int] = []
        for item in items:
            if item.id in used:
                continue
            added.append(_insert(session, production.id, item, template, due))
            used.add(item.id)
        for item in extra_items:
            if item.id in used:
                raise Conflict(
                    t("a deliverable '{key}' is already in the list", key=item.id),
                    hint=t("Give the new deliverable another title"),
                )
            added.append(_insert(session, production.id, item, None, due))
            used.add(item.id)
        return [media.get_deliverable(session, production.id, i) for i in added]


def _insert(
    session: Session,
    production_id: int,
    item: Deliverable,
    template: str | None,
    due: dt.date | None,
) -> int:
    return media.insert_deliverable(
        session,
        DeliverableRecord(0, production_id, item, template, due, "", None, None, 1),
    )


Change = Callable[[DeliverableRecord], DeliverableRecord]


def _edit(
    db: Database,
    slug: str,
    deliverable_id: int,
    change: Change,
    *,
    expected_version: int,
    actor: User | None,
) -> DeliverableRecord:
    """Read, change and write one deliverable in one transaction; the version the user saw
    is checked before the change is even computed."""
    with db.session() as session:
        production = media_production(session, slug, actor, manage=True)
        stored = media.get_deliverable(session, production.id, deliverable_id)
        if stored.version != expected_version:
            raise StaleEdit(
                t("deliverable '{key}'", key=stored.key),
                expected=expected_version,
                actual=stored.version,
            )
        media.update_deliverable(session, change(stored), expected_version=expected_version)
        return media.get_deliverable(session, production.id, deliverable_id)


def _advance(to: DeliverableStatus, on: dt.date, note: str | None) -> Change:
    return lambda stored: replace(stored, item=advance(stored.item, to, on=on, note=note))


def _details(due: dt.date | None, note: str) -> Change:
    return lambda stored: replace(stored, due=due, note=note)


def advance_status(
    db: Database,
    slug: str,
    deliverable_id: int,
    to: DeliverableStatus | str,
    *,
    expected_version: int,
    actor: User | None,
    note: str = "",
    today: dt.date | None = None,
) -> DeliverableRecord:
    """Move a deliverable to ``to`` (an illegal move is refused, naming the allowed ones)."""
    try:
        target = DeliverableStatus(to)
    except ValueError:
        raise ValidationError(
            t("'{status}' is not a deliverable status", status=str(to)),
            field="status",
            hint=t(
                "Use one of: {statuses}", statuses=", ".join(s.value for s in DeliverableStatus)
            ),
        ) from None
    on = today or dt.date.today()  # noqa: DTZ011 - the date a person reads, zone-free
    change = _advance(target, on, _note(note) or None)
    return _edit(db, slug, deliverable_id, change, expected_version=expected_version, actor=actor)


def edit_deliverable(
    db: Database,
    slug: str,
    deliverable_id: int,
    *,
    expected_version: int,
    actor: User | None,
    due: dt.date | None,
    note: str,
) -> DeliverableRecord:
    """Set a deliverable's due date and note."""
    change = _details(due, _note(note))
    return _edit(db, slug, deliverable_id, change, expected_version=expected_version, actor=actor)


def delete_deliverable(
    db: Database, slug: str, deliverable_id: int, *, expected_version: int, actor: User | None
) -> None:
    with db.session() as session:
        production = media_production(session, slug, actor, manage=True)
        media.delete_deliverable(
            session, production.id, deliverable_id, expected_version=expected_version
        )
