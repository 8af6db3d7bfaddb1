# SPDX-License-Identifier: AGPL-3.0-or-later
"""The draft devis: the lines a production manager would start from, generated from what
the production already says — the day-out-of-days of the primary board (cast days), the
engagements (crew days and rates), the shoot days at each location, the breakdown
(vehicles, animals, extras, effects…) — and the customary defaults of the
``draft-defaults`` rule pack (prep and wrap weeks, equipment per shoot day, location fees,
catering, insurance, post-production).

Every line says in ``origin`` what produced it (``"DOOD : 3 Anne Kerlo — 5 jours
travaillés + 1 attente"``, ``"Usage : … (draft-defaults@2026.1 item.camera, estimated)"``).
Crew pay is the engagement's contractual rate in its unit when it has one: a day rate ×
days, a week rate × weeks (civil weeks of the contract dates, a week begun counting in
full; without dates, the shoot's weeks + the department's prep and wrap weeks), an hour
rate × days × the paid hours of a day (:attr:`DraftInputs.day_hours`), a flat fee once.
Otherwise the engagement's daily cost per day; without one, the pay grid's minimum
(resolved beforehand, see :func:`grid_jobs`); without that, the pack's placeholder day
rate. A rate under the grid minimum of its unit stays as entered and is reported in the
line's ``warnings``.

:func:`draft_lines` is pure: the inputs, the chart and the defaults come in as values.
:func:`draft_defaults` reads the rule pack (like :func:`regie.budget.chart.load_chart`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Final

from regie.budget.compute import line_gross
from regie.budget.globals import Globals
from regie.budget.grids import GridRate
from regie.budget.model import BudgetLine, Chart, ChartKind
from regie.core.errors import RuleError
from regie.core.production import ProductionKind
from regie.core.text import Text, t
from regie.rules.pack import RulePack, Status
from regie.rules.registry import pack
from regie.schedule.people import RATE_UNIT_LABELS, RateUnit

PACK_ID: Final = "draft-defaults"
ITEM: Final = "item."
TECHNICIAN: Final = "technician"
PERFORMER: Final = "performer"
PERFORMER_GROUP: Final = "cddu_performer"
STUDIO_WORDS: Final = ("studio", "plateau")


# --- what the production says ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CastInput:
    """A cast member and the days they are paid: from the DOOD (``from_board``) or, with
    no schedule, one day per scene they appear in."""

    key: str  # the DOOD's key (engagement id)
    name: str
    daily_cost: Decimal
    work_days: int
    hold_days: int = 0
    minor: bool = False
    characters: tuple[str, ...] = ()
    from_board: bool = True

    @property
    def paid_days(self) -> int:
        return self.work_days + self.hold_days


@dataclass(frozen=True, slots=True)
class CrewInput:
    """A crew engagement; ``engaged_days`` when its contract dates say how many days,
    ``None`` for shoot days + the department's prep and wrap."""

    name: str
    position: str
    department: str  # regie.schedule.people.Department value
    job_key: str = ""
    daily_cost: Decimal = Decimal(0)
    engaged_days: int | None = None
    rate: Decimal | None = None  # the contractual rate, per ``rate_unit``; None: daily cost
    rate_unit: RateUnit = RateUnit.DAY
    engaged_weeks: int | None = None  # civil weeks of the contract dates with a working day


@dataclass(frozen=True, slots=True)
class LocationInput:
    name: str
    days: int  # shoot days at the location
    from_board: bool = True  # False: estimated from the scenes' share of the pages


@dataclass(frozen=True, slots=True)
class ElementInput:
    """A breakdown element: the scenes it is tagged in and the shoot days of those
    scenes (one day a scene with no board)."""

    category: str  # regie.script.elements.Category value
    name: str
    scenes: tuple[str, ...]
    days: int
    quantity: int | None = None  # people (extras) or units on the tag


@dataclass(frozen=True, slots=True)
class DraftInputs:
    kind: ProductionKind
    agreement: str  # "3097" | "2642"
    globals: Globals
    shoot_days_origin: str  # "Plan de travail : …" or "Faisabilité : …"
    days_per_week: int = 5
    cast: tuple[CastInput, ...] = ()
    crew: tuple[CrewInput, ...] = ()
    locations: tuple[LocationInput, ...] = ()
    elements: tuple[ElementInput, ...] = ()
    minima: Mapping[tuple[str, str], GridRate] = field(default_factory=dict)  # (job, unit)
    day_hours: Decimal | None = None  # paid hours of a day (hourly rates), from the agreement


