# SPDX-License-Identifier: AGPL-3.0-or-later
"""Feasibility diagnosis (diagnostic de faisabilité) of a broken-down script.

What a production manager reads first: how long, how many sets, how many actors, how much
night and weather exposure, which cost drivers, and how many shoot days that customarily
means for this kind of programme. Pure: it receives stored records and rule packs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from regie.core.production import ProductionKind
from regie.rules.pack import RulePack
from regie.script.catalog import CharacterRecord, SceneRecord, TagRecord
from regie.script.elements import Category, TagStatus
from regie.script.heading import set_key
from regie.script.model import IntExt, Light


@dataclass(frozen=True, slots=True)
class Split:
    key: str  # "INT", "EXT", "INT/EXT", "none" / a Light value
    scenes: int
    eighths: int


@dataclass(frozen=True, slots=True)
class SetLine:
    name: str
    scenes: int
    eighths: int
    int_ext: tuple[str, ...]  # INT/EXT markers seen for this set
    lights: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CastLine:
    name: str
    aliases: tuple[str, ...]
    scenes: int
    eighths: int
    first_scene: str


@dataclass(frozen=True, slots=True)
class DriverLine:
    driver: str  # key in the feasibility-drivers pack
    label_fr: str
    label_en: str
    scenes: tuple[str, ...]  # scene labels
    elements: tuple[str, ...]  # element names that triggered it
    confirmed: bool  # False when found only in suggestions not yet reviewed


@dataclass(frozen=True, slots=True)
class DayEstimate:
    """Shoot days from a customary pace: ``quantity`` (pages or minutes) ÷ ``fast_rate``
    rounded up gives ``low``, ÷ ``slow_rate`` gives ``high``. ``low``/``high`` are ``None``
    when the pack has no pace for this kind of programme (``reason`` says why)."""

    low: int | None
    high: int | None
    basis: str  # "pages" | "minutes" | "none"
    quantity: Decimal | None = None
    fast_rate: Decimal | None = None
    slow_rate: Decimal | None = None
    rule: str | None = None  # "shoot-pace@2026.1: tv_fiction.pages_per_day"
    citation: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Feasibility:
    title: str
    kind: ProductionKind
    pages: int
    eighths: int
    scene_count: int
    estimated_minutes: Decimal
    int_ext: tuple[Split, ...]
    light: tuple[Split, ...]
    sets: tuple[SetLine, ...]
    cast: tuple[CastLine, ...]
    night_exteriors: tuple[str, ...]
    weather_exteriors: tuple[str, ...]
    drivers: tuple[DriverLine, ...]
    shoot_days: DayEstimate
    rules: tuple[str, ...]  # pack refs used


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _splits(scenes: Sequence[SceneRecord], key_of: str) -> tuple[Split, ...]:
    counts: dict[str, list[int]] = {}
    for s in scenes:
        key = (s.int_ext.value if s.int_ext else "none") if key_of == "int_ext" else s.light.value
        row = counts.setdefault(key, [0, 0])
        row[0] += 1
        row[1] += s.eighths
    return tuple(Split(k, v[0], v[1]) for k, v in sorted(counts.items(), key=lambda kv: -kv[1][1]))


def _sets(scenes: Sequence[SceneRecord]) -> tuple[SetLine, ...]:
    rows: dict[str, tuple[str, list[int], dict[str, None], dict[str, None]]] = {}
    for s in scenes:
        _name, totals, markers, lights = rows.setdefault(
            set_key(s.set_name), (s.set_name, [0, 0], {}, {})
        )
        totals[0] += 1
        totals[1] += s.eighths
        markers[s.int_ext.value if s.int_ext else "—"] = None
        lights[s.light.value] = None
    lines = [SetLine(name, t[0], t[1], tuple(m), tuple(lt)) for name, t, m, lt in rows.values()]
    return tuple(sorted(lines, key=lambda x: (-x.eighths, x.name)))


def _cast(
    scenes: Sequence[SceneRecord], characters: Sequence[CharacterRecord]
) -> tuple[CastLine, ...]:
    main_of = {c.name: (c.alias_of or c.name) for c in characters}
    aliases: dict[str, list[str]] = {}
    for c in characters:
        if c.alias_of:
            aliases.setdefault(c.alias_of, []).append(c.name)
    stats: dict[str, list[int | str]] = {}
    for s in scenes:
        for main in dict.fromkeys(main_of.get(n, n) for n in s.speakers):
            row = stats.setdefault(main, [0, 0, s.label])
            row[0] = int(row[0]) + 1
            row[1] = int(row[1]) + s.eighths
    lines = [
        CastLine(name, tuple(aliases.get(name, ())), int(r[0]), int(r[1]), str(r[2]))
        for name, r in stats.items()
    ]
    return tuple(sorted(lines, key=lambda x: (-x.scenes, -x.eighths, x.name)))


def _drivers(
    scenes: Sequence[SceneRecord], tags: Iterable[TagRecord], pack: RulePack
) -> tuple[DriverLine, ...]:
    label_of = {s.id: s.label for s in scenes}
    order = {s.id: s.index for s in scenes}
    live = [t for t in tags if t.status is not TagStatus.REJECTED and t.scene_id in label_of]
    lines: list[DriverLine] = []
    for entry in pack:
        spec = entry.value
        categories = {Category(c) for c in spec.get("categories", [])}
        words = [_fold(w) for w in spec.get("words", [])]
        pattern = (
            re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")(?:s|x)?\b")
            if words
            else None
        )
        found = [
            t
            for t in live
            if t.category in categories or (pattern is not None and pattern.search(_fold(t.name)))
        ]
        if entry.key == "night_exteriors":
            continue
        if not found:
            continue
        scene_ids = sorted({t.scene_id for t in found}, key=order.__getitem__)
        lines.append(
            DriverLine(
                driver=entry.key,
                label_fr=str(spec["fr"]),
                label_en=str(spec["en"]),
                scenes=tuple(label_of[i] for i in scene_ids),
                elements=tuple(dict.fromkeys(t.name for t in found)),
                confirmed=all(t.status.counts for t in found),
            )
        )
    return tuple(lines)


def estimate_shoot_days(
    kind: ProductionKind, pages_eighths: int, running_minutes: int | None, pace: RulePack
) -> DayEstimate:
    """Days = script quantity ÷ customary pace, rounded up; the range comes from the pack's
    high pace (fewest days) and low pace (most days)."""
    keys = pace.keys()
    candidates = (
        ("pages", f"{kind.value}.pages_per_day", Decimal(pages_eighths) / 8),
        ("minutes", f"{kind.value}.minutes_per_day", Decimal(running_minutes or 0)),
    )
    for basis, key, quantity in candidates:
        if key not in keys:
            continue
        if not quantity:
            return DayEstimate(
                None, None, "none", reason="the production's running time is not set"
            )
        rule = pace.value(key)
        slow, fast = rule.decimal("low"), rule.decimal("high")
        return DayEstimate(
            low=max(1, math.ceil(quantity / fast)),
            high=max(1, math.ceil(quantity / slow)),
            basis=basis,
            quantity=quantity,
            fast_rate=fast,
            slow_rate=slow,
            rule=f"{pace.ref}: {key}",
            citation=rule.citation(),
        )
    return DayEstimate(
        None, None, "none", reason=f"no customary pace for '{kind.value}' in {pace.ref}"
    )


def diagnose(
    *,
    title: str,
    kind: ProductionKind,
    running_minutes: int | None,
    pages: int,
    scenes: Sequence[SceneRecord],
    tags: Sequence[TagRecord],
    characters: Sequence[CharacterRecord],
    pace: RulePack,
    drivers: RulePack,
) -> Feasibility:
    eighths = sum(s.eighths for s in scenes)
    minutes_per_page = pace.value("minutes_per_page").decimal()
    night_ext = tuple(
        s.label
        for s in scenes
        if s.int_ext in (IntExt.EXT, IntExt.INT_EXT) and s.light is Light.NIGHT
    )
    weather_ids = {
        t.scene_id
        for t in tags
        if t.status is not TagStatus.REJECTED
        and (t.category is Category.SFX or "meteo" in _fold(t.name) or "weather" in _fold(t.name))
    }
    weather_ext = tuple(
        s.label for s in scenes if s.int_ext in (IntExt.EXT, IntExt.INT_EXT) and s.id in weather_ids
    )
    driver_lines = list(_drivers(scenes, tags, drivers))
    if night_ext:
        spec = drivers.value("night_exteriors").value
        driver_lines.append(
            DriverLine("night_exteriors", str(spec["fr"]), str(spec["en"]), night_ext, (), True)
        )
    return Feasibility(
        title=title,
        kind=kind,
        pages=pages,
        eighths=eighths,
        scene_count=len(scenes),
        estimated_minutes=(Decimal(eighths) / 8 * minutes_per_page).quantize(Decimal("0.1")),
        int_ext=_splits(scenes, "int_ext"),
        light=_splits(scenes, "light"),
        sets=_sets(scenes),
        cast=_cast(scenes, characters),
        night_exteriors=night_ext,
        weather_exteriors=weather_ext,
        drivers=tuple(driver_lines),
        shoot_days=estimate_shoot_days(kind, eighths, running_minutes, pace),
        rules=(pace.ref, drivers.ref),
    )
