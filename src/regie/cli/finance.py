# SPDX-License-Identifier: AGPL-3.0-or-later
"""Accounts and financing: ``regie fec check FILE``, ``regie financing check PLAN``.
Register with ``app.add_typer(finance.fec_app, name="fec")`` and
``app.add_typer(finance.financing_app, name="financing")``."""

from __future__ import annotations

from regie.cli.context import group

fec_app = group("Fichier des écritures comptables (FEC) : contrôler, lire.")
financing_app = group("Plan de financement : équilibre, intensité d'aide publique.")
