# SPDX-License-Identifier: AGPL-3.0-or-later
"""Use cases, one transaction each: what the CLI and the web call.

Every service takes ``actor``: ``None`` is the local CLI user who owns the production
folder (full rights); a :class:`regie.office.roles.User` is checked against their role in
the production (``PermissionDenied``), and outsiders get ``NotFound`` for productions they
cannot see, so that a production's existence is not leaked.

Parsing and other pure work happen before the transaction opens; a refused request leaves
stored data untouched.
"""
