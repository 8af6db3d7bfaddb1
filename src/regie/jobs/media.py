# SPDX-License-Identifier: AGPL-3.0-or-later
"""Media jobs: long work on files, run where the storage is (a queue worker on the
machine that sees the disks, or the in-process runner on a laptop).

:func:`offload` copies a card to its destinations and verifies every copy
(:func:`regie.mediaio.offload.offload`); its result is
:func:`~regie.mediaio.offload_report.report_json` — also when some copy failed (``ok`` is then
false and ``failures`` lists them: the page shows the table of what went wrong).
:func:`qc` runs the technical QC of clips and returns ``{"summary", "report"}`` where
``report`` reads back whole (:mod:`regie.services.media_reports`) so the page renders it,
and its PDF/CSV/JSON, in each visitor's language. :func:`check_master` measures a
delivered master and records its check (:func:`regie.services.media_masters.check_master`).
``submit_offload``, ``submit_qc`` and ``submit_check`` check the actor's permission and
every path against the media roots (:mod:`regie.services.media_paths`) before queuing.

:func:`hash_files` computes the checksums of files, streaming them in 4 MiB chunks, with
the algorithms of ASC MHL (``xxh64`` by default, ``xxh3``, ``xxh128``, ``md5``,
``sha1``) and reports bytes done of bytes in all. It takes only JSON values (absolute
paths and the algorithm's name), so it can travel through the queue; it is registered
in :mod:`regie.jobs.registry`.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import xxhash

from regie.core.errors import InputError, RegieError, ValidationError
from regie.core.jobs import ProgressReporter
from regie.core.text import t
from regie.jobs.registry import job_function
from regie.jobs.runner import JobRunner, default_runner
from regie.media.qc import CardQc, FileProblem, QcReport, card_report
from regie.media.spec import TechSpec, tech_spec
from regie.media.transfer import HashAlgorithm
from regie.office.roles import Permission, User
from regie.services import media as media_service
from regie.services import media_masters
from regie.services.database import Database
from regie.services.media_paths import MediaRoots, checked_paths, offload_paths
from regie.services.media_reports import report_to_json, summary_json

CHUNK_BYTES = 4 * 1024 * 1024


class _Hash(Protocol):
    def update(self, data: bytes, /) -> None: ...
    def hexdigest(self) -> str: ...


# The names ASC MHL uses for its hash formats (xxh3 is XXH3's 64-bit digest).
ALGORITHMS: dict[str, Callable[[], _Hash]] = {
    "xxh64": xxhash.xxh64,
    "xxh3": xxhash.xxh3_64,
    "xxh128": xxhash.xxh3_128,
    "md5": hashlib.md5,
    "sha1": hashlib.sha1,
}


def _hasher(algorithm: str) -> Callable[[], _Hash]:
    try:
        return ALGORITHMS[algorithm]
    except KeyError:
        raise ValidationError(
            t("unknown hash algorithm '{algorithm}'", algorithm=algorithm),
            field="algorithm",
            hint=t("Use one of {names}", names=", ".join(ALGORITHMS)),
        ) from None


def _files(paths: Sequence[str]) -> list[tuple[str, Path, int]]:
    """Each path with its size; every path is checked before any byte is read."""
    if isinstance(paths, str) or not paths:
        raise ValidationError(t("give a list of files to hash"), field="paths")
    sized = []
    for name in paths:
        path = Path(name)
        if not path.is_absolute():
            raise InputError(
                t("the path {path} is not absolute", path=name),
                where=name,
                hint=t("A worker runs in a folder of its own: give absolute paths"),
            )
        if not path.is_file():
            raise InputError(
                t("no file at {path}", path=name),
                where=name,
                hint=t("Check that this machine sees the storage that holds the file"),
            )
        sized.append((name, path, path.stat().st_size))
    return sized


@job_function
def hash_files(
    paths: Sequence[str], algorithm: str = "xxh64", *, progress: ProgressReporter
) -> dict[str, Any]:
    """Checksums of ``paths`` (absolute) as ``{"algorithm", "files": {path: hex digest},
    "bytes"}``; progress is bytes read of bytes in all, with the current file's name."""
    new_hash = _hasher(algorithm)
    files = _files(paths)
    total = sum(size for _name, _path, size in files)
    done = 0
    digests: dict[str, str] = {}
    progress(0, total, "", files_done=0, files=len(files))
    for index, (name, path, _size) in enumerate(files):
        digest = new_hash()
        try:
            with path.open("rb") as stream:
                while chunk := stream.read(CHUNK_BYTES):
                    digest.update(chunk)
                    done += len(chunk)
                    progress(done, total, path.name, files_done=index, files=len(files))
        except OSError as error:
            raise InputError(
                t("the file {path} could not be read", path=name),
                where=name,
                hint=error.strerror or str(error),
            ) from None
        digests[name] = digest.hexdigest()
    progress(done, total, "", files_done=len(files), files=len(files))
    return {"algorithm": algorithm, "files": digests, "bytes": done}


