# SPDX-License-Identifier: AGPL-3.0-or-later
"""Tests of the web face: routes, permissions, security, i18n, end to end."""
