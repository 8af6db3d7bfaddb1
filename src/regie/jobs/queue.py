# SPDX-License-Identifier: AGPL-3.0-or-later
"""The distributed runner: jobs sent over Redis to worker processes (Dramatiq).

:class:`QueueRunner` keeps the :class:`~regie.jobs.runner.JobRunner` protocol of the
in-process runner: ``submit`` checks the call, creates the job's row (``queued``) and
sends one message to the ``regie_job`` actor of :mod:`regie.jobs.worker`; ``status``
reads the row, which the worker moves along. The message is JSON, never pickle::

    args = [database_url, job_id, function_path, [arguments...], {keyword: value}]

* ``function_path`` is the job function's dotted path, which must be registered in
  :mod:`regie.jobs.registry` (a ``functools.partial`` of it is unwrapped: its arguments
  and keywords travel with the call's own);
* every argument is a JSON value (text, number, true/false, null, list, object), with
  two exceptions that travel as references: the job's own :class:`Database` (the worker
  opens the message's database URL in its place) and a :class:`~regie.office.roles.User`
  (sent as its id; the worker reads the user again, so a deactivated account cannot run
  work). Anything else is refused at submit, before any row is written.

A message that cannot be sent fails its job at once (``QueueUnavailable``): a row never
waits for a message that does not exist. Why Dramatiq rather than Celery: see
:mod:`regie.jobs.worker`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import dramatiq
import redis
from dramatiq.brokers.redis import RedisBroker
from sqlalchemy.engine import make_url

from regie.core.errors import RegieError, ValidationError
from regie.core.jobs import JobRecord
from regie.core.text import t
from regie.jobs import registry
from regie.jobs.runner import DEFAULT_QUEUE, JobFunction
from regie.office.roles import Permission, User
from regie.services import accounts, jobs
from regie.services.database import Database

ACTOR_NAME = "regie_job"
BROKER_SCHEMES = ("redis", "rediss", "unix")
TAG = "$regie"  # marks the two references an argument may be (database, user)


class QueueUnavailable(RegieError):
    """The job queue (Redis) could not take the job."""

    http_status = 503


def redacted(url: str) -> str:
    """``url`` without its password (for messages and logs)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = f"{parts.username}:***" if parts.username else ":***"
    host = parts.hostname or ""
    netloc = f"{user}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def check_broker_url(url: str) -> str:
    """``url`` when it names a Redis server (``redis://``, ``rediss://``, ``unix://``)."""
    if urlsplit(url).scheme not in BROKER_SCHEMES:
        raise ValidationError(
            t("'{url}' is not the URL of a Redis server", url=redacted(url)),
            field="broker_url",
            hint=t("Write it as redis://host:6379/0 (rediss:// for TLS)"),
        )
    return url


def redis_broker(url: str) -> dramatiq.Broker:
    """Dramatiq's Redis broker for ``url`` (it connects on first use)."""
    return RedisBroker(url=check_broker_url(url))  # type: ignore[no-untyped-call]


def check_reachable(url: str, *, timeout_s: float = 5.0) -> None:
    """``QueueUnavailable`` unless the Redis server at ``url`` answers."""
    client = redis.Redis.from_url(
        check_broker_url(url), socket_connect_timeout=timeout_s, socket_timeout=timeout_s
    )
    try:
        client.ping()
    except redis.RedisError as error:
        raise QueueUnavailable(
            t("the job queue does not answer"),
            where=redacted(url),
            hint=t("Start Redis there, or check the URL ({problem})", problem=str(error)),
        ) from None
    finally:
        client.close()


# -- the call, as JSON ------------------------------------------------------------------


def _not_json(path: str, name: str, value: object) -> ValidationError:
    return ValidationError(
        t(
            "argument {name} of the job function '{path}' is not a JSON value (it is a {type})",
            name=name,
            path=path,
            type=type(value).__name__,
        ),
        field=name,
        hint=t(
            "A queued job takes ids and plain values (text, numbers, true or false, lists, "
            "objects): pass an id, or the value as text"
        ),
    )


def _json_value(value: Any, path: str, name: str) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    if isinstance(value, list | tuple):
        return [_json_value(item, path, name) for item in value]
    if isinstance(value, Mapping) and all(isinstance(k, str) and k != TAG for k in value):
        return {key: _json_value(item, path, name) for key, item in value.items()}
    raise _not_json(path, name, value)


