# SPDX-License-Identifier: AGPL-3.0-or-later
"""Exact values every layer shares: money, eighths, timecode, calendar, ids, errors."""
