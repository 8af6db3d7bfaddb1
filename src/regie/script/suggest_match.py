# SPDX-License-Identifier: AGPL-3.0-or-later
"""Finding lexicon words in text, fast: the words present first, then only their forms.

A scene's folded text (:func:`~regie.script.suggest_lexicon.fold`) is split into its words;
intersected with the lexicon's *keys* (one distinctive word per form: ``eau`` for ``tombe à
l'eau``), they say which forms can be there, and only those are located — the key itself
with ``str.find``, the phrases that hold it with one small trie-shaped regular expression.
A regular expression per category, or one alternation of the whole lexicon, scanned over
every character costs 60 to 100 ns a character in CPython's regex engine: several times the
whole budget of a feature script. Forms are whole words: the character before and after is
not a letter, digit or ``_`` (an apostrophe or a hyphen separates words, so ``eau`` is found
in ``l'eau``).

The compiled matcher is kept per pack reference and language (:func:`matcher_for`), so
repeated suggestions over many scenes or scripts compile nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from regie.rules.pack import RulePack
from regie.script.suggest_lexicon import WORDS, Lexicon, LexiconEntry, fold, read_lexicon

_TOKEN = re.compile(r"[a-z0-9]+")


def words_of(folded: str) -> list[bytes]:
    """The words of a folded text, as bytes, in order, repeats kept (a set would cost more
    to build than the intersections it serves; bytes split twice as fast as text)."""
    return folded.encode("ascii", "replace").translate(WORDS).split()


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class Hit(NamedTuple):
    """A lexicon word found in a text: ``[start, end)`` in that text, and its entries."""

    start: int
    end: int
    word: str  # the folded text matched
    entries: tuple[LexiconEntry, ...]


@dataclass(frozen=True, slots=True)
class _Probe:
    """How to locate the forms that hold one key word: the word itself with ``str.find``
    (when it is a form), the phrases with one regular expression shaped as a trie."""

    word: str | None
    regex: re.Pattern[str] | None

    def locate(
        self, folded: str, span: tuple[int, int], found: list[tuple[int, int, int]], rank: int
    ) -> None:
        """Append ``(start, -end, rank)`` of every whole-word occurrence in
        ``folded[span[0]:span[1]]`` to ``found``."""
        first, last = span
        size = len(folded)
        word = self.word
        if word is not None:
            width = len(word)
            at = folded.find(word, first, last)
            while at != -1:
                end = at + width
                if (at == 0 or not _is_word_char(folded[at - 1])) and (
                    end == size or not _is_word_char(folded[end])
                ):
                    found.append((at, -end, rank))
                at = folded.find(word, end, last)
        if self.regex is not None:
            for match in self.regex.finditer(folded, first, last):
                at = match.start()
                if at == 0 or not _is_word_char(folded[at - 1]):
                    found.append((at, -match.end(), rank))


@dataclass(frozen=True, slots=True)
class Matcher:
    """A lexicon compiled for one language."""

    lexicon: Lexicon
    lang: str
    forms: Mapping[str, tuple[LexiconEntry, ...]]  # folded form → its entries
    capital_words: Mapping[str, tuple[LexiconEntry, ...]]  # entries read only in capitals
    keys: Mapping[str, _Probe]  # distinctive word → how to find the forms holding it
    key_set: frozenset[bytes]  # the keys, as bytes: words_of gives bytes
    # Looked for in every text, one regex each: one regex with a named group per pattern
    # would lose the regex engine's literal-prefix search and cost ten times more.
    patterns: tuple[tuple[_Probe, LexiconEntry], ...]
    people: frozenset[str]  # folded, singular and plural
    extras_markers: frozenset[str]
    numbers: Mapping[str, int]
    requests: re.Pattern[str]  # "prévoir 200 ..." in notes
    ignore: frozenset[str]  # upper case
    articles: frozenset[str]  # upper case
    silent: frozenset[str]  # ignore | articles | N°: words in capitals that name nothing

    def hits(
        self,
        folded: str,
        start: int = 0,
        end: int | None = None,
        words: Iterable[bytes] | None = None,
    ) -> list[Hit]:
        """Lexicon forms in ``folded[start:end]`` (a folded text; ``words``: its words if
        known), left to right, the longest first where two start together, never
        overlapping; positions are in ``folded``."""
        span = (start, len(folded) if end is None else end)
        if words is None:
            words = words_of(folded[span[0] : span[1]])
        found: list[tuple[int, int, int]] = []
        for key in self.key_set.intersection(words):
            self.keys[key.decode()].locate(folded, span, found, 0)
        for rank, (probe, _entry) in enumerate(self.patterns, start=1):
            probe.locate(folded, span, found, rank)
        found.sort()
        hits: list[Hit] = []
        reached = 0
        for at, negative_end, rank in found:
            if at >= reached:
                reached = -negative_end
                word = folded[at:reached]
                if rank:
                    entries: tuple[LexiconEntry, ...] = (self.patterns[rank - 1][1],)
                else:
                    entries = self.forms[word if word.isalnum() else " ".join(word.split())]
                hits.append(Hit(at, reached, word, entries))
        return hits

    def quantity_before(self, folded: str, start: int) -> int | None:
        """The number written just before ``start`` on its line ("Trois DOCKERS" → 3, "une
        cinquantaine de villageois" → 50, "200 enveloppes" → 200), if any."""
        left = max(0, start - 32, folded.rfind("\n", max(0, start - 32), start) + 1)
        window = folded[left:start]
        if not window or not (window[-1] == " " or window.endswith("d'")):
            return None
        words = window.replace("d'", " de ").split()
        if words and words[-1] in ("de", "des", "of"):
            words.pop()
        if not words or (
            len(words) == 1 and left > 0 and folded[left - 1] not in " \n" and window[0] != " "
        ):
            return None  # nothing, or the end of a word cut by the window
        number = words[-1]
        if number.isdigit():
            value = int(number)
            return value if 1 < value < 100_000 else None
        return self.numbers.get(number)


def _plurals(word: str) -> list[str]:
    if "'" in word or not word[-1:].isalpha() or word.endswith(("s", "x", "z")):
        return []
    forms = [word + "s"]
    if word.endswith(("au", "eu")):
        forms.append(word + "x")
    if word.endswith("al"):
        forms.append(word[:-2] + "aux")
    return forms


def word_forms(word: str, lang: str | None = None) -> set[str]:
    """``word`` and its plurals (-s, -x, -al → -aux); in a phrase, the plural of its head:
    the first word in French (``fusils de chasse``), the last in English (``police cars``)."""
    parts = word.split(" ")
    index = len(parts) - 1 if lang == "en" else 0
    return {word} | {
        " ".join([*parts[:index], plural, *parts[index + 1 :]]) for plural in _plurals(parts[index])
    }


def _key(form: str, common: frozenset[str]) -> str | None:
    """The word of ``form`` least likely to be everywhere: not a function word, longest."""
    tokens: list[str] = _TOKEN.findall(form)
    if not tokens:
        return None
    return max(tokens, key=lambda t: (t not in common, len(t)))


def _trie(words: Iterable[str]) -> str:
    """One regular expression for ``words``, shaped as a trie: ``b(?:ac|ateau)``."""
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(root)


def _emit(node: dict[str, dict[str, Any]]) -> str:
    alternatives = [
        (r"\s+" if char == " " else re.escape(char)) + _emit(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(alternatives) == 1 else body + "?"


def compile_matcher(lexicon: Lexicon, lang: str) -> Matcher:
    """Compile the entries of ``lexicon`` that apply to ``lang`` into one :class:`Matcher`."""
    every = [e for e in lexicon.entries if e.lang in (None, lang)]
    active = [e for e in every if not e.capitals]
    capital_words: dict[str, list[LexiconEntry]] = {}
    for entry in every:
        if entry.capitals:
            for word in entry.words:
                for form in word_forms(word, entry.lang or lang):
                    capital_words.setdefault(form, []).append(entry)
    explicit: dict[str, list[LexiconEntry]] = {}
    for entry in active:
        for word in entry.words:
            explicit.setdefault(word, []).append(entry)
    forms = {word: tuple(dict.fromkeys(entries)) for word, entries in explicit.items()}
    for entry in active:
        for word in entry.words:
            for form in sorted(word_forms(word, entry.lang or lang) - explicit.keys()):
                forms[form] = tuple(dict.fromkeys((*forms.get(form, ()), entry)))
    common = frozenset(
        fold(w)
        for table in (lexicon.language, lexicon.articles)
        for w in lexicon.words(table, lang)
    )
    by_key: dict[str, list[str]] = {}
    for form in sorted(forms):
        key = _key(form, common)
        if key is not None:
            by_key.setdefault(key, []).append(form)
    keys: dict[str, _Probe] = {}
    for key, held in by_key.items():
        phrases = [form for form in held if form != key]
        regex = re.compile(rf"(?:{_trie(phrases)})(?!\w)") if phrases else None
        keys[key] = _Probe(key if key in forms else None, regex)
    patterns = tuple(
        (_Probe(None, re.compile(rf"(?:{pattern})(?!\w)")), entry)
        for entry in active
        for pattern in entry.patterns
    )
    people = {form for word in lexicon.words(lexicon.people, lang) for form in word_forms(word)}
    requests = sorted(lexicon.words(lexicon.requests, lang), key=len, reverse=True)
    return Matcher(
        lexicon=lexicon,
        lang=lang,
        forms=forms,
        capital_words={word: tuple(entries) for word, entries in capital_words.items()},
        keys=keys,
        key_set=frozenset(key.encode() for key in keys),
        patterns=patterns,
        people=frozenset(people),
        extras_markers=lexicon.words(lexicon.extras_markers, lang),
        numbers={**lexicon.numbers.get("any", {}), **lexicon.numbers.get(lang, {})},
        requests=re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in requests) + r")"
            r"\s+(?P<thing>[^.;:!?\]\n]+)"
        ),
        ignore=lexicon.words(lexicon.ignore, lang),
        articles=lexicon.words(lexicon.articles, lang),
        silent=lexicon.words(lexicon.ignore, lang) | lexicon.words(lexicon.articles, lang) | {"N°"},
    )


# Compiled matchers by (pack ref, pack path, language). A memo, not state: the same pack
# always compiles to the same matcher; an edited pack with an unchanged ref is recompiled
# because the stored pack no longer compares equal.
_CACHE: dict[tuple[str, str, str], tuple[RulePack, Matcher]] = {}


def matcher_for(pack: RulePack, lang: str) -> Matcher:
    """The compiled matcher of ``pack`` for ``lang`` (compiled on first use, then reused)."""
    key = (pack.ref, pack.path, lang)
    held = _CACHE.get(key)
    if held is not None and (held[0] is pack or held[0] == pack):
        return held[1]
    matcher = compile_matcher(read_lexicon(pack), lang)
    _CACHE[key] = (pack, matcher)
    return matcher


def count_language(words: Iterable[bytes], lexicon: Lexicon, lang: str) -> int:
    """How many of ``words`` (:func:`words_of`) are function words of ``lang`` ("le",
    "the"...)."""
    markers = {word.encode() for word in lexicon.language.get(lang, frozenset())}
    return sum(map(markers.__contains__, words))


def excerpt(text: str, start: int, end: int, width: int = 80) -> str:
    """At most ``width`` characters of ``text`` around ``[start, end)``, on its line (its
    lines, when the span crosses a line break, joined with a space), cut between words."""
    room = width - end + start
    if room <= 0:
        return text[start : start + width].replace("\n", " ")
    left = max(start - (room >> 1), 0)
    cut = text.rfind("\n", left, start)
    if cut != -1:
        left = cut + 1
    right = left + width
    cut = text.find("\n", end, right)
    if cut != -1 or right > len(text):  # the line ends early: take more on the left
        right = len(text) if cut == -1 else cut
        floor = max(0, right - width)
        left = max(floor, text.rfind("\n", floor, start) + 1)
    elif right < len(text):
        cut = text.rfind(" ", end, right)
        if cut != -1:
            right = cut
    if left and text[left - 1] not in " \n":
        cut = text.find(" ", left, start)
        if cut != -1:
            left = cut + 1
    return text[left:right].strip().replace("\n", " ")
