# SPDX-License-Identifier: AGPL-3.0-or-later
"""The vocabulary of breakdown suggestions, read and checked from its rule pack.

The shipped pack is ``regie/rules/packs/breakdown-lexicon.yaml`` (its header documents the
keys). :func:`read_lexicon` turns a :class:`~regie.rules.pack.RulePack` into a frozen
:class:`Lexicon`, raising :class:`~regie.core.errors.RuleError` naming the pack file and the
entry (``keywords.vehicles[3]``) for anything malformed, so a user-loaded lexicon fails at
load time with a message that says what to fix.

Words are compared *folded* (:func:`fold`): lower case, accents removed, typographic
apostrophes and non-breaking spaces made plain — one character for one character, so a
position in the folded text is the same position in the original.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from regie.core.errors import RuleError
from regie.rules.pack import RulePack, RuleValue
from regie.script.elements import Category

LANGUAGES = ("fr", "en")


def _fold_table() -> bytes:
    """Latin-1 byte → ASCII byte: letters lower case without accents, the rest a space."""
    table = bytearray(range(256))
    for code in range(256):
        char = chr(code)
        if "A" <= char <= "Z":
            table[code] = code + 32
        elif code >= 0x80:
            base = unicodedata.normalize("NFD", char)[0]
            table[code] = ord(base.lower()) if base.isascii() and base.isalpha() else 0x20
    return bytes(table)


def _capitals_table() -> bytes:
    """Latin-1 byte → ``U`` for a capital letter, ``'`` for an apostrophe or a hyphen
    (inside words in capitals: ``L'INSPECTEUR``, ``JEAN-PIERRE``), ``.`` for the rest."""
    return bytes(
        0x55
        if "A" <= chr(code) <= "Z" or (0xC0 <= code <= 0xDE and code != 0xD7)
        else 0x27
        if chr(code) in "'-"
        else 0x2E
        for code in range(256)
    )


_FOLD = _fold_table()
_CAPITALS = _capitals_table()
# Folded byte → itself for a letter or a digit, a space for the rest: the text's words.
WORDS = bytes(code if chr(code).isalnum() and code < 128 else 0x20 for code in range(256))


def fold_for_scan(text: str) -> tuple[str, bytes, bytes]:
    """:func:`fold` of ``text``, the same as bytes with every non-word character a space
    (``split()`` gives its words), and where its capitals are, position for position
    (``b"U"``, see :func:`_capitals_table`): finding ``UU`` there is how runs of capitals
    are found without running a regular expression over every character."""
    if not text.isascii():
        text = text.replace("’", "'").replace("‘", "'").replace("œ", "o").replace("Œ", "O")
    raw = text.encode("latin-1", "replace")
    folded = raw.translate(_FOLD)
    return folded.decode("latin-1"), folded.translate(WORDS), raw.translate(_CAPITALS)


def fold(text: str) -> str:
    """Lower case ASCII without accents, one character for one (``"Pêche"`` → ``"peche"``).

    Typographic apostrophes become ``'``, ``œ`` becomes ``o`` (the lexicon is folded the
    same way), other characters outside Latin-1 become ``?`` and non-letters above ASCII
    (``«``, ``°``, non-breaking space) a space. Done on bytes: a French script folds at
    C speed, where ``str.translate`` with accents would take tens of milliseconds.
    """
    if not text.isascii():
        text = text.replace("’", "'").replace("‘", "'").replace("œ", "o").replace("Œ", "O")
    return text.encode("latin-1", "replace").translate(_FOLD).decode("latin-1")


class When(StrEnum):
    """Which scenes an entry (or one of its further elements) applies to."""

    ALWAYS = "always"
    EXTERIOR = "exterior"  # EXT and INT/EXT headings
    NIGHT = "night"


@dataclass(frozen=True, slots=True)
class Also:
    """A further element an entry proposes (a weapon → ``security: armurier / arme``)."""

    category: Category
    element: str
    when: When = When.ALWAYS


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """Words of one element: any of ``words`` (or ``patterns``) proposes ``element``."""

    where: str  # "keywords.vehicles[3]": names the entry in messages and reasons
    category: Category
    element: str
    words: tuple[str, ...]  # folded
    patterns: tuple[str, ...] = ()  # regular expressions over folded text
    also: tuple[Also, ...] = ()
    when: When = When.ALWAYS
    lang: str | None = None  # None: every language
    capitals: bool = False  # only inside a run of capitals: "a loud BANG", not "bang on time"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything :func:`regie.script.suggest.suggest` knows about words.

    Word sets are keyed by language (``"fr"``, ``"en"``; ``"any"`` for both). Capital words
    (``ignore``, ``articles``) are kept upper case with accents; the others are folded.
    """

    ref: str  # "breakdown-lexicon@2026.1"
    entries: tuple[LexiconEntry, ...]
    ignore: Mapping[str, frozenset[str]]
    articles: Mapping[str, frozenset[str]]
    people: Mapping[str, frozenset[str]]
    extras_markers: Mapping[str, frozenset[str]]
    numbers: Mapping[str, Mapping[str, int]]
    requests: Mapping[str, frozenset[str]]
    language: Mapping[str, frozenset[str]]
    minor_note: str
    night_exterior_note: str
    minor_age_below: int

    def words(self, table: Mapping[str, frozenset[str]], lang: str) -> frozenset[str]:
        """The words of ``table`` that apply to a script in ``lang``."""
        return table.get("any", frozenset()) | table.get(lang, frozenset())


_ENTRY_FIELDS = frozenset(("words", "patterns", "element", "lang", "when", "also", "capitals"))
_LISTS = ("capitals.ignore", "capitals.articles", "people", "extras.markers", "notes.request")
_REQUIRED = (
    *_LISTS,
    "numbers",
    "language",
    "notes.minor",
    "notes.night_exterior",
    "minors.age_below",
)


class _Reader:
    """Checks the values of one pack; every error names the pack file and the entry."""

    def __init__(self, pack: RulePack) -> None:
        self.path = pack.path

    def fail(self, where: str, what: str, hint: str | None = None) -> RuleError:
        fix = "Fix the breakdown lexicon pack (format: regie/rules/packs/breakdown-lexicon.yaml)"
        return RuleError(
            what, where=f"{self.path}: {where}", hint=f"{hint}. {fix}" if hint else fix
        )

    def text(self, raw: object, where: str) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise self.fail(where, f"expected a non-empty text, found {raw!r}")
        return " ".join(raw.split())

    def texts(self, raw: object, where: str) -> tuple[str, ...]:
        if not isinstance(raw, list):
            raise self.fail(where, f"expected a list of words, found {type(raw).__name__}")
        return tuple(self.text(item, f"{where}[{i}]") for i, item in enumerate(raw))

    def lang(self, raw: object, where: str, *, allow_any: bool = False) -> str:
        allowed = (*LANGUAGES, "any") if allow_any else LANGUAGES
        if raw not in allowed:
            raise self.fail(where, f"unknown language {raw!r}", "Use one of " + ", ".join(allowed))
        return str(raw)

    def category(self, raw: object, where: str) -> Category:
        try:
            return Category(str(raw).strip())
        except ValueError:
            raise self.fail(
                where,
                f"unknown category {raw!r}",
                "Use one of " + ", ".join(c.value for c in Category),
            ) from None

    def when(self, raw: object, where: str) -> When:
        try:
            return When(str(raw))
        except ValueError:
            raise self.fail(
                where, f"unknown 'when' {raw!r}", "Use one of " + ", ".join(w.value for w in When)
            ) from None

    def also(self, raw: object, where: str) -> Also:
        if isinstance(raw, str):
            category, sep, element = raw.partition(":")
            if not sep:
                raise self.fail(where, f"{raw!r} is not 'category: element'")
            return Also(self.category(category, where), self.text(element, where))
        if isinstance(raw, Mapping):
            unknown = set(raw) - {"category", "element", "when"}
            if unknown or "category" not in raw or "element" not in raw:
                raise self.fail(where, "needs 'category' and 'element' (and optionally 'when')")
            return Also(
                self.category(raw["category"], where),
                self.text(raw["element"], where),
                self.when(raw.get("when", "always"), where),
            )
        raise self.fail(where, f"expected 'category: element', found {raw!r}")

    def pattern(self, raw: object, where: str) -> str:
        text = self.text(raw, where)
        try:
            re.compile(text)
        except re.error as exc:
            raise self.fail(
                where, f"pattern {text!r} is not a regular expression ({exc})"
            ) from None
        if re.compile(text).groups:
            raise self.fail(where, f"pattern {text!r} has a capturing group; write (?:...)")
        return text

    def entry(self, raw: object, where: str, category: Category) -> LexiconEntry:
        if not isinstance(raw, Mapping):
            raise self.fail(where, "an entry must be a mapping with 'words' and 'element'")
        unknown = sorted(set(raw) - _ENTRY_FIELDS)
        if unknown:
            raise self.fail(
                where,
                f"unknown field(s) {', '.join(unknown)}",
                "An entry has words, patterns, element, lang, when, also, capitals",
            )
        words = tuple(fold(w) for w in self.texts(raw.get("words", []), f"{where}.words"))
        patterns = tuple(
            self.pattern(p, f"{where}.patterns[{i}]")
            for i, p in enumerate(self._list(raw.get("patterns", []), f"{where}.patterns"))
        )
        if not words and not patterns:
            raise self.fail(where, "an entry needs at least one word or pattern")
        element = raw.get("element")
        also = tuple(
            self.also(a, f"{where}.also[{i}]")
            for i, a in enumerate(self._list(raw.get("also", []), f"{where}.also"))
        )
        return LexiconEntry(
            where=where,
            category=category,
            element=self.text(element, f"{where}.element") if element is not None else words[0],
            words=words,
            patterns=patterns,
            also=also,
            when=self.when(raw.get("when", "always"), f"{where}.when"),
            lang=self.lang(raw["lang"], f"{where}.lang") if "lang" in raw else None,
            capitals=self.flag(raw.get("capitals", False), f"{where}.capitals"),
        )

    def flag(self, raw: object, where: str) -> bool:
        if not isinstance(raw, bool):
            raise self.fail(where, f"expected true or false, found {raw!r}")
        return raw

    def _list(self, raw: object, where: str) -> list[object]:
        if not isinstance(raw, list):
            raise self.fail(where, f"expected a list, found {type(raw).__name__}")
        return raw

    def by_language(self, raw: object, where: str, *, upper: bool) -> dict[str, frozenset[str]]:
        if not isinstance(raw, Mapping):
            raise self.fail(where, "expected a mapping of language (any, fr, en) to a word list")
        table: dict[str, frozenset[str]] = {}
        for lang, words in raw.items():
            key = self.lang(lang, f"{where}.{lang}", allow_any=True)
            texts = self.texts(words, f"{where}.{lang}")
            table[key] = frozenset(w.upper() if upper else fold(w) for w in texts)
        return table

    def numbers(self, raw: object, where: str) -> dict[str, Mapping[str, int]]:
        if not isinstance(raw, Mapping):
            raise self.fail(where, "expected a mapping of language to {word: number}")
        table: dict[str, Mapping[str, int]] = {}
        for lang, words in raw.items():
            key = self.lang(lang, f"{where}.{lang}", allow_any=True)
            if not isinstance(words, Mapping):
                raise self.fail(f"{where}.{lang}", 'expected {word: "number"}')
            parsed: dict[str, int] = {}
            for word, number in words.items():
                if not str(number).isdigit():
                    raise self.fail(f"{where}.{lang}.{word}", f"{number!r} is not a whole number")
                parsed[fold(str(word))] = int(str(number))
            table[key] = parsed
        return table


def _latest(pack: RulePack) -> dict[str, RuleValue]:
    """One value per key: the one with the latest ``valid_from`` (a lexicon has no dates)."""
    values: dict[str, RuleValue] = {}
    for entry in pack.entries:
        held = values.get(entry.key)
        if held is None or (entry.valid_from or dt.date.min) >= (held.valid_from or dt.date.min):
            values[entry.key] = entry
    return values


def read_lexicon(pack: RulePack) -> Lexicon:
    """Check and read a breakdown-lexicon pack; raises :class:`RuleError` naming the entry."""
    reader = _Reader(pack)
    values = _latest(pack)
    entries: list[LexiconEntry] = []
    for key, value in values.items():
        if key.startswith("keywords."):
            category = reader.category(key.removeprefix("keywords."), key)
            for i, raw in enumerate(reader._list(value.value, key)):
                entries.append(reader.entry(raw, f"{key}[{i}]", category))
        elif key not in _REQUIRED:
            raise reader.fail(
                key,
                f"unknown key '{key}'",
                "Keys are keywords.<category> and " + ", ".join(_REQUIRED),
            )
    missing = [k for k in _REQUIRED if k not in values]
    if missing:
        raise reader.fail(", ".join(missing), "missing from the lexicon pack")
    lists = {
        k: reader.by_language(values[k].value, k, upper=k.startswith("capitals.")) for k in _LISTS
    }
    age = str(values["minors.age_below"].value)
    if not age.isdigit():
        raise reader.fail("minors.age_below", f"{age!r} is not a whole number of years")
    return Lexicon(
        ref=pack.ref,
        entries=tuple(entries),
        ignore=lists["capitals.ignore"],
        articles=lists["capitals.articles"],
        people=lists["people"],
        extras_markers=lists["extras.markers"],
        numbers=reader.numbers(values["numbers"].value, "numbers"),
        requests=lists["notes.request"],
        language=reader.by_language(values["language"].value, "language", upper=False),
        minor_note=reader.text(values["notes.minor"].value, "notes.minor"),
        night_exterior_note=reader.text(
            values["notes.night_exterior"].value, "notes.night_exterior"
        ),
        minor_age_below=int(age),
    )
