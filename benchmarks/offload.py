# SPDX-License-Identifier: AGPL-3.0-or-later
"""Offload benchmark: prints one JSON document.

Makes a card of ``--files`` files of ``--size-mib`` MiB of random bytes, then measures,
in ``--runs`` rounds (each round runs every method once, in turn, so that a slow spell of
a shared machine touches all of them), in the same process and on the same files:

* ``plain_read``: a sequential read of every source file (8 MiB ``readinto`` into a
  page-aligned buffer, no hash) — the physical limit of anything that reads the source;
* ``plain_write``: as many bytes written into each destination from memory, each file
  ``fsync``-ed — what the destination itself absorbs (when it is slower than the source,
  no copy can reach the plain read);
* ``cp_ascmhl``: the peer, ``cp -r SRC DST/`` then ``ascmhl create -h <algorithm>`` on the
  copy (``ascmhl`` 1.2 from the dev dependencies); note that ``cp`` does not ``fsync`` and
  ``ascmhl`` then hashes the copy straight from the page cache;
* ``cp_sync_ascmhl``: the same with ``sync -f`` after ``cp``, so the copy is on the
  device before it is hashed (what regie does; the fair peer when the copy's device is a
  disk; on a RAM file system the two are the same);
* ``regie_offload``: :func:`regie.mediaio.offload.offload` to ``--destinations`` folders —
  source read once, hashed, written, ``fsync``-ed, dropped from the page cache
  (``posix_fadvise(DONTNEED)``), read back and hashed, ASC MHL written;
* ``regie_offload_cached_verify``: the same without dropping the copies from the page cache
  before reading them back (what trusting the cache would gain; not the default).

Throughputs are source bytes per second of wall time. ``--drop-caches`` (root) runs
``sync; echo 3 > /proc/sys/vm/drop_caches`` before every measured run, so each starts
with a cold cache; without it the source is read once first and every run starts warm.
The JSON says which. Targets: ``regie_offload`` ≥ 0.9 × ``plain_read`` and ≥ 1.0 ×
``cp_ascmhl`` (ratios of medians; the ratio of the best runs is given beside).

With the card and the copies on one disk (``same_device``), the offload must read the
source, write the copy and read it back through the same device: about three times the
I/O of a plain read, so 0.9 × is out of reach there by construction; put the copies on
another device with ``--dest-dir`` (a card reader and a RAID are two devices), one that
writes faster than the card reads, as a RAID does (``plain_write_vs_plain_read`` > 1).
On a virtual machine a RAM file system stands in for it: ``/dev/shm`` allocates 4 KiB
pages one by one (about 1.6 GB/s here, slower than the source), a tmpfs mounted with
``huge=always`` (``mount -t tmpfs -o size=4g,huge=always tmpfs /mnt/fast``) writes at
about 8 GB/s.

    .venv/bin/python benchmarks/offload.py [--files 8] [--size-mib 64] [--runs 7]
        [--destinations 1] [--algorithm xxh128] [--drop-caches] [--dir /var/tmp]
        [--dest-dir /mnt/fast]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from regie.media.transfer import HashAlgorithm
from regie.mediaio.hashing import aligned_buffer
from regie.mediaio.offload import OffloadOptions, offload

CHUNK = 8 * 1024 * 1024


def _drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def _make_card(card: Path, files: int, size: int) -> None:
    card.mkdir(parents=True)
    for n in range(files):
        with (card / f"A001C{n + 1:03d}_250101_R1AB.mov").open("wb") as stream:
            left = size
            while left:
                block = os.urandom(min(left, CHUNK))
                stream.write(block)
                left -= len(block)


def _plain_read(card: Path) -> None:
    buffer = aligned_buffer(CHUNK)  # page-aligned: the fastest buffered read (see hashing)
    for path in sorted(card.rglob("*")):
        if path.is_file():
            with path.open("rb", buffering=0) as stream:
                while stream.readinto(buffer):
                    pass


def _plain_write(card: Path, targets: list[Path]) -> None:
    """Write as many bytes as the card holds into each destination (from memory, aligned,
    each file ``fsync``-ed): what the destination itself can absorb."""
    buffer = aligned_buffer(CHUNK)
    for target in targets:
        for path in sorted(card.rglob("*")):
            if path.is_file():
                left = path.stat().st_size
                with (target / path.name).open("wb", buffering=0) as stream:
                    while left:
                        left -= stream.write(memoryview(buffer)[: min(left, CHUNK)]) or 0
                    os.fsync(stream.fileno())


def _cp_ascmhl(card: Path, targets: list[Path], algorithm: str, durable: bool = False) -> None:
    tool = Path(sys.executable).parent / "ascmhl"
    for target in targets:
        subprocess.run(["cp", "-r", str(card), str(target)], check=True)
        if durable:
            subprocess.run(["sync", "-f", str(target)], check=True)
        subprocess.run(
            [str(tool), "create", "-h", algorithm, str(target / card.name)],
            check=True,
            capture_output=True,
        )


def _regie(card: Path, targets: list[Path], algorithm: str, uncached: bool) -> None:
    options = OffloadOptions(algorithm=HashAlgorithm(algorithm), uncached_verify=uncached)
    report = offload(card, targets, options)
    if not report.ok:
        raise SystemExit(f"offload failed: {report.failures}")


def _measure(
    methods: dict[str, Callable[[], None]], reset: Callable[[], None], cold: bool, runs: int
) -> dict[str, list[float]]:
    """Each round runs every method once, in turn: a slow spell of the machine then
    touches all of them rather than the runs of one. The order turns by one each round, so
    that no method always follows the same one (on a RAM destination, the run after
    ``cp`` is measurably slower: huge pages are scarce for a while)."""
    times: dict[str, list[float]] = {name: [] for name in methods}
    names = list(methods)
    for round_ in range(runs):
        turn = round_ % len(names)
        for name in names[turn:] + names[:turn]:
            run = methods[name]
            reset()
            if cold:
                _drop_caches()
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--size-mib", type=int, default=64)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--destinations", type=int, default=1)
    parser.add_argument("--algorithm", default="xxh128", choices=[a.value for a in HashAlgorithm])
    parser.add_argument("--drop-caches", action="store_true")
    parser.add_argument("--dir", type=Path, default=None, help="where the card is made")
    parser.add_argument(
        "--dest-dir", type=Path, default=None, help="where the copies go (default: --dir)"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="regie-offload-bench-", dir=args.dir))
    try:
        card = work / "A001"
        size = args.size_mib * 1024 * 1024
        _make_card(card, args.files, size)
        total = args.files * size
        dest_work = Path(tempfile.mkdtemp(prefix="regie-offload-dst-", dir=args.dest_dir or work))
        targets = [dest_work / f"dst{n}" for n in range(1, args.destinations + 1)]

        def reset() -> None:
            for target in targets:
                shutil.rmtree(target, ignore_errors=True)
                target.mkdir()

        cold = args.drop_caches and _drop_caches()
        if not cold:
            _plain_read(card)  # warm the page cache once
        methods: dict[str, Callable[[], None]] = {
            "plain_read": lambda: _plain_read(card),
            "plain_write": lambda: _plain_write(card, targets),
            "cp_ascmhl": lambda: _cp_ascmhl(card, targets, args.algorithm),
            "cp_sync_ascmhl": lambda: _cp_ascmhl(card, targets, args.algorithm, durable=True),
            "regie_offload": lambda: _regie(card, targets, args.algorithm, True),
            "regie_offload_cached_verify": lambda: _regie(card, targets, args.algorithm, False),
        }
        results: dict[str, Any] = {}
        for name, times in _measure(methods, reset, cold, args.runs).items():
            median = statistics.median(times)
            results[name] = {
                "seconds_median": round(median, 3),
                "seconds_best": round(min(times), 3),
                "seconds_all": [round(t, 3) for t in times],
                "mb_per_s_median": round(total / median / 1e6, 1),
            }
        ours = results["regie_offload"]["seconds_median"]
        print(
            json.dumps(
                {
                    "benchmark": "offload",
                    "machine": {
                        "python": platform.python_version(),
                        "cpus": os.cpu_count(),
                        "load_average": [round(x, 2) for x in os.getloadavg()],
                        "platform": platform.platform(),
                    },
                    "page_cache": "dropped before every run" if cold else "warm",
                    "files": args.files,
                    "bytes": total,
                    "destinations": args.destinations,
                    "same_device": card.stat().st_dev == dest_work.stat().st_dev,
                    "algorithm": args.algorithm,
                    "runs": args.runs,
                    "results": results,
                    "ratios": {
                        "regie_vs_plain_read": round(
                            results["plain_read"]["seconds_median"] / ours, 3
                        ),
                        "regie_vs_cp_ascmhl": round(
                            results["cp_ascmhl"]["seconds_median"] / ours, 3
                        ),
                        "regie_vs_cp_sync_ascmhl": round(
                            results["cp_sync_ascmhl"]["seconds_median"] / ours, 3
                        ),
                        "regie_vs_plain_read_best": round(
                            results["plain_read"]["seconds_best"]
                            / results["regie_offload"]["seconds_best"],
                            3,
                        ),
                        "plain_write_vs_plain_read": round(
                            results["plain_read"]["seconds_median"]
                            / results["plain_write"]["seconds_median"],
                            3,
                        ),
                    },
                    "targets": {"regie_vs_plain_read": 0.9, "regie_vs_cp_ascmhl": 1.0},
                    "verification": (
                        "each copy is fsync-ed, dropped from the page cache with "
                        "posix_fadvise(DONTNEED) and read back from the device; cp+ascmhl "
                        "neither syncs nor drops the cache, so its hash of the copy reads memory"
                    ),
                },
                indent=2,
            )
        )
    finally:
        if args.dest_dir:
            for folder in args.dest_dir.glob("regie-offload-dst-*"):
                shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
