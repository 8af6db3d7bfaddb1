# SPDX-License-Identifier: AGPL-3.0-or-later
"""Breakdown elements (dépouillement): categories, tags on scenes and suggestions.

A *tag* says that an element (``VIEILLE PEUGEOT 504``, category vehicles) occurs in a scene.
A *suggestion* is a tag proposed by :mod:`regie.script.suggest` from the text; the user
accepts or rejects it. Accepted suggestions and manual tags are the breakdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    """The sixteen breakdown categories, in the customary order of a breakdown sheet."""

    CAST = "cast"
    EXTRAS = "extras"
    STUNTS = "stunts"
    VEHICLES = "vehicles"
    PROPS = "props"
    COSTUME = "costume"
    MAKEUP_HAIR = "makeup_hair"
    ANIMALS = "animals"
    SFX = "sfx"
    VFX = "vfx"
    MUSIC = "music"
    SOUND = "sound"
    SET_DRESSING = "set_dressing"
    SPECIAL_EQUIPMENT = "special_equipment"
    SECURITY = "security"
    NOTES = "notes"


# French and English labels; the web and documents use Babel catalogs for the UI, but the
# category names are terms of art printed on breakdown sheets in both languages.
CATEGORY_LABELS: dict[Category, tuple[str, str]] = {
    Category.CAST: ("Comédiens", "Cast"),
    Category.EXTRAS: ("Figuration", "Extras"),
    Category.STUNTS: ("Cascades", "Stunts"),
    Category.VEHICLES: ("Véhicules", "Vehicles"),
    Category.PROPS: ("Accessoires", "Props"),
    Category.COSTUME: ("Costumes", "Costume"),
    Category.MAKEUP_HAIR: ("Maquillage / coiffure", "Make-up / hair"),
    Category.ANIMALS: ("Animaux", "Animals"),
    Category.SFX: ("Effets spéciaux (plateau)", "Special effects (SFX)"),
    Category.VFX: ("Effets visuels (VFX)", "Visual effects (VFX)"),
    Category.MUSIC: ("Musique", "Music"),
    Category.SOUND: ("Son", "Sound"),
    Category.SET_DRESSING: ("Décoration", "Set dressing"),
    Category.SPECIAL_EQUIPMENT: ("Matériel spécial", "Special equipment"),
    Category.SECURITY: ("Sécurité", "Security"),
    Category.NOTES: ("Notes", "Notes"),
}

# Breakdown-sheet colours customary since the paper era (Movie Magic uses the same family).
CATEGORY_COLOURS: dict[Category, str] = {
    Category.CAST: "#d62828",
    Category.EXTRAS: "#2a9d8f",
    Category.STUNTS: "#f77f00",
    Category.VEHICLES: "#e76f51",
    Category.PROPS: "#7b2cbf",
    Category.COSTUME: "#3a86ff",
    Category.MAKEUP_HAIR: "#ff70a6",
    Category.ANIMALS: "#8ac926",
    Category.SFX: "#1982c4",
    Category.VFX: "#6a4c93",
    Category.MUSIC: "#b5838d",
    Category.SOUND: "#6d6875",
    Category.SET_DRESSING: "#a98467",
    Category.SPECIAL_EQUIPMENT: "#588157",
    Category.SECURITY: "#9d0208",
    Category.NOTES: "#495057",
}


def category_label(category: Category, locale: str = "fr") -> str:
    french, english = CATEGORY_LABELS[category]
    return english if locale.startswith("en") else french


class TagStatus(StrEnum):
    SUGGESTED = "suggested"  # proposed by regie, not yet reviewed
    ACCEPTED = "accepted"  # a suggestion the user kept
    REJECTED = "rejected"  # a suggestion the user refused (kept so it is not proposed again)
    MANUAL = "manual"  # tagged by the user

    @property
    def counts(self) -> bool:
        """Whether a tag in this status is part of the breakdown."""
        return self in (TagStatus.ACCEPTED, TagStatus.MANUAL)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An element proposed for one scene, with why regie proposed it."""

    scene_index: int  # Scene.index
    category: Category
    name: str  # as it should appear on the sheet (upper case for cast, else as written)
    reason: str  # e.g. "speaking character", "capitals in action", "word 'pluie' (sfx)"
    excerpt: str = ""  # the words of the script that triggered it
    quantity: int | None = None  # "Trois DOCKERS" → 3


@dataclass(frozen=True, slots=True)
class Tag:
    """An element in a scene, as stored: the breakdown's atom."""

    scene_index: int
    category: Category
    name: str
    status: TagStatus
    quantity: int | None = None
    note: str = ""


def element_key(name: str) -> str:
    """Key under which two spellings of an element are the same element."""
    return " ".join(name.upper().replace("’", "'").split())
