# SPDX-License-Identifier: AGPL-3.0-or-later
"""Backward plans as stored: the document kept as written, names unique per production,
edits on an old version refused (also when another session wins the race), deletion
with the production."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import event

from regie.core.errors import Conflict, NotFound, StaleEdit
from regie.storage.db import Database
from regie.storage.repos import plans, productions
from tests.storage.factory import add_production

DELIVERY = dt.date(2027, 9, 30)


def _document(title: str, progress: list[dict[str, object]] | None = None) -> str:
    """A small plan document (the repository keeps it as text, whatever its shape)."""
    return json.dumps(
        {
            "format": "regie.plan",
            "version": 1,
            "title": title,
            "delivery": DELIVERY.isoformat(),
            "tasks": [{"id": "edit", "title": "Montage", "phase": "post", "duration": 20}],
            "progress": progress or [],
        },
        ensure_ascii=False,
    )


def _add(database: Database, name: str = "Plan A") -> plans.StoredPlanRow:
    with database.session() as session:
        production = add_production(session)
        return plans.insert_plan(
            session,
            production.id,
            name=name,
            kind="feature_film",
            delivery=DELIVERY,
            document=_document(name),
        )


def test_round_trip(database: Database) -> None:
    stored = _add(database)
    with database.session() as session:
        found = plans.plan(session, stored.production_id, stored.id)
    assert found == stored
    assert (found.name, found.kind, found.delivery, found.version) == (
        "Plan A",
        "feature_film",
        DELIVERY,
        1,
    )
    assert json.loads(found.document)["tasks"][0]["title"] == "Montage"
    assert found.created_at.tzinfo is not None


def test_names_are_unique_per_production(database: Database) -> None:
    stored = _add(database)
    with pytest.raises(Conflict, match="already named"), database.session() as session:
        plans.insert_plan(
            session,
            stored.production_id,
            name="Plan A",
            kind=None,
            delivery=DELIVERY,
            document=_document("Plan A"),
        )
    with database.session() as session:
        other = add_production(session, slug="autre")
        plans.insert_plan(
            session, other.id, name="Plan A", kind=None, delivery=DELIVERY, document="{}"
        )
        assert [p.name for p in plans.list_plans(session, other.id)] == ["Plan A"]
        assert plans.names(session, stored.production_id) == {"Plan A"}
        with pytest.raises(NotFound):  # another production's plan is not found here
            plans.plan(session, other.id, stored.id)


def test_update_bumps_the_version_and_an_old_one_is_refused(database: Database) -> None:
    stored = _add(database)
    later = _document("Plan A", [{"task": "edit", "duration": 25}])
    with database.session() as session:
        updated = plans.update_document(
            session,
            stored.production_id,
            stored.id,
            document=later,
            delivery=DELIVERY + dt.timedelta(days=7),
            expected_version=1,
        )
    assert updated.version == 2
    assert updated.delivery == DELIVERY + dt.timedelta(days=7)
    assert updated.updated_at >= stored.updated_at
    with pytest.raises(StaleEdit) as caught, database.session() as session:
        plans.update_document(
            session,
            stored.production_id,
            stored.id,
            document=_document("Plan A"),
            delivery=DELIVERY,
            expected_version=1,
        )
    assert (caught.value.expected, caught.value.actual) == (1, 2)
    with database.session() as session:
        assert plans.plan(session, stored.production_id, stored.id).document == later


def test_two_sessions_racing_one_is_refused(database: Database) -> None:
    stored = _add(database)

    def rival() -> None:
        with database.session() as other:
            plans.update_document(
                other,
                stored.production_id,
                stored.id,
                document=_document("first"),
                delivery=DELIVERY,
                expected_version=1,
            )

    def edit_while_the_rival_saves() -> None:
        with database.session() as session:
            event.listen(session, "before_flush", lambda *_: rival(), once=True)
            plans.update_document(
                session,
                stored.production_id,
                stored.id,
                document=_document("second"),
                delivery=DELIVERY,
                expected_version=1,
            )

    with pytest.raises(StaleEdit):
        edit_while_the_rival_saves()
    with database.session() as session:
        found = plans.plan(session, stored.production_id, stored.id)
    assert (json.loads(found.document)["title"], found.version) == ("first", 2)


def test_delete_checks_the_version_and_the_production_takes_its_plans(
    database: Database,
) -> None:
    stored = _add(database)
    with database.session() as session:
        plans.insert_plan(
            session,
            stored.production_id,
            name="Plan B",
            kind=None,
            delivery=DELIVERY,
            document="{}",
        )
    with pytest.raises(StaleEdit), database.session() as session:
        plans.delete_plan(session, stored.production_id, stored.id, expected_version=3)
    with database.session() as session:
        plans.delete_plan(session, stored.production_id, stored.id, expected_version=1)
    with database.session() as session:
        assert [p.name for p in plans.list_plans(session, stored.production_id)] == ["Plan B"]
        productions.delete_production(session, "la-clef", expected_version=1)
    with database.session() as session:
        assert plans.list_plans(session, stored.production_id) == []
