# SPDX-License-Identifier: AGPL-3.0-or-later
"""The one exception family of regie.

Every error says *what* went wrong, *where* (file, line, field, record) and *what to do*.
Each part is a translatable :class:`~regie.core.text.Text` (``t("…{file}…", file=…)``) or,
for text that comes from outside (an operating-system message), a plain ``str``.

``str(error)`` is the English message (logs, tests); a face prints
``error.localized(catalog.gettext)`` with the ``errors`` catalog of its language
(``regie.documents.i18n.translations(locale, "errors")``). Faces never need to know the
subclass to be useful, but they map subclasses to exit codes and HTTP statuses
(``http_status``).
"""

from __future__ import annotations

from regie.core.text import Gettext, Text, english, render, t

Message = str | Text


class RegieError(Exception):
    """Base of all regie errors.

    ``what``: the problem in one sentence; ``where``: file/line/field/record, when known;
    ``hint``: what the user can do about it.
    """

    http_status = 400

    def __init__(
        self, what: Message, *, where: Message | None = None, hint: Message | None = None
    ) -> None:
        self.what = what
        self.where = where
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return self.localized(english)

    def localized(self, gettext: Gettext) -> str:
        """The whole message — ``where: what. hint.`` — in the language of ``gettext``."""
        message = _sentence(render(self.what, gettext))
        if self.where:
            where = render(self.where, gettext)
            message = t("{where}: {message}", where=where, message=message).translate(gettext)
        if self.hint:
            message += " " + _sentence(render(self.hint, gettext))
        return message

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, str | None]:
        """The error for JSON: each part in the language of ``gettext`` (English when
        ``None``), and the English message as ``message_en`` for logs and scripts."""
        language = gettext or english
        return {
            "error": type(self).__name__,
            "what": render(self.what, language),
            "where": render(self.where, language) if self.where else None,
            "hint": render(self.hint, language) if self.hint else None,
            "message": self.localized(language),
            "message_en": str(self),
        }


def _sentence(text: str) -> str:
    return text.rstrip(".") + "."


class InputError(RegieError):
    """A file or a value given by the user cannot be used as it is."""


class ParseError(InputError):
    """A file could not be read as the format it claims to be (names file and line)."""

    def __init__(
        self,
        what: Message,
        *,
        file: str | None = None,
        line: int | None = None,
        hint: Message | None = None,
    ) -> None:
        self.file = file
        self.line = line
        where: Message | None = file
        if file and line is not None:
            where = t("{file}, line {line}", file=file, line=line)
        elif line is not None:
            where = t("line {line}", line=line)
        super().__init__(what, where=where, hint=hint)


class ValidationError(InputError):
    """A field value breaks a rule of the domain (names the field)."""

    def __init__(
        self, what: Message, *, field: str | None = None, hint: Message | None = None
    ) -> None:
        self.field = field
        super().__init__(what, where=field_named(field) if field else None, hint=hint)


def field_named(field: str) -> Text:
    """``field 'email'``: where a value was refused (the field's name, as the code spells it)."""
    return t("field '{field}'", field=field)


class NotFound(RegieError):
    """A record the user named does not exist (or is not visible to them)."""

    http_status = 404


class Conflict(RegieError):
    """The request clashes with stored data (duplicate name, record in use...)."""

    http_status = 409


class StaleEdit(Conflict):
    """An edit was made against an older version of a record than the stored one.

    Raised instead of silently overwriting another user's change. ``record`` names it
    (``t("scene {label}", label=…)``).
    """

    def __init__(self, record: Message, *, expected: int, actual: int) -> None:
        self.expected = expected
        self.actual = actual
        super().__init__(
            t(
                "{record} was changed by someone else since you opened it "
                "(your version {expected}, stored version {actual}); your edit was not saved",
                record=record,
                expected=expected,
                actual=actual,
            ),
            hint=t("Reload the page to see the current values, then make your change again"),
        )


class PermissionDenied(RegieError):
    """The user's role in this production does not allow the action."""

    http_status = 403


class RuleError(RegieError):
    """A rule pack is missing, malformed or has no value valid at the requested date."""

    http_status = 500
