# SPDX-License-Identifier: AGPL-3.0-or-later
"""Web area: callsheets (filled by its issue)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
