# SPDX-License-Identifier: AGPL-3.0-or-later
"""Screenplay PDF import: printed layout → :class:`ParsedScript` with page positions.

A PDF holds only positioned text, so the element types are read back from the layout
(:mod:`pdf_layout` learns the document's indents, :mod:`pdf_blocks` reads paragraphs).
Every element gets the body page it starts on and its :class:`PageSpan` in points from the
top of the page, so that :mod:`regie.script.assemble` can measure each scene in eighths
from the page itself. The title page (the first page when it has no heading and shows
centred or large text) is read into ``title_page`` and is not a body page.

``ScriptElement.line`` is the 1-based position of the element's first line among the text
lines of its page (page number, header, (MORE) and CONTINUED lines not counted).
"""

from __future__ import annotations

from collections.abc import Sequence

from regie.core.errors import ParseError
from regie.core.text import t
from regie.formats.fdx import label_title_page
from regie.formats.guards import check_size
from regie.formats.pdf_blocks import Paragraph, read_paragraphs, refine_one_liners
from regie.formats.pdf_layout import (
    INCH,
    action_margin,
    body_lines,
    char_width,
    common_size,
    learn_indents,
    line_pitch,
    split_margin_numbers,
    text_right_edge,
)
from regie.formats.pdf_text import PdfText, PrintedLine, read_pdf_text
from regie.script.cues import split_cue
from regie.script.heading import looks_like_heading
from regie.script.model import ElementKind, PageSpan, ParsedScript, ScriptElement


def _is_title_page(
    lines: Sequence[PrintedLine], text: PdfText, action: float, right: float, char: float
) -> bool:
    if len(text.pages) < 2 or not lines:
        return False
    for line in lines:
        segments, number = split_margin_numbers(line, action, right, char)
        if number is not None or looks_like_heading(" ".join(s.text for s in segments)):
            return False
    size = common_size(text.pages[1:])
    centre = text.page_width / 2
    return any(
        line.size > 1.2 * size
        or (abs((line.x0 + line.x1) / 2 - centre) <= 0.5 * INCH and line.x0 > action + 1 * INCH)
        for line in lines
    )


def _title_paragraphs(lines: Sequence[PrintedLine], page_width: float) -> list[str]:
    """Title-page lines grouped the way they read: large lines together, centred lines one
    by one, left- or right-aligned blocks (contact, draft date) as one paragraph each."""
    size = min((line.size for line in lines), default=12.0)
    paragraphs: list[list[PrintedLine]] = []
    for line in lines:
        previous = paragraphs[-1][-1] if paragraphs else None
        centred = abs((line.x0 + line.x1) / 2 - page_width / 2) <= 0.5 * INCH
        joined = (
            previous is not None
            and line.top - previous.top <= 1.6 * max(previous.size, line.size)
            and abs(line.size - previous.size) < 0.5
            and (line.size > 1.2 * size or (not centred and abs(line.x0 - previous.x0) < 2))
        )
        if joined:
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return ["\n".join(line.text for line in group) for group in paragraphs]


def _element(para: Paragraph) -> ScriptElement:
    first, last = para.lines[0], para.lines[-1]
    span = PageSpan(first_page=first.page, top=first.top, last_page=last.page, bottom=last.bottom)
    if para.kind is ElementKind.CENTERED:
        text = "\n".join(line.text for line in para.lines)
    else:
        text = " ".join(" ".join(line.text for line in para.lines).split())
    if para.kind is ElementKind.CHARACTER:
        name, extension, _caret = split_cue(text)
        return ScriptElement(
            kind=para.kind,
            text=name,
            line=first.number,
            page=first.page,
            extension=extension,
            dual=para.dual,
            span=span,
        )
    return ScriptElement(
        kind=para.kind,
        text=text,
        line=first.number,
        page=first.page,
        forced=para.forced,
        scene_number=para.scene_number if para.kind is ElementKind.HEADING else None,
        dual=para.dual,
        span=span,
    )


def parse_pdf_script(data: bytes, *, filename: str = "<pdf>") -> ParsedScript:
    """Read a screenplay PDF into a flat :class:`ParsedScript` (``source_format="pdf"``).

    Raises :class:`ParseError` for a file that is not a PDF, an encrypted PDF, a PDF with no
    text layer (a scan), and a PDF whose text has no scene heading.
    """
    check_size(data, filename=filename)
    text = read_pdf_text(data, filename=filename)
    all_lines = [line for lines in text.pages for line in lines]
    if not all_lines:
        raise ParseError(
            t("this PDF has no text layer (a scan?): regie cannot read images of text"),
            file=filename,
            hint=t("Run OCR on it first, or import the Fountain or FDX file of the script"),
        )
    char = char_width(all_lines)
    action = action_margin(all_lines)
    right = text_right_edge(all_lines, action, char)
    title_lines: Sequence[PrintedLine] = ()
    pages = text.pages
    if _is_title_page(pages[0], text, action, right, char):
        title_lines, pages = pages[0], pages[1:]
    lines, more_pages = body_lines(pages, action, right, char)
    pitch = line_pitch([line for page in pages for line in page])
    indents = learn_indents(lines, action, right, char, pitch)
    paragraphs = read_paragraphs(lines, indents, more_pages)
    refine_one_liners(paragraphs)
    elements = tuple(_element(p) for p in paragraphs if p.lines)
    if not any(e.kind is ElementKind.HEADING for e in elements):
        raise ParseError(
            t(
                "no scene headings were found in this PDF (no INT./EXT. lines at the action "
                "margin, no numbered scenes)"
            ),
            file=filename,
            hint=t(
                "Check that this is a screenplay; for other layouts import the Fountain or FDX file"
            ),
        )
    empty_pages = sum(1 for page in pages if not page)
    warnings: tuple[str, ...] = ()
    if empty_pages:
        warnings = (f"{filename}: {empty_pages} page(s) have no text layer and were read as blank",)
    title_page = label_title_page(_title_paragraphs(title_lines, text.page_width))
    if not title_page and text.title:
        title_page = (("Title", text.title),)
    return ParsedScript(
        source_format="pdf",
        elements=elements,
        title_page=title_page,
        page_count=len(pages),
        page_height=text.page_height,
        body_top=min(line.top for line in lines) if lines else None,
        body_bottom=max(line.bottom for line in lines) if lines else None,
        warnings=warnings,
    )
