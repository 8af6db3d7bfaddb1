# SPDX-License-Identifier: AGPL-3.0-or-later
"""Chroma subsampling, bit depth, scan and profile read from a codec's own headers, so a
probe can tell them without opening a decoder (:mod:`regie.mediaio.probe`).

* H.264: the sequence parameter set (ITU-T H.264 §7.3.2.1.1), from the ``avcC`` extradata
  or an Annex B stream: ``chroma_format_idc``, ``bit_depth_luma_minus8``,
  ``frame_mbs_only_flag``.
* HEVC: the ``hvcC`` record (ISO/IEC 14496-15 §8.3.3.1): ``chromaFormat``,
  ``bitDepthLumaMinus8``.
* DNxHD / DNxHR: the frame header of the first packet (bit depth at 0x21, compression ID
  at 0x28, 4:4:4 and interlace flags), as FFmpeg's ``dnxhddec`` reads it.
* ProRes: the four-character code names the profile (``apch`` is 422 HQ).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["CodecFacts", "codec_facts", "h264_sps_facts"]

_CHROMA = {0: "4:0:0", 1: "4:2:0", 2: "4:2:2", 3: "4:4:4"}
_HIGH_PROFILES = frozenset({100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135})
# FourCC -> (FFmpeg's profile name, chroma, bit depth FFmpeg decodes to)
_PRORES = {
    "apco": ("Proxy", "4:2:2", 10),
    "apcs": ("LT", "4:2:2", 10),
    "apcn": ("Standard", "4:2:2", 10),
    "apch": ("HQ", "4:2:2", 10),
    "ap4h": ("4444", "4:4:4", 12),
    "ap4x": ("XQ", "4:4:4", 12),
}
_DNXHR = {1270: "DNXHR 444", 1271: "DNXHR HQX", 1272: "DNXHR HQ", 1273: "DNXHR SQ"}
_DNXHR[1274] = "DNXHR LB"


@dataclass(frozen=True, slots=True)
class CodecFacts:
    """What a header told; ``None`` where it did not say."""

    chroma: str | None = None
    bit_depth: int | None = None
    progressive: bool | None = None
    profile: str | None = None
    width: int | None = None  # the picture's size when the header says it (DNxHD)
    height: int | None = None


def codec_facts(
    codec: str, tag: str | None, extradata: bytes, first_packet: Callable[[], bytes]
) -> CodecFacts:
    """The facts of ``codec`` from its extradata, FourCC, or (only when needed) the
    first packet, which ``first_packet`` reads."""
    try:
        if codec == "h264":
            return h264_sps_facts(_h264_sps(extradata) or _h264_sps(first_packet()))
        if codec == "hevc":
            return _hevc_facts(extradata)
        if codec == "prores" and tag in _PRORES:
            profile, chroma, depth = _PRORES[tag]
            return CodecFacts(chroma, depth, None, profile)
        if codec == "dnxhd":
            return _dnxhd_facts(first_packet())
    except (IndexError, ValueError):  # a header shorter or stranger than the standard
        return CodecFacts()
    return CodecFacts()


# -- H.264 ---------------------------------------------------------------------------------


class _Bits:
    """An MSB-first bit reader with Exp-Golomb codes."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def u(self, count: int) -> int:
        value = 0
        for _ in range(count):
            byte = self.data[self.pos >> 3]
            value = (value << 1) | ((byte >> (7 - (self.pos & 7))) & 1)
            self.pos += 1
        return value

    def ue(self) -> int:
        zeros = 0
        while self.u(1) == 0:
            zeros += 1
            if zeros > 31:
                raise ValueError("bad Exp-Golomb code")
        return (1 << zeros) - 1 + self.u(zeros)

    def se(self) -> int:
        code = self.ue()
        return (code + 1) // 2 if code & 1 else -(code // 2)


def _unescape(nal: bytes) -> bytes:
    """Remove the emulation-prevention bytes (00 00 03 → 00 00)."""
    out = bytearray()
    zeros = 0
    for byte in nal:
        if zeros >= 2 and byte == 3:
            zeros = 0
            continue
        out.append(byte)
        zeros = zeros + 1 if byte == 0 else 0
    return bytes(out)


