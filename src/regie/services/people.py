# SPDX-License-Identifier: AGPL-3.0-or-later
"""Cast and crew: people of the company engaged in a production.

A person's birth date, e-mail, phone, country of residence (ISO 3166-1 alpha-2, ``FR``) and
whether they meet the tax credit's nationality condition (French, EU, ECTT or European
third state) are personal data: records carry them only for roles with
``VIEW_PEOPLE_PRIVATE`` (producer, production manager, accountant), and only those may
change them. A cast engagement plays characters of the production, named as in
the script; an alias (BOB merged into CYBER BOB) is linked to its main character, and a
non-speaking character tagged as cast in the breakdown can be linked too. A character is
played by one cast member.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.orm import Session

from regie.core.errors import Conflict, NotFound, ValidationError
from regie.core.production import Production
from regie.core.text import on_day, t
from regie.office.roles import Permission, User, can
from regie.schedule.people import (
    Department,
    Engagement,
    EngagementFields,
    EngagementKind,
    PersonFields,
    RateUnit,
)
from regie.script.elements import Category, element_key
from regie.services.access import production_for
from regie.services.database import Database
from regie.services.schedule_checks import money_like
from regie.storage.repos import breakdown, catalog, members, people

MAX_NAME = 200
MAX_PHONE = 40
MAX_JOB_KEY = 64
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9 .()\-]{4,40}")
MAX_RATE = Decimal("9999999999.99")  # engagements.pay_rate is Numeric(12, 2)
_JOB_KEY = re.compile(r"[a-z0-9][a-z0-9._-]*")
_COUNTRY = re.compile(r"[A-Za-z]{2}")  # ASCII only: "ß".upper() is "SS"
OLDEST_BIRTH = dt.date(1900, 1, 1)


def may_see_private(session: Session, production: Production, actor: User | None) -> bool:
    if actor is None:
        return True
    return can(members.role_of(session, actor.id, production.id), Permission.VIEW_PEOPLE_PRIVATE)


def clean_person(fields: PersonFields) -> PersonFields:
    name = " ".join(fields.full_name.split())
    if not name or len(name) > MAX_NAME:
        raise ValidationError(
            t("the name must have 1 to {max} characters", max=MAX_NAME), field="full_name"
        )
    born = fields.birth_date
    if born is not None and born < OLDEST_BIRTH:
        raise ValidationError(
            t("{date} is not a plausible birth date", date=on_day(born)), field="birth_date"
        )
    email = (fields.email or "").strip().lower() or None
    if email is not None and (len(email) > 320 or not _EMAIL.fullmatch(email)):
        raise ValidationError(t("'{email}' is not an e-mail address", email=email), field="email")
    phone = " ".join((fields.phone or "").split()) or None
    if phone is not None and not _PHONE.fullmatch(phone):
        raise ValidationError(
            t("'{phone}' is not a phone number", phone=phone),
            field="phone",
            hint=t("Digits, spaces and an optional leading +"),
        )
    return PersonFields(name, born, email, phone, _residence(fields.residence), fields.european)


def _residence(text: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code of the country of residence, upper case; ``None``
    when not given."""
    code = (text or "").strip()
    if not code:
        return None
    if not _COUNTRY.fullmatch(code):
        raise ValidationError(
            t("'{code}' is not a two-letter country code", code=code),
            field="residence",
            hint=t("Enter a two-letter country code such as FR"),
        )
    return code.upper()


def clean_engagement(fields: EngagementFields) -> EngagementFields:
    position = " ".join(fields.position.split())
    if not position or len(position) > MAX_NAME:
        raise ValidationError(
            t("the position must have 1 to {max} characters", max=MAX_NAME), field="position"
        )
    cast = fields.kind is EngagementKind.CAST
    if cast != (fields.department is Department.CAST):
        raise ValidationError(
            t("cast engagements, and only they, belong to the cast department"),
            field="department",
        )
    if fields.characters and not cast:
        raise ValidationError(t("only a cast member plays characters"), field="characters")
    if fields.job_key and (
        len(fields.job_key) > MAX_JOB_KEY or not _JOB_KEY.fullmatch(fields.job_key)
    ):
        raise ValidationError(
            t("'{key}' is not a job key", key=fields.job_key),
            field="job_key",
            hint=t("Use a key of the agreement's job list, such as chef_operateur"),
        )
    if fields.start is not None and fields.end is not None and fields.start > fields.end:
        raise ValidationError(
            t("the engagement ends ({end}) before it starts ({start})",
              end=on_day(fields.end), start=on_day(fields.start)),
            field="end",
        )  # fmt: skip
    cap = fields.max_daily_minutes
    if cap is not None and not 0 < cap <= 24 * 60:
        raise ValidationError(
            t("the daily cap must be 1 to 1440 minutes, not {minutes}", minutes=cap),
            field="max_daily_minutes",
        )
    names = tuple(dict.fromkeys(" ".join(n.split()) for n in fields.characters if n.strip()))
    return dataclasses.replace(
        fields,
        position=position,
        daily_cost=money_like(fields.daily_cost, "daily_cost"),
        characters=names,
        pay_rate=_pay_rate(fields.pay_rate),
        pay_unit=_pay_unit(fields.pay_unit, fields.pay_rate),
    )