# --- the customary defaults ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DraftItem:
    """One line the pack proposes (``item.<key>``)."""

    key: str
    account: str
    label: str
    unit: str
    per: str  # shoot_day | production_week | fixed | person_day | cast_day | …
    rate: Decimal
    quantity: Decimal = Decimal(1)
    of: tuple[str, ...] = ()  # share: account codes, or ("chapters",)
    fringe: str | None = None  # technician | performer
    grid_job: str | None = None
    grid_unit: str = "day"
    status: Status = Status.ESTIMATED
    rule: str = ""  # "draft-defaults@2026.1 item.camera"


@dataclass(frozen=True, slots=True)
class DraftDefaults:
    ref: str
    prep_weeks: Mapping[str, Decimal]  # department → weeks
    wrap_weeks: Mapping[str, Decimal]
    crew_day_rate: Decimal
    principal_min_days: int
    job_grid: Mapping[str, str]  # engagement job key → pay-grid job
    items: tuple[DraftItem, ...]
    crew_rule: str = ""


def draft_defaults(
    kind: ProductionKind, *, on: dt.date | None = None, extra_dirs: tuple[Path, ...] = ()
) -> DraftDefaults:
    """The ``draft-defaults`` values for ``kind`` (a ``<kind>.`` key wins over the plain
    one), valid on ``on``."""
    defaults = pack(PACK_ID, extra_dirs=extra_dirs)
    keys = set(defaults.keys())

    def pick(key: str) -> str:
        return f"{kind.value}.{key}" if f"{kind.value}.{key}" in keys else key

    def weeks(key: str) -> dict[str, Decimal]:
        entry = defaults.value(pick(key), on)
        return {str(k): entry.decimal(str(k)) for k in _mapping(defaults, entry.key, entry.value)}

    items: list[DraftItem] = []
    for name in dict.fromkeys(k.removeprefix(ITEM) for k in sorted(keys) if k.startswith(ITEM)):
        key = pick(ITEM + name)
        item = _item(defaults, key, name, on)
        if item is not None:
            items.append(item)
    order = [e.key for e in defaults if e.key.startswith(ITEM)]
    items.sort(key=lambda i: order.index(ITEM + i.key))
    day_rate = defaults.value(pick("crew.day_rate"), on)
    principal = defaults.value(pick("cast.principal_min_days"), on)
    jobs = defaults.value(pick("jobs.grid"), on)
    return DraftDefaults(
        ref=defaults.ref,
        prep_weeks=weeks("prep_weeks"),
        wrap_weeks=weeks("wrap_weeks"),
        crew_day_rate=day_rate.decimal(),
        principal_min_days=int(principal.decimal()),
        job_grid={str(k): str(v) for k, v in _mapping(defaults, jobs.key, jobs.value).items()},
        items=tuple(items),
        crew_rule=f"{defaults.ref} {day_rate.key}, {day_rate.status.value}",
    )


def grid_jobs(crew: Sequence[CrewInput], defaults: DraftDefaults) -> set[tuple[str, str]]:
    """The ``(grid job, unit)`` minima :func:`draft_lines` may use: the caller resolves them
    (:func:`regie.budget.grids.minimum`) into :attr:`DraftInputs.minima`."""
    wanted = {
        (defaults.job_grid.get(c.job_key, c.job_key), _grid_unit(c))
        for c in crew
        if c.job_key and (c.rate is None or c.rate_unit is not RateUnit.FLAT)
    }
    wanted |= {(i.grid_job, i.grid_unit) for i in defaults.items if i.grid_job}
    return wanted


# --- the draft -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DraftLine:
    """A generated line (``line.origin`` says what produced it) and what the reader must
    know about it."""

    line: BudgetLine
    warnings: tuple[Text, ...] = ()


def technician_group(chart: Chart) -> str:
    return "cddu_technician" if chart.kind is ChartKind.CINEMA else "cddu_technician_audiovisual"


