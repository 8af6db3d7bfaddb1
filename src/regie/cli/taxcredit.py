# SPDX-License-Identifier: AGPL-3.0-or-later
"""Tax credits: ``regie taxcredit compute CASE.json``. Register with
``app.add_typer(taxcredit.taxcredit_app, name="taxcredit")``."""

from __future__ import annotations

from regie.cli.context import group

taxcredit_app = group("Crédits d'impôt : calcul tracé, article par article.")
