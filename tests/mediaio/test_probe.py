# SPDX-License-Identifier: AGPL-3.0-or-later
"""Probing clips without decoding them: the corpus media, sidecars, truncated copies,
card folders, and the codec header readers."""

from __future__ import annotations

import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from regie.core.errors import InputError, ParseError
from regie.media.clips import Scan
from regie.mediaio.bitstreams import codec_facts, h264_sps_facts
from regie.mediaio.probe import media_files, probe

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def media(corpus_dir: Path) -> Path:
    return corpus_dir / "media"


def test_prores_camera_original(media: Path) -> None:
    info = probe(media / "A001C001_250101_R1AB.mov")
    assert info.container == "mov"
    assert info.duration_s == Decimal("10.000")
    video = info.video
    assert video is not None
    assert (video.codec, video.codec_tag, video.profile) == ("prores", "apch", "HQ")
    assert (video.width, video.height, video.frames) == (1920, 1080, 250)
    assert video.frame_rate == Fraction(25)
    assert (video.chroma, video.bit_depth, video.scan) == ("4:2:2", 10, Scan.PROGRESSIVE)
    assert [(a.codec, a.channels, a.sample_rate, a.bit_depth) for a in info.audio] == [
        ("pcm_s24le", 2, 48000, 24)
    ]
    assert str(info.start_timecode) == "10:00:00:00"
    assert info.tc_rate == 25
    assert not info.drop_frame
    assert info.reel == "A001"
    assert not info.truncated


def test_dnxhr_in_mxf_with_two_mono_tracks(media: Path) -> None:
    info = probe(media / "A001C002_250101_R1AB.mxf")
    video = info.video
    assert video is not None
    assert info.container == "mxf"
    assert (video.codec, video.profile) == ("dnxhd", "DNXHR LB")
    assert (video.width, video.height) == (1920, 1080)  # not the 1088 lines MXF stores
    assert (video.chroma, video.bit_depth, video.scan) == ("4:2:2", 8, Scan.PROGRESSIVE)
    assert video.frames == 25
    assert len(info.audio) == 2
    assert info.audio_channels == 2
    assert str(info.start_timecode) == "10:00:10:00"
    assert info.duration_frames == 25


def test_h264_with_drop_frame_timecode(media: Path) -> None:
    info = probe(media / "B001C001_250101_DEFECTS.mov")
    video = info.video
    assert video is not None
    assert (video.codec, video.profile, video.chroma, video.bit_depth) == (
        "h264",
        "High",
        "4:2:0",
        8,
    )
    assert video.frame_rate == Fraction(30000, 1001)
    assert info.timecode_text == "10:00:00;00"
    assert info.drop_frame
    assert info.start_timecode is not None
    assert info.start_timecode.rate == Fraction(30000, 1001)
    assert [a.bit_depth for a in info.audio] == [16]
    assert info.duration_s == Decimal("10.010")


def test_proxy_in_mp4(media: Path) -> None:
    info = probe(media / "A001C001_250101_R1AB_proxy.mp4")
    assert info.container == "mp4"
    assert info.video is not None
    assert (info.video.codec, info.video.chroma) == ("h264", "4:2:0")
    assert [(a.codec, a.bit_depth) for a in info.audio] == [("aac", None)]
    assert str(info.start_timecode) == "10:00:00:00"


def test_broadcast_wave_timecode_from_bext(media: Path) -> None:
    info = probe(media / "SR01_S1T1.wav")
    assert info.video is None
    assert info.time_reference_samples == 1727904000
    assert str(info.start_timecode) == "09:59:58:00"  # at the 25 fps sSPEED of the bext
    assert info.tc_rate == 25
    tone = probe(media / "tone_1k_-23LUFS.wav")
    assert tone.start_timecode is None
    assert tone.audio_channels == 2


