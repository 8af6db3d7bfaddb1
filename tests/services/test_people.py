# SPDX-License-Identifier: AGPL-3.0-or-later
"""Cast and crew: people, engagements, characters, personal data, unavailability."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from regie.core.errors import Conflict, NotFound, PermissionDenied, StaleEdit, ValidationError
from regie.schedule.people import (
    Department,
    EngagementFields,
    EngagementKind,
    PersonalData,
    PersonFields,
    RateUnit,
)
from regie.services import availability, breakdown, people
from regie.services.database import Database
from regie.storage.repos import people as people_repo
from tests.services.conftest import Office

HELENE = PersonFields(
    "Hélène  Marchal", dt.date(1985, 6, 2), "Helene@Agence.fr", "+33 6 12 34 56 78"
)
ROLE = EngagementFields(
    kind=EngagementKind.CAST,
    position="Rôle : Hélène",
    department=Department.CAST,
    daily_cost=Decimal("900.00"),
    characters=("HÉLÈNE",),
)
GAFFER = EngagementFields(
    kind=EngagementKind.CREW,
    position="Chef électricien",
    department=Department.ELECTRIC,
    job_key="chef_electricien",
    daily_cost=Decimal("350.50"),
    start=dt.date(2027, 3, 1),
    end=dt.date(2027, 4, 30),
)


def test_engage_cast_and_crew(database: Database, imported: Office) -> None:
    slug = imported.slug
    helene = people.engage(database, slug, HELENE, ROLE, actor=imported.manager)
    assert helene.name == "Hélène Marchal"
    assert helene.characters == ("HÉLÈNE",)
    assert helene.person.personal == PersonalData(
        dt.date(1985, 6, 2), "helene@agence.fr", "+33 6 12 34 56 78"
    )
    gaffer = people.engage(database, slug, PersonFields("Paul Ortiz"), GAFFER, actor=None)
    listed = people.list_engagements(database, slug, actor=imported.producer)
    assert [e.id for e in listed] == [helene.id, gaffer.id]  # cast first
    crew = people.list_engagements(database, slug, actor=None, kind=EngagementKind.CREW)
    assert [(e.position, e.daily_cost, e.job_key) for e in crew] == [
        ("Chef électricien", Decimal("350.50"), "chef_electricien")
    ]


def test_personal_data_is_shown_to_the_allowed_roles_only(
    database: Database, imported: Office
) -> None:
    slug = imported.slug
    helene = people.engage(database, slug, HELENE, ROLE, actor=None)
    seen = {
        role: people.get_engagement(database, slug, helene.id, actor=user).person.personal
        for role, user in [
            ("producer", imported.producer),
            ("manager", imported.manager),
            ("accountant", imported.accountant),
            ("crew", imported.crew),
        ]
    }
    assert seen["accountant"] == seen["producer"] == seen["manager"] == helene.person.personal
    assert seen["crew"] is None
    assert people.list_engagements(database, slug, actor=imported.crew)[0].person.personal is None
    with pytest.raises(PermissionDenied, match="see the schedule"):
        people.list_engagements(database, slug, actor=imported.guest)
    with pytest.raises(PermissionDenied, match="edit the cast and crew"):
        people.engage(database, slug, HELENE, ROLE, actor=imported.accountant)


def test_aliases_and_cast_elements_are_characters(database: Database, imported: Office) -> None:
    slug = imported.slug
    breakdown.merge_characters(database, slug, "BOB", "CYBER BOB", actor=None)
    bob = people.engage(
        database,
        slug,
        PersonFields("Marc Lenoir"),
        dataclasses.replace(ROLE, position="Rôle : Bob", characters=("BOB",)),
        actor=None,
    )
    assert bob.characters == ("CYBER BOB",)  # the alias is linked to its main character
    scene = breakdown.sheet(database, slug, "3", actor=None).scene
    breakdown.add_tag(database, slug, scene.id, "cast", "Le capitaine", actor=None)
    captain = people.engage(
        database,
        slug,
        PersonFields("Yves Garnier"),
        dataclasses.replace(ROLE, position="Rôle : le capitaine", characters=("LE CAPITAINE",)),
        actor=None,
    )
    assert captain.characters == ("LE CAPITAINE",)
    with pytest.raises(Conflict, match="'CYBER BOB' is already played by Marc Lenoir"):
        people.engage(
            database,
            slug,
            PersonFields("Autre"),
            dataclasses.replace(ROLE, characters=("CYBER BOB",)),
            actor=None,
        )
    with pytest.raises(ValidationError, match="no character 'GASTON'"):
        people.engage(
            database,
            slug,
            PersonFields("X"),
            dataclasses.replace(ROLE, characters=("GASTON",)),
            actor=None,
        )
    assert [e.name for e in people.list_engagements(database, slug, actor=None)] == [
        "Marc Lenoir",
        "Yves Garnier",
    ]  # refused engagements left nothing behind


@pytest.mark.parametrize(
    ("person", "fields", "message"),
    [
        (PersonFields(" "), ROLE, "name must have 1 to 200"),
        (PersonFields("A", email="pas-une-adresse"), ROLE, "not an e-mail address"),
        (PersonFields("A", phone="appelle-moi"), ROLE, "not a phone number"),
        (PersonFields("A", birth_date=dt.date(1850, 1, 1)), ROLE, "not a plausible birth date"),
        (
            PersonFields("A"),
            dataclasses.replace(ROLE, department=Department.CAMERA),
            "cast department",
        ),
        (
            PersonFields("A"),
            dataclasses.replace(GAFFER, characters=("HÉLÈNE",)),
            "only a cast member",
        ),
        (PersonFields("A"), dataclasses.replace(GAFFER, daily_cost=Decimal("-1")), "not an amount"),
        (
            PersonFields("A"),
            dataclasses.replace(GAFFER, daily_cost=Decimal("1.005")),
            "not an amount",
        ),
        (PersonFields("A"), dataclasses.replace(GAFFER, job_key="Chef Électro"), "not a job key"),
        (
            PersonFields("A"),
            dataclasses.replace(GAFFER, start=dt.date(2027, 5, 1)),
            "ends .2027-04-30. before it starts .2027-05-01.",
        ),
        (PersonFields("A"), dataclasses.replace(ROLE, max_daily_minutes=0), "daily cap"),
        (PersonFields("A"), dataclasses.replace(GAFFER, pay_rate=Decimal("-5")), "not an amount"),
        (
            PersonFields("A"),
            dataclasses.replace(GAFFER, pay_rate=Decimal("1200.001")),
            "not an amount",
        ),
        (PersonFields("A"), dataclasses.replace(GAFFER, pay_rate=Decimal("NaN")), "not an amount"),
        (PersonFields("A"), dataclasses.replace(GAFFER, pay_rate=Decimal("1e12")), "not an amount"),
        (PersonFields("A"), dataclasses.replace(GAFFER, pay_rate=1200.5), "not an amount"),  # type: ignore[arg-type]
        (
            PersonFields("A"),
            dataclasses.replace(GAFFER, pay_rate=Decimal(1200), pay_unit="month"),  # type: ignore[arg-type]
            "'month' is not a unit of pay",
        ),
        (
            PersonFields("A"),
            dataclasses.replace(GAFFER, pay_unit=RateUnit.WEEK),
            "unit of pay was given without a rate",
        ),
    ],
)
def test_bad_input_is_refused(
    database: Database,
    imported: Office,
    person: PersonFields,
    fields: EngagementFields,
    message: str,
) -> None:
    with pytest.raises(ValidationError, match=message):
        people.engage(database, imported.slug, person, fields, actor=None)
    assert people.list_engagements(database, imported.slug, actor=None) == []


def test_edit_with_versions(database: Database, imported: Office) -> None:
    slug = imported.slug
    helene = people.engage(database, slug, HELENE, ROLE, actor=None)
    raised = people.update_engagement(
        database,
        slug,
        helene.id,
        dataclasses.replace(ROLE, daily_cost=Decimal("950"), characters=()),
        helene.version,
        actor=imported.manager,
    )
    assert (raised.daily_cost, raised.characters, raised.version) == (Decimal("950"), (), 2)
    with pytest.raises(StaleEdit, match="engagement of Hélène Marchal"):
        people.update_engagement(database, slug, helene.id, ROLE, helene.version, actor=None)
    renamed = people.update_person(
        database,
        slug,
        helene.person.id,
        dataclasses.replace(HELENE, full_name="Hélène Marchal-Roy"),
        helene.person.version,
        actor=None,
    )
    assert renamed is not None
    assert renamed.name == "Hélène Marchal-Roy"
    with pytest.raises(StaleEdit, match="person 'Hélène Marchal-Roy'"):
        people.update_person(database, slug, helene.person.id, HELENE, 1, actor=None)
    with pytest.raises(PermissionDenied):
        people.update_person(database, slug, helene.person.id, HELENE, 2, actor=imported.crew)
    people.remove_engagement(database, slug, helene.id, raised.version, actor=None)
    assert people.list_engagements(database, slug, actor=None) == []
    with pytest.raises(NotFound, match="no person"):
        people.update_person(database, slug, helene.person.id, HELENE, 2, actor=None)


def test_a_known_person_is_engaged_again(database: Database, imported: Office) -> None:
    helene = people.engage(database, imported.slug, HELENE, ROLE, actor=None)
    again = people.engage(
        database,
        imported.slug,
        helene.person.id,
        dataclasses.replace(ROLE, position="Doublure lumière", characters=()),
        actor=None,
    )
    assert again.person.id == helene.person.id
    assert again.id != helene.id
    with pytest.raises(NotFound, match="no person #9999"):
        people.engage(database, imported.slug, 9999, ROLE, actor=None)


def test_engagement_unavailability(database: Database, imported: Office) -> None:
    slug = imported.slug
    helene = people.engage(database, slug, HELENE, ROLE, actor=None)
    first = availability.add_engagement_window(
        database,
        slug,
        helene.id,
        dt.date(2027, 3, 3),
        dt.date(2027, 3, 4),
        reason="Théâtre",
        actor=None,
    )
    second = availability.add_engagement_window(
        database, slug, helene.id, dt.date(2027, 3, 1), dt.date(2027, 3, 1), actor=imported.manager
    )
    listed = people.get_engagement(database, slug, helene.id, actor=None).unavailable
    assert listed == (second, first)  # in date order
    with pytest.raises(ValidationError, match="overlap"):
        availability.add_engagement_window(
            database, slug, helene.id, dt.date(2027, 2, 28), dt.date(2027, 3, 3), actor=None
        )
    with pytest.raises(PermissionDenied):
        availability.add_engagement_window(
            database, slug, helene.id, dt.date(2027, 5, 1), dt.date(2027, 5, 1), actor=imported.crew
        )
    with pytest.raises(StaleEdit):
        availability.remove_window(database, slug, first.id, first.version + 1, actor=None)
    availability.remove_window(database, slug, first.id, first.version, actor=None)
    assert people.get_engagement(database, slug, helene.id, actor=None).unavailable == (second,)


def test_the_contractual_rate_and_unit(database: Database, imported: Office) -> None:
    slug = imported.slug
    weekly = dataclasses.replace(GAFFER, pay_rate=Decimal("1450.50"), pay_unit=RateUnit.WEEK)
    gaffer = people.engage(database, slug, PersonFields("Paul Ortiz"), weekly, actor=None)
    assert (gaffer.pay_rate, gaffer.pay_unit) == (Decimal("1450.50"), RateUnit.WEEK)
    assert gaffer.contract_rate == (Decimal("1450.50"), RateUnit.WEEK)
    assert gaffer.daily_cost == Decimal("350.50")  # still the schedule's weight
    helene = people.engage(database, slug, HELENE, ROLE, actor=None)
    assert (helene.pay_rate, helene.pay_unit) == (None, RateUnit.DAY)
    assert helene.contract_rate == (Decimal("900.00"), RateUnit.DAY)  # the daily cost a day
    flat = people.update_engagement(
        database, slug, gaffer.id,
        dataclasses.replace(GAFFER, pay_rate=Decimal(6000), pay_unit=RateUnit.FLAT),
        gaffer.version, actor=None,
    )  # fmt: skip
    assert (flat.pay_rate, flat.pay_unit, flat.version) == (Decimal(6000), RateUnit.FLAT, 2)
    with pytest.raises(StaleEdit):
        people.update_engagement(database, slug, gaffer.id, weekly, gaffer.version, actor=None)
    cleared = people.update_engagement(database, slug, gaffer.id, GAFFER, flat.version, actor=None)
    assert (cleared.pay_rate, cleared.pay_unit) == (None, RateUnit.DAY)
    listed = people.list_engagements(database, slug, actor=None, kind=EngagementKind.CREW)
    assert [(e.pay_rate, e.pay_unit) for e in listed] == [(None, RateUnit.DAY)]


def test_residence_and_nationality_condition_are_personal_data(
    database: Database, imported: Office
) -> None:
    slug = imported.slug
    belgian = dataclasses.replace(HELENE, residence=" be ", european=True)
    helene = people.engage(database, slug, belgian, ROLE, actor=imported.manager)
    assert helene.person.personal is not None
    assert (helene.person.personal.residence, helene.person.personal.european) == ("BE", True)
    stored = people.get_engagement(database, slug, helene.id, actor=imported.accountant)
    assert stored.person.personal == helene.person.personal
    assert (
        people.get_engagement(database, slug, helene.id, actor=imported.crew).person.personal
        is None
    )
    gaffer = people.engage(database, slug, PersonFields("Paul Ortiz"), GAFFER, actor=None)
    assert gaffer.person.personal == PersonalData()  # not known: None, None
    moved = people.update_person(
        database, slug, helene.person.id,
        dataclasses.replace(belgian, residence="fr", european=False),
        helene.person.version, actor=imported.producer,
    )  # fmt: skip
    assert moved is not None
    assert moved.person.personal is not None
    assert (moved.person.personal.residence, moved.person.personal.european) == ("FR", False)
    with database.session() as session:
        facts = people_repo.payee_facts(session, imported.production.id)
    assert facts == {"hélène marchal": ("FR", False), "paul ortiz": (None, None)}
    cleared = people.update_person(
        database, slug, helene.person.id, HELENE, moved.person.version, actor=None
    )
    assert cleared is not None
    assert cleared.person.personal is not None
    assert (cleared.person.personal.residence, cleared.person.personal.european) == (None, None)


@pytest.mark.parametrize("residence", ["France", "F1", "F", "ÉS", "ß", "fr-BE"])
def test_a_bad_residence_is_refused_naming_the_field(
    database: Database, imported: Office, residence: str
) -> None:
    person = dataclasses.replace(HELENE, residence=residence)
    with pytest.raises(ValidationError, match="not a two-letter country code") as refused:
        people.engage(database, imported.slug, person, ROLE, actor=None)
    assert refused.value.field == "residence"
    assert refused.value.hint is not None
    assert "FR" in str(refused.value.hint)
    assert people.list_engagements(database, imported.slug, actor=None) == []


def test_a_bad_residence_leaves_the_person_as_it_was(database: Database, imported: Office) -> None:
    slug = imported.slug
    helene = people.engage(database, slug, dataclasses.replace(HELENE, residence="FR"), ROLE,
                           actor=None)  # fmt: skip
    with pytest.raises(ValidationError, match="'F1' is not") as refused:
        people.update_person(
            database, slug, helene.person.id, dataclasses.replace(HELENE, residence="F1"),
            helene.person.version, actor=None,
        )  # fmt: skip
    assert refused.value.field == "residence"
    now = people.get_engagement(database, slug, helene.id, actor=None)
    assert now.person == helene.person  # same residence, same version