def draft_lines(inputs: DraftInputs, chart: Chart, defaults: DraftDefaults) -> list[DraftLine]:
    """The draft devis's lines, chapter by chapter (see the module docstring)."""
    out: list[DraftLine] = []

    def add(line: BudgetLine, warnings: tuple[Text, ...] = ()) -> None:
        if chart.account(line.account) is None:
            raise RuleError(
                t("account {code} is not in the chart {chart}", code=line.account, chart=chart.ref),
                where=defaults.ref,
                hint=t("Use an account of the devis (regie devis accounts)"),
            )
        out.append(DraftLine(line, warnings))

    for member in inputs.cast:
        add(*_cast_line(member, defaults))
    for crew in inputs.crew:
        add(*_crew_line(crew, inputs, chart, defaults))
    for place in inputs.locations:
        item = next((i for i in defaults.items if i.per == "location_day"), None)
        if item is not None and place.days:
            add(_location_line(place, item))
    shares = [i for i in defaults.items if i.per == "share"]
    for item in defaults.items:
        if item.per in ("share", "location_day"):
            continue
        made = _item_line(item, inputs, chart)
        if made is not None:
            add(made)
    for item in shares:  # last: they are a share of the lines above
        made = _share_line(item, [d.line for d in out], chart)
        if made is not None:
            add(made)
    return [DraftLine(_replace_id(d.line, f"D{n:04d}"), d.warnings) for n, d in enumerate(out, 1)]


def _cast_line(member: CastInput, defaults: DraftDefaults) -> tuple[BudgetLine, tuple[Text, ...]]:
    principal = member.work_days >= defaults.principal_min_days
    role = ", ".join(c.title() for c in member.characters)
    if member.from_board:
        origin = f"DOOD : {member.key} {member.name} — {_days(member.work_days)} travaillé" + (
            "s" if member.work_days > 1 else ""
        )
        if member.hold_days:
            origin += f" + {member.hold_days} attente" + ("s" if member.hold_days > 1 else "")
    else:
        origin = (
            f"Dépouillement : {member.name} dans {member.work_days} scène"
            f"{'s' if member.work_days > 1 else ''} (sans plan de travail : une journée par scène)"
        )
    note = "Mineur : autorisation et part du cachet consignée à prévoir" if member.minor else ""
    line = BudgetLine(
        id="",
        account="31" if principal else "30",
        description=f"{member.name}" + (f" — {role}" if role else ""),
        quantity=Decimal(member.paid_days),
        unit="jour",
        rate=member.daily_cost,
        fringe_group=PERFORMER_GROUP,
        note=note,
        origin=origin,
    )
    warnings: tuple[Text, ...] = ()
    if member.daily_cost == 0:
        warnings = (
            t(
                "{name} has no daily cost: the cast line is at 0 € until you set it",
                name=member.name,
            ),
        )
    return line, tuple(warnings)


def _grid_unit(member: CrewInput) -> str:
    return RateUnit.DAY.value if member.rate is None else member.rate_unit.value


_UNIT_WORDS: Final = {
    RateUnit.DAY: ("jour", "par jour"),
    RateUnit.WEEK: ("semaine", "par semaine"),
    RateUnit.HOUR: ("heure", "de l'heure"),
    RateUnit.FLAT: ("forfait", "au forfait"),
}


def _crew_days(
    member: CrewInput, inputs: DraftInputs, defaults: DraftDefaults
) -> tuple[Decimal, str]:
    """Days paid to a crew member and what they are made of."""
    if member.engaged_days is not None:
        return Decimal(member.engaged_days), f"{_days(member.engaged_days)} d'engagement"
    prep = defaults.prep_weeks.get(member.department, Decimal(0))
    wrap = defaults.wrap_weeks.get(member.department, Decimal(0))
    week = Decimal(inputs.days_per_week)
    shoot = inputs.globals.shoot_days
    span = f"{_num(shoot)} jours de tournage"
    if prep:
        span += f" + {_num(prep)} sem. de préparation ({_num(prep * week)} j)"
    if wrap:
        span += f" + {_num(wrap)} sem. de rangement ({_num(wrap * week)} j)"
    return shoot + (prep + wrap) * week, span


def _crew_weeks(
    member: CrewInput, inputs: DraftInputs, defaults: DraftDefaults
) -> tuple[Decimal, str]:
    """Weeks paid to a crew member on a weekly rate (a week begun counts in full)."""
    if member.engaged_weeks is not None:
        weeks = member.engaged_weeks
        return (
            Decimal(weeks),
            f"{_count(Decimal(weeks), 'semaine')} civile{'s' if weeks > 1 else ''} d'engagement",
        )
    prep = defaults.prep_weeks.get(member.department, Decimal(0))
    wrap = defaults.wrap_weeks.get(member.department, Decimal(0))
    shoot = Decimal(math.ceil(inputs.globals.shoot_days / inputs.days_per_week))
    span = f"{_num(shoot)} sem. de tournage"
    if prep:
        span += f" + {_num(prep)} sem. de préparation"
    if wrap:
        span += f" + {_num(wrap)} sem. de rangement"
    return shoot + prep + wrap, span


