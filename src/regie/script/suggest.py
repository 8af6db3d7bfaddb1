# SPDX-License-Identifier: AGPL-3.0-or-later
"""Automatic breakdown suggestions (dépouillement assisté): elements proposed per scene.

:func:`suggest` reads a :class:`~regie.script.model.Screenplay` with a breakdown lexicon
(rule pack ``breakdown-lexicon``, see :mod:`regie.script.suggest_lexicon`) and proposes, for
every scene, the elements a first assistant would tag, each with its reason and the words
that triggered it. The user accepts or rejects them; nothing is tagged without review.

What is read, per scene:

* the speaking characters (cast), and known characters named in action;
* runs of capitals in action, the first-appearance convention (:mod:`.suggest_capitals`):
  a speaking character → cast; a role that never speaks → extras (a silhouette, or a group
  with its quantity: ``Trois DOCKERS (figuration)`` → 3); anything else → the category of a
  lexicon word inside it (``VIEILLE PEUGEOT 504`` → vehicles), else props;
* lexicon words anywhere in the heading, the action and the ``[[notes]]`` (whole words,
  case and accents ignored), except between quotation marks (a sign, a screen, a title);
  a note asking for something (``prévoir 200 enveloppes``) proposes it with its quantity;
* exterior at night, and children under the minors' age (``NOÉ (12 ans)``), anywhere they
  are cast, as notes.

Dialogue, lyrics and centred titles are not read for elements: what is said or sung is not
necessarily on screen. One suggestion per (category, element) per scene; order: scene,
category (breakdown-sheet order), then where the element first shows in the scene.

The action of all scenes is gathered into one text, folded once (case and accents) and
searched once for runs of capitals and quotations, dealt out to the scenes by position;
lexicon words are looked up scene by scene from each scene's set of words
(:mod:`.suggest_match`). Pure: same input, same output.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from regie.rules.pack import RulePack
from regie.script.elements import Category, Suggestion, element_key
from regie.script.model import ElementKind, Light, Scene, Screenplay, ScriptElement
from regie.script.suggest_capitals import CapitalRun, capital_runs
from regie.script.suggest_lexicon import When, fold, fold_for_scan
from regie.script.suggest_match import Hit, Matcher, count_language, matcher_for
from regie.script.suggest_sheet import (
    ACTION,
    CAST,
    EXTRAS,
    HEADING,
    NOT_NAMED,
    NOTE,
    PROPS,
    SPOKEN,
    Script,
    Sheet,
)

_ACTION_KIND, _CHARACTER, _DIALOGUE = (
    ElementKind.ACTION,
    ElementKind.CHARACTER,
    ElementKind.DIALOGUE,
)
_SHOT = ElementKind.SHOT  # action and shots are read; dialogue, lyrics and titles are not
# Words before the thing a note asks for: "prévoir une cinquantaine de chaises".
_LEADING = frozenset(("un", "une", "des", "de", "d", "du", "quelques", "a", "an", "of", "some"))
_WORD = re.compile(r"[\w-]+")
_SAMPLE_CHARS = 8000  # enough action to tell French from English
_QUOTES = (("«", "»"), ('"', '"'), ("“", "”"))


@dataclass(frozen=True, slots=True)
class _Action:
    """The action of every scene in one text; ``bounds[i]`` is scene i's part of it."""

    text: str
    bounds: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]  # action paragraphs (read for capitals)
    first_lines: list[dict[str, str]]  # per scene: each cue's first line of dialogue


def _gather(scenes: Iterable[Scene]) -> _Action:
    pieces: list[str] = []
    bounds: list[tuple[int, int]] = []
    paragraphs: list[tuple[int, int]] = []
    first_lines: list[dict[str, str]] = []
    offset = 0
    for scene in scenes:
        start = offset
        elements = scene.elements
        # Shots are read too; written in capitals, they are skipped for runs of capitals.
        texts = [e.text for e in elements if e.kind is _ACTION_KIND or e.kind is _SHOT]
        pieces += texts
        for text in texts:
            end = offset + len(text)
            paragraphs.append((offset, end))
            offset = end + 1
        bounds.append((start, offset))
        first_lines.append(_first_lines(elements) if scene.speakers else {})
    return _Action("\n".join(pieces), bounds, paragraphs, first_lines)


def _first_lines(elements: Sequence[ScriptElement]) -> dict[str, str]:
    """Each cue's first line of dialogue (the excerpt of a speaking part)."""
    lines: dict[str, str] = {}
    for i in [i for i, e in enumerate(elements) if e.kind is _CHARACTER]:
        cue = elements[i].text
        if cue in lines:
            continue
        for following in elements[i + 1 : i + 3]:  # the line, or a parenthetical then it
            if following.kind is _DIALOGUE:
                lines[cue] = following.text
                break
    return lines


