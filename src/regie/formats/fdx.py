# SPDX-License-Identifier: AGPL-3.0-or-later
"""Final Draft (.fdx) import: the XML ``<Content>`` paragraphs as :class:`ScriptElement`.

The file is read with ``defusedxml`` so that entity declarations (the "billion laughs"
expansion bomb, ``SYSTEM`` entities that would read local files) are refused before any
expansion happens. Final Draft, Fade In and screenplain all write the same shape (see
``FORMATS.md`` in the corpus): a flat list of ``<Paragraph Type="...">`` whose text is the
concatenation of its ``<Text>`` runs; dual dialogue is a ``<Paragraph>`` without a type
wrapping ``<DualDialogue>``; a scene heading may carry ``Number`` and
``<SceneProperties Length="1 3/8" Page="4">`` (Final Draft's own eighths).

``ScriptElement.line`` is the XML source line of the ``<Paragraph>`` start tag, read from
the expat parser while the tree is built.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # types and TreeBuilder only; parsing goes through defusedxml
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from regie.core.eighths import parse_eighths
from regie.core.errors import ParseError, ValidationError
from regie.core.text import t
from regie.formats.guards import check_size
from regie.script.cues import split_cue
from regie.script.model import DualSide, ElementKind, ParsedScript, ScriptElement

_KINDS: dict[str, ElementKind] = {
    "scene heading": ElementKind.HEADING,
    "action": ElementKind.ACTION,
    "general": ElementKind.ACTION,
    "cast list": ElementKind.ACTION,
    "character": ElementKind.CHARACTER,
    "parenthetical": ElementKind.PARENTHETICAL,
    "dialogue": ElementKind.DIALOGUE,
    "transition": ElementKind.TRANSITION,
    "shot": ElementKind.SHOT,
    "new act": ElementKind.SECTION,
    "end of act": ElementKind.SECTION,
    "lyrics": ElementKind.LYRIC,
    "lyric": ElementKind.LYRIC,
    # Final Draft 12+ outline elements ("Outline 1".."Outline 4", "Outline Body"), and the
    # summary/synopsis types some exporters write: outline, never printed as scenes.
    "outline body": ElementKind.SYNOPSIS,
    "summary": ElementKind.SYNOPSIS,
    "synopsis": ElementKind.SYNOPSIS,
}
_ONE_LINE_KINDS = frozenset(
    (ElementKind.HEADING, ElementKind.CHARACTER, ElementKind.TRANSITION, ElementKind.SHOT)
)
# Title-page lines that introduce the author ("Written by", "Scénario de").
_CREDIT = re.compile(
    r"^(?:written\s+by|screenplay\s+by|story\s+by|teleplay\s+by|by|"
    r"[ée]crit\s+par|sc[ée]nario(?:\s+de)?|un\s+film\s+de|de|par)\s*:?$",
    re.IGNORECASE,
)


@dataclass
class _Context:
    filename: str
    lines: dict[int, int]
    warnings: list[str]


class _LineTreeBuilder(ET.TreeBuilder):
    """A TreeBuilder that remembers the source line of every start tag (by element id)."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.expat: Any = None  # the pyexpat parser of the DefusedXMLParser feeding us

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        element = super().start(tag, attrs)
        if self.expat is not None:
            self.lines[id(element)] = int(self.expat.CurrentLineNumber)
        return element


def _parse_xml(data: bytes, filename: str) -> tuple[ET.Element, dict[int, int]]:
    builder = _LineTreeBuilder()
    # A bare <!DOCTYPE> is harmless; what defusedxml refuses is any entity declaration
    # (internal: expansion bombs; external: file and network reads).
    parser = DefusedXMLParser(
        target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        raise ParseError(
            t(
                "the file contains XML entity declarations (or an external reference), which "
                "regie refuses for safety: they can expand to gigabytes or read files on the "
                "server"
            ),
            file=filename,
            line=int(parser.parser.CurrentLineNumber),
            hint=t("Export the script again from Final Draft; a real FDX never declares entities"),
        ) from None
    except ET.ParseError as exc:
        line, _column = getattr(exc, "position", (None, None))
        raise ParseError(
            t("this is not well-formed XML ({problem})", problem=str(exc).split(":")[0]),
            file=filename,
            line=line,
            hint=t("The file may be truncated or damaged; export it again from Final Draft"),
        ) from None
    return root, builder.lines


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _raw_text(paragraph: ET.Element) -> str:
    """Concatenate the paragraph's own ``<Text>`` runs (not text nested deeper, such as the
    original heading Final Draft keeps inside an omitted scene)."""
    parts = ["".join(run.itertext()) for run in _children(paragraph, "Text")]
    return "".join(parts)


def _clean(text: str, kind: ElementKind) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = text.replace("\u00a0", " ")
    if kind in _ONE_LINE_KINDS:
        return " ".join(text.split())
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines).strip("\n ")


def _kind_of(paragraph: ET.Element) -> ElementKind:
    type_name = (paragraph.get("Type") or "").strip().lower()
    kind = _KINDS.get(type_name)
    if kind is None:
        if type_name.startswith("outline"):
            return ElementKind.SECTION
        return ElementKind.ACTION
    if kind is ElementKind.ACTION and (paragraph.get("Alignment") or "").lower() == "center":
        return ElementKind.CENTERED
    return kind


