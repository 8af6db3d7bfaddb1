# SPDX-License-Identifier: AGPL-3.0-or-later
"""The CDDU contract (contrat à durée déterminée d'usage) of one engagement, as HTML and
PDF: the parties, the position and its job category, the collective agreement (IDCC and
title), the dates and place, the pay (rate, unit, gross for the planned days), the working
time reference, the "usage" justification and the mentions of the
``cddu-contract-mentions`` rule pack, each with its source — or, where regie's references
hold none, « mention à vérifier : source non trouvée » printed beside it.

A draft for the production's administrator: fields regie does not know (the employer's
address, the trial period, the provident body) are printed "to be completed".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from babel import numbers

from regie.budget.pay import PayStatement, PayUnit, cent
from regie.core.production import Agreement, Production
from regie.core.text import Text
from regie.core.text import render as render_text
from regie.documents.i18n import error_messages, format_date, normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import N_, gettext_for, render
from regie.rules.registry import pack
from regie.schedule.people import Engagement

__all__ = ["ContractFacts", "Mention", "contract_html", "contract_mentions", "contract_pdf"]

PACK_ID = "cddu-contract-mentions"
PREFIX = "mentions."

AGREEMENT_TITLES: dict[Agreement, str] = {
    Agreement.CINEMA: "Convention collective nationale de la production cinématographique",
    Agreement.AUDIOVISUAL: "Convention collective nationale de la production audiovisuelle",
}
WORKING_TIME: dict[Agreement, str] = {
    Agreement.CINEMA: N_("guaranteed week of 39 hours, IDCC 3097 Titre II art. 9 and 25"),
    Agreement.AUDIOVISUAL: N_("legal week of 35 hours, IDCC 2642 VI.3.2.1"),
}
UNIT_WORDS: dict[PayUnit, str] = {
    PayUnit.DAY: N_("per day"),
    PayUnit.WEEK: N_("per week"),
    PayUnit.HOUR: N_("per hour"),
    PayUnit.FLAT: N_("as a flat fee"),
}


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of the contract as the pack gives it."""

    key: str
    french: str
    english: str
    found: str  # "yes", "content", "no" (see the pack's header)
    law: str  # the article usually cited, printed as a lead to check ("" when none)
    status: str
    sources: tuple[str, ...]
    note: str | None = None

    @property
    def unsourced(self) -> bool:
        return self.found == "no"


@dataclass(frozen=True, slots=True)
class ContractFacts:
    """What the contract states; ``days`` are the planned days on the board."""

    production: Production
    engagement: Engagement
    statement: PayStatement
    days: tuple[dt.date, ...]
    on: dt.date  # the date whose grids and rates apply
    places: tuple[str, ...] = ()
    grid_warning: Text | None = None


def contract_mentions(
    agreement: Agreement, kind: str, on: dt.date, *, extra_dirs: tuple[Path, ...] = ()
) -> tuple[Mention, ...]:
    """The pack's mentions valid on ``on`` for a ``kind`` (crew, cast) engagement under
    ``agreement``, in the pack's order."""
    found = pack(PACK_ID, extra_dirs=extra_dirs)
    keys = dict.fromkeys(e.key for e in found if e.key.startswith(PREFIX) and e.valid_on(on))
    mentions = []
    for key in keys:
        entry = found.value(key, on)
        value = entry.value
        if kind not in value.get("kinds", ()) or agreement.value not in value.get("agreements", ()):
            continue
        mentions.append(
            Mention(
                key=key.removeprefix(PREFIX),
                french=str(value["fr"]),
                english=str(value["en"]),
                found=str(value.get("found", "no")),
                law=str(value.get("law", "")),
                status=entry.status.value,
                sources=tuple(s.title for s in entry.sources),
                note=entry.note,
            )
        )
    return tuple(mentions)


@dataclass(frozen=True, slots=True)
class ContractView:
    facts: ContractFacts
    agreement_title: str
    working_time: str
    unit: str
    rate: str
    base: str
    premiums: str
    gross: str
    hourly: str
    first_day: str
    last_day: str
    planned: tuple[str, ...]
    warnings: tuple[str, ...]
    mentions: tuple[Mention, ...]
    english: bool
    unsourced_label: str
    partial_label: str


def _money(locale: str) -> Callable[[Decimal], str]:
    def money(value: Decimal) -> str:
        return numbers.format_currency(value, "EUR", locale=locale)

    return money


def contract_view(
    facts: ContractFacts,
    locale: str,
    mentions: tuple[Mention, ...],
    extra_dirs: tuple[Path, ...] = (),
) -> ContractView:
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    messages = error_messages(language)
    money = _money(language)
    engagement, statement = facts.engagement, facts.statement
    first = engagement.start or (facts.days[0] if facts.days else None)
    last = engagement.end or (facts.days[-1] if facts.days else None)
    unknown = _("to be completed")
    warnings = [render_text(w, messages) for w in statement.warnings]
    if facts.grid_warning is not None:
        warnings.insert(0, render_text(facts.grid_warning, messages))
    agreement = facts.production.agreement
    return ContractView(
        facts=facts,
        agreement_title=AGREEMENT_TITLES[agreement],
        working_time=_(WORKING_TIME[agreement]),
        unit=_(UNIT_WORDS[statement.rate.unit]),
        rate=money(statement.rate.amount),
        base=money(statement.base),
        premiums=money(statement.premium_total),
        gross=money(statement.gross),
        hourly=money(cent(statement.hourly)),
        first_day=format_date(first, language) if first else unknown,
        last_day=format_date(last, language) if last else unknown,
        planned=tuple(format_date(d, language, form="short") for d in facts.days),
        warnings=tuple(warnings),
        mentions=mentions,
        english=language == "en",
        unsourced_label=_label("labels.unsourced", facts.on, language, extra_dirs),
        partial_label=_label("labels.partial", facts.on, language, extra_dirs),
    )


def _label(key: str, on: dt.date, language: str, extra_dirs: tuple[Path, ...]) -> str:
    value = pack(PACK_ID, extra_dirs=extra_dirs).value(key, on).value
    return str(value["en" if language == "en" else "fr"])


def contract_html(
    facts: ContractFacts,
    *,
    locale: str = "fr",
    mentions: tuple[Mention, ...] | None = None,
    extra_dirs: tuple[Path, ...] = (),
) -> str:
    """The contract as a standalone HTML document (what :func:`contract_pdf` prints)."""
    kind = facts.engagement.kind.value
    chosen = (
        mentions
        if mentions is not None
        else contract_mentions(facts.production.agreement, kind, facts.on, extra_dirs=extra_dirs)
    )
    return render(
        "contract/document.html",
        locale,
        view=contract_view(facts, locale, chosen, extra_dirs),
        production=facts.production,
    )


def contract_pdf(
    facts: ContractFacts, *, locale: str = "fr", extra_dirs: tuple[Path, ...] = ()
) -> bytes:
    return html_to_pdf(contract_html(facts, locale=locale, extra_dirs=extra_dirs))
