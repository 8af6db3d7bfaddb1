# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sound/picture sync (synchronisation son/image): where a sound file falls against a clip.

Two ways to know it. By **timecode**: the clip's start timecode against the Broadcast WAV
``bext`` time reference (samples since midnight at the recorder's sample rate). By
**waveform**: the cross-correlation of the camera's scratch audio with the recorder's
(:mod:`regie.media.sync_waveform`). In ``auto`` mode both are measured; they must agree
within one frame, otherwise the waveform wins and the result says so.

Sign convention: ``offset_s`` is where the sound file's first sample falls against the
picture's first frame — negative when the recorder rolled before the camera (the corpus
recorder starts 2 s, 50 frames at 25 fps, before the camera: ``-50``). The editor places
the sound at the picture's record timecode plus that offset.

Pure records and functions: the files are read by :mod:`regie.mediaio.sync_io`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING

from regie.core.errors import InputError, ParseError, ValidationError
from regie.core.text import Text, t
from regie.core.timecode import Timecode, is_drop_frame_rate
from regie.media.clips import ClipInfo

if TYPE_CHECKING:  # numpy stays unloaded for callers that only need the records
    from regie.media.sync_waveform import Correlation

#: Timecode and waveform agree when they are at most this many frames apart.
AGREEMENT_FRAMES = 1
#: Below this confidence (1 - second peak / peak) a waveform match is ambiguous.
MIN_CONFIDENCE = 0.3


class SyncMode(StrEnum):
    """What the user asked for."""

    AUTO = "auto"
    TIMECODE = "timecode"
    WAVEFORM = "waveform"


class SyncMethod(StrEnum):
    """What the offset was finally taken from."""

    TIMECODE = "timecode"
    WAVEFORM = "waveform"


@dataclass(frozen=True, slots=True)
class PictureClip:
    """A camera clip as sync needs it. ``start`` is the first frame's timecode (``None``
    when the file has none); ``rate`` frames per second; ``path`` the file as given."""

    name: str
    path: str
    rate: Fraction
    duration_frames: int
    start: Timecode | None = None
    reel: str | None = None
    audio_channels: int = 0

    @property
    def start_s(self) -> Fraction | None:
        return self.start.seconds if self.start else None

    @property
    def duration_s(self) -> Fraction:
        return Fraction(self.duration_frames) / self.rate


def picture_from(info: ClipInfo, *, rate: Fraction | None = None) -> PictureClip:
    """The clip :func:`regie.mediaio.probe.probe` read, as sync sees it: start timecode,
    frame rate and drop-frame, length in frames, reel, and the channels of the first
    audio track (the one the waveform match decodes). ``rate`` replaces the file's own
    frame rate; the start timecode is then read again at it. Raises
    :class:`~regie.core.errors.ParseError` for a file without picture or without a rate."""
    video = info.video
    if video is None:
        raise ParseError(
            t("the file has no video track"),
            file=info.path,
            hint=t("Give camera clips as pictures and sound files with --sound"),
        )
    fps = rate or video.frame_rate
    if not fps:
        raise ParseError(
            t("the clip does not say its frame rate"),
            file=info.path,
            hint=t("Give the rate with --rate (for example --rate 25)"),
        )
    frames = video.frames
    if not frames and info.duration_s is not None:
        frames = round(Fraction(info.duration_s) * fps)
    start = info.start_timecode if rate is None else _timecode(info.timecode_text, fps)
    return PictureClip(
        name=info.name,
        path=info.path,
        rate=fps,
        duration_frames=int(frames or 0),
        start=start,
        reel=info.reel,
        audio_channels=info.audio[0].channels if info.audio else 0,
    )


def _timecode(text: str | None, rate: Fraction) -> Timecode | None:
    """The timecode written ``text`` at ``rate``; an unreadable one counts as absent
    (sync then warns that the clip has none)."""
    if text is None:
        return None
    try:
        return Timecode.parse(text, rate)
    except ValidationError:
        return None


