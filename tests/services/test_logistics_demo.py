# SPDX-License-Identifier: AGPL-3.0-or-later
"""The demo production's logistics: the crew's train, the equipment van, cars to share,
the hotel, meals with vegetarian counts on every shoot day, generator fuel, suggestions,
and a frozen provisional carbon estimate printed as a PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from regie.documents.carbon import carbon_pdf
from regie.finance.carbon import EstimateKind
from regie.services import carbon, logistics
from regie.services.demo import DEMO_DAYS, build_demo


def test_the_demo_has_logistics_and_a_provisional_carbon_estimate(tmp_path: Path) -> None:
    summary = build_demo(tmp_path / "demo")
    db = summary.config.database()
    try:
        slug = summary.production.slug
        legs = logistics.list_legs(db, slug, actor=None)
        modes = [v.leg.fields.mode.value for v in legs]
        assert modes.count("car_diesel") == 3
        assert {"train_intercites", "van"} <= set(modes)
        van = next(v for v in legs if v.leg.fields.mode.value == "van")
        assert not van.distance.entered  # great circle × road detour to the ferry
        meals = logistics.list_meals(db, slug, actor=None)
        assert len({m.fields.meal_date for m in meals}) == DEMO_DAYS
        kinds = {s.kind for s in logistics.suggestions(db, slug, actor=None)}
        assert "car_sharing" in kinds
        (frozen,) = carbon.versions(db, slug, actor=None)
        assert frozen.kind is EstimateKind.PROVISIONAL
        assert frozen.estimate.shoot_days == DEMO_DAYS
        posts = {c.key: c.kg for c in frozen.estimate.categories}
        assert all(posts[k] > 0 for k in ("transport", "accommodation", "catering", "energy"))
        assert frozen.estimate.gaps == ()
        pdf = carbon_pdf(frozen.estimate, summary.production, number=frozen.number)
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            text = "\n".join(page.extract_text() or "" for page in document.pages)
        assert "Boucle" in text
        assert "Hébergement" in text
    finally:
        db.dispose()
