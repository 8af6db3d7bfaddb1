# SPDX-License-Identifier: AGPL-3.0-or-later
"""A short French screenplay written for the CLI tests, in two versions.

What a reader sees in ``PHARE`` (the truth the parse test checks field by field):

1. ``INT. PHARE - SALLE DE LA LANTERNE - NUIT`` #1 — MARTHE speaks, ANTOINE off screen.
2. ``EXT. JETÉE - JOUR`` #2 — ANTOINE, then MARTHE (OFF).
3. ``INT./EXT. CAMIONNETTE D'ANTOINE - AUBE`` #3 — MARTHE only.
4. ``.SOUS-SOL DU PHARE`` #4 — forced heading, no INT/EXT, no time, nobody speaks.

``PHARE_V2`` keeps scene 1 word for word, rewrites a line of scene 2, drops scene 3 and
adds ``EXT. FALAISE - CRÉPUSCULE`` #5.
"""

from __future__ import annotations

PHARE = """\
Title: Le Phare des Oubliés
Author: Équipe regie

INT. PHARE - SALLE DE LA LANTERNE - NUIT #1#

Marthe, soixante ans, nettoie la lentille. Dehors, la tempête gronde.

MARTHE
Encore une nuit sans bateau.

ANTOINE (O.S.)
Marthe ? Tu es là-haut ?

EXT. JETÉE - JOUR #2#

Antoine pousse une BROUETTE pleine de cordages. Deux MOUETTES se disputent un poisson.

ANTOINE
On repeint la coque demain.

MARTHE (OFF)
Si le vent tombe.

INT./EXT. CAMIONNETTE D'ANTOINE - AUBE #3#

Antoine conduit une VIEILLE CAMIONNETTE. Marthe lit une carte marine.

MARTHE
Tourne à gauche après le calvaire.

.SOUS-SOL DU PHARE #4#

Noir complet. Une lampe torche s'allume.
"""

PHARE_V2 = (
    PHARE.replace("On repeint la coque demain.", "On repeint la coque après-demain.").replace(
        """INT./EXT. CAMIONNETTE D'ANTOINE - AUBE #3#

Antoine conduit une VIEILLE CAMIONNETTE. Marthe lit une carte marine.

MARTHE
Tourne à gauche après le calvaire.

""",
        "",
    )
    + """
EXT. FALAISE - CRÉPUSCULE #5#

Marthe regarde la mer. Un CHIEN aboie au loin.

MARTHE
Il reviendra.
"""
)

# (number, heading, int_ext, set, time, characters) per scene of PHARE, read by hand.
PHARE_TRUTH = [
    (
        "1",
        "INT. PHARE - SALLE DE LA LANTERNE - NUIT",
        "INT",
        "PHARE - SALLE DE LA LANTERNE",
        "NUIT",
        ["MARTHE", "ANTOINE"],
    ),
    ("2", "EXT. JETÉE - JOUR", "EXT", "JETÉE", "JOUR", ["ANTOINE", "MARTHE"]),
    (
        "3",
        "INT./EXT. CAMIONNETTE D'ANTOINE - AUBE",
        "INT/EXT",
        "CAMIONNETTE D'ANTOINE",
        "AUBE",
        ["MARTHE"],
    ),
    ("4", "SOUS-SOL DU PHARE", None, "SOUS-SOL DU PHARE", None, []),
]
