# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scouting photos: check that the bytes are a JPEG, PNG or WebP image regie can read
(Pillow opens and verifies them, then decodes them once), and make the JPEG thumbnail the
pages and the scouting report show.

The type comes from the bytes, never from the file name or what the browser claims. Files
over :data:`MAX_PHOTO_BYTES`, images over :data:`MAX_PIXELS` (decompression bombs) and
anything Pillow cannot decode are refused with an ``InputError`` naming the file.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Final

from PIL import Image, ImageOps, UnidentifiedImageError

from regie.core.errors import InputError
from regie.core.text import t

MAX_PHOTO_BYTES: Final = 10 * 1024 * 1024  # 10 MB
MAX_PIXELS: Final = 80_000_000  # about a 100-megapixel camera's frame, with margin
THUMBNAIL_EDGE: Final = 640  # pixels, longest side
TYPES: Final[dict[str, str]] = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


@dataclass(frozen=True, slots=True)
class Photo:
    content_type: str
    width: int
    height: int
    thumbnail: bytes  # JPEG, at most THUMBNAIL_EDGE pixels on its longest side


def _refuse(name: str, what: object) -> InputError:
    return InputError(
        t("{file} is not a photo regie can read ({problem})", file=name, problem=what),
        where=name,
        hint=t("Send a JPEG, PNG or WebP image of at most 10 MB"),
    )


def read_photo(name: str, data: bytes) -> Photo:
    """The photo's type, size and thumbnail, or an ``InputError`` (nothing else raised)."""
    if not data:
        raise InputError(t("{file} is empty", file=name), where=name)
    if len(data) > MAX_PHOTO_BYTES:
        raise InputError(
            t("{file} is larger than 10 MB ({size} bytes)", file=name, size=len(data)),
            where=name,
            hint=t("Export a smaller copy of the photo (a long side of 3000 pixels is plenty)"),
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format or ""
                probe.verify()  # structure and checksums, without decoding the pixels
            if kind not in TYPES:
                raise _refuse(name, kind or t("unknown format"))
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise _refuse(name, t("too many pixels"))
                upright = ImageOps.exif_transpose(image)
                upright.load()  # decode every pixel: a truncated file fails here
                width, height = upright.size
                thumbnail = upright.convert("RGB")
                thumbnail.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE))
                out = io.BytesIO()
                thumbnail.save(out, "JPEG", quality=82, optimize=True)
    except InputError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(name, t("not an image")) from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:  # Pillow's decoder errors
        raise _refuse(name, type(exc).__name__) from None
    return Photo(TYPES[kind], width, height, out.getvalue())
