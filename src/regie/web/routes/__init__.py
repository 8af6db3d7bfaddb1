# SPDX-License-Identifier: AGPL-3.0-or-later
"""One module per area of the office; each exposes ``router``."""
