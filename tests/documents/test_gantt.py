# SPDX-License-Identifier: AGPL-3.0-or-later
"""The backward plan as a Gantt: the HTML fragment (no inline style), the PDF read back
with pdfplumber (A4 landscape, tasks, critical path, dates at risk in red) and the ICS
read back with icalendar."""

from __future__ import annotations

import datetime as dt
import io
import re

import pdfplumber
import pytest
from icalendar import Calendar, Event

from regie.core.errors import ValidationError
from regie.core.production import ProductionKind
from regie.documents.gantt import gantt_html, gantt_pdf, gantt_view, plan_ics
from regie.office.planning import Dependency, Phase, Plan, PlanSchedule, Task, schedule, slip
from regie.office.planning.templates import PACK_ID, PlanRequest, instantiate, template_for
from regie.rules.registry import shipped_pack

D = dt.date
RED = (215 / 255, 25 / 255, 28 / 255)
STAMP = dt.datetime(2027, 1, 4, 9, 0, tzinfo=dt.UTC)


def small() -> Plan:
    return Plan(
        title="Court métrage",
        delivery=D(2027, 5, 7),
        tasks=(
            Task("shoot", "Tournage", Phase.SHOOT, 5, title_en="Shoot"),
            Task("edit", "Montage image", Phase.POST, 10, (Dependency("shoot"),), title_en="Edit"),
            Task("music", "Musique", Phase.POST, 3, (Dependency("shoot"),), title_en="Music"),
            Task(
                "delivery", "Livraison", Phase.DELIVERY, 0,
                (Dependency("edit"), Dependency("music")),
                milestone=True, deadline=D(2027, 5, 7), title_en="Delivery",
            ),
        ),
    )  # fmt: skip


def read_pdf(data: bytes) -> tuple[list[str], list[tuple[float, float]], list[object]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        texts = [page.extract_text(x_tolerance=1) or "" for page in pdf.pages]
        sizes = [(float(page.width), float(page.height)) for page in pdf.pages]
        colours = [
            obj.get("stroking_color") for page in pdf.pages
            for obj in (*page.lines, *page.curves, *page.rects)
        ] + [
            obj.get("non_stroking_color") for page in pdf.pages
            for obj in (*page.curves, *page.rects)
        ]  # fmt: skip
    return texts, sizes, colours


def is_red(colour: object) -> bool:
    return (
        isinstance(colour, tuple)
        and len(colour) == 3
        and all(abs(a - b) < 0.01 for a, b in zip(colour, RED, strict=True))
    )


def test_fragment_has_the_chart_and_no_inline_style() -> None:
    html = gantt_html(schedule(small()), locale="en", fragment=True)
    assert "<article" in html
    assert "<svg" in html
    assert "<polygon" in html
    assert "<rect" in html
    assert not re.search(r"\sstyle\s*=", html)
    assert "<style" not in html
    assert "Montage" not in html  # English titles in an English document
    assert "Edit" in html
    assert "Delivery" in html


def test_pdf_is_a4_landscape_with_tasks() -> None:
    texts, sizes, _colours = read_pdf(gantt_pdf(schedule(small()), locale="fr"))
    assert all(width > height for width, height in sizes)
    assert round(sizes[0][0]) == 842
    assert round(sizes[0][1]) == 595
    whole = "\n".join(texts)
    for title in ("Tournage", "Montage image", "Musique", "Livraison"):
        assert title in whole
    assert "07/05/2027" in whole  # the contractual date


def test_pdf_of_a_slipped_plan_shows_the_dates_at_risk_in_red() -> None:
    fine = read_pdf(gantt_pdf(schedule(small()), locale="fr"))
    result = schedule(slip(small(), "edit", days=2))
    assert [r.task for r in result.at_risk] == ["delivery"]
    texts, _sizes, colours = read_pdf(gantt_pdf(result, locale="fr"))
    first = texts[0]
    assert "Dates à risque" in first
    row = next(line for line in first.splitlines() if line.startswith("Livraison Date"))
    assert "07/05/2027" in row
    assert "11/05/2027" in row
    assert row.split()[-2:] == ["2", "4"]  # working days, calendar days late
    # only the legend is red when every date holds; the late delivery adds its marks
    assert sum(map(is_red, colours)) > sum(map(is_red, fine[2]))


def test_view_pages_split_long_plans_and_mark_the_critical_path() -> None:
    template = template_for(shipped_pack(PACK_ID), ProductionKind.TV_FICTION)
    result = schedule(instantiate(template, PlanRequest(delivery=D(2027, 9, 30))))
    view = gantt_view(result, locale="fr")
    tasks = len(result.tasks)
    weeks = (max(s.late_finish for s in result.tasks) - min(s.start for s in result.tasks)).days
    row_chunks = -(-tasks // 30)
    assert len(view.pages) >= row_chunks * 2
    assert weeks > 26 * 7
    assert sum(len(p.marks) for p in view.pages) == tasks * (len(view.pages) // row_chunks)
    critical = {s.task.id for s in result.tasks if s.critical}
    drawn = {line.id for line in view.tasks if line.critical}
    assert drawn == critical
    assert len(view.post_rows) == 6
    assert view.post_steps[0] == "Montage image"
    assert all(row.margin is not None and row.margin >= 0 for row in view.post_rows)
    for page in view.pages:
        for mark in page.marks:
            assert page.label_width <= mark.x <= page.width
            assert mark.x + mark.width <= page.width + 0.1


def events(data: bytes) -> list[Event]:
    return [c for c in Calendar.from_ical(data).walk("VEVENT") if isinstance(c, Event)]


def test_ics_has_every_task_and_contractual_date() -> None:
    result = schedule(slip(small(), "edit", days=2))
    data = plan_ics(
        result, plan_id="court", uid_domain="regie.example.org", dtstamp=STAMP, locale="en"
    )
    found = {str(e["uid"]): e for e in events(data)}
    assert set(found) == {
        "court-shoot@regie.example.org",
        "court-edit@regie.example.org",
        "court-music@regie.example.org",
        "court-delivery@regie.example.org",
        "court-delivery-deadline@regie.example.org",
    }
    edit = found["court-edit@regie.example.org"]
    assert edit.decoded("dtstart") == result.of("edit").start
    assert edit.decoded("dtend") == result.of("edit").finish + dt.timedelta(days=1)  # exclusive
    deadline = found["court-delivery-deadline@regie.example.org"]
    assert deadline.decoded("dtstart") == D(2027, 5, 7)
    assert str(deadline["summary"]) == "Contractual date: Delivery (at risk)"
    assert str(found["court-delivery@regie.example.org"]["summary"]) == "Milestone: Delivery"
    assert "On the critical path" in str(edit["description"])
    milestone = found["court-delivery@regie.example.org"]
    assert milestone.decoded("dtstart") == D(2027, 5, 11)
    assert found["court-shoot@regie.example.org"].decoded("dtstamp") == STAMP
    # the same plan exported again gives the same bytes: no clock is read
    again = plan_ics(
        result, plan_id="court", uid_domain="regie.example.org", dtstamp=STAMP, locale="en"
    )
    assert again == data


def test_ics_refuses_a_naive_time_stamp() -> None:
    result: PlanSchedule = schedule(small())
    with pytest.raises(ValidationError, match="time zone"):
        plan_ics(result, plan_id="p", uid_domain="x.org", dtstamp=dt.datetime(2027, 1, 1))  # noqa: DTZ001 - naive on purpose
