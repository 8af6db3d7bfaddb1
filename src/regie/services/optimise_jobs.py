# SPDX-License-Identifier: AGPL-3.0-or-later
"""Board optimisation as a job whose result a page can show in its visitor's language.

:func:`optimise_job` runs :func:`regie.services.optimise.optimise_board` and returns
its JSON outcome (:meth:`~regie.services.optimise.OptimiseOutcome.to_json`) with one
more key, ``infeasibility_text``: the explanation of an infeasible board as a translatable
message (:func:`text_to_json`), which :func:`text_from_json` turns back into a
:class:`~regie.core.text.Text`. The English ``infeasibility`` stays for scripts and logs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from regie.core.jobs import ProgressReporter
from regie.core.text import Text, on_day
from regie.office.roles import User
from regie.services.database import Database
from regie.services.optimise import optimise_board

MAX_DEPTH = 8  # nested messages ("{reasons}" holding "{scene}"…) are a few levels deep


def _is_text(value: object) -> bool:
    return isinstance(value, Text) or (
        isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    )


def _as_text(value: object) -> Text:
    return value if isinstance(value, Text) else on_day(value)  # type: ignore[arg-type]


def text_to_json(text: Text) -> dict[str, Any]:
    """A message as JSON: its template and its parameters (a parameter that is itself a
    message nests; any other value becomes its text)."""
    return {
        "template": text.template,
        "params": {
            name: text_to_json(_as_text(value)) if _is_text(value) else str(value)
            for name, value in text.params.items()
        },
    }


def text_from_json(data: Mapping[str, Any], *, depth: int = 0) -> Text | None:
    """The message :func:`text_to_json` wrote, ``None`` when ``data`` is not one."""
    template, params = data.get("template"), data.get("params")
    if not isinstance(template, str) or not isinstance(params, Mapping) or depth > MAX_DEPTH:
        return None
    values: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, Mapping):
            nested = text_from_json(value, depth=depth + 1)
            if nested is None:
                return None
            values[str(name)] = nested
        else:
            values[str(name)] = str(value)
    try:
        return Text(template, values)
    except ValueError:  # placeholders and parameters disagree: not one of ours
        return None


def optimise_job(
    db: Database,
    slug: str,
    board_id: int,
    *,
    actor: User | None,
    time_limit_s: float = 30,
    save_as: str | None = None,
    progress: ProgressReporter,
) -> dict[str, Any]:
    """:func:`~regie.services.optimise.optimise_board` as a job function (see the module
    docstring)."""
    outcome = optimise_board(
        db,
        slug,
        board_id,
        actor=actor,
        time_limit_s=time_limit_s,
        save_as=save_as,
        progress=progress,
    )
    result = outcome.to_json()
    result["infeasibility_text"] = (
        None if outcome.conflicts is None else text_to_json(outcome.conflicts)
    )
    return result
