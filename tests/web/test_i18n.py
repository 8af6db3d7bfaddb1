# SPDX-License-Identifier: AGPL-3.0-or-later
"""The web catalogs: every message of the pages (templates and Python, extracted with
Babel and babel.cfg as `make i18n` does) has a French translation, typographically right."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from regie.documents.i18n import SUPPORTED_LOCALES
from regie.web.errors import FIELD_LABELS, TITLES
from regie.web.i18n import AGREEMENT_LABELS, catalog

REPO = Path(__file__).resolve().parents[2]
WEB = REPO / "src" / "regie" / "web"
LOCALE_DIR = REPO / "src" / "regie" / "locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _msgid(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, tuple) else message.id)


def extracted() -> set[str]:
    with (REPO / "babel.cfg").open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)  # type: ignore[no-untyped-call]
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(WEB), method_map, options_map
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def po(locale: str) -> Catalog:
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "web.po").open("rb") as source:
        return read_po(source, locale=locale)


def strings(message: Message) -> list[str]:
    if isinstance(message.string, str):
        return [message.string]
    return [str(form) for form in message.string or ()]


def test_extraction_finds_templates_and_python() -> None:
    msgids = extracted()
    assert "Tag an element" in msgids  # a template
    assert "E-mail or password is wrong. Check both and try again." in msgids  # routes/auth.py
    assert set(TITLES.values()) <= msgids  # N_() in errors.py
    assert set(FIELD_LABELS.values()) <= msgids
    assert set(AGREEMENT_LABELS.values()) <= msgids


def test_every_message_has_a_french_translation() -> None:
    french = po("fr")
    missing = [
        msgid
        for msgid in sorted(extracted())
        if (m := french.get(msgid)) is None or m.fuzzy or not all(strings(m))
    ]
    assert not missing, f"untranslated in fr/web.po (run `make i18n`, translate): {missing}"


def test_catalogs_match_the_sources() -> None:
    msgids = extracted()
    for locale in SUPPORTED_LOCALES:
        listed = {_msgid(m) for m in po(locale) if m.id}
        assert listed == msgids, f"{locale}: run `make i18n` ({listed ^ msgids})"


def test_french_placeholders_and_typography() -> None:
    for message in po("fr"):
        if not message.id:
            continue
        msgid = _msgid(message)
        for text in strings(message):
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(msgid)), msgid
            # espace insécable before : ; ! ? and », after «; typographic apostrophe
            assert not re.search(r"[^\u00a0\u202f][:;!?»]", text), text
            assert not re.search(r"«[^\u00a0\u202f]", text), text
            assert "'" not in text, text


def test_english_falls_back_to_the_msgids() -> None:
    assert catalog("en").gettext("Tag an element") == "Tag an element"
    assert catalog("fr").gettext("Tag an element") == "Ajouter un élément"
    assert catalog("fr").ngettext("%(num)s episode", "%(num)s episodes", 2) == "%(num)s épisodes"
