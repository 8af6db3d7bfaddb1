# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sunrise and sunset of a place on a day (astral), in the production's time zone.

Civil dawn and dusk (sun 6° below the horizon) bound the usable light of an exterior;
near the poles the sun may not rise or set on a day: the times are then ``None``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from astral import Observer
from astral.sun import dawn, dusk, sunrise, sunset

from regie.core.calendar import PARIS


@dataclass(frozen=True, slots=True)
class SunTimes:
    dawn: dt.datetime | None
    sunrise: dt.datetime | None
    sunset: dt.datetime | None
    dusk: dt.datetime | None


def _at(event: object, observer: Observer, day: dt.date) -> dt.datetime | None:
    try:
        moment = event(observer, day, tzinfo=PARIS)  # type: ignore[operator]
    except ValueError:  # the sun does not reach that elevation on that day
        return None
    assert isinstance(moment, dt.datetime)  # noqa: S101 - astral's documented return type
    return moment.replace(microsecond=0)


def sun_times(latitude: Decimal, longitude: Decimal, day: dt.date) -> SunTimes:
    """Dawn, sunrise, sunset and dusk at a place (WGS 84 degrees) on ``day``."""
    observer = Observer(latitude=float(latitude), longitude=float(longitude))
    return SunTimes(
        dawn=_at(dawn, observer, day),
        sunrise=_at(sunrise, observer, day),
        sunset=_at(sunset, observer, day),
        dusk=_at(dusk, observer, day),
    )
