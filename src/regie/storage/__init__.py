# SPDX-License-Identifier: AGPL-3.0-or-later
"""The only SQL in regie: tables, repositories returning frozen domain records, and the
Alembic migrations that build the schema (SQLite by default, PostgreSQL for a shared office).

Nothing outside this package sees an ORM object; services receive ``regie.*`` records.

Changing the schema: edit ``tables/``, then generate a migration against a database at
head and review it (types as plain ``sa.*``, no import of regie code)::

    from alembic import command
    from regie.storage.db import Database

    db = Database("postgresql+psycopg://postgres@127.0.0.1/test")  # or a SQLite file
    db.upgrade()
    config = db.alembic_config()
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message="what changed", autogenerate=True, rev_id="0002")

``tests/storage/test_schema.py`` fails until the migrations build exactly the models.
"""
