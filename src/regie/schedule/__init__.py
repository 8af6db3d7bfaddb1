# SPDX-License-Identifier: AGPL-3.0-or-later
"""Phase package (reserved; see ARCHITECTURE.md for the issue that fills it)."""
