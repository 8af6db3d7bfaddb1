# SPDX-License-Identifier: AGPL-3.0-or-later
"""What sync needs to know about a camera clip, from PyAV's stream metadata.

Start timecode (the ``timecode`` tag of the video stream, of a QuickTime ``tmcd`` data
stream, or of the container for MXF), frame rate and drop-frame, length in frames, reel
name and the first audio stream's channel count. Opening the file does not decode it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from pathlib import Path

import av

from regie.core.errors import ParseError, ValidationError
from regie.core.text import t
from regie.core.timecode import Timecode
from regie.media.sync import PictureClip


def _tag(sources: Iterable[Mapping[str, str]], key: str) -> str | None:
    for metadata in sources:
        value = metadata.get(key)
        if value and value.strip():
            return value.strip()
    return None


def probe_picture(path: Path, *, rate: Fraction | None = None) -> PictureClip:
    """The clip at ``path`` as sync sees it. ``rate`` replaces the file's frame rate."""
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise ParseError(
                    t("the file has no video track"),
                    file=str(path),
                    hint=t("Give camera clips as pictures and sound files with --sound"),
                )
            video = container.streams.video[0]
            fps = rate or video.average_rate or video.base_rate
            if not fps:
                raise ParseError(
                    t("the clip does not say its frame rate"),
                    file=str(path),
                    hint=t("Give the rate with --rate (for example --rate 25)"),
                )
            fps = Fraction(fps)
            frames = video.frames
            if not frames and video.duration is not None and video.time_base is not None:
                frames = round(video.duration * video.time_base * fps)
            if not frames and container.duration is not None:
                frames = round(Fraction(container.duration, av.time_base) * fps)
            data = [s.metadata for s in container.streams if s.type == "data"]
            sources = [video.metadata, *data, container.metadata]
            audio = container.streams.audio
            channels = audio[0].codec_context.channels if audio else 0
            return PictureClip(
                name=path.name,
                path=str(path),
                rate=fps,
                duration_frames=int(frames or 0),
                start=_timecode(_tag(sources, "timecode"), fps),
                reel=_tag(sources, "reel_name"),
                audio_channels=channels,
            )
    except av.FFmpegError as exc:
        raise ParseError(
            t("the clip could not be opened ({problem})", problem=str(exc)),
            file=str(path),
            hint=t("Check that the file is complete and plays in a media player"),
        ) from None


def _timecode(text: str | None, rate: Fraction) -> Timecode | None:
    """The tag read at ``rate``; an unreadable one counts as absent (sync then warns)."""
    if text is None:
        return None
    try:
        return Timecode.parse(text, rate)
    except ValidationError:
        return None
