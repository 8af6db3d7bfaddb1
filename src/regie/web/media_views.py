# SPDX-License-Identifier: AGPL-3.0-or-later
"""Media jobs as the Médias pages show them: while an offload runs, bytes done of all,
speed, time left and the file being copied; at its end, each file on each destination and
the failures; a QC run's files done, then its report; a master check's outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from starlette.requests import Request

from regie.core.errors import NotFound
from regie.core.jobs import JobRecord, JobStatus
from regie.core.text import t
from regie.documents.i18n import format_number
from regie.jobs.media import CHECK_MASTER, OFFLOAD, QC
from regie.media.transfer import FileStatus
from regie.office.roles import Permission
from regie.services import jobs
from regie.services.media_paths import MediaRoots, media_roots
from regie.web.deps import ProductionPage, web_state
from regie.web.i18n import N_, request_locale

KINDS = (OFFLOAD, QC, CHECK_MASTER)
# What happened to a file on a destination (regie.media.transfer.FileStatus), as worded.
FILE_STATUS_LABELS: dict[str, str] = {
    FileStatus.VERIFIED: N_("verified"),
    FileStatus.ALREADY_VERIFIED: N_("already verified"),
    FileStatus.MISMATCH: N_("different when read back"),
    FileStatus.SIZE_MISMATCH: N_("truncated copy"),
    FileStatus.NO_SPACE: N_("disk full"),
    FileStatus.PERMISSION_DENIED: N_("permission denied"),
    FileStatus.SOURCE_MISSING: N_("source missing"),
    FileStatus.SOURCE_CHANGED: N_("source changed while read"),
    FileStatus.SOURCE_ALTERED: N_("differs from its history"),
    FileStatus.READ_FAILED: N_("read error"),
    FileStatus.WRITE_FAILED: N_("write error"),
    FileStatus.NOT_COPIED: N_("not copied"),
}
MEGA = Decimal(10**6)
GIGA = Decimal(10**9)


@dataclass(frozen=True, slots=True)
class DestinationCell:
    status: str
    label: str  # the msgid of its status, translated by the template
    ok: bool
    hash: str | None
    detail: str | None


@dataclass(frozen=True, slots=True)
class FileRow:
    path: str
    size: str
    hash: str  # the source's hash with the run's algorithm
    cells: tuple[DestinationCell, ...]


@dataclass(frozen=True, slots=True)
class MediaJobView:
    id: int
    kind: str
    url: str  # the status fragment the page polls
    status: str
    finished: bool
    done: float
    total: float
    percent: str
    amount: str  # "1,2 Go sur 3,4 Go" / "3 fichiers sur 12"
    speed: str | None  # "85,3 Mo/s"
    eta: str | None  # "1 min 12 s"
    phase: str | None
    current: str | None  # the file being worked on
    error: str | None
    result: dict[str, Any] = field(default_factory=dict)
    ok: bool = False  # the offload verified everything; the master conforms
    destinations: tuple[str, ...] = ()
    rows: tuple[FileRow, ...] = ()
    failures: tuple[dict[str, Any], ...] = ()
    warnings: tuple[str, ...] = ()
    final_speed: str | None = None  # source bytes read per second of the whole run


def size_text(value: float | int | Decimal, locale: str) -> str:
    """Bytes as the page shows them: ``1,2 Go`` (fr) / ``1.2 GB`` (en), decimal units."""
    amount = Decimal(str(value))
    fr = locale == "fr"
    units = (
        ("To" if fr else "TB", Decimal(10**12)),
        ("Go" if fr else "GB", GIGA),
        ("Mo" if fr else "MB", MEGA),
        ("ko" if fr else "kB", Decimal(1000)),
    )
    for unit, scale in units:
        if amount >= scale:
            return f"{format_number(amount / scale, locale, decimals=1)}\u00a0{unit}"
    return f"{format_number(int(amount), locale)}\u00a0{'o' if fr else 'B'}"


def duration_text(seconds: float) -> str:
    """``72.4`` → ``1 min 12 s`` (the same in French and English)."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}\u00a0h {minutes:02d}\u00a0min"
    if minutes:
        return f"{minutes}\u00a0min {secs:02d}\u00a0s"
    return f"{secs}\u00a0s"


def _error(record: JobRecord) -> str | None:
    if record.status is not JobStatus.FAILED:
        return None
    details = dict(record.error or {})
    return str(details.get("message_en") or details.get("message") or details.get("error", ""))


