# SPDX-License-Identifier: AGPL-3.0-or-later
"""Which sound file goes with which camera clip, before syncing them.

A sound file belongs to the clip whose timecode range it overlaps most. When a clip's
name carries a scene and take (``S12T3``, ``12-3``…) and some sound file is marked with
the same scene and take (iXML or the recorder's bext description), that one wins — the
timecode may be wrong, the slate rarely is. Pure: the records come from
:mod:`regie.mediaio.sync_io`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from regie.media.sync import PictureClip, SoundClip

_SCENE_TAKE = re.compile(
    r"(?:^|[_\-. ])(?:S|SC|SCN|SCENE)[_\-]?(?P<scene>\d+[A-Z]?)[_\-]?"
    r"(?:T|TK|TAKE)[_\-]?(?P<take>\d+)(?=$|[_\-. ])",
    re.IGNORECASE,
)


class MatchReason(StrEnum):
    SCENE_TAKE = "scene-take"
    TIMECODE = "timecode"
    ONLY = "only"  # one picture, one sound: nothing to choose between


@dataclass(frozen=True, slots=True)
class Pairing:
    picture: PictureClip
    sound: SoundClip
    reason: MatchReason
    overlap_s: Fraction | None = None


@dataclass(frozen=True, slots=True)
class Matching:
    pairs: tuple[Pairing, ...]
    unmatched_pictures: tuple[PictureClip, ...]
    unused_sounds: tuple[SoundClip, ...]


def scene_take(name: str) -> tuple[str, str] | None:
    """Scene and take written in a file name (``A001_S12AT3.mov`` → ``("12A", "3")``),
    leading zeros dropped; ``None`` when the name has none."""
    found = _SCENE_TAKE.search(name)
    if not found:
        return None
    return _plain(found["scene"]).upper(), _plain(found["take"])


def _plain(value: str) -> str:
    return value.lstrip("0") or "0"


def _slate(sound: SoundClip) -> tuple[str, str] | None:
    if sound.scene and sound.take:
        return _plain(sound.scene.strip()).upper(), _plain(sound.take.strip())
    return scene_take(sound.name)


def overlap_s(picture: PictureClip, sound: SoundClip) -> Fraction | None:
    """Seconds the two files share by their timecodes (``None`` without timecode)."""
    if picture.start_s is None or sound.start_s is None:
        return None
    start = max(picture.start_s, sound.start_s)
    stop = min(picture.start_s + picture.duration_s, sound.start_s + sound.duration_s)
    return max(Fraction(0), stop - start)


def match(pictures: Sequence[PictureClip], sounds: Sequence[SoundClip]) -> Matching:
    """Pair each picture with at most one sound (a sound may serve several pictures: a
    recorder often rolls through several camera clips)."""
    pairs: list[Pairing] = []
    unmatched: list[PictureClip] = []
    if len(pictures) == 1 and len(sounds) == 1:
        only = overlap_s(pictures[0], sounds[0])
        pairs.append(Pairing(pictures[0], sounds[0], MatchReason.ONLY, only))
        return Matching(tuple(pairs), (), ())
    for picture in pictures:
        found = _by_slate(picture, sounds) or _by_timecode(picture, sounds)
        if found is None:
            unmatched.append(picture)
        else:
            pairs.append(found)
    used = {id(p.sound) for p in pairs}
    return Matching(tuple(pairs), tuple(unmatched), tuple(s for s in sounds if id(s) not in used))


def _by_slate(picture: PictureClip, sounds: Sequence[SoundClip]) -> Pairing | None:
    wanted = scene_take(picture.name)
    if wanted is None:
        return None
    same = [s for s in sounds if _slate(s) == wanted]
    if not same:
        return None
    best = max(same, key=lambda s: overlap_s(picture, s) or Fraction(0))
    return Pairing(picture, best, MatchReason.SCENE_TAKE, overlap_s(picture, best))


def _by_timecode(picture: PictureClip, sounds: Sequence[SoundClip]) -> Pairing | None:
    scored = [(overlap_s(picture, s), n, s) for n, s in enumerate(sounds)]
    candidates = [(o, n, s) for o, n, s in scored if o is not None and o > 0]
    if not candidates:
        return None
    shared, _, best = max(candidates, key=lambda c: (c[0], -c[1]))
    return Pairing(picture, best, MatchReason.TIMECODE, shared)
