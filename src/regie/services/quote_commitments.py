# SPDX-License-Identifier: AGPL-3.0-or-later
"""A chosen vendor quote becomes a commitment (an accepted quote, ``engagement``) of the
actuals, so the cost report counts it as committed until its invoice comes.

The commitment's reference is ``DEVIS-<quote id>``: committing the same quote again finds
the commitment already made instead of adding a second one. Its devis account is the
quote's own, or the ``logistics`` pack's default account for quotes (the same one the
push to the devis uses).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from regie.core.errors import Conflict, NotFound
from regie.core.text import t
from regie.finance.actuals import Commitment, CommitmentKind
from regie.logistics.travel import PACK_ID
from regie.office.roles import User
from regie.rules.registry import pack
from regie.services import actuals, logistics
from regie.services.database import Database


def commitment_reference(quote_id: int) -> str:
    return f"DEVIS-{quote_id}"


def commit_chosen_quote(
    db: Database,
    slug: str,
    quote_id: int,
    *,
    on: dt.date,
    actor: User | None,
    rule_dirs: tuple[Path, ...] = (),
) -> Commitment:
    """The commitment of quote ``quote_id``, which must be the chosen quote of its list
    (made on ``on`` the first time; the existing one afterwards)."""
    found = logistics.list_equipment(db, slug, actor=actor)
    equipment = next(
        (v.equipment for v in found if any(q.id == quote_id for q in v.equipment.quotes)), None
    )
    if equipment is None:
        raise NotFound(t("no quote #{id} in this production", id=quote_id))
    quote = next(q for q in equipment.quotes if q.id == quote_id)
    if not quote.chosen:
        raise Conflict(
            t("quote #{id} is not the chosen quote of its list", id=quote_id),
            hint=t("Choose it first (regie logistics quotes choose)"),
        )
    reference = commitment_reference(quote_id)
    existing = next(
        (c for c in actuals.list_commitments(db, slug, actor=actor) if c.reference == reference),
        None,
    )
    if existing is not None:
        return existing
    account = quote.fields.account or str(
        pack(PACK_ID, extra_dirs=rule_dirs).value("devis.account.quote").value
    )
    return actuals.add_commitment(
        db,
        slug,
        actuals.CommitmentFields(
            reference=reference,
            supplier=quote.fields.vendor,
            devis_account=account,
            description=equipment.fields.name,
            amount=quote.fields.amount,
            date=on,
            kind=CommitmentKind.QUOTE,
        ),
        actor=actor,
    )
