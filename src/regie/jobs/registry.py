# SPDX-License-Identifier: AGPL-3.0-or-later
"""The job functions a queue worker may run: an allow-list of dotted paths.

A queued job names its function by path (``regie.jobs.media.hash_files``), never by
pickled code, and a worker imports only paths listed here: a message naming any other
path is refused and the refusal recorded on the job. The paths of :data:`BUILTIN` are
known without importing anything; a module adds its own with :func:`register` or the
:func:`job_function` decorator (the worker must import that module: give it to
``dramatiq`` after the broker, or list it in :data:`BUILTIN`).

The in-process runner does not consult the list: it runs the callable it is handed.
"""

from __future__ import annotations

import functools
import importlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from regie.core.errors import NotFound, ValidationError
from regie.core.text import t

F = TypeVar("F", bound=Callable[..., Any])

BUILTIN = (
    "regie.jobs.media.hash_files",
    "regie.jobs.media.offload",  # regie.jobs.media.submit_offload (the Médias page)
    "regie.jobs.media.qc",
    "regie.jobs.media.check_master",
    "regie.services.optimise.optimise_job",  # regie.jobs.schedule.submit_optimise
    "regie.services.optimise_jobs.optimise_job",  # the stripboard's optimise button
)

_allowed: set[str] = set(BUILTIN)
_lock = threading.Lock()


def _check_path(path: str) -> str:
    module, _, _name = path.rpartition(".")
    if not module or not all(part.isidentifier() for part in path.split(".")):
        raise ValidationError(
            t("'{path}' is not the dotted path of a function", path=path),
            field="function_path",
            hint=t("Write it as package.module.function"),
        )
    return path


def register(path: str) -> str:
    """Allow the function at ``path`` (``package.module.function``) to run on a worker."""
    with _lock:
        _allowed.add(_check_path(path))
    return path


def job_function(fn: F) -> F:
    """Decorator: register a module-level function under its own dotted path."""
    register(path_of_function(fn))
    return fn


def path_of_function(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def is_allowed(path: str) -> bool:
    with _lock:
        return path in _allowed


def allowed() -> tuple[str, ...]:
    """Every registered path, sorted."""
    with _lock:
        return tuple(sorted(_allowed))


def _not_allowed(path: str) -> NotFound:
    return NotFound(
        t("no job function '{path}' is allowed on this worker", path=path),
        where=t("job function '{path}'", path=path),
        hint=t(
            "Register it with regie.jobs.registry.register and start the worker with "
            "the module that registers it"
        ),
    )


def resolve(path: str) -> Callable[..., Any]:
    """The registered function at ``path`` (``NotFound`` for any other path: nothing
    outside the list is ever imported)."""
    if not is_allowed(path):
        raise _not_allowed(path)
    module_name, _, name = path.rpartition(".")
    try:
        found = getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError):
        raise NotFound(
            t("the job function '{path}' cannot be imported on this worker", path=path),
            where=t("job function '{path}'", path=path),
            hint=t("Install the same version of regie on the worker as on the server"),
        ) from None
    if not callable(found):
        raise _not_allowed(path)
    return found  # type: ignore[no-any-return]  # getattr of an imported module


def path_of(fn: Callable[..., Any]) -> str:
    """The registered path of ``fn`` (a registered function, not a ``partial``):
    ``ValidationError`` when it is not registered, or when its path leads elsewhere
    (a nested function, a lambda)."""
    if isinstance(fn, functools.partial):
        raise ValidationError(
            t("a job function given to the queue must be unwrapped first"),
            field="function_path",
        )
    path = path_of_function(fn)
    if not is_allowed(path):
        raise ValidationError(
            t("the function '{path}' is not a registered job function", path=path),
            field="function_path",
            hint=t(
                "Only functions registered in regie.jobs.registry can run on the queue; "
                "register it, or run the job in-process"
            ),
        )
    if resolve(path) is not fn:
        raise ValidationError(
            t("the function '{path}' cannot be found again by its path", path=path),
            field="function_path",
            hint=t("Queue a module-level function"),
        )
    return path
