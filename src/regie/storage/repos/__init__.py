# SPDX-License-Identifier: AGPL-3.0-or-later
"""Repositories: functions over a :class:`sqlalchemy.orm.Session` that read and write the
tables and hand back frozen ``regie.*`` records, never ORM rows.

They do not commit: the service owns the transaction (``Database.session()``).
"""