def _encode(value: Any, db: Database, path: str, name: str) -> Any:
    if isinstance(value, Database):
        if value is not db and value.url != db.url:
            raise ValidationError(
                t("a queued job can only use the database it is queued in"),
                field=name,
            )
        return {TAG: "database"}
    if isinstance(value, User):
        return {TAG: "user", "id": value.id}
    return _json_value(value, path, name)


def _unwrap(
    fn: JobFunction, args: tuple[Any, ...]
) -> tuple[JobFunction, tuple[Any, ...], dict[str, Any]]:
    keywords: dict[str, Any] = {}
    while isinstance(fn, functools.partial):
        args = (*fn.args, *args)
        keywords = {**fn.keywords, **keywords}  # the outer partial's keywords win
        fn = fn.func
    return fn, args, keywords


def encode_call(
    db: Database, fn: JobFunction, args: tuple[Any, ...]
) -> tuple[str, list[Any], dict[str, Any]]:
    """``(function path, arguments, keywords)`` as the message carries them."""
    function, call_args, keywords = _unwrap(fn, args)
    path = registry.path_of(function)
    if "progress" in keywords:
        raise ValidationError(
            t("the runner gives a job its progress reporter: do not pass one"),
            field="progress",
        )
    encoded = [_encode(value, db, path, str(n)) for n, value in enumerate(call_args, 1)]
    named = {name: _encode(value, db, path, name) for name, value in keywords.items()}
    return path, encoded, named


def _decode(value: Any, db: Database) -> Any:
    if not isinstance(value, dict) or TAG not in value:
        return value
    if value[TAG] == "database":
        return db
    if value[TAG] == "user" and isinstance(value.get("id"), int):
        return accounts.get_user(db, value["id"])
    raise ValidationError(
        t("the job message holds an unknown reference {reference}", reference=str(value)),
        field="args",
        hint=t("Install the same version of regie on the worker as on the server"),
    )


def decode_call(
    db: Database, args: list[Any], kwargs: Mapping[str, Any]
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """The arguments :func:`encode_call` wrote, the references read again from ``db``."""
    return (
        tuple(_decode(value, db) for value in args),
        {name: _decode(value, db) for name, value in kwargs.items()},
    )


def database_url(db: Database) -> str:
    """The URL a worker opens: a SQLite file must be named by an absolute path."""
    url = make_url(db.url)
    name = url.database or ""
    if url.get_backend_name() == "sqlite" and (
        name in ("", ":memory:") or not Path(name).is_absolute()
    ):
        raise ValidationError(
            t("a queue worker cannot open this database: {url}", url=redacted(db.url)),
            field="database_url",
            hint=t(
                "Give SQLite an absolute path (a production folder does), or use "
                "PostgreSQL for a shared office"
            ),
        )
    return db.url


# -- the runner -------------------------------------------------------------------------


class QueueRunner:
    """Jobs on the Redis queue at ``broker`` (a URL, or a Dramatiq broker: tests use
    Dramatiq's ``StubBroker``), in the queue ``queue_name``."""

    def __init__(self, broker: str | dramatiq.Broker, *, queue_name: str = DEFAULT_QUEUE) -> None:
        if isinstance(broker, str):
            self.where = redacted(check_broker_url(broker))
            broker = redis_broker(broker)
        else:
            self.where = type(broker).__name__
        self.broker = broker
        self.queue_name = queue_name
        broker.declare_queue(queue_name)

    def submit(
        self,
        db: Database,
        kind: str,
        production_slug: str,
        fn: JobFunction,
        /,
        *args: Any,
        actor: User | None = None,
        permission: Permission = Permission.VIEW_PRODUCTION,
    ) -> int:
        """Queue ``fn(*args, progress=…)`` (see the module docstring for what ``fn`` and
        ``args`` may be); its job id."""
        path, call_args, keywords = encode_call(db, fn, args)
        url = database_url(db)
        record = jobs.create_job(db, kind, production_slug, actor=actor, permission=permission)
        message: dramatiq.Message[None] = dramatiq.Message(
            queue_name=self.queue_name,
            actor_name=ACTOR_NAME,
            args=(url, record.id, path, call_args, keywords),
            kwargs={},
            options={},
        )
        try:
            self.broker.enqueue(message)
        except Exception as exc:  # any failure to send: the job can never run
            error = QueueUnavailable(
                t("the job could not be sent to the job queue"),
                where=self.where,
                hint=t("Check that Redis runs and can be reached, then run the job again"),
            )
            jobs.fail_job(db, record.id, error)
            raise error from exc
        return record.id

    def status(self, db: Database, job_id: int, *, actor: User | None = None) -> JobRecord:
        return jobs.job_status(db, job_id, actor=actor)
