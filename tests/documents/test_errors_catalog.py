# SPDX-License-Identifier: AGPL-3.0-or-later
"""The ``errors`` catalogs: every ``t("...")`` message of regie (extracted with Babel,
keyword ``t`` only, as `make i18n` does) has a French translation with the same
placeholders and French typography; no error is raised with an untranslatable text; a
real refused file reads in French."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from regie.core.errors import ParseError, RegieError
from regie.core.text import placeholders
from regie.documents.i18n import ERRORS_DOMAIN, SUPPORTED_LOCALES, error_messages, translations
from regie.formats.fountain import parse_fountain

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "src" / "regie"
LOCALE_DIR = SOURCE / "locale"
# The exception family and the helpers that hand their text to it.
ERROR_CALLS = frozenset(
    {
        "RegieError",
        "InputError",
        "ParseError",
        "ValidationError",
        "NotFound",
        "Conflict",
        "StaleEdit",
        "PermissionDenied",
        "RuleError",
        "SchemaError",
        "unique",
    }
)


def extracted() -> dict[str, set[str]]:
    """``{msgid: packages using it}`` for every ``t("...")`` call under src/regie."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)  # type: ignore[no-untyped-call]
    found: dict[str, set[str]] = {}
    for file, _line, message, _comments, _context in extract_from_dir(
        str(SOURCE), method_map, options_map, keywords={"t": None}
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault(msgid, set()).add(file.split("/")[0])
    return found


def po(locale: str) -> Catalog:
    with (LOCALE_DIR / locale / "LC_MESSAGES" / f"{ERRORS_DOMAIN}.po").open("rb") as source:
        return read_po(source, locale=locale, domain=ERRORS_DOMAIN)


def _msgid(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, tuple) else message.id)


def test_extraction_finds_the_messages_of_every_layer() -> None:
    found = extracted()
    assert found["the file is empty"] == {"formats"}
    assert found["{file}, line {line}"] == {"core", "rules"}
    assert "services" in found["no production '{slug}'"]
    assert found["this element is already tagged in the scene"] == {"storage"}
    assert found["choose a script file to import"] == {"web"}
    assert found["no such file"] == {"cli"}
    assert len(found) > 200


def test_every_message_has_a_french_translation_with_the_same_placeholders() -> None:
    french = po("fr")
    missing, mismatched = [], []
    for msgid in sorted(extracted()):
        message = french.get(msgid)
        if message is None or message.fuzzy or not message.string:
            missing.append(msgid)
        elif placeholders(str(message.string)) != placeholders(msgid):
            mismatched.append(msgid)
    assert not missing, f"untranslated in fr/errors.po (run `make i18n`, translate): {missing}"
    assert not mismatched, f"fr/errors.po changes the {{placeholders}} of: {mismatched}"


def test_catalogs_match_the_sources() -> None:
    msgids = set(extracted())
    for locale in SUPPORTED_LOCALES:
        listed = {_msgid(m) for m in po(locale) if m.id}
        assert listed == msgids, f"{locale}: run `make i18n` ({sorted(listed ^ msgids)})"
    assert all(not m.string for m in po("en") if m.id)  # English is the msgid


def test_french_typography() -> None:
    for message in po("fr"):
        if not message.id:
            continue
        # `commands` are typed as they are; the rest is French prose.
        prose = re.sub(r"`[^`]*`", "", str(message.string))
        assert not re.search(r"[^\u00a0\u202f][:;!?»]( |$)", prose), message.string
        assert not re.search(r"«[^\u00a0\u202f]", prose), message.string
        assert "'" not in prose, message.string


def test_no_error_is_raised_with_an_untranslatable_text() -> None:
    """``what`` and ``hint`` of every error built in src/regie go through ``t(...)``
    (a name or an expression is fine: it may hold a Text, or text from outside)."""
    plain = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in ERROR_CALLS:
                continue
            texts = [*node.args[:1], *(k.value for k in node.keywords if k.arg in ("what", "hint"))]
            for text in texts:
                if isinstance(text, ast.JoinedStr | ast.Constant | ast.BinOp):
                    plain.append(f"{path.relative_to(REPO)}:{text.lineno}")
    assert not plain, f"wrap these messages in t('...'): {plain}"


def test_a_refused_fountain_file_reads_in_french_with_its_name() -> None:
    with pytest.raises(ParseError) as refused:
        parse_fountain(b"", filename="vide.fountain")
    assert refused.value.localized(error_messages("fr")) == (
        "vide.fountain\u00a0: le fichier est vide. "
        "Choisissez le fichier du scénario lui-même, pas un fichier vide."
    )
    assert (
        refused.value.localized(error_messages("en"))
        == str(refused.value)
        == ("vide.fountain: the file is empty. Choose the script file itself, not a blank.")
    )


def test_a_line_number_is_localized_too() -> None:
    with pytest.raises(ParseError) as refused:
        parse_fountain(b"INT. CUISINE - JOUR\n\n\xff\xfe\x81\x8d\n", filename="cuisine.fountain")
    assert refused.value.localized(error_messages("fr")).startswith(
        "cuisine.fountain, ligne 3\u00a0: le texte n’est ni en UTF-8 ni en Windows-1252."
    )


def test_error_messages_fall_back_to_english_without_a_catalog(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert error_messages("fr_FR")("the file is empty") == "le fichier est vide"
    assert error_messages("de")("the file is empty") == "the file is empty"
    assert translations("fr", ERRORS_DOMAIN).gettext("the file is empty") == "le fichier est vide"

    def missing(locale: str, domain: str) -> None:
        raise RegieError("no catalog")

    monkeypatch.setattr("regie.documents.i18n.translations", missing)
    assert error_messages("fr")("the file is empty") == "the file is empty"
