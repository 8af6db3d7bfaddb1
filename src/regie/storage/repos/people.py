# SPDX-License-Identifier: AGPL-3.0-or-later
"""People of the company and their engagements in a production, with the characters a
cast engagement plays. ``private`` says whether personal data goes into the records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from regie.core.errors import NotFound
from regie.core.text import t
from regie.schedule.people import (
    Department,
    Engagement,
    EngagementFields,
    EngagementKind,
    Person,
    PersonalData,
    PersonFields,
    RateUnit,
)
from regie.storage.guard import check_version, flush_edit, unique
from regie.storage.repos import availability
from regie.storage.tables import (
    CharacterRow,
    EngagementCharacterRow,
    EngagementRow,
    PersonRow,
)


def person_record(row: PersonRow, *, private: bool) -> Person:
    personal = (
        PersonalData(
            row.birth_date,
            row.email,
            row.phone,
            residence=row.residence_country,
            european=row.european_national,
        )
        if private
        else None
    )
    return Person(row.id, row.full_name, personal, row.version)


def _apply_person(row: PersonRow, fields: PersonFields) -> None:
    row.full_name = fields.full_name
    row.birth_date = fields.birth_date
    row.email = fields.email
    row.phone = fields.phone
    row.residence_country = fields.residence
    row.european_national = fields.european


def insert_person(session: Session, fields: PersonFields) -> int:
    row = PersonRow()
    _apply_person(row, fields)
    session.add(row)
    session.flush()
    return row.id


def person_row(session: Session, person_id: int) -> PersonRow:
    row = session.get(PersonRow, person_id)
    if row is None:
        raise NotFound(t("no person #{id}", id=person_id), hint=t("Reload the list of people"))
    return row


def update_person(
    session: Session, person_id: int, fields: PersonFields, *, expected_version: int
) -> None:
    row = person_row(session, person_id)
    record = t("person '{name}'", name=row.full_name)
    check_version(record, stored=row.version, expected=expected_version)
    _apply_person(row, fields)
    flush_edit(session, row, record, expected=expected_version)


def engaged_in(session: Session, person_id: int, production_id: int) -> bool:
    found = session.scalar(
        select(EngagementRow.id).where(
            EngagementRow.person_id == person_id, EngagementRow.production_id == production_id
        )
    )
    return found is not None


def payee_facts(session: Session, production_id: int) -> dict[str, tuple[str | None, bool | None]]:
    """``{full name, case-folded: (residence country, meets the nationality condition)}``
    of every person engaged in the production (personal data: for the tax credit's
    personnel condition). Two people of the same name: the one known first wins."""
    rows = session.execute(
        select(PersonRow.full_name, PersonRow.residence_country, PersonRow.european_national)
        .join(EngagementRow, EngagementRow.person_id == PersonRow.id)
        .where(EngagementRow.production_id == production_id)
        .order_by(PersonRow.id.desc())
    )
    return {name.casefold(): (residence, european) for name, residence, european in rows}


def _apply_engagement(row: EngagementRow, fields: EngagementFields) -> None:
    row.kind = fields.kind.value
    row.position = fields.position
    row.department = fields.department.value
    row.job_key = fields.job_key
    row.daily_cost = fields.daily_cost
    row.start_date = fields.start
    row.end_date = fields.end
    row.max_daily_minutes = fields.max_daily_minutes
    row.pay_rate = fields.pay_rate
    row.pay_unit = fields.pay_unit.value


def insert_engagement(
    session: Session, production_id: int, person_id: int, fields: EngagementFields
) -> int:
    row = EngagementRow(production_id=production_id, person_id=person_id)
    _apply_engagement(row, fields)
    session.add(row)
    session.flush()
    return row.id


def engagement_row(session: Session, production_id: int, engagement_id: int) -> EngagementRow:
    row = session.get(EngagementRow, engagement_id)
    if row is None or row.production_id != production_id:
        raise NotFound(
            t("no engagement #{id} in this production", id=engagement_id),
            hint=t("Reload the cast and crew list"),
        )
    return row


def engagement_named(row: EngagementRow, session: Session) -> str:
    return person_row(session, row.person_id).full_name


def update_engagement(
    session: Session,
    production_id: int,
    engagement_id: int,
    fields: EngagementFields,
    *,
    expected_version: int,
) -> None:
    row = engagement_row(session, production_id, engagement_id)
    record = t("engagement of {name}", name=engagement_named(row, session))
    check_version(record, stored=row.version, expected=expected_version)
    _apply_engagement(row, fields)
    flush_edit(session, row, record, expected=expected_version)


def delete_engagement(
    session: Session, production_id: int, engagement_id: int, *, expected_version: int
) -> None:
    row = engagement_row(session, production_id, engagement_id)
    record = t("engagement of {name}", name=engagement_named(row, session))
    check_version(record, stored=row.version, expected=expected_version)
    session.delete(row)
    flush_edit(session, row, record, expected=expected_version)


def character_owners(session: Session, character_ids: Iterable[int]) -> dict[int, int]:
    """``{character id: engagement id}`` for those of ``character_ids`` already cast."""
    ids = list(character_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(EngagementCharacterRow.character_id, EngagementCharacterRow.engagement_id).where(
            EngagementCharacterRow.character_id.in_(ids)
        )
    )
    return dict(rows.all())


def set_characters(session: Session, engagement_id: int, character_ids: Sequence[int]) -> None:
    """The characters the engagement plays, replacing those it played."""
    session.execute(
        delete(EngagementCharacterRow).where(EngagementCharacterRow.engagement_id == engagement_id)
    )
    session.add_all(
        EngagementCharacterRow(engagement_id=engagement_id, character_id=character_id)
        for character_id in dict.fromkeys(character_ids)
    )
    with unique(
        t("a character was given to another cast member at the same moment"),
        hint=t("Reload the cast list and try again"),
    ):
        session.flush()


def list_engagements(
    session: Session,
    production_id: int,
    *,
    private: bool,
    kind: EngagementKind | None = None,
    ids: Sequence[int] | None = None,
) -> list[Engagement]:
    """Engagements of the production, cast first, then by department and name."""
    query = (
        select(EngagementRow, PersonRow)
        .join(PersonRow, PersonRow.id == EngagementRow.person_id)
        .where(EngagementRow.production_id == production_id)
    )
    if kind is not None:
        query = query.where(EngagementRow.kind == kind.value)
    if ids is not None:
        query = query.where(EngagementRow.id.in_(ids))
    rows = session.execute(query).all()
    engagement_ids = [row.id for row, _person in rows]
    characters: dict[int, list[str]] = defaultdict(list)
    if engagement_ids:
        links = session.execute(
            select(EngagementCharacterRow.engagement_id, CharacterRow.name)
            .join(CharacterRow, CharacterRow.id == EngagementCharacterRow.character_id)
            .where(EngagementCharacterRow.engagement_id.in_(engagement_ids))
            .order_by(CharacterRow.name)
        )
        for engagement_id, name in links:
            characters[engagement_id].append(name)
    windows = availability.windows_of_engagements(session, engagement_ids)
    found = [
        Engagement(
            id=row.id,
            person=person_record(person, private=private),
            kind=EngagementKind(row.kind),
            position=row.position,
            department=Department(row.department),
            job_key=row.job_key,
            daily_cost=row.daily_cost,
            start=row.start_date,
            end=row.end_date,
            characters=tuple(characters[row.id]),
            max_daily_minutes=row.max_daily_minutes,
            unavailable=tuple(windows.get(row.id, ())),
            version=row.version,
            pay_rate=row.pay_rate,
            pay_unit=RateUnit(row.pay_unit),
        )
        for row, person in rows
    ]
    order = {kind: rank for rank, kind in enumerate(EngagementKind)}
    departments = {department: rank for rank, department in enumerate(Department)}
    return sorted(
        found,
        key=lambda e: (order[e.kind], departments[e.department], e.name.casefold(), e.id),
    )


def engagement(
    session: Session, production_id: int, engagement_id: int, *, private: bool
) -> Engagement:
    engagement_row(session, production_id, engagement_id)  # NotFound for another production
    return list_engagements(session, production_id, private=private, ids=[engagement_id])[0]


def cast_by_character(session: Session, production_id: int) -> dict[str, int]:
    """``{element_key(main character name): engagement id}``: who plays each character,
    an engagement linked to an alias counting for its main character."""
    main = CharacterRow.__table__.alias("main")
    rows = session.execute(
        select(EngagementCharacterRow.engagement_id, CharacterRow.key, main.c.key)
        .join(CharacterRow, CharacterRow.id == EngagementCharacterRow.character_id)
        .outerjoin(main, main.c.id == CharacterRow.alias_of_id)
        .where(CharacterRow.production_id == production_id)
    )
    return {main_key or key: engagement_id for engagement_id, key, main_key in rows}
