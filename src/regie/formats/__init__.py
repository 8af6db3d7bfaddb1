# SPDX-License-Identifier: AGPL-3.0-or-later
"""File-format adapters: one module per format, bytes in, domain records out."""
