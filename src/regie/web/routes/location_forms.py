# SPDX-License-Identifier: AGPL-3.0-or-later
"""The scouting form's contacts field: one contact a line, ``name ; role ; phone ; e-mail``
(the last three optional), read into :class:`~regie.logistics.locations.Contact` values and
written back the same way."""

from __future__ import annotations

from collections.abc import Sequence

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.logistics.locations import Contact

SEPARATOR = ";"


def contacts_from_text(text: str) -> tuple[Contact, ...]:
    """``"Jeanne Le Goff ; capitainerie ; 02 98 00 00 00 ; j@port.fr"`` a line; blank
    lines are skipped; a line with more than four parts is refused (naming it)."""
    found: list[Contact] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(SEPARATOR)]
        if len(parts) > 4:
            raise ValidationError(
                t("line {line}: a contact is 'name ; role ; phone ; e-mail'", line=number),
                field="contacts",
            )
        name, role, phone, email = (*parts, "", "", "")[:4]
        found.append(Contact(name, role, phone, email))
    return tuple(found)


def contacts_text(contacts: Sequence[Contact]) -> str:
    """The contacts as the form's textarea shows them (trailing empty parts dropped)."""
    lines = []
    for contact in contacts:
        parts = [contact.name, contact.role, contact.phone, contact.email]
        while parts and not parts[-1]:
            parts.pop()
        lines.append(f" {SEPARATOR} ".join(parts))
    return "\n".join(lines)
