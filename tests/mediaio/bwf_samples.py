# SPDX-License-Identifier: AGPL-3.0-or-later
"""Small Broadcast WAV files written chunk by chunk with ``struct``, for the BWF reader."""

from __future__ import annotations

import struct
from dataclasses import dataclass

PCM_GUID_TAIL = b"\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"


@dataclass(frozen=True)
class BextFields:
    description: str = "sSCENE=12A sTAKE=3 sTAPE=DAY02 sSPEED=025.000-ND zTRK1=BOOM zTRK2=LAV"
    originator: str = "Sound Devices"
    originator_reference: str = "ABC123"
    origination_date: str = "2025-03-04"
    origination_time: str = "14:05:06"
    time_reference: int = 0
    version: int = 1
    coding_history: str = "A=PCM,F=48000,W=24,M=stereo,T=test\r\n"


def chunk(chunk_id: bytes, body: bytes) -> bytes:
    """A chunk with its pad byte when the body's size is odd."""
    return struct.pack("<4sI", chunk_id, len(body)) + body + (b"\0" if len(body) % 2 else b"")


def fmt_body(
    channels: int = 2, rate: int = 48000, bits: int = 24, *, extensible: bool = False
) -> bytes:
    align = channels * bits // 8
    base = struct.pack(
        "<HHIIHH", 0xFFFE if extensible else 1, channels, rate, rate * align, align, bits
    )
    if not extensible:
        return base
    mask = (1 << channels) - 1
    return (
        base + struct.pack("<HHI", 22, bits, mask) + struct.pack("<H", 1) + b"\0\0" + PCM_GUID_TAIL
    )


def bext_body(fields: BextFields) -> bytes:
    def text(value: str, size: int) -> bytes:
        return value.encode("ascii").ljust(size, b"\0")

    reference = fields.time_reference
    return (
        text(fields.description, 256)
        + text(fields.originator, 32)
        + text(fields.originator_reference, 32)
        + text(fields.origination_date, 10)
        + text(fields.origination_time, 8)
        + struct.pack("<IIH", reference & 0xFFFFFFFF, reference >> 32, fields.version)
        + b"\0" * 64  # UMID
        + b"\0" * 10  # loudness (v2)
        + b"\0" * 180  # reserved
        + fields.coding_history.encode("ascii")
    )


def wav_bytes(
    *,
    channels: int = 2,
    rate: int = 48000,
    bits: int = 24,
    frames: int = 480,
    extensible: bool = False,
    bext: BextFields | None = None,
    ixml: str | None = None,
    extra: bytes = b"",
) -> bytes:
    """A whole RIFF/WAVE file: fmt, bext, iXML, any ``extra`` chunks, then silent data."""
    body = chunk(b"fmt ", fmt_body(channels, rate, bits, extensible=extensible))
    if bext is not None:
        body += chunk(b"bext", bext_body(bext))
    if ixml is not None:
        body += chunk(b"iXML", ixml.encode("utf-8"))
    body += extra
    body += chunk(b"data", b"\0" * (frames * channels * bits // 8))
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body


IXML = """<?xml version="1.0" encoding="UTF-8"?>
<BWFXML>
  <IXML_VERSION>2.10</IXML_VERSION>
  <PROJECT>Le Dernier Bac</PROJECT>
  <SCENE>7B</SCENE>
  <TAKE>4</TAKE>
  <TAPE>DAY03</TAPE>
  <NOTE>wind</NOTE>
  <SPEED>
    <MASTER_SPEED>30000/1001</MASTER_SPEED>
    <TIMECODE_RATE>30000/1001</TIMECODE_RATE>
    <TIMECODE_FLAG>DF</TIMECODE_FLAG>
    <TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI>1</TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI>
    <TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO>5</TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO>
  </SPEED>
  <TRACK_LIST>
    <TRACK_COUNT>2</TRACK_COUNT>
    <TRACK><CHANNEL_INDEX>2</CHANNEL_INDEX><NAME>LAV 1</NAME></TRACK>
    <TRACK><CHANNEL_INDEX>1</CHANNEL_INDEX><NAME>MIX</NAME></TRACK>
  </TRACK_LIST>
</BWFXML>
"""