def _scene_properties(
    paragraph: ET.Element, ctx: _Context, line: int | None
) -> tuple[int | None, int | None]:
    """``(stored_eighths, page)`` from ``<SceneProperties>``; ``None`` where absent/empty."""
    props = _children(paragraph, "SceneProperties")
    if not props:
        return None, None
    length_text = (props[0].get("Length") or "").strip()
    page_text = (props[0].get("Page") or "").strip()
    eighths: int | None = None
    if length_text:
        try:
            eighths = parse_eighths(length_text)
        except ValidationError:
            where = f"line {line}: " if line else ""
            ctx.warnings.append(
                f"{ctx.filename}: {where}scene length '{length_text}' is not in eighths; ignored"
            )
    page = int(page_text) if re.fullmatch(r"[0-9]{1,5}", page_text) else None
    return eighths, page


def _element(
    paragraph: ET.Element, ctx: _Context, dual: DualSide | None = None
) -> ScriptElement | None:
    kind = _kind_of(paragraph)
    text = _clean(_raw_text(paragraph), kind)
    line = ctx.lines.get(id(paragraph))
    if kind is ElementKind.HEADING:
        eighths, page = _scene_properties(paragraph, ctx, line)
        number = (paragraph.get("Number") or "").strip() or None
        if not text:
            return None
        return ScriptElement(
            kind=kind,
            text=text,
            line=line,
            page=page,
            scene_number=number,
            stored_eighths=eighths,
        )
    if not text:
        return None
    if kind is ElementKind.CHARACTER:
        name, extension, _caret = split_cue(text)
        return ScriptElement(kind=kind, text=name, line=line, extension=extension, dual=dual)
    if dual is not None and kind in (ElementKind.DIALOGUE, ElementKind.PARENTHETICAL):
        return ScriptElement(kind=kind, text=text, line=line, dual=dual)
    return ScriptElement(kind=kind, text=text, line=line)


def _dual_block(block: ET.Element, ctx: _Context) -> list[ScriptElement]:
    """The paragraphs of a ``<DualDialogue>``: first speaker LEFT, the second RIGHT."""
    elements: list[ScriptElement] = []
    cues = 0
    for paragraph in _children(block, "Paragraph"):
        if _kind_of(paragraph) is ElementKind.CHARACTER:
            cues += 1
        side = DualSide.LEFT if cues <= 1 else DualSide.RIGHT
        element = _element(paragraph, ctx, side)
        if element is not None:
            elements.append(element)
    return elements


def _body(content: ET.Element, ctx: _Context) -> list[ScriptElement]:
    elements: list[ScriptElement] = []
    for paragraph in _children(content, "Paragraph"):
        duals = _children(paragraph, "DualDialogue")
        if duals and not paragraph.get("Type"):
            for block in duals:
                elements.extend(_dual_block(block, ctx))
            continue
        element = _element(paragraph, ctx)
        if element is not None:
            elements.append(element)
    return elements


def label_title_page(paragraphs: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Keys for a title page printed as free text (Final Draft, PDF), best effort.

    The first non-empty paragraph is the ``Title``; a line such as "Written by" / "Scénario
    de" is the ``Credit`` and the paragraph after it the ``Author``; every other paragraph
    is kept, in order, as ``Notes`` (contact, draft date and copyright are not told apart).
    The PDF reader uses the same labels.
    """
    pairs: list[tuple[str, str]] = []
    after_credit = False
    for paragraph in paragraphs:
        text = paragraph.strip()
        if not text:
            continue
        if not pairs:
            pairs.append(("Title", text))
        elif _CREDIT.match(text):
            pairs.append(("Credit", text))
            after_credit = True
            continue
        elif after_credit:
            pairs.append(("Author", text))
        else:
            pairs.append(("Notes", text))
        after_credit = False
    return tuple(pairs)


def _title_page(root: ET.Element) -> tuple[tuple[str, str], ...]:
    paragraphs = [
        _clean(_raw_text(paragraph), ElementKind.ACTION)
        for title_page in _children(root, "TitlePage")
        for content in _children(title_page, "Content")
        for paragraph in _children(content, "Paragraph")
    ]
    return label_title_page(paragraphs)


def parse_fdx(data: bytes, *, filename: str = "<fdx>") -> ParsedScript:
    """Read a Final Draft file into a flat :class:`ParsedScript` (``source_format="fdx"``).

    Raises :class:`ParseError` for entity declarations (refused for safety), ill-formed XML
    (with the parser's line), a root other than ``<FinalDraft>``, and a file without
    ``<Content>`` paragraphs.
    """
    check_size(data, filename=filename)
    root, lines = _parse_xml(data, filename)
    if _local(root.tag) != "FinalDraft":
        raise ParseError(
            t(
                "this XML file is not a Final Draft script: its root element is <{root}>, "
                "not <FinalDraft>",
                root=_local(root.tag),
            ),
            file=filename,
            line=lines.get(id(root)),
            hint=t("Export the script from Final Draft or Fade In as .fdx"),
        )
    contents = _children(root, "Content")
    if not contents:
        raise ParseError(
            t("this Final Draft file has no <Content> (no script text)"),
            file=filename,
            hint=t("Check that it is the script and not a template or settings file"),
        )
    ctx = _Context(filename=filename, lines=lines, warnings=[])
    elements = _body(contents[0], ctx)
    if not elements:
        raise ParseError(
            t("this Final Draft file has no paragraphs of text in <Content>"),
            file=filename,
            line=lines.get(id(contents[0])),
            hint=t("The script is empty; check that you exported the right file"),
        )
    return ParsedScript(
        source_format="fdx",
        elements=tuple(elements),
        title_page=_title_page(root),
        warnings=tuple(ctx.warnings),
    )