# -- offload, QC and master check ---------------------------------------------------------

OFFLOAD = "media-offload"
QC = "media-qc"
CHECK_MASTER = "media-check-master"
OFFLOAD_ALGORITHMS = tuple(a.value for a in HashAlgorithm if a is not HashAlgorithm.C4)
SPEC_PREFIX = "media-spec-"
_SPEC_ID = re.compile(r"^media-spec-[a-z0-9][a-z0-9-]*$")


def _offload_algorithm(algorithm: str) -> HashAlgorithm:
    if algorithm not in OFFLOAD_ALGORITHMS:
        raise ValidationError(
            t("unknown hash algorithm '{algorithm}'", algorithm=algorithm),
            field="algorithm",
            hint=t("Use one of {names}", names=", ".join(OFFLOAD_ALGORITHMS)),
        )
    return HashAlgorithm(algorithm)


@job_function
def offload(
    source: str,
    destinations: Sequence[str],
    algorithm: str = HashAlgorithm.XXH128.value,
    *,
    progress: ProgressReporter,
) -> dict[str, Any]:
    """Copy the card ``source`` into each destination and verify every copy; the report
    as :func:`~regie.mediaio.offload_report.report_json` gives it (``ok`` false when a copy
    failed). Progress: bytes read and read back of all there is, with ``bytes_per_s``,
    ``eta_s``, ``phase`` and the current ``file``."""
    # The offload engine loads with its job (and not with the web app).
    from regie.mediaio.offload import OffloadOptions  # noqa: PLC0415
    from regie.mediaio.offload import offload as copy_card  # noqa: PLC0415
    from regie.mediaio.offload_report import report_json  # noqa: PLC0415

    options = OffloadOptions(algorithm=_offload_algorithm(algorithm), progress_interval=0.5)
    report = copy_card(Path(source), [Path(d) for d in destinations], options, progress=progress)
    return report_json(report)


def _spec(spec: str, rule_dirs: Sequence[str]) -> TechSpec:
    from regie.rules.registry import pack  # noqa: PLC0415

    if not _SPEC_ID.match(spec):
        raise ValidationError(
            t("'{spec}' is not a QC spec", spec=spec),
            field="spec",
            hint=t("Choose a spec pack whose name starts with media-spec-"),
        )
    return tech_spec(pack(spec, extra_dirs=tuple(Path(d) for d in rule_dirs)))


