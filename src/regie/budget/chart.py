# SPDX-License-Identifier: AGPL-3.0-or-later
"""The CNC devis chart of accounts, read from the ``devis-cnc-cinema`` or
``devis-cnc-audiovisual`` rule pack and checked: nine chapters numbered 1 to 9, account codes
unique, each account's first digit its chapter, add-on rates between 0 and 1 on a known base.

Pack keys: ``title``; ``chapter.<n>`` ``{title, title_en}``; ``account.<code>``
``{chapter, title, title_en}``; ``addon.<key>`` ``{title, title_en, rate, base, cap_rate}``.
The file's order is the printed order (accounts inside their chapter, add-ons in the order
they are computed).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from regie.budget.model import Account, AddOn, AddOnBase, Chapter, Chart, ChartKind, Cited
from regie.core.errors import RuleError
from regie.core.text import t
from regie.rules.pack import RulePack, RuleValue
from regie.rules.registry import pack

CHAPTERS = range(1, 10)


def pack_id(kind: ChartKind) -> str:
    return f"devis-cnc-{kind.value}"


def load_chart(kind: ChartKind, *, extra_dirs: tuple[Path, ...] = ()) -> Chart:
    """The chart of ``kind`` from the newest pack among the shipped one and ``extra_dirs``."""
    return chart_from_pack(pack(pack_id(kind), extra_dirs=extra_dirs), kind)


def chart_from_pack(source: RulePack, kind: ChartKind) -> Chart:
    """Build and check a :class:`Chart` from a pack already read."""
    entries = _single_entries(source)
    chapters: dict[int, RuleValue] = {}
    accounts: dict[int, list[Account]] = {n: [] for n in CHAPTERS}
    addons: list[AddOn] = []
    for key, entry in entries.items():
        kind_of, _, name = key.partition(".")
        if kind_of == "chapter":
            number = _chapter_number(name, source, key)
            chapters[number] = entry
        elif kind_of == "account":
            account = _account(name, entry, source)
            accounts[account.chapter].append(account)
        elif kind_of == "addon":
            addons.append(_addon(name, entry, source))
    missing = [str(n) for n in CHAPTERS if n not in chapters]
    if missing:
        raise RuleError(
            t("the chart lacks chapter(s) {numbers}", numbers=", ".join(missing)),
            where=source.path,
            hint=t("A CNC devis has the nine chapters 1 to 9"),
        )
    title = entries.get("title")
    return Chart(
        ref=source.ref,
        kind=kind,
        title=str(title.value) if title is not None else source.title,
        chapters=tuple(
            Chapter(
                number=n,
                title=_text(chapters[n], "title", source),
                accounts=tuple(accounts[n]),
                title_en=_optional(chapters[n], "title_en"),
            )
            for n in CHAPTERS
        ),
        addons=tuple(addons),
    )


def _single_entries(source: RulePack) -> dict[str, RuleValue]:
    """The pack's entries by key, in file order; a chart value has no validity periods."""
    entries: dict[str, RuleValue] = {}
    for entry in source:
        if entry.key in entries:
            raise RuleError(
                t("'{key}' is defined more than once", key=entry.key),
                where=source.path,
                hint=t("A chart pack gives each chapter, account and add-on once"),
            )
        entries[entry.key] = entry
    return entries


def _chapter_number(name: str, source: RulePack, key: str) -> int:
    if not name.isdigit() or int(name) not in CHAPTERS or len(name) != 1:
        raise RuleError(
            t("'{key}' is not a chapter of the devis", key=key),
            where=source.path,
            hint=t("Chapters are numbered 1 to 9"),
        )
    return int(name)


def _account(code: str, entry: RuleValue, source: RulePack) -> Account:
    where = f"{source.path}: {entry.key}"
    if not code.isdigit():
        raise RuleError(
            t("the account code '{code}' is not made of digits", code=code),
            where=where,
            hint=t("Write codes as the devis prints them, e.g. 21 or 215"),
        )
    chapter = _text(entry, "chapter", source)
    if chapter != code[0]:
        raise RuleError(
            t(
                "account {code} is filed under chapter {chapter}, but its first digit is {digit}",
                code=code,
                chapter=chapter,
                digit=code[0],
            ),
            where=where,
            hint=t("An account's code starts with its chapter's number"),
        )
    if int(code[0]) not in CHAPTERS:
        raise RuleError(
            t("account {code} belongs to no chapter 1 to 9", code=code),
            where=where,
        )
    return Account(
        code=code,
        title=_text(entry, "title", source),
        chapter=int(code[0]),
        title_en=_optional(entry, "title_en"),
    )


def _addon(key: str, entry: RuleValue, source: RulePack) -> AddOn:
    where = f"{source.path}: {entry.key}"
    try:
        base = AddOnBase(_text(entry, "base", source))
    except ValueError:
        raise RuleError(
            t("unknown add-on base '{base}'", base=_text(entry, "base", source)),
            where=where,
            hint=t("Use one of: {bases}", bases=", ".join(b.value for b in AddOnBase)),
        ) from None
    rate = entry.decimal("rate")
    cap = entry.decimal("cap_rate") if _optional(entry, "cap_rate") else None
    for value in (rate, cap):
        if value is not None and not (value.is_finite() and Decimal(0) <= value <= Decimal(1)):
            raise RuleError(
                t(
                    "the rate {rate} of add-on '{key}' is not a share between 0 and 1",
                    rate=value,
                    key=key,
                ),
                where=where,
                hint=t("Write 7 % as 0.07"),
            )
    return AddOn(
        key=key,
        title=_text(entry, "title", source),
        rate=rate,
        base=base,
        cited=Cited(
            pack=source.ref,
            key=entry.key,
            status=entry.status,
            citation=entry.citation(),
            note=entry.note,
        ),
        cap_rate=cap,
        title_en=_optional(entry, "title_en"),
    )


def _text(entry: RuleValue, part: str, source: RulePack) -> str:
    value = entry.value.get(part) if isinstance(entry.value, Mapping) else None
    if value is None or str(value).strip() == "":
        raise RuleError(
            t("'{key}' has no '{part}'", key=entry.key, part=part),
            where=source.path,
            hint=t("The pack format of a chart is described in regie/budget/chart.py"),
        )
    return str(value)


def _optional(entry: RuleValue, part: str) -> str | None:
    value = entry.value.get(part) if isinstance(entry.value, Mapping) else None
    return str(value) if value not in (None, "") else None
