# SPDX-License-Identifier: AGPL-3.0-or-later
"""Codec data rates (débits) from the ``codec-rates`` rule pack, and the explained figure.

A rate is one row of the pack: a codec variant at one raster and frame rate, in Mb/s
(10^6 bits per second), with the row's status and source. :func:`lookup` finds the row
for a variant, a raster and a frame rate; regie never interpolates between rows: an
absent combination is refused with the nearest rows the pack does hold, so the user adds
their camera's own figure (a production's copy of the pack) instead of trusting a guess.

:class:`Step` is one explained operation (``label = value``) of the media computations
(storage sizing, format choice, archive plan), like :class:`regie.budget.explain.Step`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from regie.budget.model import Cited
from regie.core.errors import RuleError, ValidationError
from regie.core.text import Gettext, Text, english, render, t
from regie.rules.pack import RulePack, RuleValue

BITS_PER_BYTE = 8
MEGA = 10**6
SECONDS_PER_HOUR = 3600
RASTER_ALIASES: Mapping[str, str] = {"HD": "1920x1080", "UHD": "3840x2160"}
_RASTER = re.compile(r"^\s*(\d{2,5})\s*[x×X*]\s*(\d{2,5})\s*$")
_WORDS = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Step:
    """One operation of an explanation: ``label = value``; ``amount`` is the exact result
    in ``unit`` (``bytes``, ``h``, ``tapes``, ``USD``, ``kgCO2e``…)."""

    label: Text
    value: Text | str
    amount: Decimal
    unit: str
    cited: Cited | None = None

    def render(self, gettext: Gettext = english) -> str:
        return f"{self.label.translate(gettext)} = {render(self.value, gettext)}"

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True, slots=True)
class CodecRate:
    """One row of the codec-rates pack."""

    key: str  # "prores-422-hq.3840x2160.25"
    codec: str  # "Apple ProRes"
    variant: str  # "ProRes 422 HQ"
    width: int
    height: int
    fps: Decimal  # as written: 23.976, 25, 29.97
    mbps: Decimal  # 10^6 bits per second
    cited: Cited

    @property
    def resolution(self) -> str:
        return f"{self.width}x{self.height}"

    @property
    def name(self) -> str:
        """The variant, prefixed with the codec when the variant does not name it
        (``"ARRIRAW 12-bit uncompressed…"``, but ``"ProRes 422 HQ"``)."""
        words = [w for w in self.codec.lower().replace("(", " ").split() if len(w) > 3]
        if any(w in self.variant.lower() for w in words):
            return self.variant
        return f"{self.codec} {self.variant}"

    @property
    def label(self) -> str:
        return f"{self.name} {self.resolution} {self.fps} fps"

    @property
    def bytes_per_hour(self) -> Decimal:
        """Exact bytes for one hour of material: Mb/s × 10^6 × 3600 ÷ 8."""
        return self.mbps * MEGA * SECONDS_PER_HOUR / BITS_PER_BYTE


def cite(pack: RulePack, entry: RuleValue) -> Cited:
    return Cited(pack.ref, entry.key, entry.status, entry.citation(), entry.note)


def codec_rates(pack: RulePack) -> tuple[CodecRate, ...]:
    """Every row of the pack, in file order."""
    return tuple(_rate(pack, entry) for entry in pack)


def rate_by_key(pack: RulePack, key: str) -> CodecRate:
    """The row ``key`` (``prores-422-proxy.1920x1080.25``) of the pack."""
    return _rate(pack, pack.value(key))


def parse_raster(text: str, *, field: str = "resolution") -> tuple[int, int]:
    """``"3840x2160"``, ``"3840 × 2160"``, ``"UHD"`` → ``(3840, 2160)``."""
    raw = RASTER_ALIASES.get(text.strip().upper(), text)
    match = _RASTER.match(raw)
    if match is None:
        raise ValidationError(
            t("'{value}' is not a picture size", value=text),
            field=field,
            hint=t("Write width x height in pixels, e.g. 3840x2160 (or HD, UHD)"),
        )
    return int(match.group(1)), int(match.group(2))


def parse_fps(text: str | Decimal | Fraction, *, field: str = "fps") -> Decimal:
    """``"25"``, ``"29,97"``, ``Decimal("23.976")`` → Decimal; refuses anything else."""
    if isinstance(text, Fraction):
        return Decimal(text.numerator) / Decimal(text.denominator)
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value <= 0:
        raise ValidationError(
            t("'{value}' is not a frame rate", value=text),
            field=field,
            hint=t("Write frames per second, e.g. 25 or 23.976"),
        )
    return value


def same_fps(measured: Decimal, nominal: Decimal) -> bool:
    """Whether ``measured`` is the rate written ``nominal`` (``24000/1001`` is ``23.976``):
    equal once rounded to the decimals the nominal rate is written with."""
    exponent = nominal.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return measured.quantize(Decimal(1).scaleb(-places)) == nominal.quantize(
        Decimal(1).scaleb(-places)
    )


def lookup(
    pack: RulePack, variant: str, resolution: str, fps: str | Decimal, *, field: str = "codec"
) -> CodecRate:
    """The row for ``variant`` (``"ProRes 422 HQ"``, ``"prores 422 hq"``, ``"DNxHR LB"``)
    at ``resolution`` and ``fps``; a clear error naming the nearest rows otherwise."""
    rows = codec_rates(pack)
    candidates = _variant_rows(rows, variant)
    if not candidates:
        names = sorted({r.variant for r in rows})
        close = difflib.get_close_matches(variant, names, n=4, cutoff=0.4)
        raise ValidationError(
            t("no codec variant '{variant}' in {pack}", variant=variant, pack=pack.ref),
            field=field,
            hint=t(
                "Known variants include: {names}. A production adds its camera's own rates "
                "in its rules/codec-rates.yaml",
                names="; ".join(close or names[:8]),
            ),
        )
    width, height = parse_raster(resolution, field=field)
    rate = parse_fps(fps, field=field)
    for row in candidates:
        if (row.width, row.height) == (width, height) and same_fps(rate, row.fps):
            return row
    nearest = sorted(
        candidates,
        key=lambda r: (
            (r.width, r.height) != (width, height),
            abs(r.fps - rate),
            abs(r.width * r.height - width * height),
        ),
    )[:4]
    raster = f"{width}x{height}"
    raise ValidationError(
        t(
            "no data rate for {variant} at {resolution} and {fps} fps in {pack}",
            variant=candidates[0].variant,
            resolution=raster,
            fps=rate,
            pack=pack.ref,
        ),
        field=field,
        hint=t(
            "regie does not interpolate between rates; the nearest known are {nearest}. "
            "Pick one of them, or add your camera's own figure to the production's "
            "rules/codec-rates.yaml",
            nearest="; ".join(f"{r.resolution} {r.fps} fps ({r.mbps} Mb/s)" for r in nearest),
        ),
    )


def _norm(text: str) -> str:
    return _WORDS.sub("", text.lower())


def _variant_rows(rows: tuple[CodecRate, ...], variant: str) -> list[CodecRate]:
    wanted = _norm(variant)
    if not wanted:
        return []
    exact = [
        r
        for r in rows
        if wanted
        in (
            _norm(r.variant),
            _norm(r.variant.split("(")[0]),
            _norm(f"{r.codec} {r.variant}"),
            _norm(r.key.split(".")[0]),
        )
    ]
    variants = {r.variant for r in exact}
    if len(variants) > 1:
        raise ValidationError(
            t("'{variant}' names several codec variants: {names}", variant=variant,
              names="; ".join(sorted(variants))),
            field="codec",
            hint=t("Write the variant in full"),
        )  # fmt: skip
    return exact


def _rate(pack: RulePack, entry: RuleValue) -> CodecRate:
    value = entry.value
    if not isinstance(value, Mapping):
        raise RuleError(
            t("codec rate '{key}' must be a mapping", key=entry.key),
            where=pack.path,
            hint=t("Write codec, variant, resolution, fps and mbps"),
        )
    try:
        width, height = parse_raster(str(value["resolution"]))
        return CodecRate(
            key=entry.key,
            codec=str(value["codec"]),
            variant=str(value["variant"]),
            width=width,
            height=height,
            fps=parse_fps(str(value["fps"])),
            mbps=entry.decimal("mbps"),
            cited=cite(pack, entry),
        )
    except (KeyError, ValidationError) as problem:
        raise RuleError(
            t("codec rate '{key}' is incomplete or malformed ({problem})", key=entry.key,
              problem=str(problem)),
            where=pack.path,
            hint=t("Write codec, variant, resolution (WxH), fps and mbps"),
        ) from None  # fmt: skip
