# SPDX-License-Identifier: AGPL-3.0-or-later
"""An offload's report as JSON values: ``regie offload --json`` and the offload job's
result (see :mod:`regie.mediaio.offload`)."""

from __future__ import annotations

from typing import Any

from regie.media.transfer import FileOutcome, FileStatus, HashAlgorithm, OffloadReport


def report_json(report: OffloadReport) -> dict[str, Any]:
    """The report as JSON values (``regie offload --json`` and the job's result)."""
    by_path: dict[str, list[FileOutcome]] = {}
    for destination in report.destinations:
        for outcome in destination.outcomes:
            by_path.setdefault(outcome.path, []).append(outcome)
    statuses = [o.status for d in report.destinations for o in d.outcomes]
    return {
        "ok": report.ok,
        "source": report.source,
        "algorithm": report.algorithm.value,
        "history_generations": report.history_generations,
        "totals": {
            "files": len(report.files),
            "bytes": report.total_bytes,
            "bytes_read": report.bytes_read,
            "bytes_verified": report.bytes_verified,
            "verified": statuses.count(FileStatus.VERIFIED),
            "already_verified": statuses.count(FileStatus.ALREADY_VERIFIED),
            "failed": sum(1 for s in statuses if not s.ok),
        },
        "seconds": round(report.seconds, 3),
        "throughput_mb_s": round(report.throughput / 1e6, 1),
        "destinations": [
            {
                "root": d.root,
                "ok": d.ok,
                "generation": d.generation,
                "mhl_error": d.mhl_error,
                "verified": d.count(FileStatus.VERIFIED),
                "already_verified": d.count(FileStatus.ALREADY_VERIFIED),
                "failed": sum(1 for o in d.outcomes if not o.status.ok),
            }
            for d in report.destinations
        ],
        "files": [
            {
                "path": file.path,
                "size": file.size,
                "hashes": {a.value: v for a, v in _source_hashes(by_path.get(file.path, []))},
                "destinations": [
                    {
                        "root": o.destination,
                        "status": o.status.value,
                        "hash": o.copy_hash or o.hash_of(report.algorithm),
                        "detail": o.detail,
                    }
                    for o in by_path.get(file.path, [])
                ],
            }
            for file in report.files
        ],
        "failures": [
            {
                "path": o.path,
                "destination": o.destination,
                "status": o.status.value,
                "detail": o.detail,
            }
            for o in report.failures
        ],
        "warnings": list(report.warnings),
    }


def _source_hashes(outcomes: list[FileOutcome]) -> tuple[tuple[HashAlgorithm, str], ...]:
    for outcome in outcomes:
        if outcome.hashes:
            return outcome.hashes
    return ()
