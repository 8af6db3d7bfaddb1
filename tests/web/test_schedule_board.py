# SPDX-License-Identifier: AGPL-3.0-or-later
"""The stripboard page: days and day breaks, strip colours, live violations and cost;
moving strips (forms and htmx), locks, day kinds, days added and removed; a stale board
version refused with 409 and nothing saved; crew reads the board without its controls."""

from __future__ import annotations

import re
from collections.abc import Callable

from regie.schedule.catalog import BoardRecord
from regie.services import boards
from regie.services.database import Database
from tests.web.conftest import Browser
from tests.web.planning import Planned

STRIP = re.compile(r'<li class="(strip [^"]*)" id="strip-(\d+)"')


def strip_classes(html: str, planned: Planned) -> dict[str, set[str]]:
    """Scene label → the classes of its strip on the page."""
    labels = {str(s.scene_id): s.label for s in planned.board.strips()}
    return {labels[sid]: set(classes.split()) for classes, sid in STRIP.findall(html)}


def stored(database: Database, planned: Planned) -> BoardRecord:
    return boards.get_board(database, planned.slug, planned.board.id, actor=None)


def layout(record: BoardRecord) -> list[list[str]]:
    return [[s.label for s in day.strips] for day in record.days]


def board_url(planned: Planned) -> str:
    return f"/p/{planned.slug}/boards/{planned.board.id}"


