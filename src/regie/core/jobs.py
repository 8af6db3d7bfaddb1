# SPDX-License-Identifier: AGPL-3.0-or-later
"""A background job as stored: what runs, for which production, how far it got, its result.

Used by ``regie.services.jobs`` (the records) and ``regie.jobs`` (the runners); here so that
storage and the faces share one shape. ``progress`` and ``result`` are JSON objects: the
job's function decides their keys (``progress`` always has ``done``, ``total`` and
``message``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        return self in (JobStatus.DONE, JobStatus.FAILED)


@dataclass(frozen=True, slots=True)
class JobRecord:
    id: int
    kind: str  # "optimise-board", ...
    production_id: int | None
    status: JobStatus
    progress: Mapping[str, Any] = field(default_factory=dict)
    result: Mapping[str, Any] | None = None
    # ``RegieError.to_dict()`` in English (``message_en`` …), or the class of an unexpected
    # exception with a generic message.
    error: Mapping[str, Any] | None = None
    created_at: dt.datetime | None = None
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    created_by: int | None = None


class ProgressReporter(Protocol):
    """How long work tells how far it got: ``done`` of ``total`` (any unit: seconds,
    files, bytes), a short message, and JSON-able details (``cost="12500.00"``)."""

    def __call__(self, done: float, total: float, message: str = "", **details: Any) -> None:
        """Record the progress (a runner may drop calls that come too fast)."""
