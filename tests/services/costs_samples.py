# SPDX-License-Identifier: AGPL-3.0-or-later
"""Files for the cost-report tests (services, web, CLI): the demo FEC regie ships, broken
FECs made from it, a payroll export, a tiny PDF and a devis with lines on the accounts the
demo ledger uses."""

from __future__ import annotations

import datetime as dt
from importlib import resources

from regie.budget.catalog import LineFields
from regie.office.roles import User
from regie.services import budgets
from regie.services.database import Database

DAY = dt.date(2026, 4, 8)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PAYROLL = (
    "Nom;Début;Fin;Brut;Charges patronales;Net;Compte devis\n"
    "Anne Ferrand;2026-04-06;2026-04-10;3250,00;1365,50;2535,00;20\n"
    "Sophie Marchal;2026-04-06;2026-04-10;8000,00;2400,00;6240,00;31\n"
).encode()
# Accounts of both CNC charts (cinema and audiovisual) that the demo ledger's analytic
# codes name.
LINES = (
    LineFields("20", "Équipe technique", "20", "jour", "3000"),
    LineFields("31", "Rôles principaux", "10", "jour", "2000"),
    LineFields("52", "Maison d'André", "3", "semaine", "1500"),
    LineFields("71", "Caméra", "4", "semaine", "5000"),
    LineFields("91", "Assurance tournage", "1", "forfait", "5000"),
)


def demo_fec() -> bytes:
    return resources.files("regie").joinpath("demo", "demo.fec").read_bytes()


def unbalanced_fec() -> tuple[bytes, int]:
    """The demo FEC with the debit of its line 3 changed: (bytes, the line the error
    names — the first of the entry, AC0001 on lines 2–3)."""
    lines = demo_fec().split(b"\r\n") if b"\r\n" in demo_fec() else demo_fec().split(b"\n")
    fields = lines[2].split(b"\t")
    fields[11] = b"9999,99"
    lines[2] = b"\t".join(fields)
    sep = b"\r\n" if b"\r\n" in demo_fec() else b"\n"
    return sep.join(lines), 2


def wrong_columns_fec() -> bytes:
    data = demo_fec()
    return data.replace(b"EcritureNum", b"Numero", 1)


def badly_encoded_fec() -> bytes:
    """A Windows-1252 apostrophe (0x92) in an ISO 8859-15 file."""
    return demo_fec().replace(b"d'Andr", b"d\x92Andr", 1)


def make_budget(db: Database, slug: str, actor: User | None = None) -> int:
    made = budgets.create_budget(db, slug, actor=actor)
    budgets.add_lines(
        db, slug, made.number, list(LINES), expected_version=made.version, actor=actor
    )
    return made.number
