# SPDX-License-Identifier: AGPL-3.0-or-later
"""Crédit d'impôt cinéma (CGI art. 220 sexies) and crédit d'impôt international (C2I,
CGI art. 220 quaterdecies): eligibility and rate; the ceiling per work is an amount
(``work_ceiling``) and the base is capped at a share of the budget (shared steps).

Cinema: the higher rate for animation, for films made wholly or mainly in French, and for
fiction whose digitally processed shots reach the pack's share (assimilated to animation);
otherwise the base rate.

C2I: fiction or animation only; at least the pack's French spend (or its share of a small
budget) and, for live-action fiction, its shooting days in France; the higher rate for
fiction with enough digitally processed shots **and** French VFX spend strictly above the
pack's amount.
"""

from __future__ import annotations

from regie.core.text import t
from regie.finance.taxcredit.model import Genre, TaxCreditCase
from regie.finance.taxcredit.regime import Figures, genre_allowed, rate_step
from regie.finance.taxcredit.trace import Recorder, number


def compute_cinema(rec: Recorder, case: TaxCreditCase) -> Figures:
    inputs = case.inputs
    figures = Figures(eligible_expenses=inputs.eligible_expenses)
    figures.eligible = genre_allowed(rec, case.genre)
    if not figures.eligible:
        return figures
    _end(rec)
    vfx = rec.rule("rate.vfx_as_animation")
    minimum_share = rec.part(vfx, "min_digital_shots_share")
    share = inputs.digital_shots_share
    if case.genre is Genre.ANIMATION:
        figures.rate = rate_step(rec, "rate.higher", t("Rate: animated film"), "animation")
    elif case.genre is Genre.FICTION and share is not None and share >= minimum_share:
        rec.step(
            "vfx_as_animation",
            t("Fiction with enough digitally processed shots counts as animation"),
            True,
            f"{number(share)} ≥ {number(minimum_share)}",
            vfx,
        )
        figures.rate = rate_step(
            rec, "rate.higher", t("Rate: assimilated to animation"), "animation"
        )
    elif inputs.french_language:
        figures.rate = rate_step(
            rec, "rate.higher", t("Rate: film made wholly or mainly in French"), "français"
        )
    else:
        if inputs.french_language is None:
            rec.flag(
                t(
                    "the shooting language is not stated: the base rate applies; a film "
                    "made wholly or mainly in French gets the higher rate"
                )
            )
        figures.rate = rate_step(rec, "rate.base", t("Rate: base rate"))
    _work_ceiling(rec, figures)
    return figures


def compute_international(rec: Recorder, case: TaxCreditCase) -> Figures:
    inputs = case.inputs
    figures = Figures(eligible_expenses=inputs.eligible_expenses)
    figures.eligible = genre_allowed(rec, case.genre)
    if not figures.eligible:
        return figures
    _end(rec)
    figures.eligible = _spend_threshold(rec, case) and _shooting_days(rec, case)
    rule = rec.rule("rate.vfx")
    minimum_share = rec.part(rule, "min_digital_shots_share")
    above = rec.part(rule, "vfx_spend_above")
    share, vfx_spend = inputs.digital_shots_share, inputs.vfx_expenses
    if case.genre is Genre.FICTION and share is not None and share >= minimum_share:
        if vfx_spend is None:
            rec.flag(t("the French VFX spend is not stated: the higher VFX rate was not checked"))
        elif vfx_spend > above:
            why = (
                f"{number(share)} ≥ {number(minimum_share)}, {number(vfx_spend)} > {number(above)}"
            )
            figures.rate = rate_step(rec, "rate.vfx", t("Rate: fiction with heavy VFX"), why)
    if figures.rate is None:
        figures.rate = rate_step(rec, "rate.base", t("Rate: base rate"))
    _work_ceiling(rec, figures)
    return figures


def _work_ceiling(rec: Recorder, figures: Figures) -> None:
    rule = rec.rule("work_ceiling")
    figures.work_cap = rec.part(rule, "amount")
    figures.ceiling_key = "work_ceiling"
    rec.step("work_cap", t("Ceiling per work"), figures.work_cap, number(figures.work_cap), rule)


def _end(rec: Recorder) -> None:
    """A credit past its last day of operations is flagged (a newer pack may extend it)."""
    if not rec.has("condition.end"):
        return
    rule = rec.rule("condition.end")
    last_day = rec.text(rule, "last_day")
    if last_day and rec.on.isoformat() > last_day:
        rec.flag(
            t(
                "the credit covers operations up to {day} ({rule}); check whether a later "
                "finance law extended it",
                day=last_day,
                rule=rec.ref(rule),
            )
        )


def _spend_threshold(rec: Recorder, case: TaxCreditCase) -> bool:
    inputs = case.inputs
    rule = rec.rule("threshold.spend")
    minimum = rec.part(rule, "min_spend")
    spend = inputs.eligible_expenses
    if spend >= minimum:
        rec.step(
            "eligible",
            t("French spend at least the minimum"),
            True,
            f"{number(spend)} ≥ {number(minimum)}",
            rule,
        )
        return True
    small = rec.part(rule, "small_budget_below")
    share = rec.part(rule, "small_budget_min_share")
    budget = inputs.production_cost
    if budget is None:
        rec.flag(
            t("the production budget is not stated: the small-budget threshold was not checked")
        )
        ok = False
        formula = f"{number(spend)} < {number(minimum)}"
    else:
        ok = budget < small and spend >= share * budget
        formula = (
            f"{number(spend)} < {number(minimum)}; {number(budget)} "
            f"{'<' if budget < small else '≥'} {number(small)}; "
            f"{number(spend)} {'≥' if spend >= share * budget else '<'} "
            f"{number(share)} × {number(budget)}"
        )
    rec.step("eligible", t("French spend threshold"), ok, formula, rule)
    return ok


def _shooting_days(rec: Recorder, case: TaxCreditCase) -> bool:
    if case.genre is not Genre.FICTION:
        return True
    rule = rec.rule("threshold.shooting_days")
    minimum = rec.part(rule, "min_days")
    days = case.inputs.shooting_days_france
    if days is None:
        rec.flag(
            t(
                "the shooting days in France are not stated: the minimum of {days} was not checked",
                days=minimum,
            )
        )
        return True
    ok = days >= minimum
    rec.step(
        "shooting_days",
        t("Shooting days in France"),
        ok,
        f"{days} {'≥' if ok else '<'} {number(minimum)}",
        rule,
    )
    return ok
