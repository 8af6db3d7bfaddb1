# SPDX-License-Identifier: AGPL-3.0-or-later
"""Deliverables as stored: a record round-trips whole (history, check with its findings
and their messages), keys are unique per production, edits check the version."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from regie.budget.model import Cited
from regie.core.errors import Conflict, NotFound, StaleEdit
from regie.core.text import t
from regie.media.catalog import DeliverableRecord, MasterCheck
from regie.media.deliverables import (
    Deliverable,
    DeliverableStatus,
    Finding,
    Severity,
    StatusChange,
)
from regie.rules.pack import Status
from regie.storage.db import Database
from regie.storage.repos import media
from tests.storage.factory import add_production

CITED = Cited("delivery-specs@2026.1", "broadcast-pad.loudness.target", Status.SECONDARY,
              "CST-RT017")  # fmt: skip


def _record(production_id: int, key: str = "master-pad") -> DeliverableRecord:
    item = Deliverable(key, "Fichier PAD", "PAD file", "master", "template", "broadcast-pad")
    return DeliverableRecord(0, production_id, item, "broadcast-pad", dt.date(2027, 5, 3),
                             "", None, None, 1)  # fmt: skip


def test_a_deliverable_round_trips_with_its_history_and_check(database: Database) -> None:
    with database.session() as session:
        production = add_production(session)
        ident = media.insert_deliverable(session, _record(production.id))
    finding = Finding(
        "loudness", Severity.ERROR,
        t("the integrated loudness is {measured} LUFS, {gap} LU from the target {expected}",
          measured=Decimal("-20.5"), gap=Decimal("2.5"), expected="-23 ± 1"),
        "-23 ± 1", "-20.5", (CITED,),
    )  # fmt: skip
    check = MasterCheck(
        "/mnt/raid/PAD.mxf",
        dt.datetime(2027, 5, 2, 14, 30, tzinfo=dt.UTC),
        {"container": "mxf", "loudness": "-20.5"},
        (finding,),
    )
    with database.session() as session:
        stored = media.get_deliverable(session, production.id, ident)
        history = (StatusChange(DeliverableStatus.DELIVERED, dt.date(2027, 5, 2), "PAD.mxf"),)
        item = replace(stored.item, status=DeliverableStatus.DELIVERED, history=history)
        changed = replace(stored, item=item, check=check, master_path=check.path, note="v2")
        assert media.update_deliverable(session, changed, expected_version=1) == 2
    with database.session() as session:
        again = media.get_deliverable(session, production.id, ident)
    assert again.item == item
    assert again.check == check
    assert again.check is not None
    assert not again.check.conforms
    french = {"the integrated loudness is {measured} LUFS, {gap} LU from the target {expected}":
              "la sonie intégrée est de {measured} LUFS, à {gap} LU de la cible {expected}",
              "{whole}.{fraction}": "{whole},{fraction}"}  # fmt: skip
    message = again.check.findings[0].message.translate(lambda m: french.get(m, m))
    assert message == "la sonie intégrée est de -20,5 LUFS, à 2,5 LU de la cible -23 ± 1"
    assert (again.note, again.master_path, again.version) == ("v2", "/mnt/raid/PAD.mxf", 2)
    assert again.overdue(dt.date(2027, 5, 4)) is False  # delivered


def test_keys_are_unique_in_a_production(database: Database) -> None:
    with database.session() as session:
        production = add_production(session)
        other = add_production(session, "autre")
        media.insert_deliverable(session, _record(production.id))
        media.insert_deliverable(session, _record(other.id))  # another production: fine
        assert media.keys(session, production.id) == {"master-pad"}
    with pytest.raises(Conflict, match="already in the list"), database.session() as session:
        media.insert_deliverable(session, _record(production.id))


def test_a_stale_edit_and_a_foreign_id_are_refused(database: Database) -> None:
    with database.session() as session:
        production = add_production(session)
        other = add_production(session, "autre")
        ident = media.insert_deliverable(session, _record(production.id))
    with database.session() as session:
        stored = media.get_deliverable(session, production.id, ident)
        media.update_deliverable(session, replace(stored, note="a"), expected_version=1)
    stale = pytest.raises(StaleEdit, match="your version 1, stored version 2")
    with stale, database.session() as session:
        media.update_deliverable(session, replace(stored, note="b"), expected_version=1)
    with pytest.raises(NotFound), database.session() as session:
        media.get_deliverable(session, other.id, ident)
    with database.session() as session:
        assert media.get_deliverable(session, production.id, ident).note == "a"
        media.delete_deliverable(session, production.id, ident, expected_version=2)
        assert media.list_deliverables(session, production.id) == []
