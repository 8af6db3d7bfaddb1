# SPDX-License-Identifier: AGPL-3.0-or-later
"""Identifiers people read: slugs for folders and URLs, production codes for file names."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
_STOP = frozenset({"le", "la", "les", "l", "de", "du", "des", "d", "un", "une", "the", "a", "of"})


def ascii_fold(text: str) -> str:
    """``"Hélène"`` → ``"Helene"`` (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str, *, max_length: int = 60) -> str:
    """``"La Clef du Quai"`` → ``"la-clef-du-quai"``; never empty."""
    slug = _NON_WORD.sub("-", ascii_fold(text).lower()).strip("-")
    return slug[:max_length].rstrip("-") or "production"


def production_code(title: str, *, length: int = 6) -> str:
    """A short upper-case code used at the start of every file name of the production.

    Initials of the significant words when there are three or more
    (``"Le Dernier Bac de la Loire"`` → ``"DBL"``), else the first letters of each
    (``"La Clef du Quai"`` → ``"CLEQUA"``); deterministic, so a title always gives its code.
    """
    words = [w for w in _NON_WORD.split(ascii_fold(title).lower()) if w]
    significant = [w for w in words if w not in _STOP] or words or ["prod"]
    if len(significant) >= 3:
        code = "".join(w[0] for w in significant)
    else:
        per_word = max(1, length // len(significant))
        code = "".join(w[:per_word] for w in significant)
    return code.upper()[:length]
