# SPDX-License-Identifier: AGPL-3.0-or-later
"""The one exception family of regie.

Every error says *what* went wrong, *where* (file, line, field, record) and *what to do*.
Faces (CLI, web) print ``str(error)``; they never need to know the subclass to be useful,
but they map subclasses to exit codes and HTTP statuses (see ``http_status``).
"""

from __future__ import annotations


class RegieError(Exception):
    """Base of all regie errors.

    ``what``: the problem in one sentence; ``where``: file/line/field/record, when known;
    ``hint``: what the user can do about it.
    """

    http_status = 400

    def __init__(self, what: str, *, where: str | None = None, hint: str | None = None) -> None:
        self.what = what
        self.where = where
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        parts = [self.what.rstrip(".") + "."]
        if self.where:
            parts.insert(0, f"{self.where}:")
        if self.hint:
            parts.append(self.hint.rstrip(".") + ".")
        return " ".join(parts)

    def to_dict(self) -> dict[str, str | None]:
        return {
            "error": type(self).__name__,
            "what": self.what,
            "where": self.where,
            "hint": self.hint,
            "message": str(self),
        }


class InputError(RegieError):
    """A file or a value given by the user cannot be used as it is."""


class ParseError(InputError):
    """A file could not be read as the format it claims to be (names file and line)."""

    def __init__(
        self,
        what: str,
        *,
        file: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        where = file
        if file and line is not None:
            where = f"{file}, line {line}"
        elif line is not None:
            where = f"line {line}"
        super().__init__(what, where=where, hint=hint)


class ValidationError(InputError):
    """A field value breaks a rule of the domain (names the field)."""

    def __init__(self, what: str, *, field: str | None = None, hint: str | None = None) -> None:
        self.field = field
        super().__init__(what, where=f"field '{field}'" if field else None, hint=hint)


class NotFound(RegieError):
    """A record the user named does not exist (or is not visible to them)."""

    http_status = 404


class Conflict(RegieError):
    """The request clashes with stored data (duplicate name, record in use...)."""

    http_status = 409


class StaleEdit(Conflict):
    """An edit was made against an older version of a record than the stored one.

    Raised instead of silently overwriting another user's change.
    """

    def __init__(self, record: str, *, expected: int, actual: int) -> None:
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"{record} was changed by someone else since you opened it "
            f"(your version {expected}, stored version {actual}); your edit was not saved",
            hint="Reload the page to see the current values, then make your change again",
        )


class PermissionDenied(RegieError):
    """The user's role in this production does not allow the action."""

    http_status = 403


class RuleError(RegieError):
    """A rule pack is missing, malformed or has no value valid at the requested date."""

    http_status = 500
