# SPDX-License-Identifier: AGPL-3.0-or-later
"""Synced timelines written as .otio, .fcpxml and FCP7 .xml, then read back with OTIO."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path, PurePath
from typing import Any

import opentimelineio as otio
import pytest

from regie.core.errors import InputError
from regie.core.timecode import Timecode
from regie.documents.timeline import TimelineFormat, build_timeline, format_for, timeline_bytes
from regie.media.sync import PictureClip, SoundClip, SyncMode, SyncResult, resolve

RATE = Fraction(25)


def clip(name: str, start: str, frames: int, rate: Fraction = RATE) -> PictureClip:
    return PictureClip(
        name=name,
        path=f"/rushes/{name}",
        rate=rate,
        duration_frames=frames,
        start=Timecode.parse(start, rate),
        reel="A001",
        audio_channels=2,
    )


def wav(name: str, start_s: int, seconds: int, tracks: tuple[str, ...]) -> SoundClip:
    return SoundClip(
        name=name,
        path=f"/sound/{name}",
        sample_rate=48000,
        channels=len(tracks),
        duration_samples=seconds * 48000,
        time_reference=start_s * 48000,
        scene="1",
        take=name[-5],
        tape="SR01",
        track_names=tracks,
    )


@pytest.fixture
def results() -> list[SyncResult]:
    # T1: recorder rolls 2 s before the camera and runs past it (trimmed both ends).
    # T2: recorder starts 1 s after the camera (a leading gap on the audio tracks).
    first = resolve(
        clip("A001C001.mov", "10:00:00:00", 250),
        wav("SR01_S1T1.wav", 35998, 12, ("BOOM", "LAV")),
        SyncMode.TIMECODE,
    )
    second = resolve(
        clip("A001C003.mov", "10:00:20:00", 100),
        wav("SR01_S1T2.wav", 36021, 10, ("BOOM",)),
        SyncMode.TIMECODE,
    )
    return [second, first]  # any order: the timeline sorts by timecode


def clips_of(track: Any) -> list[tuple[str, int, int, int]]:
    """(name, record start, source start, duration) in frames, gaps left out."""
    found = []
    for item in track:
        if isinstance(item, otio.schema.Clip):
            record = item.range_in_parent()
            found.append(
                (
                    item.name,
                    round(record.start_time.to_frames()),
                    round(item.source_range.start_time.to_frames()),
                    round(item.source_range.duration.to_frames()),
                )
            )
    return found


def tracks(timeline: Any, kind: str) -> list[Any]:
    return [t for t in timeline.tracks if t.kind == kind]


EXPECTED_VIDEO = [("A001C001", 0, 900000, 250), ("A001C003", 500, 900500, 100)]
EXPECTED_A1 = [("SR01_S1T1", 0, 900000, 250), ("SR01_S1T2", 525, 900525, 75)]
EXPECTED_A2 = [("SR01_S1T1", 0, 900000, 250)]


def test_timeline_shape(results: list[SyncResult]) -> None:
    timeline = build_timeline(results, name="Jour 1")
    assert timeline.global_start_time.to_frames() == 900000
    assert [t.name for t in timeline.tracks] == ["V1", "A1", "A2"]
    video = tracks(timeline, otio.schema.TrackKind.Video)[0]
    a1, a2 = tracks(timeline, otio.schema.TrackKind.Audio)
    assert clips_of(video) == EXPECTED_VIDEO
    assert clips_of(a1) == EXPECTED_A1
    assert clips_of(a2) == EXPECTED_A2
    sound = a1[0]
    assert sound.media_reference.target_url == "file:///sound/SR01_S1T1.wav"
    assert sound.media_reference.available_range.start_time.to_frames() == 899950  # 09:59:58:00
    meta = sound.metadata["regie"]
    assert (meta["scene"], meta["take"], meta["tape"]) == ("1", "1", "SR01")
    assert (meta["channel"], meta["track_name"]) == (1, "BOOM")
    assert (meta["sync_method"], meta["offset_frames"]) == ("timecode", -50)
    assert a2[0].metadata["regie"]["track_name"] == "LAV"
    assert video[0].metadata["regie"]["reel"] == "A001"
    assert list(video[0].metadata["regie"]["track_names"]) == ["BOOM", "LAV"]


@pytest.mark.parametrize("suffix", [".otio", ".fcpxml", ".xml"])
def test_written_files_read_back(results: list[SyncResult], tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"jour1{suffix}"
    fmt = format_for(path)
    path.write_bytes(timeline_bytes(build_timeline(results, name="Jour 1"), fmt))
    back = otio.adapters.read_from_file(str(path))
    if isinstance(back, otio.schema.SerializableCollection):
        back = next(iter(back))
    video = tracks(back, otio.schema.TrackKind.Video)
    audio = tracks(back, otio.schema.TrackKind.Audio)
    assert len(video) == 1
    assert len(audio) == 2
    assert clips_of(video[0]) == EXPECTED_VIDEO
    assert sorted([clips_of(a) for a in audio], key=len, reverse=True) == [
        EXPECTED_A1,
        EXPECTED_A2,
    ]
    urls = {c.media_reference.target_url for c in back.find_clips()}
    assert urls == {
        "file:///rushes/A001C001.mov",
        "file:///rushes/A001C003.mov",
        "file:///sound/SR01_S1T1.wav",
        "file:///sound/SR01_S1T2.wav",
    }
    if fmt is TimelineFormat.OTIO:  # only OTIO's own format keeps regie's metadata
        first = next(c for c in back.find_clips() if c.name == "SR01_S1T2")
        assert first.metadata["regie"]["offset_frames"] == 25


def test_sound_outside_the_picture_and_unsynced_clips() -> None:
    apart = resolve(
        clip("A001C001.mov", "10:00:00:00", 50),
        wav("SR01_S9T1.wav", 30000, 5, ("MIX",)),
        SyncMode.TIMECODE,
    )
    alone = clip("A001C002.mov", "10:00:01:00", 25)  # overlaps C001: goes right after it
    timeline = build_timeline([apart], name="x", unsynced=[alone])
    video = tracks(timeline, otio.schema.TrackKind.Video)[0]
    assert clips_of(video) == [("A001C001", 0, 900000, 50), ("A001C002", 50, 900025, 25)]
    (audio,) = tracks(timeline, otio.schema.TrackKind.Audio)
    assert clips_of(audio) == []


def test_refusals(results: list[SyncResult]) -> None:
    with pytest.raises(InputError, match=r"cannot export a timeline as '\.edl'"):
        format_for(PurePath("jour1.edl"))
    assert format_for(PurePath("JOUR1.FCPXML")) is TimelineFormat.FCPXML
    with pytest.raises(InputError, match="no clip"):
        build_timeline([], name="x")
    other = clip("B001C001.mov", "10:00:00;00", 30, Fraction(30000, 1001))
    with pytest.raises(InputError, match=r"different frame rates \(25, 29.97\)"):
        build_timeline(results, name="x", unsynced=[other])
