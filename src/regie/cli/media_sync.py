# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sound/picture sync and timelines for the editor: registers ``sync`` on ``regie media``."""

from __future__ import annotations
