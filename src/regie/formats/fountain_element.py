# SPDX-License-Identifier: AGPL-3.0-or-later
"""A fast constructor for :class:`~regie.script.model.ScriptElement` (Fountain hot path).

A frozen, slotted dataclass sets each of its eleven fields through ``object.__setattr__``
in ``__init__``; on a feature script (3,000 to 6,000 elements) that alone costs more than
the rest of the Fountain reader. :data:`make_element` writes the slots directly through
their descriptors and gives an equal object (same fields, ``==`` and ``hash``). If the
record ever changes its fields, gains a ``__post_init__`` or loses its slots, :data:`FAST`
is ``False`` and the ordinary constructor is used instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from types import MemberDescriptorType
from typing import Any

from regie.script.model import DualSide, ElementKind, ScriptElement

ElementMaker = Callable[
    [ElementKind, str, int, bool, str | None, str | None, DualSide | None, tuple[str, ...]],
    ScriptElement,
]

_EXPECTED = (
    "kind",
    "text",
    "line",
    "page",
    "forced",
    "scene_number",
    "extension",
    "dual",
    "stored_eighths",
    "span",
    "notes",
)


def _plain(  # noqa: PLR0917 - same positional signature as the fast maker
    kind: ElementKind,
    text: str,
    line: int,
    forced: bool,
    scene_number: str | None,
    extension: str | None,
    dual: DualSide | None,
    notes: tuple[str, ...],
) -> ScriptElement:
    return ScriptElement(
        kind,
        text,
        line,
        forced=forced,
        scene_number=scene_number,
        extension=extension,
        dual=dual,
        notes=notes,
    )


def _fast_maker() -> ElementMaker | None:
    fields = dataclasses.fields(ScriptElement)
    names = tuple(f.name for f in fields)
    if names != _EXPECTED or hasattr(ScriptElement, "__post_init__"):
        return None
    defaults = {f.name: f.default for f in fields}
    if any(defaults[n] is not None for n in ("page", "stored_eighths", "span")):
        return None
    slots: Mapping[str, Any] = vars(ScriptElement)
    if not all(isinstance(slots.get(n), MemberDescriptorType) for n in names):
        return None  # no longer a slotted class
    set_kind, set_text, set_line, set_page, set_forced = (
        slots[n].__set__ for n in ("kind", "text", "line", "page", "forced")
    )
    set_number, set_extension, set_dual, set_eighths, set_span, set_notes = (
        slots[n].__set__
        for n in ("scene_number", "extension", "dual", "stored_eighths", "span", "notes")
    )
    new = object.__new__

    def make(  # noqa: PLR0917 - positional on purpose: keywords cost time on the hot path
        kind: ElementKind,
        text: str,
        line: int,
        forced: bool,
        scene_number: str | None,
        extension: str | None,
        dual: DualSide | None,
        notes: tuple[str, ...],
    ) -> ScriptElement:
        element: ScriptElement = new(ScriptElement)
        set_kind(element, kind)
        set_text(element, text)
        set_line(element, line)
        set_page(element, None)
        set_forced(element, forced)
        set_number(element, scene_number)
        set_extension(element, extension)
        set_dual(element, dual)
        set_eighths(element, None)
        set_span(element, None)
        set_notes(element, notes)
        return element

    return make


_FAST = _fast_maker()
FAST = _FAST is not None
#: ``make_element(kind, text, line, forced, scene_number, extension, dual, notes)``
make_element: ElementMaker = _FAST if _FAST is not None else _plain
