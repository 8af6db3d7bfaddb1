# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie worker``: a job worker on the queue named by the broker URL."""

from __future__ import annotations


def worker() -> None:
    """Lancer un exécutant de tâches sur la file configurée (Redis)."""
