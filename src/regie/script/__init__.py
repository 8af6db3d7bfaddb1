# SPDX-License-Identifier: AGPL-3.0-or-later
"""Script phase: screenplay model, scene headings, page layout in eighths, breakdown and
feasibility. Pure: no I/O; file formats live in ``regie.formats``."""
