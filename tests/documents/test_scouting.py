# SPDX-License-Identifier: AGPL-3.0-or-later
"""The scouting report for the heads of department, as HTML and PDF, read back with
pdfplumber: every location on its own page with its facts, photo, contacts, permits and
conflicts, and a link to the map."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pdfplumber
from PIL import Image

from regie.core.text import t
from regie.documents.scouting import ScoutedLocation, map_url, scouting_html, scouting_pdf
from regie.logistics.location_checks import LocationFinding, Severity
from regie.logistics.locations import (
    Contact,
    LocationType,
    NoiseLevel,
    PermitFields,
    PermitRecord,
    PermitStatus,
    PhotoRecord,
    ScoutingFields,
    ScoutingRecord,
)
from regie.logistics.permits import PACK_ID, lead_times
from regie.rules.registry import shipped_pack
from regie.schedule.catalog import LocationRecord
from tests.documents.samples import PRODUCTION

DAY = dt.date(2027, 3, 1)
FERRY = LocationRecord(
    id=1, name="Bac de Jumièges", address="Rue du Bac, 76480 Jumièges",
    latitude=Decimal("49.436000"), longitude=Decimal("0.829000"), sets=("CALE DU BAC",),
)  # fmt: skip
SQUARE = LocationRecord(id=2, name="Place de la Mairie")


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (40, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def _entries() -> list[ScoutedLocation]:
    fields = ScoutingFields(
        kind=LocationType.TRANSPORT,
        access="Cale rive droite, accès poids lourds",
        prm_access=False,
        prm_notes="Pente de la cale à 12 %",
        power_kva=Decimal("18"),
        generator_needed=True,
        emergency_exits="La cale et le chemin de halage",
        working_height_m=Decimal("4.5"),
        water="Aucun point d'eau",
        parking="Parking de l'auberge du bac",
        neighbours="Auberge du bac, trois maisons",
        noise=NoiseLevel.MODERATE,
        noise_notes="Moteur du bac toutes les 10 minutes",
        contacts=(
            Contact("Hugues Martin", "Capitaine du bac", "02 35 00 00 00", "bac@example.org"),
        ),
        scouted_on=dt.date(2027, 1, 20),
        scouted_by="Malik",
    )
    photo = PhotoRecord(7, 1, "cale.jpg", "La cale au matin", "image/jpeg", 1000, 320, 200)
    permit = PermitRecord(
        3, 1,
        PermitFields("waterways", "VNF Seine aval", "VNF-2027-12", dt.date(2027, 1, 25),
                     PermitStatus.GRANTED, DAY, DAY + dt.timedelta(days=1)),
        deadline=dt.date(2027, 1, 30), lead_rule="permit-lead-times@2026.1",
    )  # fmt: skip
    finding = LocationFinding(
        Severity.ERROR, "permit.uncovered",
        t("no permit of {authority} covers {day} at '{name}'", authority="VNF Seine aval",
          day=DAY + dt.timedelta(days=2), name=FERRY.name),
        1, (DAY + dt.timedelta(days=2),),
    )  # fmt: skip
    return [
        ScoutedLocation(FERRY, ScoutingRecord(1, fields, 2), ((photo, _jpeg()),), (permit,),
                        (finding,), (DAY, DAY + dt.timedelta(days=2))),
        ScoutedLocation(SQUARE, ScoutingRecord(2, ScoutingFields(), 1)),
    ]  # fmt: skip


AUTHORITIES = lead_times(shipped_pack(PACK_ID))


def test_the_pdf_has_one_page_per_location_with_its_facts() -> None:
    pdf = scouting_pdf(PRODUCTION, _entries(), authorities=AUTHORITIES, locale="en")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = [page.extract_text() or "" for page in document.pages]
        links = [link["uri"] for page in document.pages for link in page.hyperlinks]
        images = [len(page.images) for page in document.pages]
    assert len(pages) == 2
    first, second = pages
    for expected in (
        "Scouting report", "Bac de Jumièges", "Rue du Bac, 76480 Jumièges", "49.436000, 0.829000",
        "Transport (station, ferry, port)", "Not accessible", "Pente de la cale à 12",
        "18 kVA available",
        "generator needed", "4.5 m", "Parking de l'auberge du bac", "Moderate", "Hugues Martin",
        "Capitaine du bac", "bac@example.org", "Waterways (VNF, harbour)", "VNF-2027-12", "Granted",
        "La cale au matin", "no permit of VNF Seine aval covers 2027-03-03 at 'Bac de Jumièges'",
    ):  # fmt: skip
        assert expected in first.replace("\n", " "), expected
    assert "Place de la Mairie" in second
    assert "No permit entered." in second
    assert map_url(FERRY) in links
    assert images[0] == 1
    assert images[1] == 0


def test_the_french_report_words_the_domain_labels_in_french() -> None:
    html = scouting_html(PRODUCTION, _entries(), authorities=AUTHORITIES, locale="fr")
    for expected in (
        "Voies navigables (VNF, port)",
        "Accordée",
        "Modéré",
        "data:image/jpeg;base64,",
    ):
        assert expected in html
    assert "https://www.openstreetmap.org/?mlat=49.436000&amp;mlon=0.829000" in html


def test_the_fragment_is_what_the_page_embeds() -> None:
    fragment = scouting_html(PRODUCTION, _entries(), authorities=AUTHORITIES, fragment=True)
    assert fragment.lstrip().startswith("<article")
    assert "<style>" not in fragment
    assert map_url(SQUARE) is None
