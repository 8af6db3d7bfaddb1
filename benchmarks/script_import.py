# SPDX-License-Identifier: AGPL-3.0-or-later
"""Script import benchmark: prints one JSON document.

For Big-Fish (../shared/corpus/scripts) in Fountain, FDX and PDF it measures, best of N
warm runs in this process:

* ``breakdown_s``: parse + scene assembly (eighths) + breakdown suggestions — the whole
  domain pipeline of an import;
* ``import_s``: the same plus storing the version, scenes, sets, characters, elements and
  suggested tags in a fresh SQLite database through ``services.scripts.import_script``;

and, in the same run, the peer: screenplain 0.12.0's parse of the same Fountain file.
Targets (issue #2): Fountain breakdown ≤ 1.0 × screenplain's parse; PDF ≥ 50 pages/s.

    .venv/bin/python benchmarks/script_import.py [--runs 5] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from screenplain.parsers import fountain as screenplain_fountain

from regie.formats.fdx import parse_fdx
from regie.formats.fountain import parse_fountain
from regie.formats.pdf_script import parse_pdf_script
from regie.rules.registry import shipped_pack
from regie.script.assemble import assemble
from regie.script.model import ParsedScript, Screenplay
from regie.script.suggest import suggest
from regie.services import productions, scripts
from regie.services.database import open_database

PARSERS: dict[str, Callable[..., ParsedScript]] = {
    "fountain": parse_fountain,
    "fdx": parse_fdx,
    "pdf": parse_pdf_script,
}


def best_of(runs: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def breakdown(fmt: str, data: bytes, name: str) -> tuple[Screenplay, int]:
    lexicon = shipped_pack("breakdown-lexicon")
    screenplay = assemble(PARSERS[fmt](data, filename=name))
    return screenplay, len(suggest(screenplay, lexicon))


def stored_import(data: bytes, name: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/bench.sqlite")
        db.upgrade()
        productions.create_production(db, title="Bench", kind="feature_film", owner=None)
        start = time.perf_counter()
        scripts.import_script(db, "bench", name, data, actor=None)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    default_corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "scripts"
    parser.add_argument("--corpus", type=Path, default=default_corpus)
    args = parser.parse_args()
    corpus: Path = args.corpus
    out: dict[str, Any] = {
        "benchmark": "script_import",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "runs": args.runs,
        "results": {},
    }
    for fmt, ext in (("fountain", "fountain"), ("fdx", "fdx"), ("pdf", "pdf")):
        path = corpus / f"Big-Fish.{ext}"
        data = path.read_bytes()
        seconds, (screenplay, n_suggestions) = best_of(
            args.runs, functools.partial(breakdown, fmt, data, path.name)
        )
        import_runs = [stored_import(data, path.name) for _ in range(max(1, args.runs // 2))]
        row: dict[str, Any] = {
            "file": path.name,
            "bytes": len(data),
            "scenes": len(screenplay.scenes),
            "pages": screenplay.pages,
            "suggestions": n_suggestions,
            "breakdown_s": round(seconds, 4),
            "import_s": round(min(import_runs), 4),
        }
        if fmt == "pdf":
            row["pages_per_s"] = round(screenplay.pages / seconds, 1)
            row["target_pages_per_s"] = 50
            row["meets_target"] = row["pages_per_s"] >= 50
        out["results"][fmt] = row

    text = (corpus / "Big-Fish.fountain").read_text(encoding="utf-8")
    peer_s, _ = best_of(args.runs, lambda: screenplain_fountain.parse(io.StringIO(text)))
    ours = out["results"]["fountain"]["breakdown_s"]
    out["peer"] = {"name": "screenplain 0.12.0 fountain.parse", "parse_s": round(peer_s, 4)}
    out["fountain_ratio_to_peer"] = round(ours / peer_s, 3)
    out["fountain_meets_target"] = ours <= peer_s
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