def _script(screenplay: Screenplay, matcher: Matcher) -> Script:
    characters = frozenset(element_key(c) for c in screenplay.characters)
    endings: dict[str, list[str]] = {}
    for name in characters:
        words = name.split()
        if len(words) > 1:
            endings.setdefault(words[-1].split("'")[-1], []).append(name)
    named: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(characters):
        parts = name.split()
        if (
            len(parts[0]) >= 3
            and all(p.replace("-", "").isalpha() for p in parts)
            and parts[0] not in matcher.silent
        ):
            named.setdefault(fold(parts[0]), []).append((name.title(), name))
    return Script(
        matcher=matcher,
        characters=characters,
        last_words={w: names[0] for w, names in endings.items() if len(names) == 1},
        named=named,
        name_keys=frozenset(key.encode() for key in named),
        watched=matcher.key_set.union(key.encode() for key in named),
        keys={},
        headings={},
    )


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans between quotation marks on one line: text on a sign, a screen, a title."""
    spans: list[tuple[int, int]] = []
    for opening, closing in _QUOTES:
        at = text.find(opening)
        while at != -1:
            end = text.find(closing, at + 1)
            if end == -1:
                break
            line_end = text.find("\n", at, end)
            if line_end == -1:
                spans.append((at, end + 1))
                at = text.find(opening, end + 1)
            else:
                at = text.find(opening, line_end)
    spans.sort()
    return spans


@dataclass(frozen=True, slots=True)
class _Found:
    """Everything found in the action text, in text order, with the start of each item."""

    words: bytes  # the folded action, non-word characters as spaces
    runs: list[CapitalRun]
    run_starts: list[int]
    quoted: list[tuple[int, int]]
    quoted_starts: list[int]


def _action(
    sheet: Sheet, bounds: tuple[int, int], text: str, folded: str, found: _Found
) -> dict[str, int]:
    """Propose what the scene's action (``text[bounds[0]:bounds[1]]``) holds; returns the
    ages written after names."""
    start, end = bounds
    covered: dict[int, Category] = {}
    script = sheet.script
    # One pass over the scene's words for both the lexicon and the character names.
    present = script.watched.intersection(found.words[start:end].split())
    hits = script.matcher.hits(folded, start, end, present)
    starts = [hit.start for hit in hits]
    ages: dict[str, int] = {}
    first_run = bisect.bisect_left(found.run_starts, start)
    for run in found.runs[first_run : bisect.bisect_left(found.run_starts, end)]:
        first = bisect.bisect_left(starts, run.start)
        last = bisect.bisect_left(starts, run.end)
        character, category = sheet.add_run(run, hits[first:last], text, folded)
        for i in range(first, bisect.bisect_left(starts, run.tail)):
            covered[i] = category
        if run.age is not None and not run.decade:
            ages.setdefault(character or run.name, run.age)
    markers = script.matcher.extras_markers
    for i, hit in enumerate(hits):
        if found.quoted:
            q = bisect.bisect_left(found.quoted_starts, hit.start) - 1
            if q >= 0 and hit.start < found.quoted[q][1]:
                continue  # « Fermeture du bac »: words on a sign, a screen, a title
        if (
            hit.word in markers
            and folded[hit.start - 1 : hit.start] == "("
            and folded[hit.end : hit.end + 1] == ")"
        ):
            continue  # "(figuration)" after a word already proposed as extras
        sheet.add_hit(hit, text, folded, rank=ACTION, run_category=covered.get(i))
    for word in script.name_keys.intersection(present):
        for title, name in script.named[word.decode()]:
            if not sheet.has(CAST, name):
                _named(sheet, text, (start, end), title, name)
    return ages


def _named(sheet: Sheet, text: str, bounds: tuple[int, int], title: str, name: str) -> None:
    """Cast ``name`` if the scene's action writes it as a name: ``Jérôme``, ``Don Price``."""
    start, end = bounds
    at = text.find(title, start, end)
    while at != -1:
        after = at + len(title)
        if not text[at - 1].isalnum() and (after == len(text) or not text[after].isalnum()):
            sheet.add(CAST, name, "named in action", (text, at, after), order=(ACTION, at))
            return
        at = text.find(title, after, end)


def _notes(sheet: Sheet, notes: Iterable[str]) -> None:
    matcher = sheet.script.matcher
    for number, note in enumerate(dict.fromkeys(notes)):
        folded = fold(note)
        hits = matcher.hits(folded)
        for hit in hits:
            sheet.add_hit(hit, note, folded, rank=NOTE, where=" in a note")
        for request in matcher.requests.finditer(folded):
            _request(sheet, note, folded, request, hits=hits, number=number)


