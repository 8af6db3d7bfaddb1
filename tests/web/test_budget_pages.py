# SPDX-License-Identifier: AGPL-3.0-or-later
"""The budget (devis) pages: the accountant makes a budget, adds lines and edits them in
place; the answer to an edit carries, out of band, the totals it moved; a stale edit is
refused with 409 and changes nothing; a bad value is refused naming its field; crew and
guests are refused; the downloads read back."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from regie.budget.catalog import LineFields
from regie.services import budgets
from regie.services.database import Database
from tests.web.conftest import Browser, Office

GAFFER = LineFields("20", "Chef électricien", "20", "jour", "350", fringe_group="cddu_technician")
STUDIO = LineFields("51", "Plateau 2, Bry-sur-Marne", "5", "jour", "1800.50")

Browse = Callable[[str], Browser]


def _budget(database: Database, office: Office) -> int:
    """Budget 1 with the gaffer (L0001) and the studio (L0002), made through the service."""
    made = budgets.create_budget(database, office.slug, actor=None)
    budgets.add_lines(
        database, office.slug, made.number, [GAFFER, STUDIO],
        expected_version=made.version, actor=None,
    )  # fmt: skip
    return made.number


def _line_form(line: LineFields, seen: int, **changes: str) -> dict[str, str]:
    form = {
        "account": line.account,
        "description": line.description,
        "quantity": str(line.quantity),
        "unit": line.unit,
        "rate": str(line.rate),
        "multiplier": str(line.multiplier),
        "fringe_group": line.fringe_group or "",
        "place": line.place,
        "tax_credit": "on",
        "note": "",
        "version": str(seen),
    }
    return {**form, **changes}


def _oob(html: str, element_id: str) -> str:
    """The text of the out-of-band element ``element_id`` in an htmx answer."""
    found = re.search(
        rf'<(\w+) id="{re.escape(element_id)}"[^>]*hx-swap-oob="true"[^>]*>(.*?)</\1>', html, re.S
    )
    assert found, f"no out-of-band #{element_id}"
    return found.group(2)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _euros(text: str) -> Decimal:
    """``16 002,50 €`` (French, narrow no-break spaces) as a Decimal."""
    digits = re.sub(r"[^\d,]", "", text).replace(",", ".")
    return Decimal(digits)


def test_the_accountant_makes_a_budget_and_fills_it(
    database: Database, office: Office, browser_for: Browse
) -> None:
    accountant = browser_for("accountant")
    listing = accountant.get(f"/p/{office.slug}/budgets")
    assert listing.status_code == 200
    assert f'action="/p/{office.slug}/budgets"' in listing.text  # the form to make one
    assert f'href="/p/{office.slug}/budgets"' in listing.text  # the "Devis" tab

    made = accountant.post(f"/p/{office.slug}/budgets", {"name": "Devis de travail"})
    assert made.status_code == 303
    assert made.headers["location"] == f"/p/{office.slug}/budgets/1"
    record = budgets.get_budget(database, office.slug, 1, actor=None)
    assert record.name == "Devis de travail"

    added = accountant.post(
        f"/p/{office.slug}/budgets/1/lines",
        {
            "account": "51", "description": "Plateau 2", "quantity": "5", "unit": "jour",
            "rate": "1 800,50", "multiplier": "1", "fringe_group": "", "place": "france",
            "tax_credit": "on", "version": str(record.version),
        },
    )  # fmt: skip
    assert added.status_code == 303
    page = accountant.get(f"/p/{office.slug}/budgets/1")
    assert page.status_code == 200
    assert "Plateau 2" in page.text
    assert 'id="line-L0001"' in page.text
    assert 'id="grand-total"' in page.text
    assert "<svg" in page.text
    assert 'class="bar-fill"' in page.text
    assert "style=" not in page.text  # the CSP forbids inline styles
    stored = budgets.get_budget(database, office.slug, 1, actor=None).lines
    assert [(r.line.account, r.line.rate) for r in stored] == [("51", Decimal("1800.50"))]


def test_an_edit_answers_the_row_and_the_totals_out_of_band(
    database: Database, office: Office, browser_for: Browse
) -> None:
    number = _budget(database, office)
    accountant = browser_for("accountant")
    before = budgets.devis(database, office.slug, number, actor=None)
    line = budgets.get_budget(database, office.slug, number, actor=None).line("L0002")
    assert line is not None

    answer = accountant.post(
        f"/p/{office.slug}/budgets/{number}/lines/L0002",
        _line_form(STUDIO, line.version, quantity="4"),
        htmx=True,
    )
    assert answer.status_code == 200, answer.text
    html = answer.text
    assert html.lstrip().startswith('<template><tr id="line-L0002"')  # oob, in a template
    assert 'value="4"' in html  # the row as stored

    after = budgets.devis(database, office.slug, number, actor=None)
    assert after.total < before.total
    assert _euros(_text(_oob(html, "account-total-51"))) == Decimal("7202.00")
    chapter_five = next(c for c in after.chapters if c.chapter.number == 5)
    assert _euros(_text(_oob(html, "chapter-total-5"))) == chapter_five.total
    top = _oob(html, "devis-top")
    grand = re.search(r'id="grand-total">([^<]+)<', top)
    assert grand is not None
    assert _euros(grand.group(1)) == after.total
    assert _oob(html, "account-total-51") == "7\u202f202,00\u00a0€"
    assert 'id="devis-chart" class="card devis-chart" hx-swap-oob="true"' in html
    assert "notice-ok" in _oob(html, "flash")  # "Line L0002 saved."


def test_a_stale_edit_is_refused_and_changes_nothing(
    database: Database, office: Office, browser_for: Browse
) -> None:
    number = _budget(database, office)
    accountant, producer = browser_for("accountant"), browser_for("producer")
    seen = budgets.get_budget(database, office.slug, number, actor=None).line("L0002")
    assert seen is not None
    url = f"/p/{office.slug}/budgets/{number}/lines/L0002"

    first = producer.post(url, _line_form(STUDIO, seen.version, quantity="6"), htmx=True)
    assert first.status_code == 200
    kept = budgets.get_budget(database, office.slug, number, actor=None)

    stale = accountant.post(url, _line_form(STUDIO, seen.version, quantity="3"), htmx=True)
    assert stale.status_code == 409
    assert 'value="6"' in stale.text  # the row as stored, not as the accountant typed it
    assert "notice-error" in _oob(stale.text, "flash")
    assert budgets.get_budget(database, office.slug, number, actor=None) == kept

    plain = accountant.post(url, _line_form(STUDIO, seen.version, quantity="3"))
    assert plain.status_code == 409
    assert budgets.get_budget(database, office.slug, number, actor=None) == kept


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quantity": "-2"}, "quantity"),
        ({"rate": "beaucoup"}, "rate"),
        ({"multiplier": "x2"}, "multiplier"),
        ({"account": "99"}, "account"),
        ({"description": "  "}, "description"),
        ({"fringe_group": "pirate"}, "fringe_group"),
        ({"version": "abc"}, "version"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    database: Database,
    office: Office,
    browser_for: Browse,
    changes: dict[str, str],
    field: str,
) -> None:
    number = _budget(database, office)
    accountant = browser_for("accountant")
    kept = budgets.get_budget(database, office.slug, number, actor=None)
    url = f"/p/{office.slug}/budgets/{number}/lines/L0002"
    for htmx in (True, False):
        answer = accountant.post(url, _line_form(STUDIO, 1, **changes), htmx=htmx)
        assert answer.status_code in (400, 422), answer.text
        assert f"«\u00a0{field}\u00a0»" in answer.text  # the message names the field
        assert "notice-error" in answer.text
        if htmx:
            assert answer.headers["hx-retarget"] == "#flash"
    assert budgets.get_budget(database, office.slug, number, actor=None) == kept

    if field == "version":
        return
    added = accountant.post(
        f"/p/{office.slug}/budgets/{number}/lines",
        {**_line_form(STUDIO, kept.version, **changes), "version": str(kept.version)},
    )
    assert added.status_code in (400, 422)
    assert budgets.get_budget(database, office.slug, number, actor=None).lines == kept.lines


def test_rates_deleting_and_the_warnings(
    database: Database, office: Office, browser_for: Browse
) -> None:
    number = _budget(database, office)
    accountant = browser_for("accountant")
    page = accountant.get(f"/p/{office.slug}/budgets/{number}").text
    assert "notice-warn" in page  # employer.other at 0 % on the gaffer's line
    record = budgets.get_budget(database, office.slug, number, actor=None)
    url = f"/p/{office.slug}/budgets/{number}/rates"

    too_much = accountant.post(url, {"key": "overheads", "rate": "150", "version": record.version})
    assert too_much.status_code in (400, 422)
    assert budgets.get_budget(database, office.slug, number, actor=None) == record

    saved = accountant.post(url, {"key": "overheads", "rate": "5,5", "version": record.version})
    assert saved.status_code == 303
    record = budgets.get_budget(database, office.slug, number, actor=None)
    assert record.addon_rates["overheads"] == Decimal("0.055")
    back = accountant.post(url, {"key": "overheads", "rate": "", "version": record.version})
    assert back.status_code == 303
    assert (
        "overheads" not in budgets.get_budget(database, office.slug, number, actor=None).addon_rates
    )

    line = budgets.get_budget(database, office.slug, number, actor=None).line("L0001")
    assert line is not None
    gone = accountant.post(
        f"/p/{office.slug}/budgets/{number}/lines/L0001/delete", {"version": line.version}
    )
    assert gone.status_code == 303
    left = budgets.get_budget(database, office.slug, number, actor=None)
    assert [r.line.id for r in left.lines] == ["L0002"]
    assert "notice-warn" not in accountant.get(f"/p/{office.slug}/budgets/{number}").text


@pytest.mark.parametrize("persona", ["crew", "guest"])
def test_crew_and_guests_are_refused(
    database: Database, office: Office, browser_for: Browse, persona: str
) -> None:
    number = _budget(database, office)
    kept = budgets.get_budget(database, office.slug, number, actor=None)
    browser = browser_for(persona)
    base = f"/p/{office.slug}/budgets"
    assert browser.get(base).status_code == 403
    assert browser.get(f"{base}/{number}").status_code == 403
    assert browser.get(f"{base}/{number}/devis.xlsx").status_code == 403
    assert browser.post(base, {"name": "Pirate"}).status_code == 403
    edit = browser.post(f"{base}/{number}/lines/L0002", _line_form(STUDIO, 1, quantity="1"))
    assert edit.status_code == 403
    assert budgets.get_budget(database, office.slug, number, actor=None) == kept
    assert len(budgets.list_budgets(database, office.slug, actor=None)) == 1
    overview = browser.get(f"/p/{office.slug}/").text
    assert f'href="{base}"' not in overview  # no "Devis" tab
    assert browser_for("outsider").get(f"{base}/{number}").status_code == 404


def test_the_downloads_read_back(database: Database, office: Office, browser_for: Browse) -> None:
    number = _budget(database, office)
    accountant = browser_for("accountant")
    devis = budgets.devis(database, office.slug, number, actor=None)
    base = f"/p/{office.slug}/budgets/{number}/devis"
    code = office.production.code
    name = re.compile(rf'attachment; filename="{code}_\d{{8}}_DEVIS_devis-1_v01\.(\w+)"')

    xlsx = accountant.get(f"{base}.xlsx")
    assert xlsx.status_code == 200
    found = name.match(xlsx.headers["content-disposition"])
    assert found
    assert found.group(1) == "xlsx"
    book = load_workbook(io.BytesIO(xlsx.content))
    assert "Devis" in book.sheetnames
    figures = [
        cell for row in book["Devis"].iter_rows(values_only=True) for cell in row
        if isinstance(cell, (int, float, Decimal))
    ]  # fmt: skip
    assert float(devis.total) in [float(f) for f in figures]
    assert any(
        "Plateau 2" in str(cell)
        for row in book["Devis"].iter_rows(values_only=True)
        for cell in row
    )

    data = accountant.get(f"{base}.json")
    assert data.status_code == 200
    assert name.match(data.headers["content-disposition"])
    parsed = json.loads(data.content)
    assert {"chapters", "total"} <= set(parsed)
    assert Decimal(str(parsed["total"])) == devis.total

    csv = accountant.get(f"{base}.csv")
    assert csv.status_code == 200
    assert "Plateau 2" in csv.content.decode("utf-8-sig")
    pdf = accountant.get(f"{base}.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert name.match(pdf.headers["content-disposition"])


def test_a_crew_rate_under_the_grid_minimum_is_a_visible_warning(
    database: Database, office: Office, browser_for: Browse
) -> None:
    from regie.schedule.people import (
        Department,
        EngagementFields,
        EngagementKind,
        PersonFields,
    )
    from regie.services import people

    number = _budget(database, office)
    fields = EngagementFields(
        kind=EngagementKind.CREW,
        position="Chef électricien",
        department=Department.ELECTRIC,
        job_key="chef_electricien",  # the grid's "gaffer"
        daily_cost=Decimal("90"),
    )
    people.engage(database, office.slug, PersonFields("Lou Marec"), fields, actor=None)
    page = browser_for("accountant").get(f"/p/{office.slug}/budgets/{number}")
    assert page.status_code == 200
    warnings = _text(page.text.split('class="notice notice-warn budget-warnings"')[1])
    assert "90" in warnings
    assert "IDCC 3097" in warnings  # the grid it is under, with its source and year
    assert "Lou Marec" in warnings  # who is paid under the minimum …
    assert "sous le minimum de 265,12" in warnings  # … and what the grid asks (French comma)