def _annex_b(data: bytes) -> Iterator[bytes]:
    parts = data.split(b"\x00\x00\x01")
    for part in parts[1:]:
        yield part.rstrip(b"\x00")


def _length_prefixed(data: bytes, size: int = 4) -> Iterator[bytes]:
    pos = 0
    while pos + size <= len(data):
        length = int.from_bytes(data[pos : pos + size], "big")
        yield data[pos + size : pos + size + length]
        pos += size + length


def _h264_sps(data: bytes) -> bytes:
    """The first SPS NAL unit of ``avcC`` extradata, an Annex B or an MP4 sample."""
    if not data:
        return b""
    if data[0] == 1 and len(data) > 8:  # avcC record
        count = data[5] & 0x1F
        if count:
            length = int.from_bytes(data[6:8], "big")
            return data[8 : 8 + length]
        return b""
    nals = _annex_b(data) if b"\x00\x00\x01" in data[:64] else _length_prefixed(data)
    for nal in nals:
        if nal and nal[0] & 0x1F == 7:
            return nal
    return b""


def _skip_scaling_list(bits: _Bits, size: int) -> None:
    last = following = 8
    for _ in range(size):
        if following:
            following = (last + bits.se() + 256) % 256
        last = following or last


def h264_sps_facts(sps: bytes) -> CodecFacts:
    """Chroma, bit depth and progressive flag of an H.264 SPS NAL unit (with its header)."""
    if not sps:
        return CodecFacts()
    bits = _Bits(_unescape(sps[1:]))
    profile = bits.u(8)
    bits.u(16)  # constraint flags, level
    bits.ue()  # seq_parameter_set_id
    chroma_idc, depth = 1, 8
    if profile in _HIGH_PROFILES:
        chroma_idc = bits.ue()
        if chroma_idc == 3:
            bits.u(1)  # separate_colour_plane_flag
        depth = bits.ue() + 8
        bits.ue()  # bit_depth_chroma_minus8
        bits.u(1)  # qpprime_y_zero_transform_bypass_flag
        if bits.u(1):  # seq_scaling_matrix_present_flag
            for i in range(12 if chroma_idc == 3 else 8):
                if bits.u(1):
                    _skip_scaling_list(bits, 16 if i < 6 else 64)
    bits.ue()  # log2_max_frame_num_minus4
    order = bits.ue()
    if order == 0:
        bits.ue()
    elif order == 1:
        bits.u(1)
        bits.se()
        bits.se()
        for _ in range(bits.ue()):
            bits.se()
    bits.ue()  # max_num_ref_frames
    bits.u(1)  # gaps_in_frame_num_value_allowed_flag
    bits.ue()  # pic_width_in_mbs_minus1
    bits.ue()  # pic_height_in_map_units_minus1
    progressive = bits.u(1) == 1  # frame_mbs_only_flag
    return CodecFacts(_CHROMA.get(chroma_idc), depth, progressive)


# -- HEVC, DNxHD ---------------------------------------------------------------------------


def _hevc_facts(extradata: bytes) -> CodecFacts:
    if len(extradata) < 23 or extradata[0] != 1:  # not an hvcC record
        return CodecFacts()
    return CodecFacts(_CHROMA.get(extradata[16] & 3), (extradata[17] & 7) + 8)


def _dnxhd_facts(frame: bytes) -> CodecFacts:
    if len(frame) < 0x2C or frame[:4] != b"\x00\x00\x02\x80":
        return CodecFacts()
    depth = {1: 8, 2: 10, 3: 12}.get(frame[0x21] >> 5)
    cid = int.from_bytes(frame[0x28:0x2C], "big")
    is_444 = frame[4] == 2 or cid == 1270
    return CodecFacts(
        chroma="4:4:4" if is_444 else "4:2:2",
        bit_depth=depth,
        progressive=not frame[5] & 2,
        profile=_DNXHR.get(cid, "DNXHD"),
        width=int.from_bytes(frame[0x1A:0x1C], "big"),
        height=int.from_bytes(frame[0x18:0x1A], "big"),
    )
