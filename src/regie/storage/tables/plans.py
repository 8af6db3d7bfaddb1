# SPDX-License-Identifier: AGPL-3.0-or-later
"""``plans``: the backward plans (rétroplannings) of a production.

A plan is stored as its *inputs* — the JSON document of :mod:`regie.formats.plan_file`
(tasks, links, durations, contractual dates, working week, recorded progress) — never its
computed dates, which the critical-path method derives again on every read. Slips and
actual dates are part of that document (its ``progress`` list), so one versioned row is
one plan and every edit bumps its ``version``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from regie.storage.base import Base, UTCDateTime, utc_now, version_column


class PlanRow(Base):
    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("production_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(
        ForeignKey("productions.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(Text)  # programme kind of the template used
    delivery: Mapped[dt.date] = mapped_column(Date)  # a copy of the document's, for lists
    document_json: Mapped[str] = mapped_column(Text)  # regie.plan JSON (inputs only)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form
