# SPDX-License-Identifier: AGPL-3.0-or-later
"""Printed lines of a PDF: text runs read through pdfplumber's pdfminer stack, grouped by
baseline into lines, each line split into segments where a wide gap separates them.

pdfplumber builds one object per character, which runs at about 13 pages/s on a 2-core
machine; a screenplay needs far less. :class:`_RunDevice` is a light pdfminer device that
records one run per ``Tj``/``TJ`` string (font, size, origin, advance width computed the way
pdfminer's ``PDFTextDevice`` does) and the thin horizontal rules that underline text.
Coordinates returned here are points from the top-left corner of the page.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdevice import PDFDevice, PDFTextSeq
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import (
    PDFGraphicState,
    PDFPageInterpreter,
    PDFResourceManager,
    PDFTextState,
)
from pdfminer.utils import Matrix, PathSegment, mult_matrix
from pdfplumber.pdf import PDF
from pdfplumber.utils.exceptions import PdfminerException

from regie.core.errors import ParseError
from regie.core.text import t

_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demibold")


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of text on one printed line with no wide gap inside (points from the left)."""

    x0: float
    x1: float
    text: str
    bold: bool
    underlined: bool = False


@dataclass(frozen=True, slots=True)
class PrintedLine:
    """One printed line: segments left to right, vertical extent in points from the top."""

    page: int  # 0-based index of the PDF page
    top: float
    bottom: float
    size: float  # font size in points
    segments: tuple[Segment, ...]

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


@dataclass(frozen=True, slots=True)
class PdfText:
    """The printed lines of every page, and what the document says about itself."""

    pages: tuple[tuple[PrintedLine, ...], ...]
    page_width: float
    page_height: float
    title: str | None  # document information /Title, when it is a real title


@dataclass(slots=True)
class _Run:
    x0: float
    x1: float
    baseline: float
    top: float
    bottom: float
    size: float
    text: str
    bold: bool


class _RunDevice(PDFDevice):
    """Records text runs and underline rules of one page; everything else is ignored."""

    def __init__(self, rsrcmgr: PDFResourceManager, height: float) -> None:
        super().__init__(rsrcmgr)
        self.height = height
        self.runs: list[_Run] = []
        self.rules: list[tuple[float, float, float]] = []  # x0, x1, y from top
        self._glyphs: dict[int, dict[int, tuple[str, float, bool]]] = {}

    def _glyph(self, font: PDFFont, cid: int) -> tuple[str, float, bool]:
        """``(character, width in text space units, is a space)``, cached per font."""
        try:
            char = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            char = "\ufffd"
        glyph = (char, font.char_width(cid), char.isspace())
        self._glyphs.setdefault(id(font), {})[cid] = glyph
        return glyph

    def render_string(
        self,
        textstate: PDFTextState,
        seq: PDFTextSeq,
        ncs: object,
        graphicstate: PDFGraphicState,
    ) -> None:
        font = textstate.font
        if font is None or self.ctm is None:
            return
        matrix = mult_matrix(textstate.matrix, self.ctm)
        size = textstate.fontsize
        scaling = textstate.scaling * 0.01
        advance = size * scaling
        charspace = textstate.charspace * scaling
        wordspace = 0.0 if font.is_multibyte() else textstate.wordspace * scaling
        dxscale = 0.001 * size * scaling
        x, y = textstate.linematrix
        ink_start: float | None = None  # before the first glyph that is not a space
        ink_end = x  # after the last glyph that is not a space
        chars: list[str] = []
        need_charspace = False
        space = 0.25 * size
        cache = self._glyphs.setdefault(id(font), {})
        for obj in seq:
            if isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if need_charspace:
                        x += charspace
                    glyph = cache.get(cid) or self._glyph(font, cid)
                    chars.append(glyph[0])
                    if glyph[2]:
                        x += glyph[1] * advance
                        if cid == 32:
                            x += wordspace
                    else:
                        if ink_start is None:
                            ink_start = x
                        x += glyph[1] * advance
                        ink_end = x
                    need_charspace = True
            else:
                shift = obj * dxscale
                x -= shift
                # A TJ kerning gap as wide as a space is a word space with no space glyph.
                if -shift > space and chars and not chars[-1].isspace():
                    chars.append(" ")
                need_charspace = True
        textstate.linematrix = (x, y)
        if ink_start is not None:
            self._record(matrix, (ink_start, ink_end, y), textstate, font, chars)

    def _record(
        self,
        matrix: Matrix,
        extent: tuple[float, float, float],
        textstate: PDFTextState,
        font: PDFFont,
        chars: list[str],
    ) -> None:
        start, end, y = extent
        a, b, c, d, e, f = matrix
        # Upright text only: rotated runs are watermarks ("DRAFT") or margin notes.
        if abs(b) > 1e-3 or abs(c) > 1e-3 or a <= 0 or d <= 0:
            return
        text = "".join(chars)
        if not text.strip():
            return
        size = textstate.fontsize
        rise = textstate.rise
        descent = font.get_descent() * size
        name = (font.fontname or "").lower() if isinstance(font.fontname, str) else ""
        self.runs.append(
            _Run(
                x0=a * start + e,
                x1=a * end + e,
                baseline=self.height - (d * (y + rise) + f),
                top=self.height - (d * (y + rise + descent + size) + f),
                bottom=self.height - (d * (y + rise + descent) + f),
                size=size * d,
                text=text,
                bold=any(w in name for w in _BOLD_WORDS) or textstate.render == 2,
            )
        )

    def paint_path(
        self,
        graphicstate: PDFGraphicState,
        stroke: bool,
        fill: bool,
        evenodd: bool,
        path: Sequence[PathSegment],
    ) -> None:
        if self.ctm is None or len(path) > 6:
            return
        a, b, c, d, e, f = self.ctm
        points = [(a * s[1] + c * s[2] + e, b * s[1] + d * s[2] + f) for s in path if len(s) == 3]
        if len(points) < 2:
            return
        ys = [p[1] for p in points]
        xs = [p[0] for p in points]
        if max(ys) - min(ys) <= 2.0 and max(xs) - min(xs) > 2.0:
            self.rules.append((min(xs), max(xs), self.height - (max(ys) + min(ys)) / 2))


