# SPDX-License-Identifier: AGPL-3.0-or-later
"""Broadcast WAV metadata, read from the RIFF/RF64 chunks themselves.

Walks the chunk list with ``seek`` (the audio is never read): ``fmt `` (PCM, float and
WAVE_FORMAT_EXTENSIBLE), ``bext`` (EBU Tech 3285: description, originator, origination
date and time, the 64-bit TimeReference in samples since midnight, coding history),
``iXML`` (scene, take, tape, track names, speed, timecode rate; parsed with defusedxml)
and RF64/BW64's ``ds64`` for files over 4 GiB. The recorder's key/values in the bext
description (``sSCENE=1 sTAKE=1 sTAPE=SR01 sSPEED=025.000-ND zTRK1=BOOM``) are split too.

A truncated file or a malformed chunk raises :class:`~regie.core.errors.ParseError`
naming the byte offset; an unreadable iXML only adds a warning (the audio is still good).
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from regie.core.errors import ParseError
from regie.core.text import Text, t
from regie.mediaio.bwf_fields import IXml, parse_ixml, recorder_fields

__all__ = ["Bext", "BwfInfo", "Chunk", "IXml", "WaveFormat", "read_bwf", "recorder_fields"]

_BEXT_FIXED = 602  # bytes before CodingHistory (EBU Tech 3285 v0/v1/v2 alike)
_MAX_META = 16 * 1024 * 1024  # a bext or iXML chunk bigger than this is not metadata
_FORMAT_NAMES = {1: "pcm", 3: "float", 6: "alaw", 7: "mulaw", 0xFFFE: "extensible"}
# Chunk ids seen in WAV files from recorders and editors: used to tell a missing pad byte
# after an odd-sized chunk (a common writer bug) from a damaged file.
_KNOWN_IDS = frozenset(
    {"fmt ", "data", "bext", "iXML", "LIST", "JUNK", "junk", "PAD ", "fact", "cue ", "smpl",
     "inst", "ds64", "axml", "chna", "qlty", "levl", "link", "umid", "_PMX", "id3 ", "ID3 ",
     "FLLR", "minf", "elm1", "regn", "acid", "cart", "bxml", "note", "labl", "plst", "mext"}
)  # fmt: skip
_KSDATAFORMAT_TAIL = b"\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"


@dataclass(frozen=True, slots=True)
class Chunk:
    """One chunk of the file: its four-character id, where its header starts, its size."""

    id: str
    offset: int
    size: int


@dataclass(frozen=True, slots=True)
class WaveFormat:
    """The ``fmt `` chunk. For WAVE_FORMAT_EXTENSIBLE (0xFFFE) ``codec`` is the
    sub-format's (``pcm``/``float``), ``valid_bits`` and ``channel_mask`` are set."""

    format_tag: int
    channels: int
    sample_rate: int
    byte_rate: int
    block_align: int
    bits_per_sample: int
    valid_bits: int | None = None
    channel_mask: int | None = None
    sub_format: int | None = None

    @property
    def codec(self) -> str:
        tag = self.sub_format if self.format_tag == 0xFFFE and self.sub_format else self.format_tag
        return _FORMAT_NAMES.get(tag, f"0x{tag:04x}")


@dataclass(frozen=True, slots=True)
class Bext:
    """The ``bext`` chunk (text fields stripped of their NUL padding)."""

    description: str
    originator: str
    originator_reference: str
    origination_date: str
    origination_time: str
    time_reference: int
    version: int
    umid: str
    coding_history: str


@dataclass(frozen=True, slots=True)
class BwfInfo:
    """What a (Broadcast) WAV file says about itself.

    ``container``: ``RIFF``, ``RF64`` or ``BW64``. ``frames``: sample frames in the data
    chunk. ``recorder``: the description's key/values (``SCENE``, ``TAKE``, ``TAPE``,
    ``SPEED``, ``TRK1``…, type prefix dropped). The properties merge iXML (first) with
    the description.
    """

    path: str
    container: str
    format: WaveFormat
    data_offset: int
    data_size: int
    chunks: tuple[Chunk, ...]
    bext: Bext | None = None
    ixml: IXml | None = None
    recorder: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[Text, ...] = ()

    @property
    def frames(self) -> int:
        return self.data_size // self.format.block_align if self.format.block_align else 0

    @property
    def duration_s(self) -> float:
        return self.frames / self.format.sample_rate if self.format.sample_rate else 0.0

    @property
    def time_reference(self) -> int | None:
        """Samples since midnight: bext's, else iXML's timestamp, else ``None``."""
        if self.bext is not None:
            return self.bext.time_reference
        return self.ixml.time_reference if self.ixml else None

    def _pick(self, ixml_value: str | None, key: str) -> str | None:
        return ixml_value or self.recorder.get(key) or None

    @property
    def scene(self) -> str | None:
        return self._pick(self.ixml.scene if self.ixml else None, "SCENE")

    @property
    def take(self) -> str | None:
        return self._pick(self.ixml.take if self.ixml else None, "TAKE")

    @property
    def tape(self) -> str | None:
        return self._pick(self.ixml.tape if self.ixml else None, "TAPE")

    @property
    def speed(self) -> str | None:
        return self._pick(self.ixml.speed if self.ixml else None, "SPEED")

    @property
    def track_names(self) -> tuple[str, ...]:
        if self.ixml and self.ixml.track_names:
            return self.ixml.track_names
        names = [self.recorder.get(f"TRK{n}", "") for n in range(1, self.format.channels + 1)]
        return tuple(names) if any(names) else ()


