# SPDX-License-Identifier: AGPL-3.0-or-later
"""Creating, reading, listing and editing productions, with each persona."""

from __future__ import annotations

import pytest

from regie.core.errors import NotFound, PermissionDenied, StaleEdit, ValidationError
from regie.core.ids import production_code
from regie.core.production import Agreement, ProductionKind
from regie.office.roles import Role
from regie.services import accounts, productions
from regie.services.database import Database
from tests.services.conftest import Office


def test_create_derives_slug_code_and_agreement(database: Database) -> None:
    made = productions.create_production(database, "  La Clef du Quai ", "tv_fiction")
    assert (made.slug, made.title) == ("la-clef-du-quai", "La Clef du Quai")
    assert made.code == production_code("La Clef du Quai")
    assert made.kind is ProductionKind.TV_FICTION
    assert made.agreement is Agreement.AUDIOVISUAL
    assert (made.currency, made.episodes, made.language, made.version) == ("EUR", 1, "fr", 1)
    film = productions.create_production(database, "Nuit", ProductionKind.FEATURE_FILM)
    assert film.agreement is Agreement.CINEMA


def test_same_title_gets_a_numbered_slug(database: Database) -> None:
    slugs = [productions.create_production(database, "Le Quai", "documentary").slug for _ in "abc"]
    assert slugs == ["le-quai", "le-quai-2", "le-quai-3"]


def test_owner_becomes_producer(database: Database) -> None:
    owner = accounts.create_user(database, "p@clef.fr", "une phrase assez longue", "P")
    made = productions.create_production(database, "Quai", "magazine", owner=owner)
    assert accounts.role_of(database, owner.id, made.slug) is Role.PRODUCER


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"kind": "opera"}, "kind"),
        ({"agreement": "1234"}, "agreement"),
        ({"currency": "euro"}, "currency"),
        ({"running_minutes": 0}, "running_minutes"),
        ({"episodes": 0}, "episodes"),
        ({"language": "français"}, "language"),
    ],
)
def test_bad_values_are_refused_naming_the_field(
    database: Database, changes: dict[str, object], field: str
) -> None:
    arguments: dict[str, object] = {"title": "Quai", "kind": "tv_fiction", **changes}
    with pytest.raises(ValidationError) as caught:
        productions.create_production(database, **arguments)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert productions.list_productions(database, None) == []


def test_who_sees_which_production(database: Database, office: Office) -> None:
    productions.create_production(database, "Autre Film", "feature_film")
    everyone = [p.slug for p in productions.list_productions(database, None)]
    assert everyone == ["autre-film", office.slug]
    assert [p.slug for p in productions.list_productions(database, office.guest)] == [office.slug]
    assert productions.list_productions(database, office.outsider) == []
    assert productions.get_production(database, office.slug, actor=office.guest).id == (
        office.production.id
    )


def test_an_outsider_cannot_tell_a_production_exists(database: Database, office: Office) -> None:
    with pytest.raises(NotFound) as hidden:
        productions.get_production(database, office.slug, actor=office.outsider)
    with pytest.raises(NotFound) as missing:
        productions.get_production(database, "nothing-here", actor=office.outsider)
    assert str(hidden.value).replace(office.slug, "X") == str(missing.value).replace(
        "nothing-here", "X"
    )


def test_edit_with_version_and_roles(database: Database, office: Office) -> None:
    edited = productions.update_production(
        database,
        office.slug,
        1,
        actor=office.manager,
        title="La Clé du Quai",
        running_minutes=95,
        agreement="2642",
    )
    assert (edited.title, edited.running_minutes, edited.agreement, edited.version) == (
        "La Clé du Quai",
        95,
        Agreement.AUDIOVISUAL,
        2,
    )
    assert edited.slug == office.slug  # links and folders keep working
    cleared = productions.update_production(
        database, office.slug, 2, actor=None, running_minutes=None
    )
    assert cleared.running_minutes is None
    with pytest.raises(StaleEdit, match="your version 1, stored version 3"):
        productions.update_production(database, office.slug, 1, actor=None, title="Old")
    for persona in (office.accountant, office.crew, office.guest):
        with pytest.raises(PermissionDenied, match="edit the production"):
            productions.update_production(database, office.slug, 3, actor=persona, title="No")
    with pytest.raises(NotFound):
        productions.update_production(database, office.slug, 3, actor=office.outsider, title="x")
    assert productions.get_production(database, office.slug, actor=None).title == "La Clé du Quai"
