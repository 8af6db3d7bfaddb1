# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sync without files: timecode arithmetic, cross-correlation, the auto decision, pairing."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from regie.core.errors import InputError, ParseError, ValidationError
from regie.core.timecode import Timecode
from regie.media.clips import AudioTrack, ClipInfo, Scan, VideoInfo
from regie.media.sync import (
    PictureClip,
    SoundClip,
    SyncMethod,
    SyncMode,
    frames_at,
    picture_from,
    resolve,
    sound_start,
    timecode_offset_s,
)
from regie.media.sync_match import MatchReason, match, scene_take
from regie.media.sync_waveform import Correlation, cross_correlate

RATE = 1000  # Hz, keeps the synthetic signals small


def picture(
    start: str | None = "10:00:00:00",
    *,
    frames: int = 250,
    rate: Fraction = Fraction(25),
    name: str = "A001C001.mov",
) -> PictureClip:
    return PictureClip(
        name=name,
        path=f"/rushes/{name}",
        rate=rate,
        duration_frames=frames,
        start=Timecode.parse(start, rate) if start else None,
        audio_channels=2,
    )


def sound(
    reference: int | None = 1727904000,
    *,
    seconds: int = 12,
    name: str = "SR01_S1T1.wav",
    scene: str | None = "1",
    take: str | None = "1",
    timecode_rate: Fraction | None = Fraction(25),
) -> SoundClip:
    return SoundClip(
        name=name,
        path=f"/sound/{name}",
        sample_rate=48000,
        channels=2,
        duration_samples=seconds * 48000,
        time_reference=reference,
        scene=scene,
        take=take,
        timecode_rate=timecode_rate,
    )


def correlation(offset_s: float, *, second: float = 0.05) -> Correlation:
    return Correlation(
        offset_samples=round(offset_s * 8000),
        offset_s=offset_s,
        rate=8000,
        peak=0.9,
        second=second,
        exclusion_s=0.1,
    )


# -- timecode -------------------------------------------------------------------------


def test_sound_start_at_picture_rate() -> None:
    start = sound_start(sound(), Fraction(25))
    assert start is not None
    assert str(start) == "09:59:58:00"
    assert sound_start(sound(None), Fraction(25)) is None
    # 23.976 NDF: 01:00:00:00 is 86400 frames, 3603.6 s of real time after midnight
    at_23 = sound_start(sound(172972800), Fraction(24000, 1001))
    assert at_23 is not None
    assert str(at_23) == "01:00:00:00"
    # 29.97 drop-frame: the time reference is real time, so the DF label lands on it
    real = Timecode.parse("10:00:00;00", Fraction(30000, 1001))
    samples = int(real.seconds * 48000)
    df = sound_start(sound(samples), Fraction(30000, 1001), drop_frame=True)
    assert df is not None
    assert str(df) == "10:00:00;00"


def test_timecode_offset() -> None:
    assert timecode_offset_s(picture(), sound()) == -2
    assert timecode_offset_s(picture(None), sound()) is None
    assert timecode_offset_s(picture(), sound(None)) is None
    assert frames_at(Fraction(-2), Fraction(25)) == -50
    assert frames_at(Fraction(1, 50), Fraction(25)) == 1  # half a frame rounds up
    assert frames_at(Fraction(-1, 50), Fraction(25)) == 0
    assert frames_at(0.0199, Fraction(25)) == 0


# -- cross-correlation ----------------------------------------------------------------