def test_sidecars_and_damaged_files(media: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Bobine A001, plan 3 : flou\n", encoding="utf-8")
    with pytest.raises(ParseError, match="not a media file"):
        probe(notes)
    with pytest.raises(ParseError, match="not a media file"):
        probe(media / "README.md")
    empty = tmp_path / "empty.mov"
    empty.write_bytes(b"")
    with pytest.raises(ParseError, match="empty"):
        probe(empty)
    with pytest.raises(InputError, match="cannot read"):
        probe(tmp_path / "missing.mov")
    cut = tmp_path / "cut.mov"  # QuickTime writes its index last: half a file has none
    cut.write_bytes((media / "A001C001_250101_R1AB.mov").read_bytes()[:4_000_000])
    with pytest.raises(ParseError) as refused:
        probe(cut)
    assert str(cut) in str(refused.value)


def test_a_file_whose_index_points_past_its_end_is_truncated(media: Path, tmp_path: Path) -> None:
    """An MP4 written with its index first (faststart) still opens when cut short."""
    source = (media / "A001C001_250101_R1AB_proxy.mp4").read_bytes()
    cut = tmp_path / "A001C001_250101_R1AB_proxy.mp4"
    cut.write_bytes(source[: len(source) // 2])
    assert probe(cut).truncated
    assert not probe(media / "A001C001_250101_R1AB_proxy.mp4").truncated


def test_cards_are_walked(media: Path, tmp_path: Path) -> None:
    card = tmp_path / "A001"
    (card / "CLIPS").mkdir(parents=True)
    (card / "ascmhl").mkdir()
    (card / ".Trashes").mkdir()
    shutil.copy(media / "A001C002_250101_R1AB.mxf", card / "CLIPS")
    (card / "ascmhl" / "0001_A001.mhl").write_text("<hashlist/>")
    (card / ".Trashes" / "x.mov").write_text("x")
    (card / ".DS_Store").write_text("x")
    (card / "CLIPS" / "A001C002.xml").write_text("<clip/>")
    single = media / "SR01_S1T1.wav"
    cards, missing = media_files([card, single, tmp_path / "nowhere"])
    assert missing == [tmp_path / "nowhere"]
    assert [(c.name, [f.name for f in c.files]) for c in cards] == [
        ("A001", ["A001C002.xml", "A001C002_250101_R1AB.mxf"]),
        ("media", ["SR01_S1T1.wav"]),
    ]


def test_h264_sps_reader(media: Path) -> None:
    import av

    with av.open(str(media / "B001C001_250101_DEFECTS.mov")) as container:
        extradata = bytes(container.streams.video[0].codec_context.extradata or b"")
    facts = codec_facts("h264", "avc1", extradata, lambda: b"")
    assert (facts.chroma, facts.bit_depth, facts.progressive) == ("4:2:0", 8, True)
    # A hand-made SPS: High 4:2:2 10-bit (profile 122), interlaced (frame_mbs_only_flag 0).
    bits = "".join(
        [
            f"{122:08b}",
            "0" * 16,  # constraint flags, level
            "1",  # sps id 0
            "011",  # chroma_format_idc 2
            "011",  # bit_depth_luma_minus8 2
            "011",  # bit_depth_chroma_minus8 2
            "0",  # qpprime
            "0",  # no scaling matrix
            "1",  # log2_max_frame_num_minus4 0
            "1",  # pic_order_cnt_type 0
            "1",  # log2_max_pic_order_cnt_lsb_minus4 0
            "1",  # max_num_ref_frames 0
            "0",  # gaps
            "1",  # width in mbs - 1 = 0
            "1",  # height in map units - 1 = 0
            "0",  # frame_mbs_only_flag
        ]
    )
    bits += "1" + "0" * (-(len(bits) + 1) % 8)
    sps = bytes([0x67]) + int(bits, 2).to_bytes(len(bits) // 8, "big")
    facts = h264_sps_facts(sps)
    assert (facts.chroma, facts.bit_depth, facts.progressive) == ("4:2:2", 10, False)
    annex_b = codec_facts("h264", None, b"", lambda: b"\x00\x00\x00\x01" + sps)
    assert annex_b == facts


def test_unknown_headers_say_nothing() -> None:
    assert codec_facts("dnxhd", None, b"", lambda: b"\x00" * 10).chroma is None
    assert codec_facts("hevc", None, b"\x02", lambda: b"").bit_depth is None
    assert codec_facts("h264", None, b"", lambda: b"").chroma is None
