# SPDX-License-Identifier: AGPL-3.0-or-later
"""The demo's locations office (:func:`add_scouting`, called by
:func:`regie.services.demo._scouting` once the primary board exists): the ferry and the
village square are scouted, with coordinates of the real public places they are modelled
on (the Jumièges ferry slip on the Seine and the square by Jumièges town hall, to about a
hundred metres), a photo drawn with Pillow (no download), a waterways permit granted for
the ferry, a town-hall permit asked for the first village day only, and the production's
liability certificate with a shorter one the ferry's operator asked for. The permit and
the ferry certificate leave conflicts with the board on purpose: the stripboard, the call
sheet check and the scouting page show them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from decimal import Decimal

from PIL import Image, ImageDraw

from regie.logistics.locations import (
    Contact,
    InsuranceFields,
    LocationType,
    NoiseLevel,
    PermitFields,
    PermitStatus,
    ScoutingFields,
)
from regie.schedule.catalog import LocationFields, LocationRecord
from regie.services import location_conflicts, location_office, locations
from regie.services.database import Database

FERRY = "Bac de Sainte-Aude"
VILLAGE = "Village de Sainte-Aude"
COORDINATES = {
    FERRY: (Decimal("49.437500"), Decimal("0.834700")),  # Jumièges ferry slip (approx.)
    VILLAGE: (Decimal("49.433400"), Decimal("0.818600")),  # Jumièges town-hall square (approx.)
}


def demo_photo(sky: tuple[int, int, int], ground: tuple[int, int, int]) -> bytes:
    """A small PNG drawn in code: sky, a river bank and a slipway."""
    image = Image.new("RGB", (640, 400), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 240, 640, 400), fill=ground)
    draw.polygon([(250, 400), (390, 400), (350, 240), (290, 240)], fill=(150, 150, 140))
    draw.rectangle((300, 200, 420, 240), fill=(230, 230, 230), outline=(40, 40, 40))
    draw.text((12, 12), "regie — photo de démonstration", fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _place(db: Database, slug: str, name: str) -> LocationRecord:
    return next(p for p in locations.list_locations(db, slug, actor=None) if p.name == name)


def _with_coordinates(db: Database, slug: str, place: LocationRecord) -> LocationRecord:
    latitude, longitude = COORDINATES[place.name]
    fields = LocationFields(
        name=place.name, address=place.address, latitude=latitude, longitude=longitude,
        open_weekdays=place.open_weekdays,
        booking_start=place.booking.start if place.booking else None,
        booking_end=place.booking.end if place.booking else None, notes=place.notes,
    )  # fmt: skip
    return locations.update_location(db, slug, place.id, fields, place.version, actor=None)


FERRY_SCOUTING = ScoutingFields(
    kind=LocationType.TRANSPORT,
    access="Cale rive droite par la route du bac ; camions jusqu'au parking de l'auberge.",
    prm_access=False,
    prm_notes="Cale pavée en pente : fauteuil accompagné seulement jusqu'au ponton.",
    power_kva=Decimal("0"),
    generator_needed=True,
    emergency_exits="La cale et le chemin de halage, dans les deux sens.",
    working_height_m=Decimal("4.5"),
    water="Aucun point d'eau ; citerne à prévoir.",
    parking="Parking de l'auberge du bac (8 véhicules) ; camions sur le chemin du halage.",
    neighbours="Auberge du bac et trois maisons ; prévenir la veille.",
    noise=NoiseLevel.MODERATE,
    noise_notes="Moteur du bac à chaque traversée ; péniches sur la Seine.",
    contacts=(
        Contact("Hugues Lemarchand", "Capitaine du bac", "02 35 00 00 17"),
        Contact("Service des bacs", "Département", "02 35 00 00 00", "bacs@demo.regie"),
    ),
    scouted_by="Malik Chargé de production",
)
VILLAGE_SCOUTING = ScoutingFields(
    kind=LocationType.PUBLIC_ROAD,
    access="Place de la mairie, accès par la rue principale ; stationnement réglementé.",
    prm_access=True,
    prm_notes="Place de plain-pied ; mairie accessible par la rampe latérale.",
    power_kva=Decimal("36"),
    emergency_exits="Rues nord et sud de la place.",
    water="Fontaine et robinet de la mairie (accord du secrétariat).",
    parking="Parking de l'église (15 places) ; loges dans la salle des fêtes.",
    neighbours="Commerces de la place, marché le mercredi.",
    noise=NoiseLevel.QUIET,
    contacts=(Contact("Secrétariat de mairie", "Mairie", "02 35 00 00 50", "mairie@demo.regie"),),
    scouted_by="Malik Chargé de production",
)


def add_scouting(db: Database, slug: str, start: dt.date) -> None:
    """Scout the ferry and the village; see the module docstring."""
    days = location_conflicts.shoot_days(db, slug, actor=None)
    scouted_on = start - dt.timedelta(days=10)
    photos = {FERRY: ((150, 190, 220), (90, 120, 80)), VILLAGE: ((170, 200, 230), (160, 150, 130))}
    for name, record in ((FERRY, FERRY_SCOUTING), (VILLAGE, VILLAGE_SCOUTING)):
        place = _with_coordinates(db, slug, _place(db, slug, name))
        fields = dataclasses.replace(record, scouted_on=scouted_on)
        location_office.save_scouting(db, slug, place.id, fields, 0, actor=None)
        sky, ground = photos[name]
        location_office.add_photo(
            db, slug, place.id, f"{place.name}.png", demo_photo(sky, ground), actor=None,
            caption=f"{place.name} — vue générale",
        )  # fmt: skip
    ferry, village = _place(db, slug, FERRY), _place(db, slug, VILLAGE)
    location_office.add_permit(
        db, slug, ferry.id,
        PermitFields("waterways", "VNF — subdivision de Rouen", "VNF-DEMO-01", scouted_on,
                     PermitStatus.GRANTED),
        actor=None,
    )  # fmt: skip
    first = (days.get(village.id) or (start,))[0]
    location_office.add_permit(
        db, slug, village.id,
        PermitFields("town_hall", "Mairie de Sainte-Aude", "", scouted_on, PermitStatus.REQUESTED,
                     first, first, "Arrêté demandé pour le premier jour seulement."),
        actor=None,
    )  # fmt: skip
    location_office.add_certificate(
        db, slug,
        InsuranceFields("Assureur Démo", "RC-PROD-2026", start - dt.timedelta(weeks=8),
                        start + dt.timedelta(weeks=12), amount=Decimal("5000000"),
                        file_name="00_ADMINISTRATION/attestation_RC_production.pdf"),
        actor=None,
    )  # fmt: skip
    location_office.add_certificate(
        db, slug,
        InsuranceFields("Assureur Démo", "RC-BAC-2026", start - dt.timedelta(weeks=1),
                        start + dt.timedelta(days=1), location_id=ferry.id,
                        amount=Decimal("1000000"), notes="Demandée par le service des bacs."),
        actor=None,
    )  # fmt: skip
