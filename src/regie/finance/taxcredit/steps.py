# SPDX-License-Identifier: AGPL-3.0-or-later
"""The steps every credit shares, in the order of the research note (§1.6):

1. the base: eligible French expenses, capped at a share of the budget where the pack
   says the cap applies (``base.cap``), less the public subsidies to deduct
   (``base.subsidies``), in the order ``base.order`` gives;
2. the credit before ceilings: ``base × rate``, rounded to the cent (half up);
3. the ceiling per work (per-minute ceilings × minutes, or an amount);
4. the public-aid ceiling: total public aid, credit included, at most a share of the
   budget; only the excess of the credit is refused (CE 15 March 2023 n° 452317);
5. a coproduction's split by each delegated producer's share of eligible spend.

A value whose status is ``unverified`` is never applied: the step is skipped and a flag
says what may apply.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.finance.taxcredit.model import ProducerShare, TaxCreditInputs
from regie.finance.taxcredit.trace import APPLIED, Recorder, cent, number

_ZERO = Decimal("0.00")


def base(rec: Recorder, inputs: TaxCreditInputs) -> tuple[Decimal, Decimal | None, Decimal]:
    """The base the rate applies to: ``(base, base_cap or None, subsidies deducted)``."""
    credit = rec.rule("credit")
    expenses = inputs.eligible_expenses
    rec.step(
        "eligible_expenses",
        t("Eligible French expenses"),
        expenses,
        number(expenses),
        credit,
    )
    cap_rule = rec.rule("base.cap")
    share = rec.part(cap_rule, "share")
    applies = rec.text(cap_rule, "applies") == "yes" and cap_rule.status in APPLIED
    cap: Decimal | None = None
    if inputs.production_cost is None:
        if applies:
            rec.flag(
                t(
                    "the production cost is not stated: the cap of {share} of the budget "
                    "({rule}) was not checked",
                    share=share,
                    rule=rec.ref(cap_rule),
                )
            )
    else:
        budget = inputs.production_cost
        formula = f"{number(share)} × {number(budget)}"
        if inputs.french_share is not None:
            budget = budget * inputs.french_share
            formula += f" × {number(inputs.french_share)}"
        amount = cent(share * budget)
        if applies:
            cap = amount
            rec.step(
                "base_cap",
                t("Cap on eligible expenses: share of the production budget"),
                cap,
                f"{formula} = {number(cap)}",
                cap_rule,
            )
        elif expenses > amount:
            rec.flag_unverified(
                cap_rule,
                t(
                    "eligible expenses exceed {share} of the production cost ({amount}); "
                    "that cap may apply",
                    share=share,
                    amount=amount,
                ),
            )

    subsidies_rule = rec.rule("base.subsidies")
    subsidies = inputs.subsidies
    deduct = subsidies > 0 and rec.text(subsidies_rule, "deduct") == "yes"
    if subsidies > 0 and not deduct:
        rec.flag(
            t("the subsidies stated are not deducted under {rule}", rule=rec.ref(subsidies_rule))
        )
    deducted = subsidies if deduct else _ZERO
    order_rule = rec.rule("base.order")
    cap_first = rec.text(order_rule, "order", "cap_then_deduct") == "cap_then_deduct"
    capped = expenses if cap is None else min(expenses, cap)
    if cap is not None and cap < expenses and deduct and order_rule.status not in APPLIED:
        rec.flag(
            t(
                "the order of the budget cap and the subsidy deduction is an assumption "
                "({rule}, unverified)",
                rule=rec.ref(order_rule),
            )
        )
    if cap_first:
        if cap is not None and capped < expenses:
            rec.step(
                "capped_expenses",
                t("Eligible expenses within the cap"),
                capped,
                f"min({number(expenses)}, {number(cap)}) = {number(capped)}",
                cap_rule,
            )
        result = capped - deducted
    else:
        result = expenses - deducted
        if cap is not None:
            result = min(result, cap)
    if deduct:
        rec.step(
            "subsidies",
            t("Public subsidies deducted from the base"),
            deducted,
            number(deducted),
            subsidies_rule,
        )
    result = max(result, _ZERO)
    rec.step(
        "base",
        t("Base of the credit"),
        result,
        _base_formula(expenses, cap, deducted, cap_first, result),
        order_rule if cap is not None and deduct else credit,
    )
    return result, cap, deducted


def _base_formula(
    expenses: Decimal, cap: Decimal | None, deducted: Decimal, cap_first: bool, result: Decimal
) -> str:
    text = number(expenses)
    if cap is not None:
        text = f"min({text}, {number(cap)})"
    if deducted:
        text = f"{text} − {number(deducted)}" if cap_first else f"({text} − {number(deducted)})"
    return f"{text} = {number(result)}"


def credit_before_ceiling(rec: Recorder, base_amount: Decimal, rate: Decimal) -> Decimal:
    amount = cent(base_amount * rate)
    rec.step(
        "credit_before_cap",
        t("Credit before the ceiling per work"),
        amount,
        f"{number(base_amount)} × {number(rate)} = {number(amount)}",
        rec.rule("credit"),
    )
    return amount


def apply_work_ceiling(
    rec: Recorder, before: Decimal, ceiling: Decimal, rule_key: str
) -> tuple[Decimal, bool]:
    """``min(credit, ceiling)`` and whether the ceiling binds."""
    after = min(before, ceiling)
    binding = before > ceiling
    rec.step(
        "credit_after_cap",
        t("Credit within the ceiling per work"),
        after,
        f"min({number(before)}, {number(ceiling)}) = {number(after)}",
        rec.rule(rule_key),
    )
    return after, binding


def low_budget_by_rule(rec: Recorder, inputs: TaxCreditInputs) -> bool | None:
    """Whether the work is low-budget by the pack's definition (``aid_ceiling.low_budget``:
    a total, or an amount per hour of programme); ``None`` when it cannot be told."""
    if inputs.low_budget is not None:
        return inputs.low_budget
    if not rec.has("aid_ceiling.low_budget") or inputs.production_cost is None:
        return None
    rule = rec.rule("aid_ceiling.low_budget")
    cost = inputs.production_cost
    if "total" in rule.value:
        limit = rec.part(rule, "total")
        low = cost <= limit
        formula = f"{number(cost)} ≤ {number(limit)}"
    elif "per_hour" in rule.value and inputs.minutes:
        limit = rec.part(rule, "per_hour")
        per_hour = cost * Decimal(60) / inputs.minutes
        low = per_hour <= limit
        formula = f"{number(cost)} × 60 / {number(inputs.minutes)} ≤ {number(limit)}"
    else:
        return None
    rec.step("low_budget", t("Low-budget work"), low, formula, rule)
    return low


def aid_ceiling(
    rec: Recorder, inputs: TaxCreditInputs, credit: Decimal
) -> tuple[Decimal, Decimal | None, Decimal | None, Decimal | None]:
    """The credit within the public-aid ceiling: ``(credit, ceiling, excess, intensity)``.
    Skipped (``None`` figures) when the case states no other public aid."""
    if inputs.other_public_aid is None:
        return credit, None, None, None
    if inputs.production_cost is None or inputs.production_cost <= 0:
        raise ValidationError(
            t("the public-aid ceiling needs the production cost"),
            field="inputs.production_cost_eur",
            hint=t("State the production budget (final cost) of the work"),
        )
    rule = rec.rule("aid_ceiling")
    cost = inputs.production_cost
    share = rec.part(rule, "standard")
    if "higher" in rule.value:
        low = low_budget_by_rule(rec, inputs)
        either = rec.text(rule, "higher_when", "both") == "either"
        difficult = inputs.difficult_work
        higher = (difficult or bool(low)) if either else (difficult and bool(low))
        if higher:
            share = rec.part(rule, "higher")
    ceiling = cent(share * cost)
    other = inputs.other_public_aid
    room = max(ceiling - other, _ZERO)
    applied = rule.status in APPLIED
    rec.step(
        "aid_ceiling",
        t("Public-aid ceiling, credit included"),
        ceiling,
        f"{number(share)} × {number(cost)} = {number(ceiling)}; "
        f"{number(ceiling)} − {number(other)} = {number(room)}",
        rule,
    )
    excess = max(credit - room, _ZERO)
    if not applied:
        if excess > 0:
            rec.flag_unverified(
                rule,
                t("public aid with the credit would exceed {ceiling}", ceiling=ceiling),
            )
        excess = _ZERO
    final = credit - excess
    if excess > 0:
        rec.step(
            "aid_excess",
            t("Excess over the public-aid ceiling, refused"),
            excess,
            f"{number(credit)} − {number(room)} = {number(excess)}",
            rule,
        )
    intensity = ((other + final) / cost).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    rec.step(
        "aid_intensity",
        t("Public-aid intensity, credit included"),
        intensity,
        f"({number(other)} + {number(final)}) / {number(cost)} = {number(intensity)}",
        rule,
    )
    return final, ceiling, excess, intensity


def split(rec: Recorder, inputs: TaxCreditInputs, credit: Decimal) -> tuple[ProducerShare, ...]:
    """Each delegated producer's part, in proportion to its eligible expenses (rounded to
    the cent; the last one takes the rounding difference so the parts add up)."""
    if not inputs.coproducers:
        return ()
    total = sum((c.eligible_expenses for c in inputs.coproducers), Decimal(0))
    if total <= 0:
        raise ValidationError(
            t("the coproducers' eligible expenses add up to zero"),
            field="inputs.coproducers",
            hint=t("Give each delegated producer's eligible expenses"),
        )
    shares: list[ProducerShare] = []
    given = _ZERO
    for n, producer in enumerate(inputs.coproducers):
        last = n == len(inputs.coproducers) - 1
        part = credit - given if last else cent(credit * producer.eligible_expenses / total)
        given += part
        shares.append(ProducerShare(producer.name, producer.eligible_expenses, part))
        rec.step(
            "producer_share",
            t("Share of {producer}", producer=producer.name),
            part,
            f"{number(credit)} × {number(producer.eligible_expenses)} / {number(total)}"
            f" = {number(part)}",
            article="BOI 2006 (coproduction split); " + rec.article(rec.rule("credit")),
        )
    return tuple(shares)
