# SPDX-License-Identifier: AGPL-3.0-or-later
"""The service tests' office (a production with one member per role) for the job tests."""

from tests.services.conftest import (  # noqa: F401 - fixtures, used by name
    fast_password_hashing,
    imported,
    office,
)