@job_function
def qc(
    paths: Sequence[str],
    spec: str = "media-spec-house",
    full: bool = False,
    rule_dirs: Sequence[str] = (),
    *,
    progress: ProgressReporter,
) -> dict[str, Any]:
    """Technical QC of the files under ``paths`` against the spec pack ``spec``: quick
    (probe) or ``full`` (every frame and sample decoded). Progress: files done of all,
    with the current file's name. Result: ``{"summary", "report"}``."""
    from regie.mediaio.analyse import analyse  # noqa: PLC0415
    from regie.mediaio.probe import media_files, probe  # noqa: PLC0415

    the_spec = _spec(spec, rule_dirs)
    cards, missing = media_files([Path(p) for p in paths])
    total = sum(len(card.files) for card in cards)
    done = 0
    progress(0, total, "", files_done=0, files=total)
    reports: list[CardQc] = []
    for card in cards:
        clips = []
        problems: list[FileProblem] = []
        for path in card.files:
            progress(done, total, path.name, files_done=done, files=total)
            try:
                info = probe(path)
                clips.append((info, analyse(path, the_spec.detection) if full else None))
            except RegieError as error:
                problems.append(
                    FileProblem(str(path), path.name, type(error).__name__, error.what, error.hint)
                )
            done += 1
        reports.append(card_report(card.name, str(card.path), clips, problems, the_spec))
    if missing:
        gone = tuple(
            FileProblem(str(p), p.name, "InputError", t("the path does not exist"),
                        t("Check the path"))
            for p in missing
        )  # fmt: skip
        reports.append(CardQc("—", "", (), gone))
    progress(total, total, "", files_done=total, files=total)
    report = QcReport(the_spec.ref, the_spec.title, full, tuple(reports))
    return {"summary": summary_json(report), "report": report_to_json(report)}


@job_function
def check_master(
    db: Database,
    slug: str,
    deliverable_id: int,
    path: str,
    *,
    actor: User | None,
    rule_dirs: Sequence[str] = (),
    progress: ProgressReporter,
) -> dict[str, Any]:
    """Measure the master ``path`` and record the deliverable's check; the result names
    the deliverable, its new status and whether the master conforms."""
    progress(0, 1, Path(path).name)
    record = media_masters.check_master(
        db, slug, deliverable_id, Path(path), actor=actor,
        rule_dirs=tuple(Path(d) for d in rule_dirs),
    )  # fmt: skip
    progress(1, 1, Path(path).name)
    check = record.check
    return {
        "deliverable_id": record.id,
        "key": record.key,
        "status": record.item.status.value,
        "conforms": bool(check and check.conforms),
        "findings": len(check.findings) if check else 0,
    }


def submit_offload(
    db: Database,
    slug: str,
    source: str,
    destinations: Sequence[str],
    algorithm: str = HashAlgorithm.XXH128.value,
    *,
    actor: User | None,
    roots: MediaRoots,
    runner: JobRunner | None = None,
) -> int:
    """Queue an offload once the actor may do media work and every path lies inside the
    media roots; the job's id."""
    media_service.require_media_work(db, slug, actor=actor)
    chosen = _offload_algorithm(algorithm)
    paths = offload_paths(source, destinations, roots)
    return (runner or default_runner()).submit(
        db, OFFLOAD, slug, offload, str(paths.source),
        [str(d) for d in paths.destinations], chosen.value,
        actor=actor, permission=Permission.MANAGE_MEDIA,
    )  # fmt: skip


def submit_qc(
    db: Database,
    slug: str,
    paths: Sequence[str],
    spec: str,
    *,
    full: bool,
    actor: User | None,
    roots: MediaRoots,
    rule_dirs: Sequence[Path] = (),
    runner: JobRunner | None = None,
) -> int:
    """Queue a QC run of ``paths`` (each inside the media roots); the job's id."""
    media_service.require_media_work(db, slug, actor=actor)
    _spec(spec, [str(d) for d in rule_dirs])
    checked = checked_paths(paths, roots, field="paths")
    return (runner or default_runner()).submit(
        db, QC, slug, qc, [str(p) for p in checked], spec, full, [str(d) for d in rule_dirs],
        actor=actor, permission=Permission.MANAGE_MEDIA,
    )  # fmt: skip


def submit_check(
    db: Database,
    slug: str,
    deliverable_id: int,
    path: str,
    *,
    actor: User | None,
    roots: MediaRoots,
    rule_dirs: Sequence[Path] = (),
    runner: JobRunner | None = None,
) -> int:
    """Queue the check of a delivered master (the path inside the media roots)."""
    found = media_masters.master_path(db, slug, deliverable_id, path, actor=actor, roots=roots)
    work = functools.partial(check_master, actor=actor, rule_dirs=[str(d) for d in rule_dirs])
    return (runner or default_runner()).submit(
        db, CHECK_MASTER, slug, work, db, slug, deliverable_id, str(found),
        actor=actor, permission=Permission.MANAGE_MEDIA,
    )  # fmt: skip
