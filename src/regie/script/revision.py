# SPDX-License-Identifier: AGPL-3.0-or-later
"""Re-importing a revised script: which new scene is which old scene, and what changed.

Scenes are aligned in reading order on their headings (``difflib.SequenceMatcher`` over
normalised heading texts, scene numbers ignored since revisions renumber). Aligned scenes
with the same words are *unchanged*; aligned scenes whose words differ are *changed*. Where
headings were rewritten, a new and an old scene at the same place in a replaced run are
still paired as *changed* when their words are at least 60 % alike (``SequenceMatcher.ratio``
on characters; ``quick_ratio`` is only an upper bound and paired unrelated scenes); the
rest are *added* or *removed*. Tags and notes follow the pairing (see ``services.scripts``).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from regie.script.body import encode_body, plain_text
from regie.script.catalog import RevisionSummary, SceneRecord
from regie.script.heading import set_key
from regie.script.model import Scene

SIMILAR_ENOUGH = 0.6


class MatchStatus(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"


@dataclass(frozen=True, slots=True)
class SceneMatch:
    new_index: int  # Scene.index in the new screenplay
    old_id: int | None  # SceneRecord.id it continues, None when added
    status: MatchStatus


@dataclass(frozen=True, slots=True)
class RevisionPlan:
    matches: tuple[SceneMatch, ...]
    removed_ids: tuple[int, ...]
    summary: RevisionSummary

    def old_id_for(self, new_index: int) -> int | None:
        return self.matches[new_index - 1].old_id


def _words(text: str) -> str:
    return " ".join(text.split())


def _heading_key(text: str) -> str:
    return set_key(text)


def plan_revision(old: Sequence[SceneRecord], new: Sequence[Scene]) -> RevisionPlan:
    old_keys = [_heading_key(s.heading) for s in old]
    new_keys = [_heading_key(s.heading.text) for s in new]
    old_words = [_words(plain_text(s.body)) for s in old]
    new_words = [_words(plain_text(encode_body(s.elements))) for s in new]
    matches: dict[int, SceneMatch] = {}
    removed: list[int] = []
    matcher = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)

    def pair(i: int, j: int) -> None:
        same = old_words[i] == new_words[j]
        status = MatchStatus.UNCHANGED if same else MatchStatus.CHANGED
        matches[j] = SceneMatch(new[j].index, old[i].id, status)

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                pair(i1 + k, j1 + k)
        elif op == "replace":
            for k in range(max(i2 - i1, j2 - j1)):
                i, j = i1 + k, j1 + k
                if i < i2 and j < j2:
                    ratio = difflib.SequenceMatcher(
                        a=old_words[i], b=new_words[j], autojunk=False
                    ).ratio()
                    if ratio >= SIMILAR_ENOUGH:
                        pair(i, j)
                        continue
                if i < i2:
                    removed.append(old[i].id)
                if j < j2:
                    matches[j] = SceneMatch(new[j].index, None, MatchStatus.ADDED)
        elif op == "delete":
            removed.extend(old[i].id for i in range(i1, i2))
        else:  # insert
            for j in range(j1, j2):
                matches[j] = SceneMatch(new[j].index, None, MatchStatus.ADDED)

    ordered = tuple(matches[j] for j in range(len(new)))
    by_id = {s.id: s for s in old}
    summary = RevisionSummary(
        added=tuple(new[m.new_index - 1].label for m in ordered if m.status is MatchStatus.ADDED),
        removed=tuple(by_id[i].label for i in removed),
        changed=tuple(
            new[m.new_index - 1].label for m in ordered if m.status is MatchStatus.CHANGED
        ),
        unchanged=sum(1 for m in ordered if m.status is MatchStatus.UNCHANGED),
    )
    return RevisionPlan(ordered, tuple(removed), summary)