@dataclass(frozen=True, slots=True)
class SoundClip:
    """A production sound file (Broadcast WAV). ``time_reference``: the bext
    TimeReference, samples since midnight at ``sample_rate`` (``None`` without bext).
    Scene, take, tape, track names and speed come from iXML or the recorder's bext
    description (``sSCENE=1 sTAKE=1 …``); ``timecode_rate`` is the recorder's."""

    name: str
    path: str
    sample_rate: int
    channels: int
    duration_samples: int
    time_reference: int | None = None
    scene: str | None = None
    take: str | None = None
    tape: str | None = None
    track_names: tuple[str, ...] = ()
    timecode_rate: Fraction | None = None

    @property
    def start_s(self) -> Fraction | None:
        if self.time_reference is None:
            return None
        return Fraction(self.time_reference, self.sample_rate)

    @property
    def duration_s(self) -> Fraction:
        return Fraction(self.duration_samples, self.sample_rate)


@dataclass(frozen=True, slots=True)
class SyncResult:
    """One picture and its sound, aligned.

    ``offset_s`` / ``offset_frames``: sound start minus picture start (see the module
    docstring), from ``method``. ``timecode_offset_frames`` and
    ``waveform_offset_frames``: what each method measured (``None`` when it could not or
    was not asked to). ``confidence``: the waveform match's (0 … 1), ``None`` when no
    waveform was measured. ``warnings``: translatable notes for the user.
    """

    picture: PictureClip
    sound: SoundClip
    method: SyncMethod
    offset_s: float
    offset_frames: int
    confidence: float | None = None
    timecode_offset_frames: int | None = None
    waveform_offset_frames: int | None = None
    correlation: Correlation | None = None
    warnings: tuple[Text, ...] = field(default=())

    @property
    def disagreement_frames(self) -> int | None:
        """Waveform minus timecode offset, in frames, when both were measured."""
        if self.timecode_offset_frames is None or self.waveform_offset_frames is None:
            return None
        return self.waveform_offset_frames - self.timecode_offset_frames


def frames_at(seconds: Fraction | float, rate: Fraction) -> int:
    """``seconds`` as a whole number of frames at ``rate``, rounded half up."""
    return math.floor(Fraction(seconds) * rate + Fraction(1, 2))


def sound_start(sound: SoundClip, rate: Fraction, *, drop_frame: bool = False) -> Timecode | None:
    """The sound file's start timecode at the picture's rate (nearest frame), from its bext
    time reference; ``None`` without one. 1727904000 samples at 48 kHz = 09:59:58:00."""
    seconds = sound.start_s
    if seconds is None:
        return None
    drop = drop_frame and is_drop_frame_rate(rate)
    return Timecode(frames_at(seconds, rate), rate, drop)


def timecode_offset_s(picture: PictureClip, sound: SoundClip) -> Fraction | None:
    """Sound start minus picture start by their timecodes (exact seconds), or ``None``."""
    if picture.start_s is None or sound.start_s is None:
        return None
    return sound.start_s - picture.start_s


def agree(first_frames: int, second_frames: int, tolerance: int = AGREEMENT_FRAMES) -> bool:
    return abs(first_frames - second_frames) <= tolerance


