# SPDX-License-Identifier: AGPL-3.0-or-later
"""Tax-credit case files (JSON): read and check them, and name the result's figures the way
the case's ``expected`` object does.

A case file (the shape of the shared ``taxcredit-examples``)::

    {"id": "H10", "description": "...",
     "regime": {"credit": "credit_impot_audiovisuel", "genre": "fiction", ...},
     "inputs": {"minutes_produced_delivered": 52, "production_cost_eur": 1300000,
                "eligible_expenses_eur": 800000},
     "expected": {"credit_eur": 200000.0, ...}}

Only ``regime.credit``, ``regime.genre`` and ``inputs`` are read for the computation;
rates, caps and thresholds a case may state are ignored (they come from regie's packs).
Numbers are read as exact decimals (JSON numbers never pass through float). Inputs may
use a few common spellings (:data:`INPUT_NAMES`); eligible spend is either stated or
derived from ``inputs.spend_lines``. Every refusal names the file and the JSON path
(``$.inputs.minutes_produced_delivered``) and says what to write instead.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Final

from regie.core.errors import InputError, ParseError
from regie.core.text import Text, t
from regie.finance.taxcredit.eligibility import SpendCategory, SpendLine
from regie.finance.taxcredit.model import (
    Coproducer,
    Credit,
    Genre,
    TaxCreditCase,
    TaxCreditInputs,
    TaxCreditResult,
)
from regie.formats.guards import check_size

MAX_CASE_BYTES: Final = 5 * 1024 * 1024

CREDIT_NAMES: Final[dict[str, Credit]] = {
    "credit_impot_audiovisuel": Credit.AUDIOVISUAL,
    "audiovisual": Credit.AUDIOVISUAL,
    "audiovisuel": Credit.AUDIOVISUAL,
    "credit_impot_cinema": Credit.CINEMA,
    "cinema": Credit.CINEMA,
    "credit_impot_international": Credit.INTERNATIONAL,
    "international": Credit.INTERNATIONAL,
    "c2i": Credit.INTERNATIONAL,
    "trip": Credit.INTERNATIONAL,
}
GENRE_NAMES: Final[dict[str, Genre]] = {
    "fiction": Genre.FICTION,
    "live_action": Genre.FICTION,
    "documentary": Genre.DOCUMENTARY,
    "documentaire": Genre.DOCUMENTARY,
    "animation": Genre.ANIMATION,
    "live_show": Genre.LIVE_SHOW,
    "live_show_adaptation": Genre.LIVE_SHOW,
    "spectacle": Genre.LIVE_SHOW,
    "spectacle_vivant": Genre.LIVE_SHOW,
    "adaptation_spectacle": Genre.LIVE_SHOW,
    "captation": Genre.LIVE_SHOW,
}
# Each input and the names a case may give it (the first is the documented one).
INPUT_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "minutes": ("minutes_produced_delivered", "minutes", "duration_minutes",
                "running_time_minutes", "minutes_produced", "minutes_delivered"),
    "production_cost": ("production_cost_eur", "production_budget_eur", "budget_eur",
                        "final_cost_eur", "total_budget_eur", "total_cost_eur", "cost_eur"),
    "eligible_expenses": ("eligible_expenses_eur", "eligible_spend_eur",
                          "eligible_french_expenses_eur", "french_eligible_expenses_eur",
                          "eligible_french_spend_eur", "french_eligible_spend_eur",
                          "french_expenses_eur", "french_spend_eur", "eligible_expenditure_eur"),
    "subsidies": ("subsidies_eur", "public_subsidies_eur", "subsidies_deducted_eur",
                  "subsidies_received_eur"),
    "other_public_aid": ("other_public_aid_eur", "public_aid_eur", "other_aid_eur",
                         "public_aid_excluding_credit_eur", "public_aid_other_eur"),
    "difficult_work": ("difficult_work", "difficult"),
    "low_budget": ("low_budget", "low_budget_work"),
    "french_language": ("french_language", "shot_in_french", "mainly_french", "language",
                        "original_language"),
    "digital_shots_share": ("digitally_processed_shots_share", "digital_shots_share",
                            "vfx_shots_share", "digitally_processed_shots",
                            "digitally_processed_shots_ratio"),
    "vfx_expenses": ("vfx_expenses_eur", "french_vfx_expenses_eur", "vfx_spend_eur",
                     "french_vfx_spend_eur", "vfx_eligible_expenses_eur"),
    "shooting_days_france": ("shooting_days_france", "shooting_days_in_france",
                             "shooting_days"),
    "french_share": ("french_share", "french_coproduction_share"),
    "episodes": ("episodes",),
    "minutes_per_episode": ("minutes_per_episode",),
    "coproducers": ("coproducers", "delegated_producers", "producers"),
    "spend_lines": ("spend_lines", "lines"),
}  # fmt: skip
_PERCENT_SUFFIXES: Final = ("_pct", "_percent")
_ELIDED: Final = frozenset({"d", "de", "du", "l", "la", "le"})  # "crédit d'impôt" → credit_impot
_FRENCH: Final = frozenset({"fr", "fra", "fre", "french", "francais", "français"})


@dataclass(frozen=True, slots=True)
class CaseFile:
    """A case file as read: the regime, the inputs, and the names of its expected figures.
    ``eligible_expenses`` is ``None`` when the spend comes from ``spend_lines``."""

    filename: str
    case_id: str
    title: str
    credit: Credit
    genre: Genre
    inputs: TaxCreditInputs
    eligible_expenses: Decimal | None
    spend_lines: tuple[SpendLine, ...]
    on: dt.date | None
    expected_names: tuple[str, ...]
    ignored: tuple[str, ...]  # input names regie does not read

    def case(self, on: dt.date, eligible_expenses: Decimal | None = None) -> TaxCreditCase:
        """The case to compute: ``on`` unless the file gives its own date; the eligible
        spend stated by the file, else ``eligible_expenses`` (derived from its lines)."""
        spend = self.eligible_expenses if self.eligible_expenses is not None else eligible_expenses
        inputs = self.inputs if spend is None else replace(self.inputs, eligible_expenses=spend)
        return TaxCreditCase(
            self.credit, self.genre, inputs, self.on or on, self.case_id, self.title
        )


class _Reader:
    def __init__(self, filename: str) -> None:
        self.filename = filename

    def error(self, path: str, what: Text, hint: Text | None = None) -> InputError:
        return InputError(what, where=t("{file}, {path}", file=self.filename, path=path), hint=hint)

    def obj(self, value: object, path: str) -> Mapping[str, object]:
        if not isinstance(value, Mapping):
            raise self.error(path, t("must be a JSON object, not {got}", got=_kind(value)))
        return value

    def decimal(self, value: object, path: str, *, minimum: Decimal = Decimal(0)) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
            raise self.error(
                path,
                t("must be a number, not {got}", got=_kind(value)),
                t("Write it as a JSON number, e.g. 1300000"),
            )
        try:
            number = (
                Decimal("".join(value.split()).replace("\u202f", "").replace(",", "."))
                if isinstance(value, str)
                else Decimal(value)
            )
        except InvalidOperation:
            raise self.error(path, t("'{value}' is not a number", value=value)) from None
        if not number.is_finite() or number < minimum:
            raise self.error(path, t("must be a number of at least {minimum}", minimum=minimum))
        return number

    def boolean(self, value: object, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.error(path, t("must be true or false, not {got}", got=_kind(value)))
        return value

    def text(self, value: object, path: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(path, t("must be a non-empty text, not {got}", got=_kind(value)))
        return value.strip()


def _kind(value: object) -> Text:
    if value is None:
        return t("null")
    if isinstance(value, bool):
        return t("a boolean")
    if isinstance(value, int | Decimal):
        return t("a number")
    if isinstance(value, str):
        return t("a text")
    if isinstance(value, list):
        return t("a list")
    return t("an object")


def normal_name(raw: str) -> str:
    """``"Crédit d'impôt audiovisuel"`` → ``"credit_impot_audiovisuel"``."""
    folded = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii")
    words = folded.lower().replace("-", " ").replace("'", " ").replace("\u2019", " ").split()
    return "_".join(w for w in words if w not in _ELIDED)


def read_case(data: bytes, filename: str) -> CaseFile:
    """Read a case file; :class:`InputError` names the file and the JSON path."""
    check_size(data, filename=filename, limit=MAX_CASE_BYTES)
    try:
        document = json.loads(data.decode("utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError:
        raise ParseError(t("the case file is not UTF-8 text"), file=filename) from None
    except json.JSONDecodeError as error:
        raise ParseError(
            t("not valid JSON: {reason}", reason=error.msg), file=filename, line=error.lineno
        ) from None
    reader = _Reader(filename)
    root = reader.obj(document, "$")
    if "regime" not in root:
        raise reader.error("$.regime", t("is missing"), t("Add the regime: its credit and genre"))
    regime = reader.obj(root["regime"], "$.regime")
    credit = _credit(reader, regime)
    genre = _genre(reader, regime, credit)
    if "inputs" not in root:
        raise reader.error("$.inputs", t("is missing"), t("Add the inputs of the computation"))
    inputs, stated, lines, ignored = read_inputs(
        reader, reader.obj(root["inputs"], "$.inputs"), credit, genre
    )
    expected = root.get("expected")
    return CaseFile(
        filename=filename,
        case_id=str(root.get("id", "")),
        title=str(root.get("description", "")),
        credit=credit,
        genre=genre,
        inputs=inputs,
        eligible_expenses=stated,
        spend_lines=lines,
        on=_date(reader, root),
        expected_names=tuple(expected) if isinstance(expected, Mapping) else (),
        ignored=ignored,
    )


def _credit(reader: _Reader, regime: Mapping[str, object]) -> Credit:
    if "credit" not in regime:
        raise reader.error(
            "$.regime.credit",
            t("is missing"),
            t("Use one of: {names}", names=", ".join(CREDIT_NAMES)),
        )
    raw = reader.text(regime["credit"], "$.regime.credit")
    found = CREDIT_NAMES.get(normal_name(raw))
    if found is None:
        raise reader.error(
            "$.regime.credit",
            t("unknown credit '{credit}'", credit=raw),
            t("Use one of: {names}", names=", ".join(CREDIT_NAMES)),
        )
    return found


def _genre(reader: _Reader, regime: Mapping[str, object], credit: Credit) -> Genre:
    if "genre" not in regime:
        if credit is Credit.CINEMA:
            return Genre.FICTION
        raise reader.error(
            "$.regime.genre",
            t("is missing"),
            t("Use one of: {names}", names=", ".join(GENRE_NAMES)),
        )
    raw = reader.text(regime["genre"], "$.regime.genre")
    found = GENRE_NAMES.get(normal_name(raw))
    if found is None:
        raise reader.error(
            "$.regime.genre",
            t("unknown genre '{genre}'", genre=raw),
            t("Use one of: {names}", names=", ".join(GENRE_NAMES)),
        )
    return found


def _date(reader: _Reader, root: Mapping[str, object]) -> dt.date | None:
    for path, holder in (("$.date", root), ("$.inputs.date", root.get("inputs"))):
        if isinstance(holder, Mapping) and holder.get("date") is not None:
            raw = reader.text(holder["date"], path)
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                raise reader.error(
                    path, t("'{value}' is not a date", value=raw), t("Write it as YYYY-MM-DD")
                ) from None
    return None


# -- inputs --------------------------------------------------------------------------------


def _pick(reader: _Reader, raw: Mapping[str, object], name: str) -> tuple[object, str, bool] | None:
    """``(value, path, is_percent)`` of the first spelling of input ``name`` present."""
    for spelling in INPUT_NAMES[name]:
        for suffix in ("", *_PERCENT_SUFFIXES):
            key = spelling + suffix
            if key in raw and raw[key] is not None:
                return raw[key], f"$.inputs.{key}", bool(suffix)
    return None


def _amount(reader: _Reader, raw: Mapping[str, object], name: str) -> Decimal | None:
    picked = _pick(reader, raw, name)
    if picked is None:
        return None
    value, path, percent = picked
    number = reader.decimal(value, path)
    return number / 100 if percent else number


def _share(reader: _Reader, raw: Mapping[str, object], name: str) -> Decimal | None:
    """A share written 0..1, or as a percentage (a ``_pct`` name, or a value above 1)."""
    picked = _pick(reader, raw, name)
    if picked is None:
        return None
    value, path, percent = picked
    number = reader.decimal(value, path)
    if percent or number > 1:
        number = number / 100
    if number > 1:
        raise reader.error(path, t("must be a share from 0 to 1 (or a percentage up to 100)"))
    return number


def _flag(reader: _Reader, raw: Mapping[str, object], name: str) -> bool | None:
    picked = _pick(reader, raw, name)
    if picked is None:
        return None
    value, path, _ = picked
    if name == "french_language" and isinstance(value, str):
        return normal_name(value) in _FRENCH
    return reader.boolean(value, path)


def read_inputs(
    reader: _Reader, raw: Mapping[str, object], credit: Credit, genre: Genre
) -> tuple[TaxCreditInputs, Decimal | None, tuple[SpendLine, ...], tuple[str, ...]]:
    """``(inputs, stated eligible spend, spend lines, ignored names)``."""
    known = {
        s + x for names in INPUT_NAMES.values() for s in names for x in ("", *_PERCENT_SUFFIXES)
    } | {"date"}
    ignored = tuple(sorted(k for k in raw if k not in known))
    minutes = _amount(reader, raw, "minutes")
    episodes = _amount(reader, raw, "episodes")
    per_episode = _amount(reader, raw, "minutes_per_episode")
    if minutes is None and episodes is not None and per_episode is not None:
        minutes = episodes * per_episode
    cost = _amount(reader, raw, "production_cost")
    stated = _amount(reader, raw, "eligible_expenses")
    lines = _spend_lines(reader, raw)
    names = ", ".join(INPUT_NAMES["eligible_expenses"][:1] + INPUT_NAMES["spend_lines"][:1])
    if stated is None and not lines:
        raise reader.error(
            "$.inputs.eligible_expenses_eur",
            t("is missing"),
            t("State the eligible spend or list the spend lines ({names})", names=names),
        )
    if credit is Credit.AUDIOVISUAL and minutes is None:
        raise reader.error(
            "$.inputs.minutes_produced_delivered",
            t("is missing"),
            t("The audiovisual credit is computed per minute produced and delivered"),
        )
    if credit is Credit.AUDIOVISUAL and genre is Genre.FICTION and cost is None:
        raise reader.error(
            "$.inputs.production_cost_eur",
            t("is missing"),
            t("The fiction ceiling per minute depends on the production cost per minute"),
        )
    days = _amount(reader, raw, "shooting_days_france")
    inputs = TaxCreditInputs(
        eligible_expenses=stated if stated is not None else Decimal(0),
        minutes=minutes,
        production_cost=cost,
        subsidies=_amount(reader, raw, "subsidies") or Decimal(0),
        other_public_aid=_amount(reader, raw, "other_public_aid"),
        difficult_work=bool(_flag(reader, raw, "difficult_work")),
        low_budget=_flag(reader, raw, "low_budget"),
        french_language=_flag(reader, raw, "french_language"),
        digital_shots_share=_share(reader, raw, "digital_shots_share"),
        vfx_expenses=_amount(reader, raw, "vfx_expenses"),
        shooting_days_france=None if days is None else int(days),
        french_share=_share(reader, raw, "french_share"),
        coproducers=_coproducers(reader, raw, stated),
    )
    return inputs, stated, lines, ignored


def _coproducers(
    reader: _Reader, raw: Mapping[str, object], total: Decimal | None
) -> tuple[Coproducer, ...]:
    picked = _pick(reader, raw, "coproducers")
    if picked is None:
        return ()
    value, path, _ = picked
    if not isinstance(value, list):
        raise reader.error(path, t("must be a list, not {got}", got=_kind(value)))
    out: list[Coproducer] = []
    for i, item in enumerate(value):
        where = f"{path}[{i}]"
        entry = reader.obj(item, where)
        name = reader.text(entry.get("name", entry.get("id", f"#{i + 1}")), f"{where}.name")
        amount = next(
            (
                entry[k]
                for k in ("eligible_expenses_eur", "eligible_expenses", "eligible_spend_eur")
                if k in entry
            ),
            None,
        )
        if amount is not None:
            expenses = reader.decimal(amount, f"{where}.eligible_expenses_eur")
        elif "share" in entry and total is not None:
            share = _share(reader, {"french_share": entry["share"]}, "french_share")
            expenses = total * (share or Decimal(0))
        else:
            raise reader.error(
                f"{where}.eligible_expenses_eur",
                t("is missing"),
                t("Give each delegated producer's eligible expenses"),
            )
        out.append(Coproducer(name, expenses))
    return tuple(out)


def _spend_lines(reader: _Reader, raw: Mapping[str, object]) -> tuple[SpendLine, ...]:
    picked = _pick(reader, raw, "spend_lines")
    if picked is None:
        return ()
    value, path, _ = picked
    if not isinstance(value, list):
        raise reader.error(path, t("must be a list, not {got}", got=_kind(value)))
    lines: list[SpendLine] = []
    for i, item in enumerate(value):
        where = f"{path}[{i}]"
        entry = reader.obj(item, where)
        account = entry.get("account", entry.get("chapter"))
        if isinstance(account, int) and not isinstance(account, bool):
            account = str(account)
        category = None
        if entry.get("category") is not None:
            raw_category = reader.text(entry["category"], f"{where}.category")
            try:
                category = SpendCategory(normal_name(raw_category))
            except ValueError:
                raise reader.error(
                    f"{where}.category",
                    t("unknown category '{category}'", category=raw_category),
                    t("Use one of: {names}", names=", ".join(c.value for c in SpendCategory)),
                ) from None
        if account is None and category is None:
            raise reader.error(
                f"{where}.account",
                t("is missing"),
                t('Give the devis account (e.g. "21") or a category'),
            )
        amount_raw = entry.get("amount_eur", entry.get("amount"))
        if amount_raw is None:
            raise reader.error(f"{where}.amount_eur", t("is missing"))
        european = entry.get("payee_french_or_european", entry.get("french_or_european"))
        lines.append(
            SpendLine(
                ref=str(entry.get("ref", entry.get("id", f"#{i + 1}"))),
                account=reader.text(account, f"{where}.account") if account is not None else "",
                amount=reader.decimal(amount_raw, f"{where}.amount_eur"),
                description=str(entry.get("description", "")),
                category=category,
                country=reader.text(entry.get("country", "FR"), f"{where}.country").upper(),
                region=str(entry["region"]) if entry.get("region") else None,
                payee_residence=(
                    reader.text(entry["payee_residence"], f"{where}.payee_residence").upper()
                    if entry.get("payee_residence")
                    else None
                ),
                payee_french_or_european=(
                    None
                    if european is None
                    else reader.boolean(european, f"{where}.payee_french_or_european")
                ),
                french_social_security=reader.boolean(
                    entry.get("french_social_security", True), f"{where}.french_social_security"
                ),
                excluded=reader.boolean(entry.get("excluded", False), f"{where}.excluded"),
            )
        )
    return tuple(lines)


# -- naming the result's figures ----------------------------------------------------------

# Other names a case's ``expected`` may use for regie's figures.
OUTPUT_ALIASES: Final[dict[str, str]] = {
    "tax_credit_eur": "credit_eur",
    "credit_amount_eur": "credit_eur",
    "final_credit_eur": "credit_eur",
    "credit_after_caps_eur": "credit_eur",
    "credit_uncapped_eur": "credit_before_cap_eur",
    "gross_credit_eur": "credit_before_cap_eur",
    "per_minute_ceiling_eur": "per_minute_cap_eur",
    "cap_per_minute_eur": "per_minute_cap_eur",
    "work_ceiling_eur": "work_cap_eur",
    "ceiling_eur": "work_cap_eur",
    "cap_eur": "work_cap_eur",
    "production_cost_per_minute_eur": "cost_per_minute_eur",
    "base_eur": "eligible_base_eur",
    "credit_base_eur": "eligible_base_eur",
    "capped_base_eur": "eligible_base_eur",
    "eligible_spend_eur": "eligible_expenses_eur",
    "budget_cap_eur": "base_cap_eur",
    "cap_80_eur": "base_cap_eur",
    "eligible_cap_eur": "base_cap_eur",
    "rate_applied": "rate",
    "credit_rate": "rate",
    "public_aid_ceiling_eur": "aid_ceiling_eur",
    "credit_reduction_eur": "aid_excess_eur",
    "excess_eur": "aid_excess_eur",
    "aid_ratio": "aid_intensity",
    "public_aid_ratio": "aid_intensity",
    "subsidies_eur": "subsidies_deducted_eur",
    "ceiling_binding": "cap_binding",
    "work_cap_binding": "cap_binding",
}


def result_fields(
    result: TaxCreditResult, expected_names: tuple[str, ...] = ()
) -> dict[str, object]:
    """The result's named figures, plus each name of ``expected_names`` that is another
    spelling of one of them (:data:`OUTPUT_ALIASES`), and the coproducers' parts."""
    fields: dict[str, object] = dict(result.fields())
    for name in expected_names:
        canonical = OUTPUT_ALIASES.get(name)
        if name not in fields and canonical in fields:
            fields[name] = fields[canonical]
    if result.shares:
        fields["credit_by_producer_eur"] = {s.name: s.credit for s in result.shares}
    return fields