def _contract_crew_line(
    member: CrewInput, rate: Decimal, inputs: DraftInputs, chart: Chart, defaults: DraftDefaults
) -> tuple[BudgetLine, tuple[Text, ...]]:
    """A crew line at the engagement's contractual rate, in its unit."""
    unit = member.rate_unit
    warnings: list[Text] = []
    if unit is RateUnit.WEEK:
        quantity, span = _crew_weeks(member, inputs, defaults)
    elif unit is RateUnit.FLAT:
        quantity, span = Decimal(1), "forfait de l'engagement"
    else:
        quantity, span = _crew_days(member, inputs, defaults)
        if unit is RateUnit.HOUR:
            hours = inputs.day_hours
            if hours is None:
                hours = Decimal(0)
                warnings.append(
                    t(
                        "{name} ({position}): an hourly rate needs the paid hours of a day; "
                        "the line counts no hours",
                        name=member.name,
                        position=member.position,
                    )
                )
            span += f" × {_num(hours)} h payées par jour"
            quantity *= hours
    job = defaults.job_grid.get(member.job_key, member.job_key)
    floor = inputs.minima.get((job, unit.value)) if job and unit is not RateUnit.FLAT else None
    if floor is not None and rate < floor.amount:
        warnings.append(
            t(
                "{name} ({position}): {rate} € {per_unit} is under the minimum of {minimum} € "
                "of IDCC {agreement} for {job} ({status}); the draft keeps the rate entered",
                name=member.name,
                position=member.position,
                rate=rate,
                per_unit=RATE_UNIT_LABELS[unit],
                minimum=floor.amount,
                agreement=floor.agreement,
                job=floor.title,
                status=floor.status.value,
            )
        )
    word, per = _UNIT_WORDS[unit]
    line = BudgetLine(
        id="",
        account="20",
        description=f"{member.position} — {member.name}",
        quantity=quantity,
        unit=word,
        rate=rate,
        fringe_group=technician_group(chart),
        origin=(
            f"Engagement : {member.name}, {member.position} — {span} ; "
            f"taux du contrat ({_num(rate)} € {per})"
        ),
    )
    return line, tuple(warnings)


def _crew_line(
    member: CrewInput, inputs: DraftInputs, chart: Chart, defaults: DraftDefaults
) -> tuple[BudgetLine, tuple[Text, ...]]:
    if member.rate is not None:
        return _contract_crew_line(member, member.rate, inputs, chart, defaults)
    job = defaults.job_grid.get(member.job_key, member.job_key)
    floor = inputs.minima.get((job, "day")) if job else None
    warnings: list[Text] = []
    if member.daily_cost > 0:
        rate, how = member.daily_cost, "coût journalier de l'engagement"
        if floor is not None and member.daily_cost < floor.amount:
            warnings.append(
                t(
                    "{name} ({position}): {rate} € a day is under the minimum of {minimum} € "
                    "of IDCC {agreement} for {job} ({status}); the draft keeps the rate entered",
                    name=member.name,
                    position=member.position,
                    rate=member.daily_cost,
                    minimum=floor.amount,
                    agreement=floor.agreement,
                    job=floor.title,
                    status=floor.status.value,
                )
            )
    elif floor is not None:
        rate = floor.amount
        how = f"minimum IDCC {floor.agreement} {floor.title} ({floor.status.value})"
    else:
        rate, how = defaults.crew_day_rate, f"tarif d'usage ({defaults.crew_rule})"
    quantity, span = _crew_days(member, inputs, defaults)
    line = BudgetLine(
        id="",
        account="20",
        description=f"{member.position} — {member.name}",
        quantity=quantity,
        unit="jour",
        rate=rate,
        fringe_group=technician_group(chart),
        origin=f"Engagement : {member.name}, {member.position} — {span} ; {how}",
    )
    return line, tuple(warnings)


