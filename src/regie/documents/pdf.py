# SPDX-License-Identifier: AGPL-3.0-or-later
"""HTML to PDF with WeasyPrint, offline.

Documents name the system DejaVu fonts in their CSS (found through fontconfig, never
downloaded). The URL fetcher given to WeasyPrint serves only ``data:`` URLs and files inside
the installed ``regie`` package; any other URL (``http:``, ``https:``, ``ftp:``, a file
elsewhere on disk) stops the rendering with :class:`~regie.core.errors.InputError`, so a
document never makes a network request nor reads outside the package.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from regie.core.errors import InputError, RegieError
from regie.core.text import t

PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # src/regie (or site-packages/regie)


class PackageOnlyFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint ships no type hints
    """Serves ``data:`` URLs and files under :data:`PACKAGE_ROOT`; refuses everything else.

    ``fail_on_errors`` makes WeasyPrint stop on the first refusal instead of logging a
    warning and printing the document without the resource.
    """

    def __init__(self) -> None:
        super().__init__(fail_on_errors=True, allowed_protocols=("data", "file"))

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if path.is_relative_to(PACKAGE_ROOT) and path.is_file():
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    path.as_uri(), path.read_bytes(), {"Content-Type": content_type}
                )
        raise InputError(
            t("the document refers to '{url}', which regie does not fetch", url=url),
            where=t("HTML document"),
            hint=t(
                "Documents may only use data: URLs and files shipped in the regie package; "
                "embed the resource or ship it with regie"
            ),
        )


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render a full HTML document (with its print CSS) to PDF bytes.

    ``base_url`` resolves relative URLs (e.g. a ``file://`` folder inside the package);
    without it, relative URLs cannot be resolved and are ignored by WeasyPrint.
    Raises :class:`InputError` when the document refers to a resource outside the package.
    """
    document = HTML(string=html, base_url=base_url, url_fetcher=PackageOnlyFetcher())
    try:
        pdf = document.write_pdf()
    except FatalURLFetchingError as stopped:
        cause = stopped.__cause__
        if isinstance(cause, RegieError):
            raise cause from None
        raise InputError(str(stopped), where=t("HTML document")) from None
    if not isinstance(pdf, bytes):  # write_pdf() without a target returns the bytes
        raise RegieError(t("WeasyPrint returned no PDF bytes"), where="html_to_pdf")
    return pdf
