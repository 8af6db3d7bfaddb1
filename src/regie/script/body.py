# SPDX-License-Identifier: AGPL-3.0-or-later
"""A scene's body as stored text: JSON of its elements, read back for display and
compared between revisions.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from regie.script.model import DualSide, ElementKind, ScriptElement


@dataclass(frozen=True, slots=True)
class BodyLine:
    """One displayed paragraph of a stored scene."""

    kind: ElementKind
    text: str
    extension: str | None = None
    dual: DualSide | None = None

    @property
    def cue(self) -> str:
        """A cue as printed: ``HÉLÈNE (V.O.)``."""
        return f"{self.text} ({self.extension})" if self.extension else self.text


def encode_body(elements: Sequence[ScriptElement]) -> str:
    rows = [
        [e.kind.value, e.text, e.extension, e.dual.value if e.dual else None]
        for e in elements
        if e.kind is not ElementKind.PAGE_BREAK
    ]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def decode_body(stored: str) -> tuple[BodyLine, ...]:
    if not stored:
        return ()
    rows = json.loads(stored)
    return tuple(
        BodyLine(ElementKind(kind), text, ext, DualSide(dual) if dual else None)
        for kind, text, ext, dual in rows
    )


def plain_text(stored: str) -> str:
    """The scene's words, one paragraph per line (search, revision comparison)."""
    return "\n".join(
        line.cue if line.kind is ElementKind.CHARACTER else line.text
        for line in decode_body(stored)
    )