def _location_line(place: LocationInput, item: DraftItem) -> BudgetLine:
    folded = place.name.casefold()
    studio = any(w in folded for w in STUDIO_WORDS)
    if place.from_board:
        origin = f"Plan de travail : {_days(place.days)} au lieu {place.name}"
    else:
        origin = (
            f"Dépouillement : {_days(place.days)} au lieu {place.name} "
            "(sans plan de travail : part des pages)"
        )
    return BudgetLine(
        id="",
        account="51" if studio else item.account,
        description=f"{place.name} — {item.label}",
        quantity=Decimal(place.days),
        unit=item.unit,
        rate=item.rate,
        note=item.rule,
        origin=f"{origin} ; usage {item.rule} ({item.status.value})",
    )


def _item_line(item: DraftItem, inputs: DraftInputs, chart: Chart) -> BudgetLine | None:
    g = inputs.globals
    per, _, category = item.per.partition(":")
    rate, how = item.rate, ""
    multiplier = Decimal(1)
    if item.grid_job:
        floor = inputs.minima.get((item.grid_job, item.grid_unit))
        if floor is not None:
            rate = floor.amount
            how = f" ; minimum IDCC {floor.agreement} {floor.title} ({floor.status.value})"
    if per == "shoot_day":
        quantity, basis = g.shoot_days, f"{_num(g.shoot_days)} jours de tournage"
    elif per == "production_week":
        shoot_weeks = math.ceil(g.shoot_days / inputs.days_per_week)
        quantity = g.prep_weeks + Decimal(shoot_weeks) + g.wrap_weeks
        basis = (
            f"{_num(g.prep_weeks)} sem. de préparation + {shoot_weeks} de tournage "
            f"+ {_num(g.wrap_weeks)} de rangement"
        )
    elif per == "fixed":
        quantity, basis = item.quantity, _count(item.quantity, item.unit)
        multiplier = g.episodes
    elif per == "person_day":
        cast_days = sum(c.work_days for c in inputs.cast)
        crew_days = len(inputs.crew) * g.shoot_days
        quantity = Decimal(cast_days) + crew_days
        basis = (
            f"{cast_days} jours de comédiens + {len(inputs.crew)} techniciens × "
            f"{_num(g.shoot_days)} jours de tournage"
        )
    elif per == "cast_day":
        cast_days = sum(c.work_days for c in inputs.cast)
        quantity, basis = Decimal(cast_days), f"{cast_days} jours travaillés des comédiens"
    elif per == "cast_member":
        quantity, basis = Decimal(len(inputs.cast)), f"{len(inputs.cast)} rôles distribués"
    elif per in ("element", "element_day", "element_scene"):
        found = [e for e in inputs.elements if e.category == category]
        if not found:
            return None
        return _element_line(item, per, found)
    else:
        raise RuleError(
            t("'{per}' is not a basis of a draft line", per=item.per),
            where=item.rule,
            hint=t("Use shoot_day, production_week, fixed, person_day, cast_day, cast_member, "
                   "location_day, element:…, element_day:…, element_scene:… or share"),
        )  # fmt: skip
    if quantity == 0:
        return None
    return BudgetLine(
        id="",
        account=item.account,
        description=item.label,
        quantity=quantity,
        unit=item.unit,
        rate=rate,
        multiplier=multiplier,
        fringe_group=_fringe(item, chart),
        note=item.rule,
        origin=f"Usage : {item.label} — {basis} ({item.rule}, {item.status.value}){how}",
    )


_CATEGORY_WORDS: Final = {
    "vehicles": ("véhicule", "véhicules"),
    "animals": ("animal", "animaux"),
    "extras": ("figurant", "figurants"),
    "stunts": ("cascade", "cascades"),
    "sfx": ("effet spécial", "effets spéciaux"),
    "vfx": ("effet visuel", "effets visuels"),
    "props": ("accessoire", "accessoires"),
    "costume": ("costume", "costumes"),
    "set_dressing": ("élément de décor", "éléments de décor"),
    "special_equipment": ("matériel spécial", "matériels spéciaux"),
    "security": ("poste de sécurité", "postes de sécurité"),
}


