# SPDX-License-Identifier: AGPL-3.0-or-later
"""Versioned rule packs: every regulated or customary value with its source and validity."""
