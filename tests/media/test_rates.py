# SPDX-License-Identifier: AGPL-3.0-or-later
"""Codec rate lookup: exact rows only, aliases, and errors that name the nearest rows."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from regie.core.errors import RuleError, ValidationError
from regie.media.rates import codec_rates, lookup, parse_raster, rate_by_key, same_fps
from regie.rules.pack import Status, parse_pack
from regie.rules.registry import shipped_pack

SMALL = """
pack: codec-rates
version: "1"
sources:
  S: {title: "a vendor table"}
values:
  prores-422-hq.1920x1080.25:
    value: {codec: "Apple ProRes", variant: "ProRes 422 HQ",
             resolution: "1920x1080", fps: "25", mbps: "184"}
    status: secondary
    source: [S]
  prores-422-hq.1920x1080.50:
    value: {codec: "Apple ProRes", variant: "ProRes 422 HQ",
             resolution: "1920x1080", fps: "50", mbps: "367"}
    status: secondary
    source: [S]
  prores-422-hq.3840x2160.25:
    value: {codec: "Apple ProRes", variant: "ProRes 422 HQ",
             resolution: "3840x2160", fps: "25", mbps: "737"}
    status: secondary
    source: [S]
  prores-422-hq.1920x1080.23.976:
    value: {codec: "Apple ProRes", variant: "ProRes 422 HQ",
             resolution: "1920x1080", fps: "23.976", mbps: "176"}
    status: secondary
    source: [S]
"""


@pytest.fixture
def small() -> object:
    return parse_pack(SMALL, path="small.yaml")


def test_an_exact_row_is_found_with_its_rule(small: object) -> None:
    rate = lookup(small, "ProRes 422 HQ", "3840x2160", "25")  # type: ignore[arg-type]
    assert (rate.mbps, rate.width, rate.height, rate.fps) == (Decimal(737), 3840, 2160, Decimal(25))
    assert rate.cited.pack == "codec-rates@1"
    assert rate.cited.status is Status.SECONDARY
    assert rate.key == "prores-422-hq.3840x2160.25"


def test_spellings_of_the_same_row(small: object) -> None:
    pack = small
    wanted = lookup(pack, "ProRes 422 HQ", "1920x1080", "23.976")  # type: ignore[arg-type]
    for variant, raster, fps in (
        ("prores 422 hq", "HD", "23,976"),
        ("PRORES-422-HQ", "1920 × 1080", Decimal("23.976")),
        ("Apple ProRes ProRes 422 HQ", "1920X1080", "23.976"),
    ):
        assert lookup(pack, variant, raster, fps) == wanted  # type: ignore[arg-type]


def test_no_interpolation_the_error_names_the_nearest_rows(small: object) -> None:
    with pytest.raises(ValidationError) as refused:
        lookup(small, "ProRes 422 HQ", "1920x1080", "30")  # type: ignore[arg-type]
    message = str(refused.value)
    assert "does not interpolate" in message
    # same raster first, then the nearest frame rate: 25 and 23.976 before 50
    assert message.index("1920x1080 25 fps (184 Mb/s)") < message.index("1920x1080 50 fps")
    assert message.index("1920x1080 23.976 fps") < message.index("1920x1080 50 fps")
    assert message.index("1920x1080 50 fps") < message.index("3840x2160 25 fps")


def test_an_unknown_variant_suggests_close_names(small: object) -> None:
    with pytest.raises(ValidationError) as refused:
        lookup(small, "ProRes 422 HQQ", "1920x1080", "25")  # type: ignore[arg-type]
    assert "ProRes 422 HQ" in str(refused.value)
    assert refused.value.where is not None


def test_bad_raster_and_fps_are_refused() -> None:
    with pytest.raises(ValidationError):
        parse_raster("big")
    with pytest.raises(ValidationError):
        lookup(shipped_pack("codec-rates"), "ProRes 422 HQ", "1920x1080", "fast")


def test_a_malformed_row_is_a_rule_error() -> None:
    broken = SMALL.replace('resolution: "3840x2160"', 'resolution: "wide"')
    with pytest.raises(RuleError):
        codec_rates(parse_pack(broken, path="broken.yaml"))


def test_bytes_per_hour_and_fractional_rates() -> None:
    rate = rate_by_key(shipped_pack("codec-rates"), "prores-422-hq.3840x2160.25")
    assert rate.bytes_per_hour == rate.mbps * 1_000_000 * 3600 / 8
    assert same_fps(Decimal(24000) / Decimal(1001), Decimal("23.976"))
    assert same_fps(Decimal(30000) / Decimal(1001), Decimal("29.97"))
    assert not same_fps(Decimal(24), Decimal("23.976"))
    fraction = Fraction(24000, 1001)
    row = lookup(shipped_pack("codec-rates"), "DNxHR LB", "UHD", Decimal(fraction.numerator)
                 / Decimal(fraction.denominator))  # fmt: skip
    assert row.fps == Decimal("23.976")


def test_every_shipped_row_reads_and_names_its_codec() -> None:
    rows = codec_rates(shipped_pack("codec-rates"))
    assert len({r.key for r in rows}) == len(rows)
    for row in rows:
        assert row.mbps > 0
        assert row.cited.citation
        assert row.codec.split()[0].lower() in row.label.lower() or row.variant in row.label
