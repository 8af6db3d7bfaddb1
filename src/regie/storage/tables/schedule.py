# SPDX-License-Identifier: AGPL-3.0-or-later
"""``schedules`` (versions of the plan de travail) with their calendar, pace and weights;
what the planner set per scene (``scene_plans``, ``precedences``, ``same_day_groups``,
``schedule_days_off``); ``boards`` (scenarios) with their ``board_days`` and
``board_strips``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from regie.storage.base import Base, UTCDateTime, utc_now, version_column


class ScheduleRow(Base):
    __tablename__ = "schedules"
    __table_args__ = (
        UniqueConstraint("production_id", "number"),
        CheckConstraint("days_per_week IN (5, 6)", name="days_per_week"),
        CheckConstraint("day_count > 0", name="day_count"),
        CheckConstraint("day_minutes > 0", name="day_minutes"),
        CheckConstraint("max_overtime_minutes >= 0", name="max_overtime_minutes"),
        CheckConstraint("pages_per_day > 0", name="pages_per_day"),
        CheckConstraint("default_travel_minutes >= 0", name="default_travel_minutes"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    script_id: Mapped[int] = mapped_column(ForeignKey("scripts.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    days_per_week: Mapped[int] = mapped_column(Integer)
    work_on_holidays: Mapped[bool] = mapped_column(Boolean, default=False)
    day_count: Mapped[int] = mapped_column(Integer)
    day_minutes: Mapped[int] = mapped_column(Integer)
    max_overtime_minutes: Mapped[int] = mapped_column(Integer)
    pages_per_day: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    default_travel_minutes: Mapped[int] = mapped_column(Integer)
    # Weights of the planner's cost (regie.schedule.model.Weights), euros.
    weight_holding_day: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    weight_company_move: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    weight_location_revisit: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    weight_day_night_switch: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    weight_overtime_minute: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    unit_call: Mapped[dt.time] = mapped_column(Time)
    night_call: Mapped[dt.time] = mapped_column(Time)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class ScheduleDayOffRow(Base):
    """A date the unit does not shoot, beyond weekends and public holidays."""

    __tablename__ = "schedule_days_off"

    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("schedules.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)


class ScenePlanRow(Base):
    """The planner's settings on one scene of a schedule; NULL keeps the default."""

    __tablename__ = "scene_plans"
    __table_args__ = (CheckConstraint("minutes IS NULL OR minutes > 0", name="minutes"),)

    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("schedules.id", ondelete="CASCADE"), primary_key=True
    )
    scene_id: Mapped[int] = mapped_column(
        ForeignKey("scenes.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    minutes: Mapped[int | None] = mapped_column(Integer)
    needs_night: Mapped[bool | None] = mapped_column(Boolean)
    needs_day: Mapped[bool | None] = mapped_column(Boolean)
    fixed_date: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class PrecedenceRow(Base):
    """Scene ``before_id`` must be shot before scene ``after_id``."""

    __tablename__ = "precedences"
    __table_args__ = (CheckConstraint("before_id <> after_id", name="distinct"),)

    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("schedules.id", ondelete="CASCADE"), primary_key=True
    )
    before_id: Mapped[int] = mapped_column(
        ForeignKey("scenes.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    after_id: Mapped[int] = mapped_column(
        ForeignKey("scenes.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class SameDayRow(Base):
    """A scene's group of scenes that must be shot the same day (one group per scene)."""

    __tablename__ = "same_day_groups"

    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("schedules.id", ondelete="CASCADE"), primary_key=True
    )
    scene_id: Mapped[int] = mapped_column(
        ForeignKey("scenes.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    group_number: Mapped[int] = mapped_column(Integer)


class BoardRow(Base):
    """A scenario of a schedule version. Every edit of its days or strips touches
    ``updated_at``, so the board's ``version`` guards drag and drop."""

    __tablename__ = "boards"
    __table_args__ = (UniqueConstraint("schedule_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("schedules.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class BoardDayRow(Base):
    __tablename__ = "board_days"
    __table_args__ = (
        UniqueConstraint("board_id", "day_index"),
        CheckConstraint("kind IN ('day', 'night')", name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    day_index: Mapped[int] = mapped_column(Integer)  # 0-based
    day: Mapped[dt.date] = mapped_column(Date)  # the calendar's shoot date of that rank
    kind: Mapped[str] = mapped_column(String(8))  # DayKind value


class BoardStripRow(Base):
    """A scene on a board: on a day at a position, or (``day_id`` NULL) not placed yet."""

    __tablename__ = "board_strips"

    board_id: Mapped[int] = mapped_column(
        ForeignKey("boards.id", ondelete="CASCADE"), primary_key=True
    )
    scene_id: Mapped[int] = mapped_column(
        ForeignKey("scenes.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    day_id: Mapped[int | None] = mapped_column(
        ForeignKey("board_days.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
