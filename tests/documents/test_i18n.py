# SPDX-License-Identifier: AGPL-3.0-or-later
"""Catalogs, locale negotiation and formatting; every message the documents use has a
French translation (extracted with Babel and the mapping of babel.cfg, as `make i18n`)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import jinja2
import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from regie.core.errors import RegieError, ValidationError
from regie.documents.i18n import (
    SUPPORTED_LOCALES,
    format_date,
    format_number,
    format_percent,
    jinja_environment,
    negotiate,
    translations,
)

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = REPO / "src" / "regie" / "documents"
LOCALE_DIR = REPO / "src" / "regie" / "locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def extracted_msgids() -> set[str]:
    with (REPO / "babel.cfg").open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)  # type: ignore[no-untyped-call]
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(DOCUMENTS), method_map, options_map
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def catalog(locale: str) -> Catalog:
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "documents.po").open("rb") as po:
        return read_po(po, locale=locale)


def strings(message: Message) -> list[str]:
    """The msgstr, or each plural form of it."""
    if isinstance(message.string, str):
        return [message.string]
    return [str(form) for form in message.string or ()]


def test_extraction_finds_template_and_python_messages() -> None:
    msgids = extracted_msgids()
    assert "Breakdown sheet" in msgids  # templates
    assert "Category code" in msgids  # breakdown.py (CSV headers)
    assert "Dusk" in msgids  # N_() in templating.py
    assert len(msgids) > 50


def test_every_message_has_a_french_translation() -> None:
    french = catalog("fr")
    missing = []
    for msgid in sorted(extracted_msgids()):
        message = french.get(msgid)
        if message is None or message.fuzzy or not all(strings(message)):
            missing.append(msgid)
    assert not missing, f"untranslated in fr/documents.po (run `make i18n`, translate): {missing}"


def test_catalogs_match_the_sources() -> None:
    msgids = extracted_msgids()
    for locale in SUPPORTED_LOCALES:
        listed = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog(locale) if m.id}
        assert listed == msgids, f"{locale}: run `make i18n` ({listed ^ msgids})"


def test_french_placeholders_and_typography() -> None:
    for message in catalog("fr"):
        if not message.id:
            continue
        msgid = str(message.id[0] if isinstance(message.id, tuple) else message.id)
        for text in strings(message):
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(msgid)), msgid
            # espace insécable before : ; ! ? and », after «; typographic apostrophe
            assert not re.search(r"[^\u00a0\u202f][:;!?»]", text), text
            assert not re.search(r"«[^\u00a0\u202f]", text), text
            assert "'" not in text, text


def test_translations_compile_and_fall_back_to_english_msgids() -> None:
    assert translations("fr", "documents").gettext("Breakdown") == "Dépouillement"
    assert translations("fr_FR", "documents").gettext("Set") == "Décor"
    assert translations("en-GB", "documents").gettext("Breakdown") == "Breakdown"
    assert translations("fr", "documents") is translations("fr", "documents")  # cached
    french = translations("fr", "documents")
    assert french.ngettext("%(num)s scene", "%(num)s scenes", 2) == "%(num)s séquences"
    assert french.ngettext("%(num)s scene", "%(num)s scenes", 1) == "%(num)s séquence"


def test_unknown_locale_and_domain_are_refused() -> None:
    with pytest.raises(ValidationError, match="locale 'de'"):
        translations("de", "documents")
    with pytest.raises(ValidationError, match="domain"):
        translations("fr", "../documents")
    with pytest.raises(RegieError, match="no 'nowhere' message catalog"):
        translations("fr", "nowhere")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "fr"),
        ("", "fr"),
        ("en-US,en;q=0.9", "en"),
        ("de-DE,de;q=0.9,en;q=0.5", "en"),
        ("fr-CA;q=0.5, en;q=0.8", "en"),
        ("en;q=0, fr", "fr"),
        ("es, de", "fr"),
        ("*", "fr"),
        ("en;q=abc, fr;q=0.1", "fr"),
        ("!!!", "fr"),
    ],
)
def test_negotiate(header: str | None, expected: str) -> None:
    assert negotiate(header) == expected


def test_formatting() -> None:
    assert format_date(dt.date(2026, 3, 2), "fr") == "2 mars 2026"
    assert format_date(dt.date(2026, 3, 2), "en") == "March 2, 2026"
    assert format_number(Decimal("1234.5"), "fr") == "1\u202f234,5"
    assert format_number(Decimal("1234.5"), "en") == "1,234.5"
    assert format_number(Decimal("4"), "fr", decimals=1) == "4,0"
    assert format_percent(Decimal("0.5"), "fr") == "50\u00a0%"
    assert format_percent(Decimal("0.5"), "en") == "50%"


def test_jinja_environment_installs_gettext_and_filters() -> None:
    loader = jinja2.DictLoader(
        {
            "t.html": "{{ _('Breakdown') }} {{ 11|eighths }} {{ d|date }} {{ n|number }} "
            "{{ ngettext('%(num)s scene', '%(num)s scenes', 3) }} {{ _('Set') }}<{{ x }}>"
        }
    )
    context = {"d": dt.date(2026, 3, 2), "n": Decimal("2.5"), "x": "<b>"}
    french = jinja_environment("fr", "documents", loader).get_template("t.html")
    assert french.render(**context) == (
        "Dépouillement 1 3/8 2 mars 2026 2,5 3 séquences Décor<&lt;b&gt;>"
    )
    english = jinja_environment("en", "documents", loader).get_template("t.html")
    assert english.render(**context) == "Breakdown 1 3/8 March 2, 2026 2.5 3 scenes Set<&lt;b&gt;>"
