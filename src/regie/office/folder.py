# SPDX-License-Identifier: AGPL-3.0-or-later
"""The production folder (dossier de production): its standard tree and file-naming rule.

Tree: numbered top-level folders in the order of the work (administration → archives), so
every production of the company looks the same and sorts the same.

Naming rule, for every file a person puts in the tree::

    <CODE>_<AAAAMMJJ>_<TYPE>_<description>_v<NN>.<ext>
    LDB_20261126_SCENARIO_episode-1_v02.pdf

* ``CODE``: the production code (upper case, from the title, see ``core.ids``);
* ``AAAAMMJJ``: the document's date (a real calendar date);
* ``TYPE``: what the document is, upper case letters/digits, words joined by ``-``
  (``SCENARIO``, ``DEVIS``, ``CONTRAT``, ``FDS`` for a feuille de service...);
* ``description``: letters, digits, ``-`` between words; no spaces, no accents;
* ``vNN``: two- or three-digit version; ``ext``: lower-case extension.

regie's own files (``regie.toml``, ``.regie/``, ``rules/`` — the production's own rule
packs —, the ``LISEZMOI.md`` of each folder) and hidden files are outside the rule.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from regie.core.ids import ascii_fold

STANDARD_TREE: tuple[tuple[str, str], ...] = (
    ("00_ADMINISTRATION", "Société, assurances, autorisations, courriers"),
    ("01_DEVELOPPEMENT", "Notes d'intention, bibles, dossiers de présentation"),
    ("02_SCENARIO", "Versions du scénario (importées dans regie)"),
    ("03_DEPOUILLEMENT", "Dépouillement, diagnostic de faisabilité"),
    ("04_PREPARATION", "Rétroplanning, repérages, décors, casting"),
    ("05_PLANNING", "Plan de travail, feuilles de service"),
    ("06_BUDGET_FINANCEMENT", "Devis, plan de financement, crédit d'impôt"),
    ("07_EQUIPE_CONTRATS", "Équipe, contrats, paie"),
    ("08_TOURNAGE", "Rapports de production, notes de frais, sécurité"),
    ("09_POSTPRODUCTION", "Plan de post-production, livrables, contrôle qualité"),
    ("10_JURIDIQUE_DROITS", "Droits, sources externes, chaîne des droits"),
    ("11_COMPTABILITE", "Factures, FEC, coût définitif"),
    ("12_ARCHIVES", "Documents clos, masters archivés"),
)

CONFIG_FILE = "regie.toml"
PRIVATE_DIR = ".regie"
FOLDER_README = "LISEZMOI.md"
RULES_DIR = "rules"  # a production's own rule packs (see regie.rules.registry)
EXEMPT = frozenset({CONFIG_FILE, FOLDER_README, "README.md"})

_RULE = re.compile(
    r"^(?P<code>[A-Z0-9]+)_(?P<date>\d{8})_(?P<type>[A-Z0-9]+(?:-[A-Z0-9]+)*)_"
    r"(?P<desc>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)_v(?P<version>\d{2,3})\.(?P<ext>[a-z0-9]{1,5})$"
)
_WORDS = re.compile(r"[^A-Za-z0-9]+")


@dataclass(frozen=True, slots=True)
class NameProblem:
    """A file whose name breaks the rule, with the reason and a name that would pass."""

    path: str  # relative to the production folder, '/'-separated
    reason: str
    suggestion: str


def is_exempt(relative_path: str) -> bool:
    parts = relative_path.split("/")
    if any(p.startswith(".") for p in parts) or parts[0] == RULES_DIR:
        return True
    return parts[-1] in EXEMPT


def suggest_name(filename: str, code: str, on: dt.date, doc_type: str = "DOC") -> str:
    """A rule-abiding name for ``filename`` (keeps its words as the description)."""
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, "txt"
    words = _WORDS.sub("-", ascii_fold(stem)).strip("-").lower() or "document"
    return f"{code}_{on:%Y%m%d}_{doc_type}_{words}_v01.{ext.lower()}"


def check_name(relative_path: str, code: str, *, today: dt.date) -> NameProblem | None:
    """``None`` when the file follows the rule (or is exempt), else what is wrong."""
    if is_exempt(relative_path):
        return None
    filename = relative_path.rsplit("/", 1)[-1]
    match = _RULE.match(filename)
    suggestion = suggest_name(filename, code, today)
    if match is None:
        return NameProblem(
            relative_path,
            "does not follow CODE_AAAAMMJJ_TYPE_description_vNN.ext",
            suggestion,
        )
    if match.group("code") != code:
        return NameProblem(
            relative_path,
            f"starts with code {match.group('code')}, this production's code is {code}",
            filename.replace(match.group("code"), code, 1),
        )
    try:
        dt.datetime.strptime(match.group("date"), "%Y%m%d")  # noqa: DTZ007 — a date only
    except ValueError:
        return NameProblem(
            relative_path, f"{match.group('date')} is not a real date (AAAAMMJJ)", suggestion
        )
    return None
