# SPDX-License-Identifier: AGPL-3.0-or-later
"""The tax credit of a case, step by step, every step citing its article and rule value.

Order (research note fr-financing-and-delivery.md §1.6): the regime's eligibility, rate
and ceiling per work (:mod:`.audiovisual`, :mod:`.cinema`); then the base (80 % cap where
it applies, subsidies deducted), ``base × rate`` rounded to the cent half up, the ceiling
per work, the public-aid ceiling, and a coproduction's split (:mod:`.steps`). A work that
does not qualify gets a credit of 0 with the step that says why.

Rates, tiers and ceilings come only from the rule pack given (``taxcredit-<credit>``):
``compute`` never reads them from the case.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Final

from regie.core.errors import RuleError
from regie.core.text import t
from regie.finance.taxcredit import steps
from regie.finance.taxcredit.audiovisual import compute_audiovisual
from regie.finance.taxcredit.cinema import compute_cinema, compute_international
from regie.finance.taxcredit.model import (
    PACK_IDS,
    Credit,
    ProducerShare,
    TaxCreditCase,
    TaxCreditResult,
)
from regie.finance.taxcredit.regime import Figures
from regie.finance.taxcredit.trace import Recorder, number
from regie.rules.pack import RulePack
from regie.rules.registry import pack as find_pack

_ZERO: Final = Decimal("0.00")

_REGIMES: Final[dict[Credit, Callable[[Recorder, TaxCreditCase], Figures]]] = {
    Credit.AUDIOVISUAL: compute_audiovisual,
    Credit.CINEMA: compute_cinema,
    Credit.INTERNATIONAL: compute_international,
}


def load_pack(credit: Credit, *, extra_dirs: tuple[Path, ...] = ()) -> RulePack:
    """The newest ``taxcredit-<credit>`` pack (shipped, or a production's own)."""
    return find_pack(PACK_IDS[credit], extra_dirs=extra_dirs)


def compute(case: TaxCreditCase, pack: RulePack) -> TaxCreditResult:
    """The credit of ``case`` under ``pack`` (the ``taxcredit-*`` pack of its credit).

    Raises :class:`~regie.core.errors.ValidationError` when an input the regime needs is
    missing (naming the case field) and :class:`~regie.core.errors.RuleError` when the
    pack has no value for the case's date or no rule for the case (e.g. a live-show
    adaptation under 60 minutes).
    """
    expected = PACK_IDS[case.credit]
    if pack.pack_id != expected:
        raise RuleError(
            t("pack {pack} cannot compute the {credit} credit", pack=pack.ref,
              credit=case.credit.value),
            where=pack.path,
            hint=t("Use the pack {expected}", expected=expected),
        )  # fmt: skip
    rec = Recorder(pack, case.on)
    figures = _REGIMES[case.credit](rec, case)
    inputs = case.inputs
    before = after = final = _ZERO
    base = base_cap = deducted = None
    binding: bool | None = None
    aid_ceiling = aid_excess = intensity = None
    shares: tuple[ProducerShare, ...] = ()
    if figures.eligible and figures.rate is not None:
        base, base_cap, deducted = steps.base(rec, inputs)
        before = steps.credit_before_ceiling(rec, base, figures.rate)
        after = before
        if figures.work_cap is not None and figures.ceiling_key is not None:
            after, binding = steps.apply_work_ceiling(
                rec, before, figures.work_cap, figures.ceiling_key
            )
        final, aid_ceiling, aid_excess, intensity = steps.aid_ceiling(rec, inputs, after)
        shares = steps.split(rec, inputs, final)
    rec.step("credit", t("Tax credit"), final, number(final), rec.rule("credit"))
    return TaxCreditResult(
        case=case,
        eligible=figures.eligible,
        rate=figures.rate,
        credit=final,
        trace=tuple(rec.steps),
        flags=tuple(rec.flags),
        packs=(pack.ref,),
        cost_per_minute=figures.cost_per_minute,
        eligible_spend_per_minute=figures.eligible_spend_per_minute,
        per_minute_cap=figures.per_minute_cap,
        work_cap=figures.work_cap,
        eligible_expenses=inputs.eligible_expenses,
        base_cap=base_cap,
        subsidies_deducted=deducted if deducted else None,
        base=base,
        credit_before_cap=before,
        cap_binding=binding,
        credit_after_cap=after,
        aid_ceiling=aid_ceiling,
        aid_excess=aid_excess,
        aid_intensity=intensity,
        shares=shares,
    )
