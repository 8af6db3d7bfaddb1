# SPDX-License-Identifier: AGPL-3.0-or-later
"""Two versions of a short French script, written for these tests.

Version 2 keeps scene 1 word for word, inserts a scene on the roof after it, rewrites a
line of the quay scene (now scene 3) and drops the harbour office (scene 3 of version 1).
``REPLACED`` is version 1 with the harbour office replaced, at the same place, by the roof.
"""

from __future__ import annotations

FIRST = """\
Title: La Clef du Quai

INT. CUISINE - JOUR

Hélène entre avec une VIEILLE VALISE. Il pleut dehors.

HÉLÈNE
Bonjour Bob.

BOB (O.S.)
J'arrive !

EXT. QUAI - NUIT

Trois DOCKERS déchargent un cargo. Une voiture de police passe.

CYBER BOB
Tu es en retard.

HÉLÈNE
Je sais.

INT. BUREAU DU PORT - JOUR

Le capitaine compte des billets.

BOB
C'est tout ?
"""

SECOND = """\
Title: La Clef du Quai

INT. CUISINE - JOUR

Hélène entre avec une VIEILLE VALISE. Il pleut dehors.

HÉLÈNE
Bonjour Bob.

BOB (O.S.)
J'arrive !

EXT. TOIT DE L'ENTREPÔT - AUBE

Hélène regarde le port. Un CHIEN aboie.

HÉLÈNE
C'est fini.

EXT. QUAI - NUIT

Trois DOCKERS déchargent un cargo. Une voiture de police passe.

CYBER BOB
Tu es très en retard, Hélène.

HÉLÈNE
Je sais.
"""

_OFFICE = """INT. BUREAU DU PORT - JOUR

Le capitaine compte des billets.

BOB
C'est tout ?
"""
REPLACED = FIRST.replace(
    _OFFICE,
    """EXT. TOIT DE L'ENTREPÔT - AUBE

Hélène regarde le port. Un CHIEN aboie.

HÉLÈNE
C'est fini.
""",
)
assert REPLACED != FIRST


def first() -> bytes:
    return FIRST.encode()


def second() -> bytes:
    return SECOND.encode()
