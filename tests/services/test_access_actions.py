# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every permission has the words a refusal says ("you may not {action}")."""

from __future__ import annotations

from regie.office.roles import Permission
from regie.services.access import _ACTIONS


def test_every_permission_can_be_refused_in_words() -> None:
    assert set(_ACTIONS) == set(Permission)
