# SPDX-License-Identifier: AGPL-3.0-or-later
"""The text inside a Broadcast WAV: the recorder's key/values and the iXML document.

Field recorders (Sound Devices, Zaxcom, Aaton, Sonosax…) write the slate into the bext
description as ``sSCENE=1 sTAKE=1 sTAPE=SR01 sSPEED=025.000-ND zTRK1=BOOM`` (one lower-case
type letter, the name, ``=``, the value; separated by spaces or line breaks), and the same
facts, richer, into an iXML chunk (``<BWFXML>``). iXML is parsed with defusedxml: no DTD,
no entity expansion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

_KEY = re.compile(r"(?:(?<=\s)|^)([a-z]?)([A-Z][A-Z0-9_]*)=")


def recorder_fields(description: str) -> dict[str, str]:
    """``{"SCENE": "1", "TAKE": "1", "TAPE": "SR01", "SPEED": "025.000-ND", "TRK1":
    "BOOM"}`` from a bext description; text that is not ``KEY=value`` is ignored. A value
    runs to the next key (it may hold spaces: ``sNOTE=wind noise``)."""
    found = list(_KEY.finditer(description))
    fields: dict[str, str] = {}
    for n, match in enumerate(found):
        end = found[n + 1].start() if n + 1 < len(found) else len(description)
        value = description[match.end() : end].strip()
        fields.setdefault(match.group(2), value)
    return fields


def speed_rate(speed: str | None) -> Fraction | None:
    """The timecode rate of a recorder speed (``025.000-ND`` → 25, ``029.970-DF`` and
    ``29.97DF`` → 30000/1001, ``023.976-ND`` → 24000/1001, ``30/1001``-style fractions)."""
    if not speed:
        return None
    text = speed.strip().upper()
    if "/" in text:
        try:
            return Fraction(text.split()[0])
        except (ValueError, ZeroDivisionError):
            return None
    number = re.match(r"\d+(?:\.\d+)?", text)
    if not number:
        return None
    value = Fraction(number.group(0))
    if value <= 0:
        return None
    nominal = round(value)
    if value != nominal and abs(value - Fraction(nominal * 1000, 1001)) < Fraction(1, 100):
        return Fraction(nominal * 1000, 1001)
    return value


@dataclass(frozen=True, slots=True)
class IXml:
    """The parts of an iXML chunk sync and the editor use. ``time_reference``: samples
    since midnight (``TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI/LO``); ``timecode_rate`` from
    ``SPEED/TIMECODE_RATE`` (``25/1``); ``track_names`` in channel order."""

    project: str | None = None
    scene: str | None = None
    take: str | None = None
    tape: str | None = None
    note: str | None = None
    speed: str | None = None
    timecode_rate: Fraction | None = None
    timecode_flag: str | None = None
    time_reference: int | None = None
    track_names: tuple[str, ...] = ()


def _text(root: Element, path: str) -> str | None:
    node = root.find(path)
    if node is None or node.text is None:
        return None
    return node.text.strip() or None


def _int(root: Element, path: str) -> int | None:
    text = _text(root, path)
    return int(text) if text is not None and text.isdigit() else None


def parse_ixml(raw: bytes) -> tuple[IXml | None, str | None]:
    """The iXML document, or ``(None, reason)`` when it cannot be read."""
    document = raw.split(b"\0", 1)[0].strip()
    if not document:
        return None, "empty"
    try:
        root = ElementTree.fromstring(document)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        return None, str(exc)
    if root.tag != "BWFXML":
        return None, f"root element <{root.tag}>, not <BWFXML>"
    hi = _int(root, "SPEED/TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI")
    lo = _int(root, "SPEED/TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO")
    stamp = ((hi or 0) << 32 | lo) if lo is not None else None
    tracks: list[tuple[int, str]] = []
    for n, track in enumerate(root.findall("TRACK_LIST/TRACK")):
        index = _int(track, "CHANNEL_INDEX") or _int(track, "INTERLEAVE_INDEX") or n + 1
        tracks.append((index, _text(track, "NAME") or ""))
    rate_text = _text(root, "SPEED/TIMECODE_RATE")
    speed = _text(root, "SPEED/MASTER_SPEED") or _text(root, "SPEED/NOTE")
    return (
        IXml(
            project=_text(root, "PROJECT"),
            scene=_text(root, "SCENE"),
            take=_text(root, "TAKE"),
            tape=_text(root, "TAPE"),
            note=_text(root, "NOTE"),
            speed=speed,
            timecode_rate=speed_rate(rate_text),
            timecode_flag=_text(root, "SPEED/TIMECODE_FLAG"),
            time_reference=stamp,
            track_names=tuple(name for _, name in sorted(tracks)),
        ),
        None,
    )
