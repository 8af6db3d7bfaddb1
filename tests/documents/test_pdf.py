# SPDX-License-Identifier: AGPL-3.0-or-later
"""html_to_pdf works offline: remote URLs and files outside the package are refused
without any network access; package files and data: URLs are served."""

from __future__ import annotations

import io
import socket
from typing import Any

import pdfplumber
import pytest

from regie.core.errors import InputError
from regie.documents.pdf import PACKAGE_ROOT, html_to_pdf
from regie.documents.templating import css_string

# A 1×1 transparent PNG.
PIXEL = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk"
    "YAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record (and block) any attempt to resolve or connect."""
    attempts: list[object] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def text_of(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_renders_a_pdf_with_dejavu_fonts(no_network: list[object]) -> None:
    pdf = html_to_pdf(
        "<html><body style=\"font-family: 'DejaVu Sans'\">"
        f'<p>Feuille de dépouillement — séquence 12</p><img src="{PIXEL}"></body></html>'
    )
    assert pdf.startswith(b"%PDF-")
    assert "Feuille de dépouillement — séquence 12" in text_of(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        fonts = {c["fontname"] for c in document.pages[0].chars}
    assert all(f.split("+")[-1].replace("-", "").startswith("DejaVuSans") for f in fonts), fonts
    assert no_network == []


@pytest.mark.parametrize(
    "html",
    [
        '<img src="https://example.com/logo.png">',
        '<link rel="stylesheet" href="http://example.com/style.css">',
        "<style>@import url(https://example.com/more.css);</style>",
        "<style>p { background: url(ftp://example.com/x.png) }</style><p>x</p>",
        '<img src="file:///etc/hostname">',
    ],
)
def test_resources_outside_the_package_are_refused(html: str, no_network: list[object]) -> None:
    with pytest.raises(InputError, match="which regie does not fetch"):
        html_to_pdf(f"<html><body>{html}<p>texte</p></body></html>")
    assert no_network == []


def test_relative_url_resolved_to_a_package_file(no_network: list[object]) -> None:
    pdf = html_to_pdf(
        '<html><head><link rel="stylesheet" href="documents/templates/print.css"></head>'
        "<body><p>A4</p></body></html>",
        base_url=PACKAGE_ROOT.as_uri() + "/",
    )
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)  # A4 from print.css
    assert no_network == []


def test_css_string_cannot_end_the_string_or_the_style() -> None:
    assert css_string('a"b') == '"a\\22 b"'
    assert css_string("x</style>") == '"x\\3c /style\\3e "'
    assert css_string("deux\nlignes\\") == '"deux\\a lignes\\5c "'
