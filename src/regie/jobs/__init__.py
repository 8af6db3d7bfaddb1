# SPDX-License-Identifier: AGPL-3.0-or-later
"""Background work: a job's function runs outside the request that asked for it and
records its progress and result in the ``jobs`` table, which the faces poll.

``regie.jobs.runner`` holds the :class:`~regie.jobs.runner.JobRunner` interface and the
in-process runner (a small thread pool, the default); ``regie.jobs.queue`` the runner
over a distributed task queue (Dramatiq over Redis) whose workers are
``regie.jobs.worker`` (``regie worker``); :func:`runner_for` picks one from a broker URL.
``regie.jobs.registry`` lists the job functions a worker may run; ``regie.jobs.schedule``
submits the schedule's jobs (board optimisation), ``regie.jobs.media`` holds media jobs.
"""

from regie.jobs.runner import JobRunner, broker_url_setting, default_runner, runner_for

__all__ = ["JobRunner", "broker_url_setting", "default_runner", "runner_for"]