def _confidence_text(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def speed_warning(picture: PictureClip, sound: SoundClip) -> Text | None:
    """The recorder's timecode rate differs from the picture's (timecode sync then drifts)."""
    if sound.timecode_rate is None or abs(sound.timecode_rate - picture.rate) < Fraction(1, 100):
        return None
    return t(
        "the sound was recorded with timecode at {sound_rate} fps, the picture runs at "
        "{picture_rate} fps",
        sound_rate=_rate_text(sound.timecode_rate),
        picture_rate=_rate_text(picture.rate),
    )


def _rate_text(rate: Fraction) -> Decimal:
    return Decimal(f"{float(rate):.3f}").normalize()


def resolve(
    picture: PictureClip,
    sound: SoundClip,
    mode: SyncMode,
    correlation: Correlation | None = None,
) -> SyncResult:
    """Choose the offset of ``sound`` against ``picture``.

    ``correlation``: the waveform match of the picture's audio (first) with the sound's
    (second), when one was measured. ``timecode`` mode needs both timecodes; ``waveform``
    mode needs the correlation; ``auto`` prefers the timecode when the waveform confirms
    it (within :data:`AGREEMENT_FRAMES`), the waveform when they disagree and the
    waveform match is clear, and says why in the warnings.
    """
    rate = picture.rate
    warnings: list[Text] = []
    speed = speed_warning(picture, sound)
    if speed is not None:
        warnings.append(speed)
    by_tc = timecode_offset_s(picture, sound)
    tc_frames = frames_at(by_tc, rate) if by_tc is not None else None
    wf_frames = frames_at(correlation.offset_s, rate) if correlation is not None else None
    confidence = correlation.confidence if correlation is not None else None

    def result(method: SyncMethod, offset_s: float) -> SyncResult:
        return SyncResult(
            picture=picture,
            sound=sound,
            method=method,
            offset_s=offset_s,
            offset_frames=frames_at(offset_s, rate),
            confidence=confidence,
            timecode_offset_frames=tc_frames,
            waveform_offset_frames=wf_frames,
            correlation=correlation,
            warnings=tuple(warnings),
        )

    if mode is SyncMode.TIMECODE:
        if by_tc is None:
            raise _no_timecode(picture, sound)
        return result(SyncMethod.TIMECODE, float(by_tc))
    if mode is SyncMode.WAVEFORM:
        if correlation is None:
            raise InputError(
                t("no waveform match was measured"),
                where=t("{picture} / {sound}", picture=picture.name, sound=sound.name),
                hint=t("Both files need an audio track to sync by waveform"),
            )
        if correlation.confidence < MIN_CONFIDENCE:
            warnings.append(_ambiguous(correlation))
        return result(SyncMethod.WAVEFORM, correlation.offset_s)
    # auto
    if by_tc is None:
        warnings.extend(_missing_timecode(picture, sound))
        if correlation is None:
            raise _no_timecode(picture, sound)
        if correlation.confidence < MIN_CONFIDENCE:
            warnings.append(_ambiguous(correlation))
        return result(SyncMethod.WAVEFORM, correlation.offset_s)
    if correlation is None or wf_frames is None or tc_frames is None:
        warnings.append(t("no audio to check the timecode against; timecode used"))
        return result(SyncMethod.TIMECODE, float(by_tc))
    if agree(tc_frames, wf_frames):
        return result(SyncMethod.TIMECODE, float(by_tc))
    if correlation.confidence < MIN_CONFIDENCE:
        warnings.append(_ambiguous(correlation))
        warnings.append(
            t(
                "timecode and waveform disagree by {frames} frames — timecode kept, the "
                "waveform match is not clear enough",
                frames=abs(wf_frames - tc_frames),
            )
        )
        return result(SyncMethod.TIMECODE, float(by_tc))
    warnings.append(
        t(
            "timecode and waveform disagree by {frames} frames — waveform used",
            frames=abs(wf_frames - tc_frames),
        )
    )
    return result(SyncMethod.WAVEFORM, correlation.offset_s)


def _missing_timecode(picture: PictureClip, sound: SoundClip) -> list[Text]:
    found: list[Text] = []
    if sound.time_reference is None:
        found.append(t("no bext time reference in {sound}", sound=sound.name))
    if picture.start is None:
        found.append(t("no start timecode in {picture}", picture=picture.name))
    return found


def _no_timecode(picture: PictureClip, sound: SoundClip) -> InputError:
    missing = _missing_timecode(picture, sound)
    return InputError(
        missing[0] if missing else t("no timecode to sync by"),
        where=t("{picture} / {sound}", picture=picture.name, sound=sound.name),
        hint=t("Sync by waveform (--mode waveform) when a file carries no timecode"),
    )


def _ambiguous(correlation: Correlation) -> Text:
    return t(
        "the waveform match is ambiguous (confidence {confidence})",
        confidence=_confidence_text(correlation.confidence),
    )
