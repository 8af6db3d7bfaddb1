# SPDX-License-Identifier: AGPL-3.0-or-later
"""Crédit d'impôt audiovisuel (CGI art. 220 sexies): genre conditions, rate, ceiling per
minute produced and delivered, then the shared steps of :mod:`.steps`.

* Fiction: the ceiling per minute depends on the production cost per minute, in tiers
  whose lower bound is inclusive and upper bound exclusive (pack ``ceiling.fiction``).
* Documentary: eligible only with at least the pack's eligible spend per minute
  (``threshold.documentary``); live-show adaptations likewise by duration
  (``threshold.live_show``; no threshold is known under 60 minutes: refused).
* Animation: a fixed ceiling per minute.

Per-minute figures are compared exact and shown rounded to the cent. The conditions the
references leave uncertain (minimum durations and costs per minute) are flagged only.
"""

from __future__ import annotations

from decimal import Decimal

from regie.core.errors import RuleError, ValidationError
from regie.core.text import t
from regie.finance.taxcredit.model import Genre, TaxCreditCase
from regie.finance.taxcredit.regime import Figures, genre_allowed, rate_step
from regie.finance.taxcredit.trace import APPLIED, Recorder, cent, number


def compute_audiovisual(rec: Recorder, case: TaxCreditCase) -> Figures:
    inputs = case.inputs
    genre = case.genre
    minutes = inputs.minutes
    if minutes is None or minutes <= 0:
        raise ValidationError(
            t("the audiovisual credit needs the minutes produced and delivered"),
            field="inputs.minutes_produced_delivered",
            hint=t("State the running time produced and delivered, in minutes (more than 0)"),
        )
    figures = Figures()
    figures.eligible = genre_allowed(rec, genre)
    figures.eligible_expenses = inputs.eligible_expenses
    credit_rule = rec.rule("credit")
    spend_per_minute = inputs.eligible_expenses / minutes
    figures.eligible_spend_per_minute = cent(spend_per_minute)
    rec.step(
        "eligible_spend_per_minute",
        t("Eligible spend per minute"),
        figures.eligible_spend_per_minute,
        f"{number(inputs.eligible_expenses)} / {number(minutes)}"
        f" = {number(figures.eligible_spend_per_minute)}",
        credit_rule,
    )
    cost_per_minute: Decimal | None = None
    if inputs.production_cost is not None:
        cost_per_minute = inputs.production_cost / minutes
        figures.cost_per_minute = cent(cost_per_minute)
        rec.step(
            "cost_per_minute",
            t("Production cost per minute"),
            figures.cost_per_minute,
            f"{number(inputs.production_cost)} / {number(minutes)}"
            f" = {number(figures.cost_per_minute)}",
            credit_rule,
        )
    if not figures.eligible:
        return figures
    _conditions(rec, genre, minutes, (spend_per_minute, cost_per_minute), figures)
    figures.rate = rate_step(rec, f"rate.{genre.value}", t("Rate for the genre"))
    per_minute, ceiling_key = _per_minute_ceiling(rec, genre, cost_per_minute)
    figures.per_minute_cap = per_minute
    figures.work_cap = cent(per_minute * minutes)
    rec.step(
        "work_cap",
        t("Ceiling per work: ceiling per minute × minutes produced and delivered"),
        figures.work_cap,
        f"{number(per_minute)} × {number(minutes)} = {number(figures.work_cap)}",
        rec.rule(ceiling_key),
    )
    figures.ceiling_key = ceiling_key
    return figures


