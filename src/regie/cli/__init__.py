# SPDX-License-Identifier: AGPL-3.0-or-later
"""The command line (``regie``): a thin face over :mod:`regie.services`, one module per
phase, wired in :mod:`regie.cli.main`."""