def test_the_stripboard_shows_days_colours_violations_and_cost(
    planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    page = browser_for("manager").get(board_url(planned))
    assert page.status_code == 200
    html = page.text
    # Day breaks: number, date, day or night, eighths, minutes against the standard day.
    assert "Jour 1</h2>" in html
    assert "lundi 1 mars 2027" in html
    assert "mardi 2 mars 2027" in html
    assert "☾ Nuit" in html
    assert "1 1/8 p." in html
    assert (
        "10\u00a0h\u00a000 / 10\u00a0h\u00a000" in html
    )  # day 3: scene 6 alone fills the standard day
    # The customary colours (scene 5, INT/EXT at dawn, in the day colours, marked).
    classes = strip_classes(html, planned)
    assert "strip-int-day" in classes["1"]
    assert "strip-ext-day" in classes["2"]
    assert "strip-int-night" in classes["3"]
    assert "strip-ext-night" in classes["4"]
    assert "strip-ext-day" in classes["5"]
    assert 'class="twilight"' in html
    # The one violation, on its strip and in the list beside the board.
    assert {label for label, c in classes.items() if "has-violation" in c} == {"6"}
    assert html.count("Anne Kerlo n’est pas disponible le 03/03/2027") == 3  # tooltip, strip, list
    assert "1 contrainte non respectée" in html
    assert "5\u202f800,00\u00a0€" in html
    # Cast numbers and the warning about the car, whose set has no location.
    assert '<span class="cast-number">1</span> Anne Kerlo' in html
    assert "Séquence 5\u00a0: son décor n’a pas encore de lieu." in html
    # The editing controls, and the scripts that drive drag and drop (no inline script).
    assert 'id="drop-form"' in html
    assert '<script src="/static/Sortable.min.js" defer></script>' in html
    assert "<script>" not in html


def test_moving_a_strip_refreshes_the_board_its_violations_and_cost(
    database: Database, planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    browser = browser_for("producer")
    six = planned.scene_id("6")
    answer = browser.post(
        f"{board_url(planned)}/move",
        {"scene": six, "day": "4", "position": "1", "version": 1},
        htmx=True,
    )
    assert answer.status_code == 200
    fragment = answer.text
    assert fragment.startswith('<section id="board"')
    assert 'id="board-summary" class="board-summary" hx-swap-oob="true"' in fragment
    assert "Toutes les contraintes sont respectées." in fragment
    assert "7\u202f600,00\u00a0€" in fragment
    assert 'data-version="2"' in fragment
    assert not any("has-violation" in c for c in strip_classes(fragment, planned).values())
    assert layout(stored(database, planned)) == [["1", "2", "3"], ["4", "5"], [], ["6"]]

    # A plain form post (the keyboard form without JavaScript) answers with a redirect;
    # rank 1 puts scene 3 first on day 1; "pool" takes a strip off the days.
    three = planned.scene_id("3")
    moved = browser.post(
        f"{board_url(planned)}/move", {"scene": three, "day": "1", "position": "1", "version": 2}
    )
    assert moved.status_code == 303
    assert moved.headers["location"] == board_url(planned)
    browser.post(f"{board_url(planned)}/move", {"scene": six, "day": "pool", "version": 3})
    record = stored(database, planned)
    assert layout(record) == [["3", "1", "2"], ["4", "5"], [], []]
    assert [s.label for s in record.unscheduled] == ["6"]
    page = browser.get(board_url(planned)).text
    assert "la séquence 6 n’est sur aucun jour de tournage" in page
    assert "has-violation" in strip_classes(page, planned)["6"]


def test_a_move_on_a_stale_board_is_refused_and_saves_nothing(
    database: Database, planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    manager, producer = browser_for("manager"), browser_for("producer")
    first = producer.post(
        f"{board_url(planned)}/move", {"scene": planned.scene_id("6"), "day": "4", "version": 1}
    )
    assert first.status_code == 303
    before = stored(database, planned)
    stale = {"scene": planned.scene_id("1"), "day": "2", "version": 1}
    refused = manager.post(f"{board_url(planned)}/move", stale)
    assert refused.status_code == 409
    assert "quelqu’un d’autre a modifié le tableau" in refused.text
    assert "votre version\u00a0: 1, version enregistrée\u00a0: 2" in refused.text
    # With htmx the message goes to the page's message area, the board stays as it is.
    swapped = manager.post(f"{board_url(planned)}/move", stale, htmx=True)
    assert swapped.status_code == 409
    assert swapped.headers["HX-Retarget"] == "#flash"
    assert "quelqu’un d’autre a modifié le tableau" in swapped.text
    assert stored(database, planned) == before


def test_locks_day_kinds_and_days(
    database: Database, planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    browser = browser_for("manager")
    url = board_url(planned)
    one = planned.scene_id("1")
    locked = browser.post(f"{url}/lock", {"scene": one, "locked": "1", "version": 1}, htmx=True)
    assert locked.status_code == 200
    assert "locked" in strip_classes(locked.text, planned)["1"]
    assert 'aria-pressed="true"' in locked.text
    assert stored(database, planned).days[0].strips[0].locked
    # A locked strip stays put, and its day cannot be removed.
    refused = browser.post(f"{url}/move", {"scene": one, "day": "3", "version": 2})
    assert refused.status_code == 409
    assert "la séquence 1 est verrouillée sur son jour" in refused.text
    assert "Déverrouillez-la avant de la déplacer" in refused.text
    assert browser.post(f"{url}/days/1/remove", {"version": 2}).status_code == 409
    # Day 4 becomes a night day; a day is inserted before day 2, another added at the end.
    assert browser.post(f"{url}/days/4/kind", {"kind": "night", "version": 2}).status_code == 303
    assert browser.post(f"{url}/days", {"at": "2", "version": 3}).status_code == 303
    assert browser.post(f"{url}/days", {"version": 4}).status_code == 303
    record = stored(database, planned)
    assert layout(record) == [["1", "2", "3"], [], ["4", "5"], ["6"], [], []]
    assert [d.kind.value for d in record.days] == ["day", "day", "night", "day", "night", "day"]
    # Removing day 3 sends its strips back to the pool; unlocking frees scene 1.
    assert browser.post(f"{url}/days/3/remove", {"version": 5}).status_code == 303
    assert (
        browser.post(f"{url}/lock", {"scene": one, "locked": "0", "version": 6}).status_code == 303
    )
    record = stored(database, planned)
    assert [s.label for s in record.unscheduled] == ["4", "5"]
    assert len(record.days) == 5
    assert not record.days[0].strips[0].locked


def test_bad_input_names_the_field_and_saves_nothing(
    database: Database, planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    browser = browser_for("producer")
    url = board_url(planned)
    before = stored(database, planned)
    wrong_day = browser.post(
        f"{url}/move", {"scene": planned.scene_id("2"), "day": "9", "version": 1}
    )
    assert wrong_day.status_code == 400
    assert "le tableau a les jours 1 à 4, pas de jour 9" in wrong_day.text
    assert "Champ\u00a0: Jour." in wrong_day.text
    no_scene = browser.post(f"{url}/move", {"scene": "six", "day": "1", "version": 1})
    assert no_scene.status_code == 400
    assert "Champ\u00a0: Séquence." in no_scene.text
    no_kind = browser.post(f"{url}/days/1/kind", {"kind": "dusk", "version": 1})
    assert no_kind.status_code == 400
    assert "dusk" in no_kind.text
    assert stored(database, planned) == before


def test_crew_reads_the_board_without_its_controls(
    database: Database, planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    crew = browser_for("crew")
    page = crew.get(board_url(planned)).text
    assert 'data-editable="false"' in page
    assert "Votre rôle permet de consulter le tableau, pas de le modifier." in page
    assert 'id="drop-form"' not in page
    assert "Verrouiller" not in page
    assert "Sortable.min.js" not in page
    assert "Anne Kerlo n’est pas disponible le 03/03/2027" in page  # violations are shown
    refused = crew.post(
        f"{board_url(planned)}/move", {"scene": planned.scene_id("6"), "day": "4", "version": 1}
    )
    assert refused.status_code == 403
    assert layout(stored(database, planned)) == layout(planned.board)


def test_a_refreshed_board_comes_as_a_fragment_for_htmx(
    planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    fragment = browser_for("crew").get(board_url(planned), headers={"HX-Request": "true"}).text
    assert fragment.startswith('<section id="board"')
    assert "<html" not in fragment
    assert 'hx-swap-oob="true"' in fragment


def test_rename_primary_duplicate_and_delete(
    database: Database, planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    browser = browser_for("producer")
    url = board_url(planned)
    copy = browser.post(f"{url}/duplicate", {"name": "Scénario B"})
    assert copy.status_code == 303
    new_id = int(copy.headers["location"].rsplit("/", 1)[1])
    copied = boards.get_board(database, planned.slug, new_id, actor=None)
    assert layout(copied) == layout(planned.board)
    assert not copied.primary
    assert "Scénario Scénario B créé." in browser.get(copy.headers["location"]).text
    other = f"/p/{planned.slug}/boards/{new_id}"
    assert browser.post(f"{other}/rename", {"name": "Plan B", "version": 1}).status_code == 303
    assert browser.post(f"{other}/primary", {"version": 2}).status_code == 303
    assert boards.get_board(database, planned.slug, new_id, actor=None).primary
    deleted = browser.post(f"{url}/delete", {"version": 2})
    assert deleted.status_code == 303
    assert deleted.headers["location"] == f"/p/{planned.slug}/schedules/1"
    assert [b.name for b in boards.list_boards(database, planned.slug, 1, actor=None)] == ["Plan B"]


def test_a_board_file_is_uploaded_as_a_scenario_and_a_bad_one_refused(
    database: Database, planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    manager = browser_for("manager")
    path = f"/p/{planned.slug}/schedules/1/boards/import"
    assert 'action="/p/' in manager.get(f"/p/{planned.slug}/schedules/1").text
    assert "Importer un plan (CSV ou JSON)" in manager.get(f"/p/{planned.slug}/schedules/1").text
    good = "jour;séquence;verrouillée;type\n1;4;oui;nuit\n2;1;;\n".encode()
    answer = manager.upload(path, "variante.csv", good)
    assert answer.status_code == 303  # to the new board
    made = [b for b in boards.list_boards(database, planned.slug, 1, actor=None) if not b.primary]
    assert len(made) == 1
    assert [[s.label for s in d.strips] for d in made[0].days] == [["4"], ["1"]]
    assert made[0].days[0].strips[0].locked
    assert answer.headers["location"] == f"/p/{planned.slug}/boards/{made[0].id}"
    bad = manager.upload(path, "variante.csv", b"jour;sequence\n1;99\n")
    assert bad.status_code == 400
    assert "variante.csv, ligne 2" in bad.text
    assert "99" in bad.text
    assert len(boards.list_boards(database, planned.slug, 1, actor=None)) == 2  # nothing more
    refused = browser_for("crew").upload(path, "variante.csv", good)
    assert refused.status_code == 403