def _element_line(item: DraftItem, per: str, found: Sequence[ElementInput]) -> BudgetLine:
    category = found[0].category
    one, many = _CATEGORY_WORDS.get(category, ("élément", "éléments"))
    scenes = sorted({s for e in found for s in e.scenes}, key=_scene_order)
    heads = sum(e.quantity or 1 for e in found) if category == "extras" else len(found)
    what = f"{heads} {one if heads == 1 else many} ({'scène' if len(scenes) == 1 else 'scènes'} "
    what += f"{', '.join(scenes)})"
    if per == "element":
        quantity = Decimal(len(found))
    elif per == "element_scene":
        quantity = Decimal(sum(len(e.scenes) for e in found))
        what += f", {_num(quantity)} occurrence{'s' if quantity > 1 else ''}"
    else:
        quantity = Decimal(sum(e.days * (e.quantity or 1) for e in found))
        what += f", {_count(quantity, item.unit)}"
    return BudgetLine(
        id="",
        account=item.account,
        description=f"{item.label} : " + ", ".join(e.name for e in found),
        quantity=quantity,
        unit=item.unit,
        rate=item.rate,
        fringe_group=PERFORMER_GROUP if item.fringe == PERFORMER else None,
        note=item.rule,
        origin=f"Dépouillement : {what} ; usage {item.rule} ({item.status.value})",
    )


def _share_line(item: DraftItem, lines: Sequence[BudgetLine], chart: Chart) -> BudgetLine | None:
    if item.of == ("chapters",):
        base_lines = [ln for ln in lines if ln.account[:1] in "12345678"]
        what = "des lignes des chapitres 1 à 8"
    else:
        base_lines = [ln for ln in lines if ln.account in item.of]
        what = f"des comptes {', '.join(item.of)}"
    base = sum((line_gross(ln) for ln in base_lines), Decimal(0))
    if base == 0:
        return None
    return BudgetLine(
        id="",
        account=item.account,
        description=item.label,
        quantity=item.rate,
        unit=item.unit,
        rate=base,
        fringe_group=_fringe(item, chart),
        note=item.rule,
        origin=(
            f"Usage : {item.label} — {_num(item.rate * 100)} % {what} ({_num(base)} €) "
            f"({item.rule}, {item.status.value})"
        ),
    )


# --- internals ------------------------------------------------------------------------


def _fringe(item: DraftItem, chart: Chart) -> str | None:
    if item.fringe == TECHNICIAN:
        return technician_group(chart)
    if item.fringe == PERFORMER:
        return PERFORMER_GROUP
    return None


def _replace_id(line: BudgetLine, code: str) -> BudgetLine:
    return replace(line, id=code)


def _days(n: int) -> str:
    return f"{n} jour{'s' if n > 1 else ''}"


def _num(value: Decimal | int) -> str:
    """French figure: ``1,5``, ``7``."""
    d = Decimal(value)
    if d == d.to_integral():
        return f"{d.to_integral():f}"
    text = f"{d:f}" if d.as_tuple().exponent == -2 else f"{d.normalize():f}"
    return text.replace(".", ",")


def _count(quantity: Decimal, unit: str) -> str:
    """``5 semaines``, ``1 forfait``."""
    plural = quantity > 1 and not unit.endswith(("s", "x"))
    return f"{_num(quantity)} {unit}{'s' if plural else ''}"


def _scene_order(label: str) -> tuple[int, str]:
    digits = "".join(c for c in label if c.isdigit())
    return (int(digits) if digits else 0, label)


def _mapping(defaults: RulePack, key: str, value: object) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise RuleError(
            t("rule '{key}' of pack {pack} must be a mapping", key=key, pack=defaults.ref),
            where=defaults.path,
        )
    return value


def _item(defaults: RulePack, key: str, name: str, on: dt.date | None) -> DraftItem | None:
    entry = defaults.value(key, on)
    value = _mapping(defaults, key, entry.value)
    if str(value.get("skip", "")).lower() == "true":
        return None
    for needed in ("account", "label", "unit", "per", "rate"):
        if needed not in value:
            raise RuleError(
                t("the draft item '{key}' has no '{field}'", key=key, field=needed),
                where=defaults.path,
                hint=t("Each item needs account, label, unit, per and rate"),
            )
    raw_of = value.get("of", ())
    if isinstance(raw_of, str):
        of: tuple[str, ...] = (raw_of,)
    elif isinstance(raw_of, list | tuple):
        of = tuple(str(v) for v in raw_of)
    else:
        of = ()
    return DraftItem(
        key=name,
        account=str(value["account"]),
        label=str(value["label"]),
        unit=str(value["unit"]),
        per=str(value["per"]),
        rate=entry.decimal("rate"),
        quantity=entry.decimal("quantity") if "quantity" in value else Decimal(1),
        of=of,
        fringe=str(value["fringe"]) if value.get("fringe") else None,
        grid_job=str(value["grid_job"]) if value.get("grid_job") else None,
        grid_unit=str(value.get("grid_unit", "day")),
        status=entry.status,
        rule=f"{defaults.ref} {key}",
    )