def _offload_rows(
    result: dict[str, Any], locale: str
) -> tuple[tuple[str, ...], tuple[FileRow, ...]]:
    roots = tuple(str(d.get("root", "")) for d in result.get("destinations", ()))
    algorithm = str(result.get("algorithm", ""))
    rows = []
    for item in result.get("files", ()):
        by_root = {str(d.get("root")): d for d in item.get("destinations", ())}
        cells = []
        for root in roots:
            cell = by_root.get(root, {})
            status = str(cell.get("status", "not-copied"))
            cells.append(
                DestinationCell(status, FILE_STATUS_LABELS.get(status, status),
                                status in ("verified", "already-verified"),
                                cell.get("hash"), cell.get("detail"))
            )  # fmt: skip
        rows.append(
            FileRow(
                str(item.get("path", "")),
                size_text(item.get("size", 0), locale),
                str(dict(item.get("hashes", {})).get(algorithm, "")),
                tuple(cells),
            )
        )
    return roots, tuple(rows)


def _progress_texts(record: JobRecord, locale: str) -> dict[str, Any]:
    progress = dict(record.progress)
    done, total = float(progress.get("done") or 0), float(progress.get("total") or 0)
    percent = f"{round(100 * done / total) if total else 0}\u202f%" if locale == "fr" else (
        f"{round(100 * done / total) if total else 0}%"
    )  # fmt: skip
    rate = progress.get("bytes_per_s")
    eta = progress.get("eta_s")
    if record.kind == OFFLOAD:
        amount = f"{size_text(done, locale)} / {size_text(total, locale)}"
    else:
        amount = f"{int(done)} / {int(total)}"
    current = progress.get("file") or (progress.get("message") if record.kind == QC else None)
    return {
        "done": done,
        "total": total,
        "percent": percent,
        "amount": amount,
        "speed": f"{size_text(rate, locale)}/s" if isinstance(rate, int | float) and rate else None,
        "eta": duration_text(float(eta)) if isinstance(eta, int | float) else None,
        "phase": str(progress["phase"]) if progress.get("phase") else None,
        "current": str(current) if current else None,
    }


def media_job_view(request: Request, page: ProductionPage, job_id: int) -> MediaJobView:
    """Media job ``job_id`` of the page's production (``NotFound`` for any other job)."""
    page.require(Permission.VIEW_SCHEDULE)
    state = web_state(request)
    record = state.runner.status(state.db, job_id, actor=page.user)
    if record.production_id != page.production.id or record.kind not in KINDS:
        raise NotFound(t("no job #{id}", id=job_id), hint=t("It may have been deleted"))
    locale = request_locale(request)
    result = dict(record.result or {}) if record.status is JobStatus.DONE else {}
    roots: tuple[str, ...] = ()
    rows: tuple[FileRow, ...] = ()
    ok = False
    final_speed = None
    if record.kind == OFFLOAD and result:
        roots, rows = _offload_rows(result, locale)
        ok = bool(result.get("ok"))
        seconds, read = result.get("seconds"), dict(result.get("totals", {})).get("bytes_read")
        if isinstance(seconds, int | float) and seconds > 0 and isinstance(read, int):
            final_speed = f"{size_text(read / seconds, locale)}/s"
    elif record.kind == CHECK_MASTER and result:
        ok = bool(result.get("conforms"))
    elif record.kind == QC and result:
        ok = not dict(result.get("summary", {})).get("failed")
    return MediaJobView(
        id=record.id,
        kind=record.kind,
        url=f"/p/{page.slug}/media/jobs/{record.id}",
        status=record.status.value,
        finished=record.status.finished,
        error=_error(record),
        result=result,
        ok=ok,
        destinations=roots,
        rows=rows,
        failures=tuple(
            {**f, "label": FILE_STATUS_LABELS.get(str(f.get("status")), str(f.get("status")))}
            for f in result.get("failures", ())
        ),
        final_speed=final_speed,
        warnings=tuple(str(w) for w in result.get("warnings", ())),
        **_progress_texts(record, locale),
    )


def roots_for(request: Request) -> MediaRoots:
    """The media roots of this server: those of the production folder it serves, when the
    app knows it (``WebState.folder``), and ``REGIE_MEDIA_ROOTS``."""
    return media_roots(web_state(request).folder)


def recent_jobs(request: Request, page: ProductionPage, kind: str) -> list[JobRecord]:
    """The production's latest jobs of ``kind``, newest first."""
    state = web_state(request)
    return jobs.list_jobs(state.db, page.slug, actor=page.user, kind=kind, limit=10)
