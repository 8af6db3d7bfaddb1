# SPDX-License-Identifier: AGPL-3.0-or-later
"""Words of screenplay headings and cues in English and French.

Parser knowledge, not regulation: it lives in code, not in a rule pack. Add words here
(upper case, accents kept and also without accents) when a real script needs them.
"""

from __future__ import annotations

from regie.script.model import Light

_DAY = (
    "DAY", "DAYTIME", "MORNING", "AFTERNOON", "NOON", "MIDDAY", "JOUR", "JOURNÉE", "JOURNEE",
    "MATIN", "MATINÉE", "MATINEE", "APRÈS-MIDI", "APRES-MIDI", "MIDI",
)  # fmt: skip
_NIGHT = (
    "NIGHT", "NIGHTTIME", "EVENING", "MIDNIGHT", "NUIT", "SOIR", "SOIRÉE", "SOIREE",
    "MINUIT",
)  # fmt: skip
_DAWN = ("DAWN", "PRE-DAWN", "SUNRISE", "DAYBREAK", "AUBE", "AURORE", "LEVER")
_DUSK = (
    "DUSK", "SUNSET", "TWILIGHT", "MAGIC", "CRÉPUSCULE", "CREPUSCULE", "COUCHANT", "COUCHER",
)  # fmt: skip

LIGHT_WORDS: dict[str, Light] = {
    **dict.fromkeys(_DAY, Light.DAY),
    **dict.fromkeys(_NIGHT, Light.NIGHT),
    **dict.fromkeys(_DAWN, Light.DAWN),
    **dict.fromkeys(_DUSK, Light.DUSK),
}

CONTINUITY_WORDS = frozenset(
    (
        "CONTINUOUS", "CONTINUED", "CONT'D", "CONT", "SAME", "LATER", "MOMENTS", "MOMENT",
        "MINUTES", "SECONDS", "HOURS", "SIMULTANEOUS", "INSTANT", "INSTANTS", "SUITE",
        "CONTINU", "CONTINUE", "MÊME", "MEME", "TARD", "PLUS", "APRÈS", "APRES",
    )
)  # fmt: skip

TIME_WORDS = frozenset(LIGHT_WORDS) | CONTINUITY_WORDS
