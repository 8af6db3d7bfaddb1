# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import dataclasses
from pathlib import Path

from regie.script.layout import US_LETTER, lay_out, wrapped_lines
from regie.script.model import DualSide, ElementKind, ScriptElement

K = ElementKind


def el(kind: ElementKind, text: str = "x", dual: DualSide | None = None) -> ScriptElement:
    return ScriptElement(kind, text, dual=dual)


def action_of(lines: int) -> ScriptElement:
    return el(K.ACTION, "\n".join(["word"] * lines))


def test_wrapped_lines() -> None:
    assert wrapped_lines("", 10) == 1
    assert wrapped_lines("short", 10) == 1
    assert wrapped_lines("aaaa bbbb cccc", 10) == 2
    assert wrapped_lines("a" * 25, 10) == 3  # a word longer than the column is cut
    assert wrapped_lines("one\ntwo\nthree", 60) == 3
    assert wrapped_lines(" ".join(["mot"] * 40), 60) == 3  # 159 characters


def test_scene_lengths_on_one_page() -> None:
    # preamble empty; scene A: heading + blank + 25 lines = 27 lines → 27*8/55 = 3.9 → 4/8
    # scene B: blank + heading + blank + 1 line = 4 lines → 0.58 → 1/8 (a started eighth)
    groups = [[], [el(K.HEADING), action_of(25)], [el(K.HEADING), action_of(1)]]
    extents, pages = lay_out(groups)
    assert [e.eighths for e in extents] == [4, 1]
    assert pages == 1
    assert (extents[0].first_page, extents[1].last_page) == (1, 1)


def test_a_long_scene_spans_pages() -> None:
    groups = [[], [el(K.HEADING)] + [action_of(10) for _ in range(10)]]
    extents, pages = lay_out(groups)
    # 1 + 10 × (1 blank + 10) = 111 lines. The fifth paragraph would leave a single line
    # on page 2, so it moves whole: pages hold 45, 54 and 10 lines → 7 + 8 + 2 eighths.
    assert pages == 3
    assert extents[0].first_page == 1
    assert extents[0].last_page == 3
    assert extents[0].eighths == 7 + 8 + 2


def test_heading_never_last_on_page() -> None:
    filler = [el(K.HEADING), action_of(50)]  # 52 lines used: no room for heading + 2 lines
    groups = [[], filler, [el(K.HEADING), action_of(4)]]
    extents, _ = lay_out(groups)
    assert extents[1].first_page == 2  # the heading moved with its action


def test_dialogue_split_adds_more_and_contd() -> None:
    speech = [el(K.CHARACTER, "LUCIE"), el(K.DIALOGUE, "\n".join(["mot"] * 10))]
    groups = [[], [el(K.HEADING), action_of(44), *speech]]
    extents, pages = lay_out(groups)
    # 46 lines, then blank + cue (48); room 55-48=7 → 6 lines + (MORE); then CONT'D + 4.
    assert pages == 2
    assert extents[0].eighths == 8 + 1


def test_forced_page_break_and_unprinted_elements() -> None:
    groups = [
        [el(K.SECTION, "ACTE I"), el(K.SYNOPSIS, "ils partent")],
        [el(K.HEADING), action_of(3), el(K.PAGE_BREAK, "")],
        [el(K.HEADING), el(K.NOTE, "note"), action_of(3)],
    ]
    extents, pages = lay_out(groups)
    assert pages == 2
    assert extents[1].first_page == 2


def test_dual_dialogue_takes_the_taller_column() -> None:
    left = [el(K.CHARACTER, "A", DualSide.LEFT), el(K.DIALOGUE, "l\nl\nl", DualSide.LEFT)]
    right = [el(K.CHARACTER, "B", DualSide.RIGHT), el(K.DIALOGUE, "r", DualSide.RIGHT)]
    dual = lay_out([[], [el(K.HEADING), *left, *right]])
    single = lay_out([[], [el(K.HEADING), *left]])
    assert dual == single


def test_a4_holds_more_per_page() -> None:
    from regie.script.layout import A4

    groups = [[], [el(K.HEADING), action_of(55)]]
    assert lay_out(groups, US_LETTER)[1] == 2
    assert lay_out(groups, A4)[1] == 1


def test_layout_matches_final_draft_stored_lengths(corpus_dir: Path) -> None:
    """Every scene whose length Final Draft stored gets the same eighths from our layout."""
    from regie.formats.fdx import parse_fdx
    from regie.script.assemble import assemble

    compared = 0
    for name in ("TestFDX-FD.fdx", "sample-06.fdx"):
        parsed = parse_fdx((corpus_dir / "scripts" / name).read_bytes(), filename=name)
        stored = [e.stored_eighths for e in parsed.elements if e.kind is K.HEADING]
        laid_out = dataclasses.replace(
            parsed,
            elements=tuple(
                dataclasses.replace(e, stored_eighths=None, page=None) for e in parsed.elements
            ),
        )
        assert [s.eighths for s in assemble(laid_out).scenes] == stored, name
        compared += len(stored)
    assert compared == 5
