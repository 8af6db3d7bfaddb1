# SPDX-License-Identifier: AGPL-3.0-or-later
"""Background work: a job's function runs outside the request that asked for it and
records its progress and result in the ``jobs`` table, which the faces poll.

``regie.jobs.runner`` holds the :class:`~regie.jobs.runner.JobRunner` interface and the
in-process runner (a small thread pool, the default); a runner over a distributed task
queue (Redis) for the media jobs of the rushes issue implements the same interface (the
recipe is in that module's docstring). ``regie.jobs.schedule`` submits the schedule's
jobs (board optimisation).
"""