def noise(size: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(size)


@pytest.mark.parametrize("lag", [-1234, 0, 777])
def test_cross_correlation_finds_the_lag(lag: int) -> None:
    source = noise(20000, 1)
    first = source[5000:15000]  # the camera's audio
    second = source[5000 + lag : 5000 + lag + 8000]  # the recorder's, starting `lag` later
    found = cross_correlate(first, second, RATE)
    assert found.offset_samples == lag
    assert found.offset_s == pytest.approx(lag / RATE, abs=1 / RATE)
    assert found.peak == pytest.approx(1.0, abs=1e-3)  # means differ slightly: not exactly 1
    assert found.confidence > 0.8


def test_cross_correlation_with_noise_and_another_microphone() -> None:
    source = noise(30000, 2)
    first = source[10000:20000] + 0.8 * noise(10000, 3)  # scratch mic: noisy
    second = 0.3 * source[7000:27000] + 0.1 * noise(20000, 4)  # boom: quieter, longer
    found = cross_correlate(first, second, RATE)
    assert found.offset_samples == -3000  # the recorder rolled 3 s before the camera
    assert 0.3 < found.peak < 1
    assert found.confidence > 0.5


def test_cross_correlation_search_window() -> None:
    source = noise(20000, 5)
    first = source[5000:10000]
    second = source[4000:16000]
    assert cross_correlate(first, second, RATE).offset_samples == -1000
    elsewhere = cross_correlate(first, second, RATE, search_s=(0.5, 3.0))
    assert 500 <= elsewhere.offset_samples <= 3000
    assert elsewhere.confidence < 0.3  # nothing there really matches
    with pytest.raises(ValidationError, match="no offset between"):
        cross_correlate(first, second, RATE, search_s=(30.0, 40.0))


def test_periodic_signal_is_ambiguous() -> None:
    t = np.arange(8000) / RATE
    tone = np.sin(2 * np.pi * 5 * t)  # 5 Hz: repeats every 0.2 s, beyond the exclusion
    found = cross_correlate(tone[:4000], tone[1000:], RATE)
    assert found.confidence < 0.2


def test_cross_correlation_refuses_bad_input() -> None:
    with pytest.raises(ValidationError):
        cross_correlate(np.zeros(0), np.ones(5), RATE)
    with pytest.raises(ValidationError):
        cross_correlate(np.ones((2, 5)), np.ones(5), RATE)
    with pytest.raises(ValidationError):
        cross_correlate(np.ones(5), np.ones(5), 0)


def test_beep_side_lobes_are_not_rivals() -> None:
    """A 40 ms 1 kHz beep repeats itself every millisecond; those echoes are the peak's."""
    rate = 8000
    beep = np.sin(2 * np.pi * 1000 * np.arange(320) / rate)
    first = np.zeros(16000)
    first[8000:8320] = beep
    second = np.zeros(24000)
    second[12000:12320] = beep
    found = cross_correlate(first, second, rate)
    assert found.offset_samples == -4000
    assert found.confidence > 0.9


# -- the decision ---------------------------------------------------------------------


def test_auto_keeps_the_timecode_when_the_waveform_agrees() -> None:
    result = resolve(picture(), sound(), SyncMode.AUTO, correlation(-2.01))
    assert result.method is SyncMethod.TIMECODE
    assert result.offset_s == -2.0
    assert result.offset_frames == -50
    assert (result.timecode_offset_frames, result.waveform_offset_frames) == (-50, -50)
    assert result.disagreement_frames == 0
    assert result.warnings == ()
    one_off = resolve(picture(), sound(), SyncMode.AUTO, correlation(-2.04))
    assert one_off.method is SyncMethod.TIMECODE  # one frame is within tolerance
    assert one_off.disagreement_frames == -1


def test_auto_falls_back_to_the_waveform_when_they_disagree() -> None:
    result = resolve(picture(), sound(), SyncMode.AUTO, correlation(-1.52))
    assert result.method is SyncMethod.WAVEFORM
    assert result.offset_frames == -38
    assert result.disagreement_frames == 12
    assert [str(w) for w in result.warnings] == [
        "timecode and waveform disagree by 12 frames — waveform used"
    ]


def test_auto_keeps_the_timecode_when_the_waveform_is_ambiguous() -> None:
    result = resolve(picture(), sound(), SyncMode.AUTO, correlation(-1.52, second=0.9))
    assert result.method is SyncMethod.TIMECODE
    assert result.offset_frames == -50
    texts = [str(w) for w in result.warnings]
    assert texts[0] == "the waveform match is ambiguous (confidence 0.10)"
    assert texts[1].startswith("timecode and waveform disagree by 12 frames — timecode kept")


def test_auto_without_time_reference_uses_the_waveform() -> None:
    result = resolve(picture(), sound(None), SyncMode.AUTO, correlation(-2.0))
    assert result.method is SyncMethod.WAVEFORM
    assert result.timecode_offset_frames is None
    assert [str(w) for w in result.warnings] == ["no bext time reference in SR01_S1T1.wav"]
    no_tc = resolve(picture(None), sound(), SyncMode.AUTO, correlation(-2.0))
    assert [str(w) for w in no_tc.warnings] == ["no start timecode in A001C001.mov"]
    with pytest.raises(InputError, match="no bext time reference"):
        resolve(picture(), sound(None), SyncMode.AUTO, None)


def test_auto_without_audio_trusts_the_timecode() -> None:
    result = resolve(picture(), sound(), SyncMode.AUTO, None)
    assert result.method is SyncMethod.TIMECODE
    assert result.confidence is None
    assert "no audio to check the timecode" in str(result.warnings[0])


def test_forced_modes() -> None:
    by_tc = resolve(picture(), sound(), SyncMode.TIMECODE, correlation(-1.0))
    assert (by_tc.method, by_tc.offset_frames) == (SyncMethod.TIMECODE, -50)
    by_wave = resolve(picture(), sound(), SyncMode.WAVEFORM, correlation(-1.0))
    assert (by_wave.method, by_wave.offset_frames) == (SyncMethod.WAVEFORM, -25)
    assert by_wave.warnings == ()
    with pytest.raises(InputError) as caught:
        resolve(picture(), sound(None), SyncMode.TIMECODE)
    assert caught.value.hint is not None
    assert "--mode waveform" in str(caught.value)
    with pytest.raises(InputError, match="no waveform match was measured"):
        resolve(picture(), sound(), SyncMode.WAVEFORM, None)
    vague = resolve(picture(), sound(), SyncMode.WAVEFORM, correlation(-1.0, second=0.95))
    assert "ambiguous" in str(vague.warnings[0])


def test_speed_mismatch_is_said() -> None:
    result = resolve(picture(), sound(timecode_rate=Fraction(30000, 1001)), SyncMode.TIMECODE)
    assert [str(w) for w in result.warnings] == [
        "the sound was recorded with timecode at 29.97 fps, the picture runs at 25 fps"
    ]


# -- pairing --------------------------------------------------------------------------


def test_scene_take_in_names() -> None:
    assert scene_take("A001_S12AT3.mov") == ("12A", "3")
    assert scene_take("SR01_S1T1.wav") == ("1", "1")
    assert scene_take("sc04_tk02_cam_b.mxf") == ("4", "2")
    assert scene_take("A001C001_250101_R1AB.mov") is None


def test_match_by_timecode_overlap() -> None:
    c1 = picture("10:00:00:00", name="A001C001.mov")
    c2 = picture("10:05:00:00", name="A001C002.mov")
    c3 = picture("11:00:00:00", name="A001C003.mov")
    s1 = sound(48000 * 35998, name="T01.wav", scene=None, take=None)
    s2 = sound(48000 * (36000 + 295), name="T02.wav", scene=None, take=None)
    s3 = sound(48000 * 30000, name="T03.wav", scene=None, take=None)
    found = match([c1, c2, c3], [s1, s2, s3])
    pairs = {p.picture.name: (p.sound.name, p.reason) for p in found.pairs}
    assert pairs == {
        "A001C001.mov": ("T01.wav", MatchReason.TIMECODE),
        "A001C002.mov": ("T02.wav", MatchReason.TIMECODE),
    }
    assert [p.name for p in found.unmatched_pictures] == ["A001C003.mov"]
    assert [s.name for s in found.unused_sounds] == ["T03.wav"]


def test_match_prefers_the_slate() -> None:
    clip = picture("10:00:00:00", name="A001_S1T2.mov")
    wrong_tc = sound(48000 * 20000, name="SR01_T07.wav", scene="1", take="02")
    overlapping = sound(48000 * 35998, name="SR01_T06.wav", scene="1", take="1")
    found = match([clip, picture("12:00:00:00", name="other.mov")], [overlapping, wrong_tc])
    assert found.pairs[0].sound.name == "SR01_T07.wav"
    assert found.pairs[0].reason is MatchReason.SCENE_TAKE
    assert found.pairs[0].overlap_s == 0


def test_one_picture_one_sound_always_pair() -> None:
    found = match([picture(None)], [sound(None)])
    assert found.pairs[0].reason is MatchReason.ONLY
    assert found.pairs[0].overlap_s is None


def clip_info(
    *,
    rate: Fraction | None = Fraction(30000, 1001),
    frames: int | None = 300,
    timecode: str | None = "10:00:00;00",
    video: bool = True,
    tracks: tuple[int, ...] = (1, 1),
) -> ClipInfo:
    """What probe() reads of a clip like the corpus's B001C001 (two mono tracks here)."""
    picture = VideoInfo(
        codec="h264",
        codec_tag="avc1",
        profile="High",
        width=1920,
        height=1080,
        frame_rate=rate,
        frames=frames,
        scan=Scan.PROGRESSIVE,
        bit_depth=8,
        chroma="4:2:0",
    )
    return ClipInfo(
        path="/rushes/B001C001.mov",
        name="B001C001.mov",
        size_bytes=1,
        container="mov",
        container_long="QuickTime / MOV",
        duration_s=Decimal("10.010"),
        video=picture if video else None,
        audio=tuple(AudioTrack(n + 1, "pcm_s16le", c, 48000, 16) for n, c in enumerate(tracks)),
        start_timecode=Timecode.parse(timecode, rate) if timecode and rate else None,
        timecode_text=timecode,
        reel="B001",
    )


def test_picture_from_a_probed_clip() -> None:
    clip = picture_from(clip_info())
    assert (clip.name, clip.path, clip.reel) == ("B001C001.mov", "/rushes/B001C001.mov", "B001")
    assert (clip.rate, clip.duration_frames) == (Fraction(30000, 1001), 300)
    assert clip.start is not None
    assert (str(clip.start), clip.start.drop_frame) == ("10:00:00;00", True)
    assert clip.audio_channels == 1  # the first track's, the one the waveform decodes
    counted = picture_from(clip_info(frames=None))  # no frame count: from the duration
    assert counted.duration_frames == 300


def test_picture_from_at_a_forced_rate() -> None:
    forced = picture_from(clip_info(rate=Fraction(25), timecode="10:00:00:00"), rate=Fraction(24))
    assert (forced.rate, str(forced.start)) == (Fraction(24), "10:00:00:00")
    assert forced.start is not None
    assert forced.start.rate == 24
    # frame 29 does not exist at 25 fps: the timecode then counts as absent (sync warns)
    unreadable = picture_from(clip_info(timecode="10:00:00;29"), rate=Fraction(25))
    assert unreadable.start is None
    assert picture_from(clip_info(rate=None, timecode="10:00:00:00"), rate=Fraction(25)).start


def test_picture_from_refuses() -> None:
    with pytest.raises(ParseError, match="no video track"):
        picture_from(clip_info(video=False))
    with pytest.raises(ParseError, match="does not say its frame rate"):
        picture_from(clip_info(rate=None))
