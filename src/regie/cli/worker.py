# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie worker``: a job worker on the queue named by the broker URL.

The broker URL is ``--broker``, else ``REGIE_BROKER_URL``, else ``[jobs] broker_url`` in
the production folder's ``regie.toml``. The command checks that Redis answers, then
*replaces itself* (``exec``) with Dramatiq's own worker command,
``python -m dramatiq regie.jobs.worker:setup``, the settings passed in the environment:
Dramatiq forks its worker processes, handles Ctrl+C (running jobs are let finish) and
its exit codes; regie adds nothing between them. Jobs carry their database's URL, so one
worker serves every production whose server sends it work.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from regie.cli import output
from regie.cli.context import folder, say
from regie.core.errors import NotFound, ValidationError
from regie.core.text import t

BrokerOption = Annotated[
    str | None,
    typer.Option(
        "--broker",
        metavar="URL",
        help="Adresse du serveur Redis (redis://hôte:6379/0). Par défaut REGIE_BROKER_URL, "
        "sinon broker_url de la section jobs de regie.toml.",
    ),
]
ProcessesOption = Annotated[
    int, typer.Option("--processes", min=1, help="Nombre de processus exécutants.")
]
ThreadsOption = Annotated[
    int,
    typer.Option(
        "--threads",
        min=1,
        help="Tâches menées de front par processus (les déchargements attendent surtout "
        "les disques).",
    ),
]
QueueOption = Annotated[
    list[str] | None,
    typer.Option(
        "--queue",
        metavar="NOM",
        help="File de tâches à servir (répétable\u202f; «\u00a0regie\u00a0» par défaut).",
    ),
]
TimeLimitOption = Annotated[
    float,
    typer.Option(
        "--time-limit",
        metavar="SECONDES",
        help="Durée maximale d’une tâche avant qu’elle soit arrêtée et notée en échec "
        "(24\u00a0h par défaut).",
    ),
]


def _configured_url() -> str | None:
    from regie.jobs.runner import broker_url_setting

    try:
        start = folder().root
    except NotFound:  # not in a production folder: only the environment counts
        start = Path.cwd()
    return broker_url_setting(start)


def worker(
    broker: BrokerOption = None,
    processes: ProcessesOption = 1,
    threads: ThreadsOption = 4,
    queue: QueueOption = None,
    time_limit: TimeLimitOption = 24 * 3600,
) -> None:
    """Lancer un exécutant de tâches sur la file configurée (Redis)."""
    from regie.jobs.queue import check_reachable, redacted
    from regie.jobs.runner import DEFAULT_QUEUE
    from regie.jobs.worker import dramatiq_command

    if not time_limit > 0:
        raise ValidationError(
            t("{field} must be a number of seconds above 0, not '{value}'",
              field="--time-limit", value=time_limit),
            field="--time-limit",
        )  # fmt: skip
    url = broker or _configured_url()
    if not url:
        raise ValidationError(
            t("no job queue is configured"),
            field="--broker",
            hint=t("Give regie worker --broker redis://host:6379/0"),
        )
    queues = tuple(queue or (DEFAULT_QUEUE,))
    argv, environment = dramatiq_command(
        url, processes=processes, threads=threads, queues=queues, time_limit_s=time_limit
    )
    check_reachable(url)
    output.line(
        say(
            f"Exécutant regie sur {redacted(url)} (files\u00a0: {', '.join(queues)}) — "
            "Ctrl+C pour arrêter.",
            f"regie worker on {redacted(url)} (queues: {', '.join(queues)}) — Ctrl+C to stop.",
        )
    )
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, argv, environment)  # noqa: S606 - our own interpreter, fixed args
