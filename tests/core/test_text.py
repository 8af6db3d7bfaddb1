# SPDX-License-Identifier: AGPL-3.0-or-later
"""Translatable messages (``regie.core.text``) and the errors that carry them: English by
``str()``, any language through a gettext function, the data kept out of the msgid."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.core.errors import (
    NotFound,
    ParseError,
    RegieError,
    StaleEdit,
    ValidationError,
)
from regie.core.text import Text, english, placeholders, render, t

# A tiny catalog, as a compiled .po would answer (an unknown msgid comes back as it is).
FRENCH = {
    "the file is empty": "le fichier est vide",
    "Choose the script file itself": "Choisissez le fichier du scénario lui-même",
    "{file}, line {line}": "{file}, ligne {line}",
    "{where}: {message}": "{where}\u00a0: {message}",
    "scene {label}": "la séquence {label}",
    "no scene '{label}'": "aucune séquence «\u00a0{label}\u00a0»",
    "field '{field}'": "champ «\u00a0{field}\u00a0»",
    "{record} was changed by someone else since you opened it "
    "(your version {expected}, stored version {actual}); your edit was not saved": (
        "quelqu’un d’autre a modifié {record} entre-temps (votre version\u00a0: {expected}, "
        "version enregistrée\u00a0: {actual})\u00a0; votre modification n’a pas été enregistrée"
    ),
    "{size} MB": "{size}\u00a0Mo",
    "the file sent is larger than the {size} regie accepts": (
        "le fichier envoyé dépasse les {size} que regie accepte"
    ),
}


def french(msgid: str) -> str:
    return FRENCH.get(msgid, msgid)


def test_str_is_the_english_rendering() -> None:
    message = t("no scene '{label}'", label="12A")
    assert str(message) == "no scene '12A'"
    assert message.template == "no scene '{label}'"  # the msgid keeps the placeholder
    assert dict(message.params) == {"label": "12A"}


def test_translate_fills_the_translated_template() -> None:
    assert t("no scene '{label}'", label="12A").translate(french) == (
        "aucune séquence «\u00a012A\u00a0»"
    )


def test_nested_texts_are_translated_with_the_message() -> None:
    size = t("{size} MB", size=20)
    message = t("the file sent is larger than the {size} regie accepts", size=size)
    assert str(message) == "the file sent is larger than the 20 MB regie accepts"
    assert message.translate(french) == "le fichier envoyé dépasse les 20\u00a0Mo que regie accepte"


def test_other_values_are_inserted_as_text_never_translated() -> None:
    # "the file is empty" is a msgid, but here it is data: it stays as it is.
    message = t("{file}, line {line}", file="the file is empty", line=3)
    assert message.translate(french) == "the file is empty, ligne 3"


def test_an_untranslated_message_stays_english() -> None:
    assert t("Reload the page").translate(french) == "Reload the page"
    assert t("Reload the page").translate(lambda _msgid: "") == "Reload the page"


def test_placeholders_must_match_the_parameters() -> None:
    with pytest.raises(ValueError, match="placeholders"):
        t("no scene '{label}'")
    with pytest.raises(ValueError, match="parameters"):
        t("the file is empty", file="x.fountain")


def test_braces_and_format_syntax_are_not_evaluated() -> None:
    assert placeholders("a {{literal}} and {name}") == {"name"}
    assert str(t("a {{literal}} and {name}", name="x")) == "a {literal} and x"
    # A value that looks like a placeholder or a format spec is inserted as it is.
    assert str(t("no scene '{label}'", label="{0.__class__}")) == "no scene '{0.__class__}'"
    assert placeholders("{label.attr} {0} {x:>9}") == frozenset()


def test_a_translation_naming_an_unknown_value_shows_it_rather_than_failing() -> None:
    assert t("scene {label}", label="4").translate(lambda _m: "séquence {numéro}") == (
        "séquence {numéro}"
    )


def test_texts_are_values() -> None:
    assert t("scene {label}", label="4") == t("scene {label}", label="4")
    assert t("scene {label}", label="4") != t("scene {label}", label="5")
    assert len({t("scene {label}", label="4"), t("scene {label}", label="4")}) == 1
    params = {"label": "4"}
    message = Text("scene {label}", params)
    params["label"] = "5"  # the message keeps its own copy
    assert str(message) == "scene 4"


def test_render_takes_plain_strings_as_they_are() -> None:
    assert render("No such file or directory", french) == "No such file or directory"
    assert render(t("the file is empty"), french) == "le fichier est vide"
    assert render(t("the file is empty")) == "the file is empty"
    assert english("x") == "x"


@given(st.text(), st.integers())
def test_any_value_round_trips_into_the_english_message(label: str, line: int) -> None:
    assert str(t("{file}, line {line}", file=label, line=line)) == f"{label}, line {line}"


# -- errors -------------------------------------------------------------------------------


def test_error_str_stays_english_and_localized_follows_the_catalog() -> None:
    error = ParseError(
        t("the file is empty"),
        file="vide.fountain",
        line=3,
        hint=t("Choose the script file itself"),
    )
    assert str(error) == (
        "vide.fountain, line 3: the file is empty. Choose the script file itself."
    )
    assert error.args == (str(error),)
    assert error.localized(french) == (
        "vide.fountain, ligne 3\u00a0: le fichier est vide. "
        "Choisissez le fichier du scénario lui-même."
    )
    with pytest.raises(ParseError, match=r"line 3: the file is empty"):
        raise error


def test_plain_strings_are_still_accepted() -> None:
    error = RegieError("disk full", where="notes/plan.txt", hint="free some space")
    assert str(error) == "notes/plan.txt: disk full. free some space."
    assert error.localized(french) == "notes/plan.txt\u00a0: disk full. free some space."


def test_to_dict_is_localized_with_the_english_message_beside() -> None:
    error = NotFound(t("no scene '{label}'", label="42"))
    assert error.to_dict() == {
        "error": "NotFound",
        "what": "no scene '42'",
        "where": None,
        "hint": None,
        "message": "no scene '42'.",
        "message_en": "no scene '42'.",
    }
    localized = error.to_dict(french)
    assert localized["what"] == "aucune séquence «\u00a042\u00a0»"
    assert localized["message"] == "aucune séquence «\u00a042\u00a0»."
    assert localized["message_en"] == "no scene '42'."


def test_validation_error_names_its_field_in_the_language() -> None:
    error = ValidationError(t("the file is empty"), field="file")
    assert str(error) == "field 'file': the file is empty."
    assert error.localized(french) == "champ «\u00a0file\u00a0»\u00a0: le fichier est vide."
    assert error.field == "file"


def test_stale_edit_names_the_record_in_the_language() -> None:
    error = StaleEdit(t("scene {label}", label="12"), expected=1, actual=3)
    assert "scene 12 was changed by someone else" in str(error)
    assert "(your version 1, stored version 3)" in str(error)
    assert error.localized(french).startswith(
        "quelqu’un d’autre a modifié la séquence 12 entre-temps (votre version\u00a0: 1, "
        "version enregistrée\u00a0: 3)"
    )
    assert (error.expected, error.actual, error.http_status) == (1, 3, 409)
