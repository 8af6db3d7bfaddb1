# SPDX-License-Identifier: AGPL-3.0-or-later
"""People and their engagements as the services hand them out.

A **person** belongs to the production company (one record across its productions) and
holds personal data: birth date, e-mail, phone, country of residence and whether they meet
the tax credit's nationality condition are shown only to the roles allowed to see them
(``Person.personal`` is ``None`` otherwise). An **engagement** is the person's
contract in one production: cast (the characters they play) or crew (a department and a
job), a daily cost used as the schedule's weight of a holding day, the contractual pay
rate and its unit (none: the daily cost, per day), dates, and the windows when they cannot
work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from regie.core.text import Text, t
from regie.schedule.model import DateRange


class EngagementKind(StrEnum):
    CAST = "cast"  # comédien·ne
    CREW = "crew"  # technicien·ne, membre de l'équipe


class RateUnit(StrEnum):
    """What a contractual rate pays for: a day, a (civil) week, an hour, or the whole
    engagement (a flat fee, *forfait*)."""

    DAY = "day"
    WEEK = "week"
    HOUR = "hour"
    FLAT = "flat"


RATE_UNIT_LABELS: dict[RateUnit, Text] = {
    RateUnit.DAY: t("a day"),
    RateUnit.WEEK: t("a week"),
    RateUnit.HOUR: t("an hour"),
    RateUnit.FLAT: t("as a flat fee"),
}


class Department(StrEnum):
    """Departments on set, as the day plans (call and wrap offsets) know them."""

    CAST = "cast"  # comédiens (cast engagements)
    PRODUCTION = "production"  # production, régie
    DIRECTION = "direction"  # mise en scène : réalisation, assistants, scripte
    CAMERA = "camera"  # image
    GRIP = "grip"  # machinerie
    ELECTRIC = "electric"  # électricité
    SOUND = "sound"  # son
    ART = "art"  # décoration
    COSTUME = "costume"  # costumes, habillage (HMC)
    MAKEUP = "makeup"  # maquillage, coiffure (HMC)
    CATERING = "catering"  # cantine
    TRANSPORT = "transport"  # transport, convoyage
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Unavailability:
    """A window (inclusive dates) when a person or a place cannot be used."""

    id: int
    start: dt.date
    end: dt.date
    reason: str = ""
    version: int = 1

    @property
    def dates(self) -> DateRange:
        return DateRange(self.start, self.end)


@dataclass(frozen=True, slots=True)
class PersonalData:
    """``residence``: ISO 3166-1 alpha-2 code of the country of residence (``FR``);
    ``european``: meets the tax credit's nationality condition (French, EU, ECTT or
    European third state). ``None``: not known, not stated."""

    birth_date: dt.date | None = None
    email: str | None = None
    phone: str | None = None
    residence: str | None = None
    european: bool | None = None


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    full_name: str
    personal: PersonalData | None  # None: the viewer may not see personal data
    version: int = 1


@dataclass(frozen=True, slots=True)
class Engagement:
    id: int
    person: Person
    kind: EngagementKind
    position: str  # role title as on the contract ("Cheffe opératrice", "Rôle : Hélène")
    department: Department
    job_key: str  # the job in the agreement's job list (worktime rules), "" when unknown
    daily_cost: Decimal  # euros a day: the schedule's weight of a holding day
    start: dt.date | None = None
    end: dt.date | None = None
    characters: tuple[str, ...] = ()  # names of the characters played (cast)
    max_daily_minutes: int | None = None  # cap from a child performer's authorisation
    unavailable: tuple[Unavailability, ...] = ()
    version: int = 1
    pay_rate: Decimal | None = None  # euros per ``pay_unit``, gross; None: daily cost a day
    pay_unit: RateUnit = RateUnit.DAY

    @property
    def name(self) -> str:
        return self.person.full_name

    @property
    def contract_rate(self) -> tuple[Decimal, RateUnit]:
        """The rate the contract pays and its unit: ``pay_rate`` per ``pay_unit`` when
        set, otherwise the daily cost per day."""
        if self.pay_rate is None:
            return self.daily_cost, RateUnit.DAY
        return self.pay_rate, self.pay_unit


@dataclass(frozen=True, slots=True)
class PersonFields:
    """What a user enters about a person (validated by ``regie.services.people``)."""

    full_name: str
    birth_date: dt.date | None = None
    email: str | None = None
    phone: str | None = None
    residence: str | None = None  # ISO 3166-1 alpha-2 country code, ``FR``
    european: bool | None = None  # French, EU, ECTT or European third state national


@dataclass(frozen=True, slots=True)
class EngagementFields:
    """What a user enters about an engagement. ``characters``: names of the production's
    characters (cast only; an alias counts for its main character)."""

    kind: EngagementKind
    position: str
    department: Department
    daily_cost: Decimal = Decimal(0)
    job_key: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    characters: tuple[str, ...] = ()
    max_daily_minutes: int | None = None
    pay_rate: Decimal | None = None  # None: the daily cost, per day
    pay_unit: RateUnit = RateUnit.DAY
