# SPDX-License-Identifier: AGPL-3.0-or-later
"""Runs of capitals in action text: the screenplay's "first appearance" convention.

Writers put in capitals a character, a prop or a sound where it first appears:
``Sur la table, une CLEF EN LAITON.``, ``LUCIE (30 ans, ciré jaune) attend``,
``Trois DOCKERS (figuration) fument``. :func:`capital_runs` finds such runs (accented
capitals, apostrophes and hyphens inside words, digits and ``N°`` after the first word:
``VIEILLE PEUGEOT 504``, ``ENTREPÔT N° 7``), strips small words at their ends
(``UNE CAMIONNETTE`` → ``CAMIONNETTE``), drops those that name nothing (acronyms, camera
words, roman numerals, words written in capitals for emphasis) and reads what follows:
an age in parentheses (``(12 ans)``, ``(40s)``, ``, AGE 3``) or a figuration marker.

Paragraphs written entirely in capitals (shots such as ``ON WILL AND SANDRA``, title cards)
are not read for runs: there the capitals say nothing about first appearances.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from regie.script.suggest_lexicon import fold
from regie.script.suggest_match import Matcher

_UP = "A-ZÀ-ÖØ-ÞŒŸ"
_WORD = rf"[{_UP}](?:[{_UP}'’\-]*[{_UP}])?"
# Matched where two capitals follow each other (found with bytes.find); the first word has
# two capitals or more, the character before the run is checked in Python.
_RUN = re.compile(rf"[A-ZÀ-ÖØ-Þ][{_UP}'’\-]*[{_UP}](?:[ \u00a0]+(?:{_WORD}|N°|\d+))*(?![\w°])")
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# What follows a run, read in the folded text: "(12 ans)", "(40s)", ", age 3", " is 10".
_PAREN_AFTER = re.compile(r" *\(([^()\n]{1,80})\)")
_COMMA_AGE = re.compile(r",\s*(?:now\s+|age\s+|aged\s+)?(\d{1,2})('?s)?(?![\w'])")
_IS_AGE = re.compile(r"\s+(?:is\s+(?:now\s+)?(\d{1,2})(?![\w'])|a\s+(\d{1,2})\s*ans\b)")
_AGE_FR = re.compile(r"(?<!\d)(\d{1,3})\s*ans\b")
_AGE_EN = re.compile(
    r"\s*(?:age\s+|aged\s+)?(?:early\s+|mid[\s-]*|late\s+)?(\d{1,3})('?s)?(?![\w'])"
)
_CAPITAL, _APOSTROPHE = ord("U"), ord("'")  # in the map of capitals of fold_for_scan
_QUOTES = frozenset(("«", '"', "“", "‹"))


class CapitalRun(NamedTuple):
    """A run of capitals in a text, with what the writer put right after it."""

    start: int  # span of the whole run as written, in the scanned text
    end: int
    tail: int  # end of what follows it and belongs to it: "(figuration)", ", AGE 3"
    name: str  # small words at the ends removed: "CAMIONNETTE DE LIVRAISON"
    full: str  # the same with an elided article kept: "L'INSPECTEUR MARCHAND"
    head: str  # folded word saying what it is: the first in French, the last in English
    age: int | None = None  # "(12 ans)" → 12; "(40s)" → 40 with decade=True
    decade: bool = False
    group: bool = False  # "(figuration)" or another extras marker follows

    def person(self, matcher: Matcher) -> bool:
        """An age, a figuration marker or a word naming people: a role, not a prop."""
        return self.age is not None or self.group or self.head in matcher.people


def _strip(tokens: list[str], silent: frozenset[str]) -> list[str]:
    """Drop small and ignored words (and numbers) at the start, small and ignored words at
    the end: UNE CAMIONNETTE → CAMIONNETTE, EXITS FRAME → EXITS."""
    while tokens and (tokens[0] in silent or not tokens[0][0].isalpha()):
        del tokens[0]
    while tokens and tokens[-1] in silent:
        del tokens[-1]
    return tokens


def _names_something(tokens: list[str], silent: frozenset[str]) -> bool:
    """A word of two letters or more that is not a small word, an ignored word or a roman
    numeral (``LOUIS XIV`` names something, ``II`` alone does not)."""
    for token in tokens:
        if (
            len(token) > 1
            and token[0].isalpha()
            and token not in silent
            and (token.strip("IVXLCDM") or not _ROMAN.fullmatch(token))
        ):
            return True
    return False


def _age(folded: str, end: int) -> tuple[int | None, bool, str, int]:
    """Age written right after a run (``folded`` text), whether it is a decade ("40s"),
    the text in parentheses and where what belongs to the run ends."""
    following = folded[end : end + 2]
    if "(" in following:
        paren = _PAREN_AFTER.match(folded, end)
        if paren is not None:
            inside = paren.group(1)
            found = _AGE_FR.search(inside)
            if found is not None:
                return int(found.group(1)), False, inside, paren.end()
            found = _AGE_EN.match(inside)
            if found is not None:
                return int(found.group(1)), bool(found.group(2)), inside, paren.end()
            return None, False, inside, paren.end()
    elif following.startswith(","):
        comma = _COMMA_AGE.match(folded, end)
        if comma is not None:
            return int(comma.group(1)), bool(comma.group(2)), "", comma.end()
    elif following in {" i", " a"}:
        stated = _IS_AGE.match(folded, end)
        if stated is not None:
            return int(stated.group(1) or stated.group(2)), False, "", stated.end()
    return None, False, "", end


def capital_runs(
    text: str,
    folded: str,
    capitals: bytes,
    paragraphs: Sequence[tuple[int, int]],
    matcher: Matcher,
) -> Iterator[CapitalRun]:
    """Runs of capitals in the ``paragraphs`` (``(start, end)`` spans of action in ``text``).

    ``folded, _words, capitals = fold_for_scan(text)``; positions are in ``text``. Two capitals
    in a row are found with ``bytes.find``, the run around them with an anchored match: a
    run outside the paragraphs, or in one written all in capitals, is skipped.
    """
    starts = [start for start, _end in paragraphs]
    readable: dict[int, bool] = {}
    reached = 0
    silent = matcher.silent
    pair = capitals.find(b"UU")
    while pair != -1:
        at = pair
        while at >= 2 and capitals[at - 1] == _APOSTROPHE and capitals[at - 2] == _CAPITAL:
            at -= 2  # back to the start of L'INSPECTEUR
        match = _RUN.match(text, at)
        pair = capitals.find(b"UU", match.end() if match is not None else pair + 2)
        if match is None:
            continue
        index = bisect.bisect_right(starts, at) - 1
        if index < 0 or match.end() > paragraphs[index][1]:
            continue
        start, end = paragraphs[index]
        if at < reached or (at > start and text[at - 1].isalnum()):
            continue  # inside what belongs to the previous run, or "McCLANE"
        if text[max(start, at - 2) : at].strip(" \u00a0\u202f")[-1:] in _QUOTES:
            continue  # « TOUCHE PAS À MON BAC »: words written on a sign or a screen
        if index not in readable:
            readable[index] = text[start:end] != text[start:end].upper()
        if not readable[index]:
            continue
        full = _strip(match.group().replace("\u00a0", " ").replace("’", "'").split(), silent)
        if not _names_something(full, silent):
            continue
        tokens = full
        if len(full[0]) > 2 and full[0][1] == "'" and full[0][0] in "LD":
            tokens = [full[0][2:], *full[1:]]
        age, decade, inside, reached = _age(folded, match.end())
        group = bool(inside) and not matcher.extras_markers.isdisjoint(
            inside.replace(",", " ").split()
        )
        head = tokens[-1] if matcher.lang == "en" else tokens[0]
        yield CapitalRun(
            at,
            match.end(),
            reached,
            " ".join(tokens),
            " ".join(full),
            head.lower() if head.isascii() else fold(head),
            age,
            decade,
            group,
        )