def _conditions(
    rec: Recorder,
    genre: Genre,
    minutes: Decimal,
    per_minute: tuple[Decimal, Decimal | None],
    figures: Figures,
) -> None:
    """Entry thresholds (applied) and the uncertain conditions (flagged); ``per_minute``
    is ``(eligible spend, production cost)`` per minute, exact."""
    spend_per_minute, cost_per_minute = per_minute
    shown = cent(spend_per_minute)
    if genre is Genre.DOCUMENTARY:
        rule = rec.rule("threshold.documentary")
        minimum = rec.part(rule, "min_spend_per_minute")
        figures.eligible = spend_per_minute >= minimum
        rec.step(
            "eligible",
            t("Documentary: eligible spend per minute at least the threshold"),
            figures.eligible,
            f"{number(shown)} {'≥' if figures.eligible else '<'} {number(minimum)}",
            rule,
        )
    elif genre is Genre.LIVE_SHOW:
        rule = rec.rule("threshold.live_show")
        if minutes > rec.part(rule, "long_above_minutes"):
            minimum = rec.part(rule, "long_min_spend_per_minute")
        elif minutes >= rec.part(rule, "medium_from_minutes"):
            minimum = rec.part(rule, "medium_min_spend_per_minute")
        else:
            raise RuleError(
                t(
                    "{rule} gives no spend threshold for a live-show adaptation of "
                    "{minutes} minutes (under {floor})",
                    rule=rec.ref(rule),
                    minutes=minutes,
                    floor=rec.part(rule, "medium_from_minutes"),
                ),
                where="inputs.minutes_produced_delivered",
                hint=t("Load a rule pack that states the threshold for shorter works"),
            )
        figures.eligible = spend_per_minute >= minimum
        rec.step(
            "eligible",
            t("Live-show adaptation: eligible spend per minute at least the threshold"),
            figures.eligible,
            f"{number(shown)} {'≥' if figures.eligible else '<'} {number(minimum)}",
            rule,
        )
        end = rec.rule("condition.live_show.end")
        last_day = rec.text(end, "last_day")
        if last_day and rec.on.isoformat() > last_day:
            rec.flag_unverified(end, t("the live-show genre may have ended on {day}", day=last_day))
    _minimum(rec, f"condition.{genre.value}.min_minutes", "minutes", minutes, figures)
    if cost_per_minute is not None:
        key = f"condition.{genre.value}.min_cost_per_minute"
        _minimum(rec, key, "amount", cost_per_minute, figures)


def _minimum(rec: Recorder, key: str, part: str, actual: Decimal, figures: Figures) -> None:
    """A minimum duration or cost per minute: a condition when the pack's value may be
    applied (a newer pack may confirm it), a flag while it is unverified."""
    if not rec.has(key):
        return
    rule = rec.rule(key)
    minimum = rec.part(rule, part)
    if actual >= minimum:
        return
    why = t(
        "{actual} is under the minimum of {minimum} quoted for this genre",
        actual=cent(actual),
        minimum=minimum,
    )
    if rule.status not in APPLIED:
        rec.flag_unverified(rule, why)
        return
    figures.eligible = False
    rec.step("eligible", why, False, f"{number(cent(actual))} < {number(minimum)}", rule)


def _per_minute_ceiling(
    rec: Recorder, genre: Genre, cost_per_minute: Decimal | None
) -> tuple[Decimal, str]:
    key = f"ceiling.{genre.value}"
    rule = rec.rule(key)
    tiers = rule.value.get("tiers") if isinstance(rule.value, dict) else None
    if not tiers:
        amount = rec.part(rule, "per_minute")
        rec.step("per_minute_cap", t("Ceiling per minute"), amount, number(amount), rule)
        return amount, key
    if cost_per_minute is None:
        raise ValidationError(
            t("the fiction ceiling per minute depends on the production cost"),
            field="inputs.production_cost_eur",
            hint=t("State the production cost of the work in euros"),
        )
    for tier in tiers:
        low = Decimal(str(tier["from"]))
        high = None if tier.get("below") is None else Decimal(str(tier["below"]))
        if cost_per_minute >= low and (high is None or cost_per_minute < high):
            amount = Decimal(str(tier["per_minute"]))
            upper = "" if high is None else f" < {number(high)}"
            rec.step(
                "per_minute_cap",
                t("Ceiling per minute for the production cost per minute"),
                amount,
                f"{number(low)} ≤ {number(cent(cost_per_minute))}{upper} → {number(amount)}",
                rule,
            )
            return amount, key
    raise RuleError(
        t("no tier of {rule} covers a cost of {cost} per minute", rule=rec.ref(rule),
          cost=cent(cost_per_minute)),
        where=rec.pack.path,
        hint=t("Fix the rule pack file"),
    )  # fmt: skip