def _segments(runs: list[_Run], rules: list[tuple[float, float, float]]) -> list[Segment]:
    runs.sort(key=lambda r: r.x0)
    segments: list[Segment] = []
    current: list[_Run] = []
    for run in runs:
        if current:
            last = current[-1]
            char = 0.6 * max(last.size, 1.0)
            gap = run.x0 - last.x1
            if gap > 2.5 * char:
                segments.append(_segment(current, rules))
                current = []
        current.append(run)
    if current:
        segments.append(_segment(current, rules))
    return segments


def _segment(runs: list[_Run], rules: list[tuple[float, float, float]]) -> Segment:
    parts: list[str] = []
    previous: _Run | None = None
    for run in runs:
        if previous is not None:
            gap = run.x0 - previous.x1
            boundary_space = previous.text[-1:].isspace() or run.text[:1].isspace()
            if gap > 0.15 * run.size and not boundary_space:
                parts.append(" ")
        parts.append(run.text)
        previous = run
    text = unicodedata.normalize("NFC", " ".join("".join(parts).split()))
    x0, x1 = runs[0].x0, max(r.x1 for r in runs)
    baseline = runs[0].baseline
    size = runs[0].size
    underlined = any(
        baseline - 1.0 <= y <= baseline + 0.35 * size
        and min(x1, rx1) - max(x0, rx0) >= 0.6 * (x1 - x0)
        for rx0, rx1, y in rules
    )
    return Segment(
        x0=x0,
        x1=x1,
        text=text,
        bold=all(r.bold for r in runs if r.text.strip()),
        underlined=underlined,
    )


def group_lines(
    page: int, runs: Iterable[_Run], rules: list[tuple[float, float, float]]
) -> tuple[PrintedLine, ...]:
    """Group runs whose baselines agree (within a quarter of the font size) into lines."""
    ordered = sorted(runs, key=lambda r: (r.baseline, r.x0))
    groups: list[list[_Run]] = []
    for run in ordered:
        if groups and abs(run.baseline - groups[-1][0].baseline) <= max(1.0, 0.25 * run.size):
            groups[-1].append(run)
        else:
            groups.append([run])
    lines: list[PrintedLine] = []
    for group in groups:
        segments = [s for s in _segments(group, rules) if s.text]
        if not segments:
            continue
        lines.append(
            PrintedLine(
                page=page,
                top=min(r.top for r in group),
                bottom=max(r.bottom for r in group),
                size=max(r.size for r in group),
                segments=tuple(segments),
            )
        )
    return tuple(lines)


def _meta_title(metadata: dict[str, object]) -> str | None:
    value = metadata.get("Title")
    if not isinstance(value, str):
        return None
    title = value.strip()
    if not title or title.lower() in ("(anonymous)", "untitled", "(unspecified)", "title"):
        return None
    return title


def read_pdf_text(data: bytes, *, filename: str) -> PdfText:
    """Open the PDF with pdfplumber and return the printed lines of every page.

    Raises :class:`ParseError` for a file that is not a PDF, a damaged PDF and an encrypted
    one that needs a password.
    """
    if b"%PDF-" not in data[:1024]:
        raise ParseError(
            t("this is not a PDF file (it does not start with %PDF-)"),
            file=filename,
            hint=t("Choose the script's PDF, or import the Fountain or FDX file instead"),
        )
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            text = _read_pages(pdf)
    except PdfminerException as exc:
        raise _open_error(exc, filename) from None
    except Exception as exc:  # pdfminer raises many unrelated types on malformed input
        raise ParseError(
            t("this PDF is damaged and cannot be read ({problem})", problem=type(exc).__name__),
            file=filename,
            hint=t("Export the PDF again from the screenwriting software"),
        ) from None
    if not text.pages:
        raise ParseError(
            t("this PDF has no pages"),
            file=filename,
            hint=t("Export the PDF again from the screenwriting software"),
        )
    return text


def _read_pages(pdf: PDF) -> PdfText:
    pages = pdf.pages
    lines: list[tuple[PrintedLine, ...]] = []
    for index, page in enumerate(pages):
        x0, y0, x1, y1 = page.page_obj.mediabox
        page_height = (x1 - x0) if page.page_obj.rotate % 180 == 90 else (y1 - y0)
        device = _RunDevice(pdf.rsrcmgr, float(page_height))
        PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
        lines.append(group_lines(index, device.runs, device.rules))
    width, height = (float(pages[0].width), float(pages[0].height)) if pages else (0.0, 0.0)
    return PdfText(
        pages=tuple(lines), page_width=width, page_height=height, title=_meta_title(pdf.metadata)
    )


def _open_error(exc: PdfminerException, filename: str) -> ParseError:
    cause = exc.args[0] if exc.args else exc
    name = type(cause).__name__
    if "Password" in name or "Encryption" in name:
        return ParseError(
            t("this PDF is encrypted and needs a password to be read"),
            file=filename,
            hint=t("Export it again without a password, or import the Fountain or FDX file"),
        )
    problem = f"{name}: {str(cause)[:80]}"
    return ParseError(
        t("this PDF is damaged or not a PDF ({problem})", problem=problem),
        file=filename,
        hint=t("Export the PDF again from the screenwriting software"),
    )
