# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scene headings (sluglines) in English and French: detection and splitting.

``INT. CUISINE - JOUR`` → INT, set ``CUISINE``, time ``JOUR`` (light: day). Accepted:

* INT/EXT markers ``INT.``, ``EXT.``, ``EST.``, ``INT./EXT.``, ``INT/EXT``, ``EXT./INT.``,
  ``I/E``, and the French ``INTÉRIEUR``, ``EXTÉRIEUR``, ``INT./EXT.`` with or without dots;
* a French sequence prefix ``SÉQ. 3 -``, ``SEQ 3``, ``SÉQUENCE 3`` or a numeric prefix
  ``12. INT. ...``, read as the scene number;
* separators between set and time: `` - ``, ``--``, ``–``, ``—``, ``,``, ``/``;
* a time of day recognised from words in :mod:`regie.script.vocabulary`; when the last part
  is not a time of day, the whole rest is the set and the time is ``None``.
"""

from __future__ import annotations

import re

from regie.script.model import Heading, IntExt, Light
from regie.script.vocabulary import CONTINUITY_WORDS, LIGHT_WORDS, TIME_WORDS

_IE_WORD_INT = r"INT(?:[ÉE]RIEUR)?\.?"
_IE_WORD_EXT = r"EXT(?:[ÉE]RIEUR)?\.?"
_IE = (
    rf"(?P<ie>{_IE_WORD_INT}\s*[/\-]\s*{_IE_WORD_EXT}"
    rf"|{_IE_WORD_EXT}\s*[/\-]\s*{_IE_WORD_INT}"
    r"|I\s*/\s*E\.?|E\s*/\s*I\.?"
    rf"|{_IE_WORD_INT}|{_IE_WORD_EXT}|EST\.?)"
)
_PREFIX = re.compile(
    r"^\s*(?:(?:S[ÉE]Q(?:UENCE)?|SC[ÈE]NE)\.?\s*(?P<seq>\d+[A-Z]?)\s*[-–—.:,]?\s*)?"
    r"(?:(?P<num>\d+[A-Z]?)[.)]?\s+)?" + _IE + r"(?=[\s.,:]|$)",
    re.IGNORECASE,
)
# Separators between parts of a heading, the longest first.
_SEPARATORS = re.compile(r"\s+--\s+|--|\s+[-–—]\s+|\s*[–—]\s*|,\s+|\s+/\s+")
_TOKEN = re.compile(r"[A-ZÀ-ÖØ-Þ0-9'’-]+")
_BRACKETS = re.compile(r"\[[^\]]*\]|\([^)]*\)")


def match_heading_prefix(text: str) -> re.Match[str] | None:
    """The INT/EXT prefix of a heading line, or ``None`` if the line does not start with one.

    French-aware: accepts ``INTÉRIEUR ...``, ``SÉQ. 3 - EXT. ...`` and ``12. INT. ...``
    which strict Fountain does not.
    """
    return _PREFIX.match(text)


def looks_like_heading(line: str) -> bool:
    """True when ``line`` starts with an INT/EXT marker as in :func:`match_heading_prefix`.

    The text after the marker must not be empty and the line must not be lower case
    (``"Interior of the car"`` is action, not a heading).
    """
    match = _PREFIX.match(line)
    if not match:
        return False
    rest = line[match.end() :].strip(" .-–—:,")
    if not rest:
        return False
    return line.upper() == line or line[: match.end()].upper() == line[: match.end()]


def _int_ext(marker: str) -> IntExt | None:
    m = marker.upper().replace(" ", "")
    has_int = m.startswith("INT") or m.startswith("I/") or m.endswith("/I") or "/INT" in m
    has_ext = m.startswith("EXT") or m.startswith("E/") or m.endswith("/E") or "/EXT" in m
    if m.startswith("EST"):
        return IntExt.EXT
    if has_int and has_ext:
        return IntExt.INT_EXT
    if has_int:
        return IntExt.INT
    if has_ext:
        return IntExt.EXT
    return None


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_BRACKETS.sub(" ", text.upper()))


def is_time_of_day(text: str) -> bool:
    """True when a heading part names a time of day (``JOUR``, ``A MOMENT LATER``...)."""
    tokens = _tokens(text)
    if not tokens and text.strip().startswith(("(", "[")):
        tokens = _TOKEN.findall(text.upper())
    return bool(tokens) and any(t in TIME_WORDS for t in tokens)


def light_of(time_of_day: str | None) -> Light:
    """Day/night category of a time of day; ``UNKNOWN`` for continuity words (LATER, SAME)."""
    if not time_of_day:
        return Light.UNKNOWN
    tokens = _TOKEN.findall(time_of_day.upper())
    for token in tokens:
        if token in LIGHT_WORDS:
            return LIGHT_WORDS[token]
    return Light.UNKNOWN


def is_continuity(time_of_day: str | None) -> bool:
    """``CONTINUOUS``, ``SAME``, ``LATER``, ``SUITE``: the light carries over from before."""
    if not time_of_day:
        return False
    return any(t in CONTINUITY_WORDS for t in _TOKEN.findall(time_of_day.upper()))


def _split_set_and_time(rest: str) -> tuple[str, str | None]:
    rest = rest.strip(" .-–—:,")
    parts = list(_SEPARATORS.finditer(rest))
    if parts:
        last = parts[-1]
        candidate = rest[last.end() :].strip()
        if candidate and is_time_of_day(candidate):
            return rest[: last.start()].strip(" .-–—:,"), candidate
        return rest, None
    # No separator: "RUE JOUR" — accept a lone final core time word.
    words = rest.split()
    if len(words) >= 2 and words[-1].upper() in LIGHT_WORDS:
        return " ".join(words[:-1]), words[-1]
    return rest, None


def parse_heading(text: str, *, number: str | None = None) -> Heading:
    """Split a heading (notes and ``#n#`` scene numbers already removed by the adapter).

    ``number`` is the scene number the source stored (Fountain ``#n#``, FDX ``Number``);
    a French ``SÉQ. n`` or ``n.`` prefix fills it when the source gave none.
    """
    clean = " ".join(text.split())
    match = _PREFIX.match(clean)
    if match is None:
        set_name, time = _split_set_and_time(clean)
        return Heading(
            text=clean,
            int_ext=None,
            set_name=set_name or clean,
            time_of_day=time,
            light=light_of(time),
            number=number,
        )
    if number is None:
        number = match.group("seq") or match.group("num")
    set_name, time = _split_set_and_time(clean[match.end() :])
    return Heading(
        text=clean,
        int_ext=_int_ext(match.group("ie")),
        set_name=set_name,
        time_of_day=time,
        light=light_of(time),
        number=number,
    )


def set_key(set_name: str) -> str:
    """Key under which two spellings of a set are the same set (case and spacing folded)."""
    return " ".join(set_name.upper().replace("’", "'").split()).strip(" .,:;")
