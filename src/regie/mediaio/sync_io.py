# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sync camera clips with production sound files on disk.

Reads what sync needs from the files — the clip's start timecode, rate and length
(:func:`regie.mediaio.probe.probe`, through :func:`regie.media.sync.picture_from`), the
sound's bext/iXML (:mod:`regie.mediaio.bwf`) — decodes both audio tracks to mono at one
analysis rate (PyAV's resampler) and hands the rest to the pure :mod:`regie.media.sync`
(decision) and :mod:`regie.media.sync_waveform` (cross-correlation). ``sync_pair`` syncs
one clip with one sound file; ``sync_many`` and ``sync_folder`` first pair clips with
sound files (:mod:`regie.media.sync_match`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import numpy.typing as npt

from regie.core.errors import ParseError, RegieError
from regie.core.text import t
from regie.media.sync import (
    PictureClip,
    SoundClip,
    SyncMode,
    SyncResult,
    picture_from,
    resolve,
)
from regie.media.sync_match import Matching, match
from regie.media.sync_waveform import cross_correlate
from regie.mediaio.bwf import read_bwf
from regie.mediaio.bwf_fields import speed_rate
from regie.mediaio.probe import probe

#: Decoding rate for the waveform match: 8 kHz keeps speech and slate beeps (< 4 kHz) and
#: puts the offset within 0.125 ms, far below a frame, at a quarter of 48 kHz's cost.
ANALYSIS_RATE = 8000

PICTURE_SUFFIXES = frozenset({".mov", ".mp4", ".mxf", ".m4v", ".avi", ".mts", ".mkv"})
SOUND_SUFFIXES = frozenset({".wav", ".bwf", ".rf64"})


def read_picture(path: Path, *, rate: Fraction | None = None) -> PictureClip:
    """The camera clip's sync facts (:func:`regie.mediaio.probe.probe`, no decoding);
    ``rate`` replaces the file's frame rate."""
    return picture_from(probe(path), rate=rate)


def read_sound(path: Path) -> SoundClip:
    """The sound file's sync facts from its chunks (no audio read)."""
    info = read_bwf(path)
    rate = speed_rate(info.speed)
    if info.ixml is not None and info.ixml.timecode_rate is not None:
        rate = info.ixml.timecode_rate
    return SoundClip(
        name=path.name,
        path=str(path),
        sample_rate=info.format.sample_rate,
        channels=info.format.channels,
        duration_samples=info.frames,
        time_reference=info.time_reference,
        scene=info.scene,
        take=info.take,
        tape=info.tape,
        track_names=info.track_names,
        timecode_rate=rate,
    )


def decode_mono(path: Path, rate: int = ANALYSIS_RATE) -> npt.NDArray[np.float32]:
    """The first audio stream of ``path`` mixed to mono, as float32 at ``rate`` Hz."""
    parts: list[npt.NDArray[np.float32]] = []
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise ParseError(
                    t("the file has no audio track"),
                    file=str(path),
                    hint=t("Sync by timecode (--mode timecode) for clips without sound"),
                )
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
            for frame in container.decode(stream):
                parts.extend(_samples(f) for f in resampler.resample(frame))
            parts.extend(_samples(f) for f in resampler.resample(None))
    except av.FFmpegError as exc:
        raise ParseError(
            t("the audio could not be decoded ({problem})", problem=str(exc)),
            file=str(path),
            hint=t("Check that the file is complete and plays in a media player"),
        ) from None
    if not parts:
        raise ParseError(t("the audio track is empty"), file=str(path))
    return np.concatenate(parts).astype(np.float32, copy=False)


def _samples(frame: av.AudioFrame) -> npt.NDArray[np.float32]:
    return np.asarray(frame.to_ndarray(), dtype=np.float32).reshape(-1)


def sync_clips(
    picture: PictureClip,
    sound: SoundClip,
    mode: SyncMode = SyncMode.AUTO,
    *,
    analysis_rate: int = ANALYSIS_RATE,
    search_s: tuple[float, float] | None = None,
) -> SyncResult:
    """Sync two already-read files: decode their audio unless ``mode`` is timecode."""
    correlation = None
    if mode is not SyncMode.TIMECODE and (picture.audio_channels > 0 or mode is SyncMode.WAVEFORM):
        first = decode_mono(Path(picture.path), analysis_rate)
        second = decode_mono(Path(sound.path), analysis_rate)
        correlation = cross_correlate(first, second, analysis_rate, search_s=search_s)
    return resolve(picture, sound, mode, correlation)


def sync_pair(
    picture_path: Path,
    sound_path: Path,
    mode: SyncMode = SyncMode.AUTO,
    *,
    rate: Fraction | None = None,
    analysis_rate: int = ANALYSIS_RATE,
    search_s: tuple[float, float] | None = None,
) -> SyncResult:
    """Sync the clip at ``picture_path`` with the sound file at ``sound_path``.

    ``rate`` replaces the clip's own frame rate (for files that carry none, or a wrong
    one). ``search_s``: allowed range of sound-minus-picture offsets for the waveform."""
    picture = read_picture(picture_path, rate=rate)
    sound = read_sound(sound_path)
    return sync_clips(picture, sound, mode, analysis_rate=analysis_rate, search_s=search_s)


@dataclass(frozen=True, slots=True)
class SyncFailure:
    """A pair that could not be synced, and why."""

    picture: PictureClip
    sound: SoundClip
    error: RegieError


@dataclass(frozen=True, slots=True)
class SyncReport:
    """Every clip of a batch: synced, failed, or without a sound file."""

    results: tuple[SyncResult, ...]
    failures: tuple[SyncFailure, ...]
    matching: Matching


def sync_many(
    picture_paths: Sequence[Path],
    sound_paths: Sequence[Path],
    mode: SyncMode = SyncMode.AUTO,
    *,
    rate: Fraction | None = None,
    analysis_rate: int = ANALYSIS_RATE,
) -> SyncReport:
    """Pair the clips with the sound files (scene/take, else timecode overlap), then sync
    each pair. A file that cannot be read stops the batch before any work (its error
    names it); a pair that cannot be synced is reported in ``failures``."""
    pictures = [read_picture(p, rate=rate) for p in picture_paths]
    sounds = [read_sound(p) for p in sound_paths]
    matching = match(pictures, sounds)
    results: list[SyncResult] = []
    failures: list[SyncFailure] = []
    for pair in matching.pairs:
        try:
            results.append(sync_clips(pair.picture, pair.sound, mode, analysis_rate=analysis_rate))
        except RegieError as error:
            failures.append(SyncFailure(pair.picture, pair.sound, error))
    return SyncReport(tuple(results), tuple(failures), matching)


def media_files(paths: Iterable[Path], suffixes: frozenset[str]) -> list[Path]:
    """``paths`` with folders replaced by their files of the given suffixes (recursive,
    sorted; hidden files skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(".")
                )
            )
        else:
            found.append(path)
    return found


def sync_folder(
    folder: Path,
    sound_folder: Path | None = None,
    mode: SyncMode = SyncMode.AUTO,
    *,
    rate: Fraction | None = None,
) -> SyncReport:
    """Sync every clip under ``folder`` with the sound files under ``sound_folder`` (the
    same folder by default)."""
    pictures = media_files([folder], PICTURE_SUFFIXES)
    sounds = media_files([sound_folder or folder], SOUND_SUFFIXES)
    return sync_many(pictures, sounds, mode, rate=rate)
