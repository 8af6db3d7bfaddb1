# SPDX-License-Identifier: AGPL-3.0-or-later
"""Verified offload and ASC MHL: ``regie offload SRC DST [DST...]`` and ``regie mhl verify DIR``.
Register with ``_top("offload", offload.offload)`` and ``app.add_typer(offload.mhl_app, name="mhl")``.
"""

from __future__ import annotations

from regie.cli.context import group

mhl_app = group("Historiques ASC MHL : vérifier un dossier déjà déchargé.")


def offload() -> None:
    """Copier une carte vers plusieurs destinations, vérifiées, avec un historique ASC MHL."""
