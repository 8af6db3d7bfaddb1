# SPDX-License-Identifier: AGPL-3.0-or-later
"""Storage sizing, format choice, deliverables and archive: registers on ``regie media``."""

from __future__ import annotations
