# SPDX-License-Identifier: AGPL-3.0-or-later
"""Rushes: ``regie media qc PATH...`` (technical QC of clips against a spec).
Register with ``app.add_typer(media.media_app, name="media")``; other modules add their
commands to ``media_app`` (media_sync, media_plan).
"""

from __future__ import annotations

from regie.cli.context import group

media_app = group("Rushes et médias : contrôle technique, synchronisation, stockage, livrables.")
