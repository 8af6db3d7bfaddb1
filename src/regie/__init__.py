# SPDX-License-Identifier: AGPL-3.0-or-later
"""regie — an open-source production office for film and television."""

__version__ = "0.1.0"
