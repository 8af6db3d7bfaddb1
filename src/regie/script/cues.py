# SPDX-License-Identifier: AGPL-3.0-or-later
"""Character cues: the speaker's name without extension, caret or forcing mark.

``"HÉLÈNE (V.O.)"`` → (``"HÉLÈNE"``, ``"V.O."``); ``"JÉRÔME ^"`` → (``"JÉRÔME"``, ``None``)
with the caret reported separately by the adapter; ``"BOB (O.S.) (CONT'D)"`` →
(``"BOB"``, ``"O.S., CONT'D"``). Whatever stands in parentheses at the end of a cue is an
extension (Fountain 1.1, any case), so French ``(OFF)``, ``(SUITE)``, ``(HC)`` need no list.
"""

from __future__ import annotations

import re

_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_CARET = re.compile(r"\s*\^\s*$")


def split_cue(text: str) -> tuple[str, str | None, bool]:
    """Return ``(name, extension, dual_caret)`` for a cue line as written."""
    cue = text.strip()
    dual = False
    if _CARET.search(cue):
        dual = True
        cue = _CARET.sub("", cue)
    if cue.startswith("@"):
        cue = cue[1:]
    extensions: list[str] = []
    while True:
        match = _TRAILING_PAREN.search(cue)
        if not match or match.start() == 0:
            break
        extensions.insert(0, match.group(1).strip())
        cue = cue[: match.start()]
    if _CARET.search(cue):  # "BOB ^ (V.O.)" written the other way round
        dual = True
        cue = _CARET.sub("", cue)
    name = " ".join(cue.split()).replace("’", "'")
    return name, (", ".join(e for e in extensions if e) or None), dual


def is_cue_text(line: str) -> bool:
    """A Fountain cue candidate: upper case (ignoring the extension), at least one letter.

    Digits, apostrophes, ``&``, commas and accented capitals are allowed (``1ST DIPLOMATIC
    TYPE``, ``TEX & GIDEON``, ``L'INSPECTEUR MARCHAND``).
    """
    name, _ext, _dual = split_cue(line)
    if not name or not any(ch.isalpha() for ch in name):
        return False
    return name == name.upper()
