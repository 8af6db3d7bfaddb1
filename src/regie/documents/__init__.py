# SPDX-License-Identifier: AGPL-3.0-or-later
"""Documents: HTML (Jinja2 templates, Babel catalogs) rendered to PDF with WeasyPrint, and
XLSX / CSV exports. French first, English available.

Adapters at the edge: they read frozen domain records (``regie.script`` and the other phase
packages) and return text or bytes; they never touch storage, services or the network.
"""
