# SPDX-License-Identifier: AGPL-3.0-or-later
"""One scene's suggestions while :func:`regie.script.suggest.suggest` collects them.

A :class:`Sheet` keeps one suggestion per (category, element key), the first one found,
with the larger quantity when the element is found twice; :meth:`Sheet.result` gives them
in breakdown-sheet order: category, then where the element shows first in the scene.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from regie.script.elements import Category, Suggestion, element_key
from regie.script.model import IntExt, Light, Scene
from regie.script.suggest_capitals import CapitalRun
from regie.script.suggest_lexicon import When, fold
from regie.script.suggest_match import Hit, Matcher, excerpt

# Where a suggestion comes from, ranked for the order within a category.
SPOKEN, HEADING, ACTION, NOTE, DERIVED = range(5)
# Categories whose elements are counted ("une cinquantaine de villageois" → 50).
COUNTED = frozenset(
    (Category.EXTRAS, Category.PROPS, Category.VEHICLES, Category.ANIMALS, Category.COSTUME)
)
# Categories that never name a thing written in capitals: PHOTO JAUNIE is a prop whose
# words also propose the note "époque / archives".
NOT_NAMED = frozenset((Category.NOTES, Category.SECURITY))
_ORDER = {category.value: i for i, category in enumerate(Category)}
# Enum members read once: reading ``Category.CAST`` costs ten times a module constant.
CAST, EXTRAS, PROPS = Category.CAST, Category.EXTRAS, Category.PROPS
_ALWAYS, _EXTERIOR, _NIGHT = When.ALWAYS, When.EXTERIOR, When.NIGHT
_EXT, _INT_EXT, _NIGHT_LIGHT = IntExt.EXT, IntExt.INT_EXT, Light.NIGHT

Span = tuple[str, int, int]  # a text and the part of it that triggered a suggestion


@dataclass(frozen=True, slots=True)
class Script:
    """What every scene needs to know about the whole script."""

    matcher: Matcher
    characters: frozenset[str]  # element keys of every speaking cue
    last_words: dict[str, str]  # "DATE" → "WILL'S DATE" when only one cue ends so
    named: dict[str, list[tuple[str, str]]]  # "don" → [("Don Price", "DON PRICE")]
    name_keys: frozenset[bytes]  # the keys of ``named``, as bytes (see ``words_of``)
    watched: frozenset[bytes]  # the lexicon's keys and the name keys
    keys: dict[str, str]  # memo of element_key for this call
    headings: dict[str, tuple[str, list[Hit]]]  # memo: heading → (folded, hits)

    def character(self, run: CapitalRun) -> str | None:
        """The speaking character a run of capitals names, if any."""
        for candidate in (run.full, run.name):
            if candidate in self.characters:
                return candidate
        words = run.name.split()
        if 1 < len(words) <= 3 and words[0] in self.characters:
            return words[0]  # "EDWARD BLOOM" for the cue EDWARD
        return self.last_words.get(run.name)  # "DATE" for the cue WILL'S DATE


@dataclass(slots=True)
class Sheet:
    """The suggestions of one scene, one per (category, element key)."""

    scene: Scene
    script: Script
    items: dict[tuple[str, str], tuple[tuple[int, int, int], Suggestion]]

    def has(self, category: Category, key: str) -> bool:
        return (category._value_, key) in self.items

    def add(
        self,
        category: Category,
        name: str,
        reason: str,
        span: Span | str = "",
        *,
        quantity: int | None = None,
        order: tuple[int, int] = (DERIVED, 0),
    ) -> None:
        """Add one suggestion unless the scene has it (then keep the larger quantity);
        ``span``: the excerpt, or the text and the part of it that triggered it."""
        # Keyed by the category's value: hashing an Enum member runs Python code.
        value = category._value_
        element = self.script.keys.get(name)
        if element is None:
            element = self.script.keys[name] = element_key(name)
        key = (value, element)
        held = self.items.get(key)
        if held is None:
            text = span if isinstance(span, str) else excerpt(*span)
            suggestion = Suggestion(self.scene.index, category, name, reason, text, quantity)
            self.items[key] = ((_ORDER[value], *order), suggestion)
        elif quantity is not None and (held[1].quantity or 0) < quantity:
            self.items[key] = (held[0], replace(held[1], quantity=quantity))

    def applies(self, when: When) -> bool:
        heading = self.scene.heading
        if when is _EXTERIOR:
            return heading.int_ext is _EXT or heading.int_ext is _INT_EXT
        if when is _NIGHT:
            return heading.light is _NIGHT_LIGHT
        return True

    def add_hit(
        self,
        hit: Hit,
        text: str,
        folded: str,
        *,
        rank: int,
        where: str = "",
        run_category: Category | None = None,
    ) -> None:
        """What a lexicon word proposes: its entries' elements (unless the run of capitals
        it stands in already names it) and their further elements."""
        word = text[hit.start : hit.end]
        span = (text, hit.start, hit.end)
        order = (rank, hit.start)
        quantity: int | None = None
        for entry in hit.entries:
            if entry.when is not _ALWAYS and not self.applies(entry.when):
                continue
            reason = f"word '{word}'{where} ({entry.category._value_})"
            if entry.category is not run_category:
                if entry.category in COUNTED and quantity is None:
                    quantity = self.script.matcher.quantity_before(folded, hit.start)
                self.add(
                    entry.category, entry.element, reason, span, quantity=quantity, order=order
                )
            for also in entry.also:
                if also.when is _ALWAYS or self.applies(also.when):
                    self.add(also.category, also.element, reason, span, order=order)

    def add_run(
        self, run: CapitalRun, inside: list[Hit], text: str, folded: str
    ) -> tuple[str | None, Category]:
        """What a run of capitals names; returns (the character, the run's category)."""
        span = (text, run.start, run.end)
        order = (ACTION, run.start)
        character = self.script.character(run)
        if character is not None:
            self.add(CAST, character, "named in capitals in action", span, order=order)
            return character, CAST
        quantity = self.script.matcher.quantity_before(folded, run.start)
        if run.person(self.script.matcher):
            if run.group or (quantity or 0) > 1:
                reason = "group in capitals (figuration)"
            else:
                reason = "silhouette in capitals (non-speaking)"
            self.add(EXTRAS, run.name, reason, span, quantity=quantity, order=order)
            return None, EXTRAS
        for hit in inside:
            for entry in hit.entries:
                if entry.category not in NOT_NAMED:
                    word = text[hit.start : hit.end]
                    reason = f"capitals in action, word '{word}' ({entry.category._value_})"
                    self.add(entry.category, run.name, reason, span, quantity=quantity, order=order)
                    return None, entry.category
        capital_words = self.script.matcher.capital_words  # sound effects: "a loud BANG"
        for word in fold(run.name).split():
            for entry in capital_words.get(word, ()):
                reason = f"capitals in action, word '{word}' ({entry.category._value_})"
                self.add(entry.category, run.name, reason, span, order=order)
                return None, entry.category
        self.add(PROPS, run.name, "capitals in action", span, quantity=quantity, order=order)
        return None, PROPS

    def result(self) -> list[Suggestion]:
        return [suggestion for _order, suggestion in sorted(self.items.values(), key=_first)]


def _first(item: tuple[tuple[int, int, int], Suggestion]) -> tuple[int, int, int]:
    return item[0]
