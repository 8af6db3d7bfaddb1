# SPDX-License-Identifier: AGPL-3.0-or-later
"""Rushes QC benchmark: prints one JSON document.

For each media file of ../shared/corpus/media, in this process:

* ``probe_ms``: :func:`regie.mediaio.probe.probe` (median of N warm calls) — target
  ≤ 5 ms; beside it the peers: a plain ``av.open`` + stream attributes (FFmpeg's default
  ``avformat_find_stream_info``, which decodes frames) and pymediainfo ``parse_speed=0``;
* for the clips with picture, ``full_qc_s``: :func:`regie.mediaio.analyse.analyse` (one
  decode pass with every detector) against ``decode_s``: a threaded decode of the same
  streams and nothing else, runs alternated, best of N — target speed ratio
  ``decode_s / full_qc_s`` ≥ 0.9. The dev machine is shared, so beside the best-of ratio
  come the median of the N ratios of back-to-back pairs (``speed_ratio_pairs``: both
  runs of a pair saw about the same load) and the ratio of process CPU time
  (``cpu_ratio``, best of N each: the work added, whatever the load).

    .venv/bin/python benchmarks/qc.py [--runs 5] [--corpus DIR] [--only-qc]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import av
from pymediainfo import MediaInfo

from regie.mediaio.analyse import analyse
from regie.mediaio.probe import probe

MEDIA = (".mov", ".mp4", ".mxf", ".wav")


def _median_ms(call: Callable[[], object], runs: int) -> float:
    call()  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 3)


def _plain_open(path: Path) -> None:
    with av.open(str(path)) as container:
        for video in container.streams.video:
            _ = (video.codec_context.pix_fmt, video.codec_context.width, video.average_rate)
        for audio in container.streams.audio:
            _ = (audio.codec_context.sample_rate, audio.codec_context.channels)


def _decode_only(path: Path) -> None:
    with av.open(str(path)) as container:
        streams = [*container.streams.video[:1], *container.streams.audio]
        for stream in container.streams.video[:1]:
            stream.thread_type = "AUTO"
        for packet in container.demux(*streams):
            for _frame in packet.decode():
                pass


def _alternated(calls: dict[str, Callable[[], object]], runs: int) -> dict[str, Any]:
    """Best wall and CPU seconds of each call over ``runs`` alternated rounds, and the
    median ratio of the first call's time to each other's within a round."""
    wall: dict[str, list[float]] = {name: [] for name in calls}
    cpu: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(runs):
        for name, call in calls.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            call()
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
    first, *others = calls
    found: dict[str, Any] = {name: round(min(times), 4) for name, times in wall.items()}
    for name in others:
        pairs = [a / b for a, b in zip(wall[first], wall[name], strict=True)]
        found[f"{name}_pairs_ratio"] = round(statistics.median(pairs), 3)
        found[f"{name}_cpu_ratio"] = round(min(cpu[first]) / min(cpu[name]), 3)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "media"
    parser.add_argument("--corpus", type=Path, default=default)
    parser.add_argument("--only-qc", action="store_true", help="leave out the probe timings")
    args = parser.parse_args()
    files = sorted(p for p in args.corpus.iterdir() if p.suffix.lower() in MEDIA)
    probes: list[dict[str, Any]] = []
    decodes: list[dict[str, Any]] = []
    for path in files:
        if not args.only_qc:
            probes.append(
                {
                    "file": path.name,
                    "probe_ms": _median_ms(functools.partial(probe, path), args.runs * 5),
                    "peer_av_open_ms": _median_ms(
                        functools.partial(_plain_open, path), args.runs * 5
                    ),
                    "peer_pymediainfo_fast_ms": _median_ms(
                        functools.partial(MediaInfo.parse, str(path), parse_speed=0),
                        args.runs * 5,
                    ),
                }
            )
        with av.open(str(path)) as container:
            has_picture = bool(container.streams.video)
        if has_picture:
            found = _alternated(
                {
                    "decode_s": functools.partial(_decode_only, path),
                    "full_qc_s": functools.partial(analyse, path),
                },
                args.runs,
            )
            decodes.append(
                {
                    "file": path.name,
                    "decode_s": found["decode_s"],
                    "full_qc_s": found["full_qc_s"],
                    "speed_ratio": round(found["decode_s"] / found["full_qc_s"], 3),
                    "speed_ratio_pairs": found["full_qc_s_pairs_ratio"],
                    "cpu_ratio": found["full_qc_s_cpu_ratio"],
                }
            )
    report = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "pyav": av.__version__,
        },
        "runs": args.runs,
        "probe": probes,
        "probe_ms_median": statistics.median(p["probe_ms"] for p in probes) if probes else None,
        "probe_ms_max": max((p["probe_ms"] for p in probes), default=None),
        "probe_target_ms": 5,
        "full_qc": decodes,
        "speed_ratio_min": min((d["speed_ratio"] for d in decodes), default=None),
        "speed_ratio_pairs_min": min((d["speed_ratio_pairs"] for d in decodes), default=None),
        "cpu_ratio_min": min((d["cpu_ratio"] for d in decodes), default=None),
        "speed_ratio_target": 0.9,
    }
    print(json.dumps(report, indent=2))  # a benchmark prints its figures


if __name__ == "__main__":
    main()