def _request(
    sheet: Sheet, note: str, folded: str, request: re.Match[str], *, hits: list[Hit], number: int
) -> None:
    """A note asking for something: "prévoir 200 enveloppes d'époque" → 200 × the thing,
    a prop unless a lexicon word at its head says otherwise ("prévoir 3 chevaux")."""
    matcher = sheet.script.matcher
    start, end = request.span("thing")
    thing = note[start:end].partition(",")[0].partition("(")[0].rstrip()
    for word in _WORD.finditer(fold(thing)):
        lead = word.group()
        if not (lead.isdigit() or lead in matcher.numbers or lead in _LEADING):
            break
    else:
        return
    name = " ".join(thing[word.start() :].split()[:5])
    at = start + word.start()
    head = at + (len(name) - len(name.split()[-1]) if matcher.lang == "en" else 0)
    category = next(
        (
            entry.category
            for hit in hits
            if hit.start <= head < hit.end
            for entry in hit.entries
            if entry.category not in NOT_NAMED
        ),
        PROPS,
    )
    asked = " ".join(note[request.start() : at + len(name)].split())
    sheet.add(
        category,
        name,
        f"note: '{asked}'",
        (note, request.start(), end),
        quantity=matcher.quantity_before(folded, at),
        order=(NOTE, number * 10_000 + start),
    )


def _heading(sheet: Sheet) -> None:
    script = sheet.script
    heading = sheet.scene.heading.text
    held = script.headings.get(heading)
    if held is None:
        folded = fold(heading)
        held = script.headings[heading] = (folded, script.matcher.hits(folded))
    for hit in held[1]:
        sheet.add_hit(hit, heading, held[0], rank=HEADING, where=" in the heading")
    if sheet.scene.heading.light is Light.NIGHT and sheet.applies(When.EXTERIOR):
        night = script.matcher.lexicon.night_exterior_note
        sheet.add(Category.NOTES, night, "night exterior", heading)


def suggest(screenplay: Screenplay, lexicon: RulePack) -> tuple[Suggestion, ...]:
    """Breakdown suggestions for every scene of ``screenplay``, read with ``lexicon``.

    ``lexicon`` is the ``breakdown-lexicon`` rule pack (shipped, or a user's richer copy);
    a malformed one raises :class:`~regie.core.errors.RuleError` naming the entry.
    """
    scenes = screenplay.scenes
    action = _gather(scenes)
    folded, words, capitals = fold_for_scan(action.text)
    matcher = matcher_for(lexicon, "fr")
    sample = words[:_SAMPLE_CHARS].split()
    if count_language(sample, matcher.lexicon, "en") > count_language(
        sample, matcher.lexicon, "fr"
    ):
        matcher = matcher_for(lexicon, "en")
    script = _script(screenplay, matcher)
    runs = list(capital_runs(action.text, folded, capitals, action.paragraphs, matcher))
    quoted = _quoted(action.text)
    found = _Found(
        words=words,
        runs=runs,
        run_starts=[r.start for r in runs],
        quoted=quoted,
        quoted_starts=[q[0] for q in quoted],
    )
    ages: dict[str, list[tuple[int, int]]] = {}  # name → [(scene position, age)]
    sheets: list[Sheet] = []
    for position, (scene, bounds) in enumerate(zip(scenes, action.bounds, strict=True)):
        sheet = Sheet(scene, script, {})
        lines = action.first_lines[position]
        for i, speaker in enumerate(scene.speakers):
            line = lines.get(speaker, "")
            line = line if len(line) <= 80 else line[:80].rsplit(" ", 1)[0]
            sheet.add(CAST, speaker, "speaking character", line, order=(SPOKEN, i))
        _heading(sheet)
        for name, age in _action(sheet, bounds, action.text, folded, found).items():
            ages.setdefault(script.keys.get(name) or element_key(name), []).append((position, age))
        if scene.notes:
            _notes(sheet, scene.notes)
        sheets.append(sheet)
    return tuple(_with_minors(sheets, ages, script))


def _with_minors(
    sheets: list[Sheet], ages: dict[str, list[tuple[int, int]]], script: Script
) -> list[Suggestion]:
    """Every sheet's suggestions, with a note wherever a child under the minors' age is cast.

    An age is written at a first appearance (``NOÉ (12 ans)``) and holds until the script
    states another (``WILL, now 17``): a scene takes the last age stated up to it, or the
    first one stated after it.
    """
    lexicon = script.matcher.lexicon
    below = lexicon.minor_age_below
    young = [(key, stated) for key, stated in ages.items() if any(a < below for _p, a in stated)]
    roles = (CAST._value_, EXTRAS._value_)
    result: list[Suggestion] = []
    for position, sheet in enumerate(sheets):
        for key, stated in young:
            held = sheet.items.get((roles[0], key)) or sheet.items.get((roles[1], key))
            if held is None:
                continue
            age = next((a for p, a in reversed(stated) if p <= position), stated[0][1])
            if age < below:
                reason = f"minor: {held[1].name} ({age})"
                sheet.add(Category.NOTES, lexicon.minor_note, reason, held[1].excerpt)
        result.extend(sheet.result())
    return result
