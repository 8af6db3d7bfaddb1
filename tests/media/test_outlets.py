# SPDX-License-Identifier: AGPL-3.0-or-later
"""Format choice per outlet and the master spec read from the delivery-specs pack."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

import pytest

from regie.core.errors import NotFound
from regie.media.outlets import master_spec, outlet_ids, propose_formats
from regie.rules.pack import Status
from regie.rules.registry import shipped_pack

SPECS = shipped_pack("delivery-specs")
CODECS = shipped_pack("codec-rates")


def test_the_four_outlets() -> None:
    assert outlet_ids(SPECS) == ("broadcast-pad", "streaming-imf", "cinema-dcp", "web")


def test_the_pad_spec_keeps_each_value_status() -> None:
    spec = master_spec(SPECS, "broadcast-pad")
    assert spec.container is not None
    assert spec.container.allowed == ("mxf",)
    assert spec.video_codec is not None
    assert spec.video_codec.allowed == ("mpeg2video",)
    assert spec.raster is not None
    assert spec.raster.allowed == ("1920x1080",)
    assert spec.scan is not None
    assert spec.scan.allowed == ("interlaced",)
    assert spec.loudness_target is not None
    assert spec.loudness_target.value == Decimal(-23)
    assert spec.loudness_tolerance is not None
    assert spec.loudness_tolerance.cited.status is Status.UNVERIFIED  # R 128 ±0.5 to verify
    assert spec.true_peak_max is not None
    assert spec.true_peak_max.value == Decimal(-1)
    assert spec.audio_channels is not None
    assert spec.audio_channels.cited.status is Status.CUSTOMARY  # "8 tracks typical"


def test_streaming_and_cinema_specs() -> None:
    imf = master_spec(SPECS, "streaming-imf")
    assert imf.loudness_target is not None
    assert imf.loudness_target.value == Decimal(-27)
    assert imf.true_peak_max is not None
    assert imf.true_peak_max.value == Decimal(-2)
    assert imf.loudness_range is not None
    assert (imf.loudness_range.low, imf.loudness_range.high) == (Decimal(4), Decimal(18))
    dcp = master_spec(SPECS, "cinema-dcp")
    assert dcp.loudness_target is not None
    assert dcp.loudness_target.value is None
    assert dcp.video_codec is not None
    assert dcp.video_codec.allowed == ("jpeg2000",)


@pytest.mark.parametrize("outlet", ["broadcast-pad", "streaming-imf", "cinema-dcp", "web"])
def test_each_option_costs_its_rate_in_storage(outlet: str) -> None:
    found = propose_formats(SPECS, CODECS, outlet, hours=Decimal(10))
    roles = {o.role for o in found.options}
    assert {"acquisition", "intermediate", "proxy", "delivery"} <= roles
    for option in found.options:
        if option.mbps is None:
            assert option.gb_per_hour is None
            assert option.total_bytes is None
            continue
        per_hour = option.mbps * 3600 / 8 / 1000  # Mb/s → GB per hour
        assert option.gb_per_hour == per_hour.quantize(Decimal("0.01"), ROUND_CEILING)
        assert option.total_bytes is not None
        assert abs(option.total_bytes - option.mbps * 10**6 * 3600 * 10 / 8) < 1
        if option.role != "delivery":
            assert option.rate is not None
            assert option.cited == option.rate.cited
            assert option.proposed_by.status is Status.CUSTOMARY


def test_delivery_rates_come_from_the_spec_or_the_codec_table() -> None:
    pad = propose_formats(SPECS, CODECS, "broadcast-pad").by_role("delivery")
    assert [o.mbps for o in pad] == [Decimal(50)]
    assert pad[0].rate is not None
    assert pad[0].rate.key == "xdcam-hd422-50.1920x1080.25"
    imf = propose_formats(SPECS, CODECS, "streaming-imf").by_role("delivery")
    assert [o.mbps for o in imf] == [None]  # no JPEG 2000 rate sourced
    dcp = propose_formats(SPECS, CODECS, "cinema-dcp").by_role("delivery")
    assert [(o.mbps, o.basis) for o in dcp] == [(Decimal(250), "maximum")]


def test_an_unknown_outlet_lists_the_known_ones() -> None:
    with pytest.raises(NotFound) as refused:
        propose_formats(SPECS, CODECS, "tv")
    assert "broadcast-pad" in str(refused.value)
