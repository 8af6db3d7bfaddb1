# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from regie.budget.chart import chart_from_pack, load_chart
from regie.budget.model import AddOnBase, ChartKind
from regie.core.errors import RuleError
from regie.rules.pack import Status, parse_pack
from regie.rules.registry import shipped_pack


@pytest.mark.parametrize("kind", list(ChartKind))
def test_nine_chapters_and_well_formed_accounts(kind: ChartKind) -> None:
    chart = load_chart(kind)
    assert [c.number for c in chart.chapters] == list(range(1, 10))
    codes = [a.code for c in chart.chapters for a in c.accounts]
    assert len(codes) == len(set(codes))
    for chapter in chart.chapters:
        assert chapter.accounts, f"chapter {chapter.number} has no account to book on"
        assert all(a.code[0] == str(chapter.number) == str(a.chapter) for a in chapter.accounts)


def test_cinema_titles_from_the_2018_form() -> None:
    # fr-labour-and-budget.md §1.1, table "The nine chapters" (CNC devis cinéma 2018)
    chart = load_chart(ChartKind.CINEMA)
    assert chart.ref == "devis-cnc-cinema@2026.1"
    assert [c.title for c in chart.chapters][:4] == [
        "Droits artistiques",
        "Personnel",
        "Équipe artistique",
        "Charges sociales et fiscales",
    ]
    expected = {
        "11": "Sujet",
        "19": "Agents littéraires et conseils",
        "21": "Producteurs",
        "31": "Rôles principaux",
        "47": "Impôts et taxes imputés au film",
        "52": "Décors naturels",
        "57": "Effets spéciaux et cascades",
        "67": "Transitaire et douane",
        "69": "Régie et divers",
        "76": "Pellicules et supports",
        "93": "Frais juridiques, frais divers et certification des comptes",
        "94": "Frais financiers",
    }
    for code, title in expected.items():
        account = chart.account(code)
        assert account is not None
        assert account.title == title
    assert chart.account("99") is None


def test_untitled_postes_are_catch_alls_marked_unverified() -> None:
    pack = shipped_pack("devis-cnc-cinema")
    for code in ("10", "20", "30", "41", "42", "60", "70", "80"):
        assert pack.value(f"account.{code}").status is Status.UNVERIFIED
    assert pack.value("account.51").status is Status.SECONDARY


def test_audiovisual_chart_is_unverified_throughout() -> None:
    # §1.1: "The TV (audiovisuel/COSIP) devis form was not found ... [UNVERIFIED]"
    pack = shipped_pack("devis-cnc-audiovisual")
    chart_values = [e for e in pack if not e.key.startswith("addon.")]
    assert chart_values
    assert all(e.status is Status.UNVERIFIED for e in chart_values)


def test_customary_addons_add_22_percent_of_the_fabrication_budget() -> None:
    # §1.2: frais généraux ≈ 7 %, salaire producteur ≈ 5 %, imprévus ≈ 10 %; a 3 M€
    # "fabrication" is "about 3.66 M€" with them (SRF / AFC on the 2013 avenant).
    chart = load_chart(ChartKind.CINEMA)
    rates = {a.key: a.rate for a in chart.addons}
    assert rates == {
        "overheads": Decimal("0.07"),
        "contingency": Decimal("0.10"),
        "producer_fee": Decimal("0.05"),
    }
    assert [a.key for a in chart.addons] == ["overheads", "contingency", "producer_fee"]
    assert all(a.base is AddOnBase.CHAPTERS for a in chart.addons)
    assert all(a.cited.status is Status.CUSTOMARY for a in chart.addons)
    assert "la-srf.fr" in chart.addons[0].cited.citation
    fabrication = Decimal(3_000_000)
    assert fabrication * (1 + sum(rates.values())) == Decimal(3_660_000)


def _newer(tmp_path: Path, edit: tuple[str, str]) -> tuple[Path, ...]:
    text = shipped_pack("devis-cnc-cinema").path
    assert text.startswith("regie/rules/packs/")
    source = Path(__file__).resolve().parents[2] / "src" / text
    body = source.read_text(encoding="utf-8").replace('version: "2026.1"', 'version: "2099.1"')
    old, new = edit
    assert old in body
    (tmp_path / "devis-cnc-cinema.yaml").write_text(body.replace(old, new, 1), encoding="utf-8")
    return (tmp_path,)


def test_newer_pack_in_the_production_folder_wins(tmp_path: Path) -> None:
    dirs = _newer(tmp_path, ('rate: "0.07"', 'rate: "0.06"'))
    chart = load_chart(ChartKind.CINEMA, extra_dirs=dirs)
    assert chart.ref == "devis-cnc-cinema@2099.1"
    assert chart.addons[0].rate == Decimal("0.06")
    assert load_chart(ChartKind.CINEMA).addons[0].rate == Decimal("0.07")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ('account.52:\n    value: {chapter: "5"', 'account.52:\n    value: {chapter: "6"'),
            "first digit is 5",
        ),
        (("  chapter.8:\n", "  unused.8:\n"), r"lacks chapter\(s\) 8"),
        (("account.69:", "account.6x:"), "not made of digits"),
        (('base: "chapters"', 'base: "everything"'), "unknown add-on base 'everything'"),
        (('rate: "0.10"', 'rate: "10"'), "not a share between 0 and 1"),
        (('{chapter: "1", title: "Sujet"', '{chapter: "1"'), "'account.11' has no 'title'"),
        (("  chapter.9:\n", "  chapter.10:\n"), "'chapter.10' is not a chapter"),
    ],
)
def test_broken_pack_is_refused(tmp_path: Path, edit: tuple[str, str], message: str) -> None:
    dirs = _newer(tmp_path, edit)
    with pytest.raises(RuleError, match=message):
        load_chart(ChartKind.CINEMA, extra_dirs=dirs)


def test_an_account_given_twice_is_refused() -> None:
    text = """
pack: devis-cnc-cinema
version: "1"
values:
  account.11:
    - {value: {chapter: "1", title: "Sujet"}, status: customary}
    - {value: {chapter: "1", title: "Sujet bis"}, status: customary}
"""
    with pytest.raises(RuleError, match=r"'account\.11' is defined more than once"):
        chart_from_pack(parse_pack(text, path="x.yaml"), ChartKind.CINEMA)
