# SPDX-License-Identifier: AGPL-3.0-or-later
"""Employer contributions (charges patronales) on CDDU pay, read from the
``cddu-contributions`` rule pack: one :class:`~regie.budget.model.FringeGroup` per kind of
contract (``cddu_technician``, ``cddu_technician_audiovisual``, ``cddu_performer``), each
fringe with its rate, its ceiling per line (none can be expressed per line today: the
pack's notes say why) and the chapter-4 account of the devis it is booked on.

A production overrides a rate with ``overrides``: ``{"employer.ags": Decimal("0.0025")}``
changes the fringe in every group, ``{"cddu_performer/employer.other": …}`` in one group
only (the qualified key wins). The fringe then cites the override beside the pack's value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

from regie.budget.model import Cited, Fringe, FringeGroup
from regie.core.errors import RuleError, ValidationError
from regie.core.text import t
from regie.rules.pack import RulePack, RuleValue
from regie.rules.registry import pack

PACK_ID = "cddu-contributions"
GROUP = "group."
FRINGE = "fringe."
_NO_OVERRIDES: Mapping[str, Decimal] = MappingProxyType({})


def fringe_groups(
    on: dt.date,
    *,
    overrides: Mapping[str, Decimal] = _NO_OVERRIDES,
    extra_dirs: tuple[Path, ...] = (),
) -> dict[str, FringeGroup]:
    """The fringe groups valid on ``on``, keyed by group key, with ``overrides`` applied."""
    contributions = pack(PACK_ID, extra_dirs=extra_dirs)
    groups: dict[str, FringeGroup] = {}
    used: set[str] = set()
    for key in dict.fromkeys(e.key for e in contributions if e.key.startswith(GROUP)):
        group_key = key.removeprefix(GROUP)
        entry = contributions.value(key, on)
        value = entry.value
        if not isinstance(value, Mapping) or not isinstance(value.get("fringes"), list):
            raise RuleError(
                t(
                    "the fringe group '{key}' needs a title, an account and a list of fringes",
                    key=key,
                ),
                where=contributions.path,
                hint=t('Write `value: {{title: …, account: "41", fringes: [employer.…]}}`'),
            )
        account = str(value.get("account") or "") or None
        fringes = []
        for raw_key in value["fringes"]:
            fringe_key = str(raw_key)
            qualified = f"{group_key}/{fringe_key}"
            override = overrides.get(qualified, overrides.get(fringe_key))
            used.update(k for k in (qualified, fringe_key) if k in overrides)
            fringes.append(_fringe(contributions, fringe_key, on, account, override))
        groups[group_key] = FringeGroup(
            key=group_key, title=str(value.get("title", group_key)), fringes=tuple(fringes)
        )
    unknown = sorted(set(overrides) - used)
    if unknown:
        raise ValidationError(
            t("no employer contribution '{key}' to override", key=unknown[0]),
            field="overrides",
            hint=t("Use a fringe key such as employer.ags, or group/fringe"),
        )
    return groups


def social_security_ceiling(on: dt.date, *, extra_dirs: tuple[Path, ...] = ()) -> RuleValue:
    """The plafond de la sécurité sociale valid on ``on`` (``month``, ``year``… in euros)."""
    return pack(PACK_ID, extra_dirs=extra_dirs).value("pss", on)


def _fringe(
    contributions: RulePack,
    key: str,
    on: dt.date,
    account: str | None,
    override: Decimal | None,
) -> Fringe:
    entry = contributions.value(FRINGE + key, on)
    if not isinstance(entry.value, Mapping) or "rate" not in entry.value:
        raise RuleError(
            t("the fringe '{key}' has no rate", key=key),
            where=contributions.path,
            hint=t('Write `value: {{title: …, rate: "0.0405", base: gross}}`'),
        )
    rate = entry.decimal("rate")
    if not _is_share(rate):
        raise RuleError(
            t("the rate {rate} of '{key}' is not a share between 0 and 1", rate=rate, key=key),
            where=contributions.path,
            hint=t("Write 4.05 % as 0.0405"),
        )
    note = entry.note
    if override is not None:
        note = f"rate overridden by the production ({override}; the pack says {rate})"
        if not _is_share(override):
            raise ValidationError(
                t(
                    "the rate {rate} of '{key}' is not a share between 0 and 1",
                    rate=override,
                    key=key,
                ),
                field="overrides",
                hint=t("Write 4.05 % as 0.0405"),
            )
        rate = override
    ceiling = entry.value.get("ceiling")
    return Fringe(
        key=key,
        title=str(entry.value.get("title", key)),
        rate=rate,
        cited=Cited(
            pack=contributions.ref,
            key=FRINGE + key,
            status=entry.status,
            citation=entry.citation(),
            note=note,
        ),
        ceiling=entry.decimal("ceiling") if ceiling not in (None, "") else None,
        account=account,
    )


def _is_share(rate: Decimal) -> bool:
    return rate.is_finite() and Decimal(0) <= rate <= Decimal(1)