def read_bwf(path: Path) -> BwfInfo:
    """Read the metadata of the WAV file at ``path`` (the audio data is skipped)."""
    try:
        with path.open("rb") as handle:
            size = path.stat().st_size
            return _Reader(handle, str(path), size).read()
    except OSError as exc:
        raise ParseError(
            t("cannot read the sound file ({problem})", problem=exc.strerror or str(exc)),
            file=str(path),
        ) from None


class _Reader:
    def __init__(self, handle: BinaryIO, name: str, size: int) -> None:
        self.handle = handle
        self.name = name
        self.size = size

    def fail(self, what: Text, hint: Text | None = None) -> ParseError:
        return ParseError(what, file=self.name, hint=hint)

    def exact(self, offset: int, count: int, what: str) -> bytes:
        self.handle.seek(offset)
        data = self.handle.read(count)
        if len(data) != count:
            raise self.fail(
                t(
                    "the file ends inside the {chunk} at byte {offset}: {wanted} bytes "
                    "expected, {found} found",
                    chunk=what,
                    offset=offset,
                    wanted=count,
                    found=len(data),
                ),
                hint=t("The file is truncated: copy it again from the recorder's card"),
            )
        return data

    def read(self) -> BwfInfo:
        head = self.exact(0, 12, "RIFF header")
        magic, _declared, form = struct.unpack("<4sI4s", head)
        if magic not in (b"RIFF", b"RF64", b"BW64") or form != b"WAVE":
            raise self.fail(
                t("not a WAV file (it starts with {magic})", magic=repr(head[:4])[1:]),
                hint=t("Give a Broadcast WAV (.wav) file from the sound recorder"),
            )
        big_sizes: dict[str, int] = {}
        chunks: list[Chunk] = []
        fmt: WaveFormat | None = None
        bext: Bext | None = None
        ixml: IXml | None = None
        warnings: list[Text] = []
        data: tuple[int, int] | None = None
        offset = 12
        while offset < self.size:
            if self.size - offset < 8:
                if self.size - offset == 1:  # a pad byte after the last odd-sized chunk
                    break
                raise self.fail(
                    t(
                        "truncated chunk header at byte {offset} ({left} bytes left)",
                        offset=offset,
                        left=self.size - offset,
                    )
                )
            raw_id, size = struct.unpack("<4sI", self.exact(offset, 8, "chunk header"))
            chunk_id = self._chunk_id(raw_id, offset)
            if size == 0xFFFFFFFF and chunk_id in big_sizes:
                size = big_sizes[chunk_id]
            body = offset + 8
            left = self.size - body
            chunks.append(Chunk(chunk_id, offset, size))
            if chunk_id == "ds64" and magic != b"RIFF":
                big_sizes = self._ds64(self.exact(body, min(size, left), "ds64 chunk"), offset)
            elif chunk_id == "fmt ":
                fmt = self._fmt(self._body(body, size, offset, chunk_id), offset)
            elif chunk_id == "bext":
                bext = self._bext(self._body(body, size, offset, chunk_id), offset)
            elif chunk_id == "iXML":
                ixml, problem = parse_ixml(self._body(body, size, offset, chunk_id))
                if problem is not None:
                    warnings.append(
                        t(
                            "the iXML chunk at byte {offset} could not be read ({problem})",
                            offset=offset,
                            problem=problem,
                        )
                    )
            elif chunk_id == "data":
                if size > left:
                    raise self._short(chunk_id, offset, size, left)
                data = (body, size)
            offset = self._next(body, size, offset, chunk_id, warnings)
        if fmt is None or data is None:
            missing = "fmt " if fmt is None else "data"
            raise self.fail(
                t("the WAV file has no '{chunk}' chunk", chunk=missing),
                hint=t("The file is incomplete or not audio: copy it again from the recorder"),
            )
        recorder = recorder_fields(bext.description) if bext else {}
        return BwfInfo(
            path=self.name,
            container=magic.decode("ascii"),
            format=fmt,
            data_offset=data[0],
            data_size=data[1],
            chunks=tuple(chunks),
            bext=bext,
            ixml=ixml,
            recorder=recorder,
            warnings=tuple(warnings),
        )

    def _next(self, body: int, size: int, offset: int, chunk_id: str, warnings: list[Text]) -> int:
        """Where the next chunk starts: after the pad byte of an odd-sized chunk, unless
        the writer left it out (a known chunk id right after the body, none after the pad)."""
        end = body + size
        if not size & 1 or end + 8 > self.size:
            return end + (size & 1)
        self.handle.seek(end)
        ahead = self.handle.read(5)
        if (
            ahead[:4].decode("latin-1") in _KNOWN_IDS
            and ahead[1:5].decode("latin-1") not in _KNOWN_IDS
        ):
            warnings.append(
                t(
                    "the '{chunk}' chunk at byte {offset} has an odd size and no pad byte after "
                    "it; read without it",
                    chunk=chunk_id,
                    offset=offset,
                )
            )
            return end
        return end + 1

    def _chunk_id(self, raw: bytes, offset: int) -> str:
        if not all(32 <= b < 127 for b in raw):
            raise self.fail(
                t(
                    "unexpected bytes {found} where a chunk starts, at byte {offset}",
                    found=raw.hex(" "),
                    offset=offset,
                ),
                hint=t(
                    "The previous chunk's size is wrong or its pad byte is missing; the file "
                    "was damaged or badly written"
                ),
            )
        return raw.decode("ascii")

    def _short(self, chunk_id: str, offset: int, size: int, left: int) -> ParseError:
        return self.fail(
            t(
                "the '{chunk}' chunk at byte {offset} announces {size} bytes but only {left} "
                "remain",
                chunk=chunk_id,
                offset=offset,
                size=size,
                left=left,
            ),
            hint=t("The file is truncated: copy it again from the recorder's card"),
        )

    def _body(self, body: int, size: int, offset: int, chunk_id: str) -> bytes:
        if size > self.size - body:
            raise self._short(chunk_id, offset, size, self.size - body)
        if size > _MAX_META:
            raise self.fail(
                t(
                    "the '{chunk}' chunk at byte {offset} is {size} bytes, too large for metadata",
                    chunk=chunk_id,
                    offset=offset,
                    size=size,
                )
            )
        return self.exact(body, size, f"'{chunk_id}' chunk")

    def _ds64(self, body: bytes, offset: int) -> dict[str, int]:
        if len(body) < 28:
            raise self._too_small("ds64", offset, len(body), 28)
        riff, data, _samples, table = struct.unpack_from("<QQQI", body)
        sizes = {"RF64": riff, "BW64": riff, "data": data}
        for n in range(table):
            at = 28 + n * 12
            if at + 12 > len(body):
                break
            cid, csize = struct.unpack_from("<4sQ", body, at)
            sizes[cid.decode("latin-1")] = csize
        return sizes

    def _too_small(self, chunk_id: str, offset: int, size: int, minimum: int) -> ParseError:
        return self.fail(
            t(
                "the '{chunk}' chunk at byte {offset} is {size} bytes, shorter than the "
                "{minimum} its format requires",
                chunk=chunk_id,
                offset=offset,
                size=size,
                minimum=minimum,
            )
        )

    def _fmt(self, body: bytes, offset: int) -> WaveFormat:
        if len(body) < 16:
            raise self._too_small("fmt ", offset, len(body), 16)
        tag, channels, rate, byte_rate, align, bits = struct.unpack_from("<HHIIHH", body)
        if channels == 0 or rate == 0 or align == 0:
            raise self.fail(
                t(
                    "the 'fmt ' chunk at byte {offset} gives {channels} channels at {rate} Hz "
                    "with {align}-byte frames",
                    offset=offset,
                    channels=channels,
                    rate=rate,
                    align=align,
                )
            )
        if tag != 0xFFFE:
            return WaveFormat(tag, channels, rate, byte_rate, align, bits)
        if len(body) < 40:
            raise self._too_small("fmt ", offset, len(body), 40)
        _extra, valid, mask = struct.unpack_from("<HHI", body, 16)
        guid = body[24:40]
        sub = struct.unpack_from("<H", guid)[0] if guid[4:] == _KSDATAFORMAT_TAIL else None
        return WaveFormat(tag, channels, rate, byte_rate, align, bits, valid, mask, sub)

    def _bext(self, body: bytes, offset: int) -> Bext:
        if len(body) < _BEXT_FIXED:
            raise self._too_small("bext", offset, len(body), _BEXT_FIXED)
        low, high, version = struct.unpack_from("<IIH", body, 338)
        return Bext(
            description=_text(body[0:256]),
            originator=_text(body[256:288]),
            originator_reference=_text(body[288:320]),
            origination_date=_text(body[320:330]),
            origination_time=_text(body[330:338]),
            time_reference=(high << 32) | low,
            version=version,
            umid=body[348:412].rstrip(b"\0").hex(),
            coding_history=_text(body[_BEXT_FIXED:]).strip(),
        )


def _text(raw: bytes) -> str:
    raw = raw.split(b"\0", 1)[0]
    try:
        return raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return raw.decode("latin-1").strip()
