# SPDX-License-Identifier: AGPL-3.0-or-later
"""Synced clips as a timeline for the editor: OTIO, FCPXML and FCP7 XML.

One video track holds the camera clips at their record timecode (a clip that would
overlap the one before goes right after it); audio tracks ``A1``, ``A2``… hold channel 1,
2… of each clip's sound file, trimmed to the picture and slipped by the sync offset —
the synced clip an editor expects. Media references point at the files (``file://``
URLs) with their available range in their own timecode; clip metadata (``regie``) keeps
scene, take, tape, track names, reel and the sync method, offset and confidence (the
``.otio`` file keeps all of it; the XML formats keep names, files and ranges).

Writing goes through the OpenTimelineIO adapters ``otio_json``, ``fcpx_xml``
(otio-fcpx-xml-adapter) and ``fcp_xml`` (otio-fcp-adapter).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from pathlib import Path, PurePath
from typing import Any

import opentimelineio as otio

from regie.core.errors import InputError
from regie.core.text import t
from regie.media.sync import PictureClip, SyncResult, sound_start

RationalTime = otio.opentime.RationalTime
TimeRange = otio.opentime.TimeRange


class TimelineFormat(StrEnum):
    """Export formats, by the OTIO adapter that writes them."""

    OTIO = "otio_json"
    FCPXML = "fcpx_xml"
    FCP7_XML = "fcp_xml"


SUFFIXES: dict[str, TimelineFormat] = {
    ".otio": TimelineFormat.OTIO,
    ".fcpxml": TimelineFormat.FCPXML,
    ".xml": TimelineFormat.FCP7_XML,
}


def format_for(path: PurePath) -> TimelineFormat:
    """The export format a file name asks for (``.otio``, ``.fcpxml``, ``.xml``)."""
    found = SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise InputError(
            t("cannot export a timeline as '{suffix}'", suffix=path.suffix or path.name),
            where=str(path),
            hint=t("Name the file .otio (OpenTimelineIO), .fcpxml (Final Cut Pro) or .xml (FCP7)"),
        )
    return found


@dataclass(frozen=True, slots=True)
class _Entry:
    picture: PictureClip
    result: SyncResult | None


def _url(path: str) -> str:
    return Path(path).resolve().as_uri()


def _rt(frames: int, rate: Fraction) -> otio.opentime.RationalTime:
    return RationalTime(frames, float(rate))


def _range(start: int, duration: int, rate: Fraction) -> otio.opentime.TimeRange:
    return TimeRange(_rt(start, rate), _rt(duration, rate))


def _stem(name: str) -> str:
    return PurePath(name).stem


def _picture_clip(picture: PictureClip, result: SyncResult | None) -> otio.schema.Clip:
    start = picture.start.frames if picture.start else 0
    available = _range(start, picture.duration_frames, picture.rate)
    metadata: dict[str, Any] = {"file": picture.name, "reel": picture.reel}
    if picture.start is not None:
        metadata["start_timecode"] = str(picture.start)
    if result is not None:
        metadata.update(_sync_metadata(result))
    return otio.schema.Clip(
        name=_stem(picture.name),
        media_reference=otio.schema.ExternalReference(
            target_url=_url(picture.path), available_range=available
        ),
        source_range=available,
        metadata={"regie": metadata},
    )


def _sync_metadata(result: SyncResult) -> dict[str, Any]:
    sound = result.sound
    return {
        "sound": sound.name,
        "scene": sound.scene,
        "take": sound.take,
        "tape": sound.tape,
        "track_names": list(sound.track_names),
        "sync_method": result.method.value,
        "offset_frames": result.offset_frames,
        "offset_s": result.offset_s,
        "confidence": result.confidence,
        "warnings": [str(w) for w in result.warnings],
    }


def _sound_clip(result: SyncResult, channel: int) -> tuple[int, otio.schema.Clip] | None:
    """The sound of ``result`` on one channel, trimmed to the picture: (frames after the
    picture's first frame where it starts, clip); ``None`` when they do not overlap."""
    picture, sound = result.picture, result.sound
    rate = picture.rate
    length = math.floor(sound.duration_s * rate)
    offset = result.offset_frames
    first = max(0, offset)  # picture-relative frames
    last = min(picture.duration_frames, offset + length)
    if last <= first:
        return None
    tc = sound_start(sound, rate)
    origin = tc.frames if tc is not None else 0
    names = sound.track_names
    track = names[channel] if channel < len(names) else ""
    metadata = _sync_metadata(result) | {"file": sound.name, "channel": channel + 1}
    metadata["track_name"] = track
    clip = otio.schema.Clip(
        name=_stem(sound.name),
        media_reference=otio.schema.ExternalReference(
            target_url=_url(sound.path), available_range=_range(origin, length, rate)
        ),
        source_range=_range(origin + first - offset, last - first, rate),
        metadata={"regie": metadata},
    )
    return first, clip


def _place(track: otio.schema.Track, at: int, cursor: int, rate: Fraction) -> None:
    if at > cursor:
        track.append(otio.schema.Gap(source_range=_range(0, at - cursor, rate)))


def build_timeline(
    results: Sequence[SyncResult],
    *,
    name: str,
    unsynced: Sequence[PictureClip] = (),
) -> otio.schema.Timeline:
    """The timeline of ``results`` (and of clips left without sound, picture only)."""
    entries = [_Entry(r.picture, r) for r in results] + [_Entry(p, None) for p in unsynced]
    if not entries:
        raise InputError(
            t("no clip to put in the timeline"), hint=t("Give at least one camera clip")
        )
    rates = {e.picture.rate for e in entries}
    if len(rates) > 1:
        raise InputError(
            t(
                "the clips run at different frame rates ({rates}); one timeline needs one rate",
                rates=", ".join(sorted(f"{float(r):g}" for r in rates)),
            ),
            hint=t("Export each frame rate in its own timeline"),
        )
    rate = rates.pop()
    entries.sort(key=lambda e: (e.picture.start is None, _start(e.picture), e.picture.name))
    channels = max((e.result.sound.channels for e in entries if e.result), default=0)
    video = otio.schema.Track(name="V1", kind=otio.schema.TrackKind.Video)
    audio = [
        otio.schema.Track(name=f"A{n + 1}", kind=otio.schema.TrackKind.Audio)
        for n in range(channels)
    ]
    origin = _start(entries[0].picture)
    cursor = origin
    audio_cursor = [origin] * channels
    for entry in entries:
        at = max(cursor, _start(entry.picture))
        _place(video, at, cursor, rate)
        video.append(_picture_clip(entry.picture, entry.result))
        cursor = at + entry.picture.duration_frames
        if entry.result is None:
            continue
        for channel in range(min(channels, entry.result.sound.channels)):
            placed = _sound_clip(entry.result, channel)
            if placed is None:
                continue
            delay, clip = placed
            begin = max(audio_cursor[channel], at + delay)
            _place(audio[channel], begin, audio_cursor[channel], rate)
            audio[channel].append(clip)
            audio_cursor[channel] = begin + clip.source_range.duration.to_frames()
    timeline = otio.schema.Timeline(
        name=name, global_start_time=_rt(origin, rate), metadata={"regie": {"rate": str(rate)}}
    )
    timeline.tracks.append(video)
    for track in audio:
        timeline.tracks.append(track)
    return timeline


def _start(picture: PictureClip) -> int:
    return picture.start.frames if picture.start else 0


def timeline_bytes(timeline: otio.schema.Timeline, fmt: TimelineFormat) -> bytes:
    """The timeline written by the adapter of ``fmt`` (UTF-8)."""
    text: str = otio.adapters.write_to_string(timeline, fmt.value)
    return text.encode("utf-8")