def _pay_rate(rate: object) -> Decimal | None:
    """The contractual rate: ``None`` (the daily cost, per day) or euros and cents."""
    if rate is None:
        return None
    if not isinstance(rate, Decimal) or not rate.is_finite() or rate > MAX_RATE:
        raise ValidationError(
            t("the rate {rate} is not an amount of euros", rate=rate),
            field="pay_rate",
            hint=t("Give the rate as a decimal number of euros, e.g. 350"),
        )
    return money_like(rate, "pay_rate")


def _pay_unit(unit: object, rate: object) -> RateUnit:
    try:
        known = RateUnit(str(unit))
    except ValueError:
        raise ValidationError(
            t("'{unit}' is not a unit of pay", unit=unit),
            field="pay_unit",
            hint=t("Use day, week, hour or flat"),
        ) from None
    if rate is None and known is not RateUnit.DAY:
        raise ValidationError(
            t("a unit of pay was given without a rate"),
            field="pay_rate",
            hint=t("Enter the rate, or leave the unit at day to pay the daily cost"),
        )
    return known


def _character_ids(session: Session, production: Production, names: Sequence[str]) -> list[int]:
    """The main character of each name; a cast element of the breakdown without a
    character record gets one."""
    ids = catalog.character_ids(session, production.id)
    aliases = catalog.alias_map(session, production.id)
    cast_elements = breakdown.element_ids(session, production.id)
    found: list[int] = []
    for name in names:
        key = element_key(name)
        main = element_key(aliases[key]) if key in aliases else key
        if main not in ids:
            if (Category.CAST, main) not in cast_elements:
                raise ValidationError(
                    t("no character '{name}' in this production", name=name),
                    field="characters",
                    hint=t("Use a name from the character list, or tag the role as cast"),
                )
            ids.update(catalog.add_characters(session, production.id, [name]))
        found.append(ids[main])
    return found


def _link_characters(
    session: Session, production: Production, engagement_id: int, names: Sequence[str]
) -> None:
    wanted = _character_ids(session, production, names)
    owners = people.character_owners(session, wanted)
    for name, character_id in zip(names, wanted, strict=True):
        owner = owners.get(character_id)
        if owner is not None and owner != engagement_id:
            other = people.engagement(session, production.id, owner, private=False)
            raise Conflict(
                t("'{character}' is already played by {name}", character=name, name=other.name),
                hint=t("Remove the character from that engagement first"),
            )
    people.set_characters(session, engagement_id, wanted)


def list_engagements(
    db: Database, slug: str, *, actor: User | None, kind: EngagementKind | None = None
) -> list[Engagement]:
    """Cast first, then crew by department and name."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        private = may_see_private(session, production, actor)
        return people.list_engagements(session, production.id, private=private, kind=kind)


def get_engagement(
    db: Database, slug: str, engagement_id: int, *, actor: User | None
) -> Engagement:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        private = may_see_private(session, production, actor)
        return people.engagement(session, production.id, engagement_id, private=private)


def engage(
    db: Database,
    slug: str,
    person: PersonFields | int,
    fields: EngagementFields,
    *,
    actor: User | None,
) -> Engagement:
    """Engage a new person (``PersonFields``) or one the company already knows (their id)."""
    if not isinstance(person, int):
        clean_person(person)  # refuse bad input before the transaction
    clean = clean_engagement(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_PEOPLE)
        if isinstance(person, int):
            person_id = people.person_row(session, person).id
        else:
            new_person = clean_person(person)
            if new_person != PersonFields(new_person.full_name):  # personal data given
                production_for(session, slug, actor, Permission.VIEW_PEOPLE_PRIVATE)
            person_id = people.insert_person(session, new_person)
        engagement_id = people.insert_engagement(session, production.id, person_id, clean)
        _link_characters(session, production, engagement_id, clean.characters)
        private = may_see_private(session, production, actor)
        return people.engagement(session, production.id, engagement_id, private=private)


def update_engagement(
    db: Database,
    slug: str,
    engagement_id: int,
    fields: EngagementFields,
    expected_version: int,
    *,
    actor: User | None,
) -> Engagement:
    clean = clean_engagement(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_PEOPLE)
        people.update_engagement(
            session, production.id, engagement_id, clean, expected_version=expected_version
        )
        _link_characters(session, production, engagement_id, clean.characters)
        private = may_see_private(session, production, actor)
        return people.engagement(session, production.id, engagement_id, private=private)


def remove_engagement(
    db: Database, slug: str, engagement_id: int, expected_version: int, *, actor: User | None
) -> None:
    """End an engagement in the production (the person stays known to the company)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_PEOPLE)
        people.delete_engagement(
            session, production.id, engagement_id, expected_version=expected_version
        )


def update_person(
    db: Database,
    slug: str,
    person_id: int,
    fields: PersonFields,
    expected_version: int,
    *,
    actor: User | None,
) -> Engagement | None:
    """Change a person engaged in the production (name and personal data). Returns
    their first engagement in it, as the actor now sees it."""
    clean = clean_person(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_PEOPLE)
        production_for(session, slug, actor, Permission.VIEW_PEOPLE_PRIVATE)
        if not people.engaged_in(session, person_id, production.id):
            raise NotFound(
                t("no person #{id} in this production", id=person_id),
                hint=t("Reload the cast and crew list"),
            )
        people.update_person(session, person_id, clean, expected_version=expected_version)
        found = [
            e
            for e in people.list_engagements(session, production.id, private=True)
            if e.person.id == person_id
        ]
        return found[0] if found else None
