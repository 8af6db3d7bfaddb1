# SPDX-License-Identifier: AGPL-3.0-or-later
"""Verified offload: copy a card or folder to several destinations, reading the source once.

The pipeline, per file: the calling thread reads the source in chunks
(:attr:`OffloadOptions.chunk_size`) into a small pool of reused, page-aligned buffers
(:func:`~regie.mediaio.hashing.aligned_buffer`); each chunk goes at once to one writer
thread per destination (a single-worker executor, so chunks stay in order) and is hashed
in every algorithm of the run — by the reading thread itself for the xxHash family, while
the bytes are still in the CPU's cache, by a hasher thread for slower algorithms; a buffer
returns to the pool when all have used it. A copy is written under a temporary name
(``.name.regie-part``), given the source's modification time, ``fsync``-ed and dropped
from the page cache (``posix_fadvise(DONTNEED)``,
:func:`~regie.mediaio.hashing.forget_cached`); a verifier thread per destination then
reads it back, hashes it and compares with the source's hash — while the next file is
already being copied. A file larger than :attr:`OffloadOptions.verify_window` is read back
window by window while it is still being written (each window written back to the device
with ``sync_file_range``, dropped, read back), the rest once it is closed: the last file's
verification, which nothing overlaps, then costs one window rather than the whole file.
Only a copy that matches is renamed to its final name; a failed one is removed. Dropping
the pages is what makes the read-back come from the device rather than from memory; it is
advice the kernel follows on local file systems, not on tmpfs (whose pages are the
storage) nor for a host's cache under a virtual disk. The run waits for its verifiers on a
condition (the last verification ends the run, not a poll).

Each destination then gets an ASC MHL generation (process ``transfer``) that records the
truth: ``original`` (or ``verified`` against a history) for the verified copies,
``failed`` with the hash read back for a copy that did not match, a comment counting the
files that could not be copied; a card's own history is carried into each destination
first. See :mod:`regie.mediaio.offload_plan` for the checks made before copying and for
how a re-run skips what is already done.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import json
import mmap
import os
import socket
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from queue import SimpleQueue
from typing import IO, Any

from regie import __version__
from regie.core.jobs import ProgressReporter
from regie.media.transfer import (
    DEFAULT_ALGORITHM,
    FileOutcome,
    FileStatus,
    HashAlgorithm,
    OffloadReport,
    SourceFile,
)
from regie.mediaio import mhl
from regie.mediaio.hashing import (
    Hasher,
    aligned_buffer,
    forget_cached,
    hash_file,
    hash_range,
    new_hasher,
    write_back,
)
from regie.mediaio.offload_mhl import carry_history, generation_for
from regie.mediaio.offload_plan import Plan, Target, plan, remove_parts

BeforeVerify = Callable[[Path, str], None]
Digests = Callable[[], dict[HashAlgorithm, str]]  # the source's hashes, once all read
Problem = tuple[FileStatus, str] | None  # why a file failed before its read-back, if it did

_FAST_ALGORITHMS = frozenset({HashAlgorithm.XXH128, HashAlgorithm.XXH64, HashAlgorithm.XXH3})


@dataclass(frozen=True, slots=True)
class OffloadOptions:
    """``uncached_verify``: drop each copy from the page cache before reading it back
    (off only to measure what trusting the cache would gain). ``verify_window``: a file
    larger than this is read back window by window while it is still being written (0:
    whole files only, once written). ``progress_interval``: the least time between two
    progress calls within a file (each file's start is always reported)."""

    algorithm: HashAlgorithm = DEFAULT_ALGORITHM
    check_space: bool = True
    uncached_verify: bool = True
    chunk_size: int = 2 * 1024 * 1024
    buffers: int = 16
    verify_window: int = 64 * 1024 * 1024
    author: str | None = None
    location: str | None = None
    comment: str | None = None
    progress_interval: float = 0.1


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _write_status(exc: OSError) -> FileStatus:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return FileStatus.NO_SPACE
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return FileStatus.PERMISSION_DENIED
    return FileStatus.WRITE_FAILED


def _source_status(exc: OSError) -> FileStatus:
    if exc.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO):
        return FileStatus.SOURCE_MISSING
    if exc.errno in (errno.EACCES, errno.EPERM):
        return FileStatus.PERMISSION_DENIED
    return FileStatus.READ_FAILED


def _detail(exc: OSError) -> str:
    return exc.strerror or str(exc)


class _Chunk:
    """One buffer of source bytes shared by the hasher and the writers."""

    __slots__ = ("buffer", "lock", "n", "pending", "pool")

    def __init__(self, buffer: mmap.mmap, n: int, users: int, pool: SimpleQueue[mmap.mmap]):
        self.buffer = buffer
        self.n = n
        self.pending = users
        self.lock = threading.Lock()
        self.pool = pool

    def view(self) -> memoryview:
        return memoryview(self.buffer)[: self.n]

    def release(self) -> None:
        with self.lock:
            self.pending -= 1
            last = self.pending == 0
        if last:
            self.pool.put(self.buffer)


class _Hashing:
    def __init__(self, algorithms: Sequence[HashAlgorithm]) -> None:
        self.hashers: dict[HashAlgorithm, Hasher] = {a: new_hasher(a) for a in algorithms}

    def update(self, chunk: _Chunk) -> None:
        try:
            view = chunk.view()
            for hasher in self.hashers.values():
                hasher.update(view)
        finally:
            chunk.release()

    def finish(self) -> dict[HashAlgorithm, str]:
        return {a: h.hexdigest() for a, h in self.hashers.items()}


@dataclass(slots=True)
class _Copy:
    """One file being written to one destination."""

    target: Target
    file: SourceFile
    stream: IO[bytes] | None
    error: tuple[FileStatus, str] | None = None
    written: int = 0  # writer thread: bytes written
    handed: int = 0  # writer thread: bytes handed to the verifier in windows
    back: _ReadBack | None = None  # verifier thread: the read-back so far


@dataclass(slots=True)
class _ReadBack:
    """A copy read back window by window while it is written (verifier thread only)."""

    fd: int | None
    hasher: Hasher
    done: int = 0
    failed: OSError | None = None

    def close(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None


class _Engine:
    def __init__(
        self,
        the_plan: Plan,
        options: OffloadOptions,
        progress: ProgressReporter | None,
        clock: Callable[[], dt.datetime],
        before_verify: BeforeVerify | None,
    ) -> None:
        self.plan = the_plan
        self.options = options
        self.progress = progress
        self.clock = clock
        self.before_verify = before_verify
        self.algorithms = _algorithms(the_plan, options.algorithm)
        self.pool: SimpleQueue[mmap.mmap] = SimpleQueue()
        for _ in range(max(2, options.buffers)):
            self.pool.put(aligned_buffer(options.chunk_size))
        self.lock = threading.Lock()
        self.settled = threading.Condition(self.lock)  # notified when ``pending`` drops
        self.bytes_read = 0
        self.bytes_verified = 0
        self.pending = 0
        self.crash: BaseException | None = None
        self.full: set[int] = set()
        self.dates: dict[tuple[str, str], str] = {}  # (destination, path): hash date
        self.journals: dict[int, IO[str]] = {}
        self.buffers: dict[int, mmap.mmap] = {}  # one read-back buffer per verifier thread
        # A hash much faster than the read (the xxHash family, ~10 GB/s) runs in the reading
        # thread while the chunk is still in the CPU's cache; a slower one (MD5, SHA-1, C4 at
        # well under 1 GB/s) gets its own thread so that the reading goes on meanwhile.
        slow = not set(self.algorithms) <= _FAST_ALGORITHMS
        self.hasher = ThreadPoolExecutor(1, "offload-hash") if slow else None
        self.writers = {id(t): ThreadPoolExecutor(1, "offload-write") for t in the_plan.targets}
        self.verifiers = {id(t): ThreadPoolExecutor(1, "offload-verify") for t in the_plan.targets}
        self.todo = {id(t): {f.path for f in t.todo} for t in the_plan.targets}
        todo = {f.path for t in the_plan.targets for f in t.todo}
        self.total = sum(f.size for f in the_plan.tree.files if f.path in todo) + sum(
            f.size for t in the_plan.targets for f in t.todo
        )
        self.started = time.perf_counter()
        self.last_tick = 0.0

    # -- progress ---------------------------------------------------------------------------

    def tick(self, message: str, *, force: bool = False, **details: Any) -> None:
        if self.progress is None:
            return
        now = time.perf_counter()
        if not force and now - self.last_tick < self.options.progress_interval:
            return
        self.last_tick = now
        done = self.bytes_read + self.bytes_verified
        elapsed = now - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (self.total - done) / rate if rate > 0 else None
        self.progress(
            done,
            self.total,
            message,
            bytes_read=self.bytes_read,
            bytes_verified=self.bytes_verified,
            bytes_per_s=round(rate),
            eta_s=round(eta, 1) if eta is not None else None,
            **details,
        )

    # -- the run ----------------------------------------------------------------------------

    def run(self) -> None:
        self.tick("start", force=True, phase="start")
        try:
            for file in self.plan.tree.files:
                self.copy_file(file)
                if self.crash:
                    break
            for writer in self.writers.values():
                writer.shutdown(wait=True)
            interval = self.options.progress_interval or 0.05
            while True:
                with self.settled:
                    if self.settled.wait_for(lambda: self.pending == 0, interval):
                        break
                self.tick("verify", phase="verify")
        finally:
            if self.hasher is not None:
                self.hasher.shutdown(wait=True, cancel_futures=True)
            for executor in (*self.writers.values(), *self.verifiers.values()):
                executor.shutdown(wait=True, cancel_futures=True)
            for journal in self.journals.values():
                journal.close()
        if self.crash is not None:
            raise self.crash

    def _guard(self, task: Callable[[], None]) -> None:
        try:
            task()
        except BaseException as exc:  # a bug: stop the run and raise it in the caller
            self.crash = self.crash or exc

    def copy_file(self, file: SourceFile) -> None:
        targets = [t for t in self.plan.targets if file.path in self.todo[id(t)]]
        if not targets:
            return
        self.tick(file.path, force=True, phase="copy", file=file.path)
        copies: list[_Copy] = []
        for target in targets:
            if id(target) in self.full:
                self.outcome(target, file, FileStatus.NOT_COPIED, "the destination is full")
                continue
            copies.append(self.open_copy(target, file))
        copies = [c for c in copies if c.stream is not None]
        if not copies:
            return
        try:
            stream = (self.plan.source / file.path).open("rb", buffering=0)
        except OSError as exc:
            self.abandon(copies, (_source_status(exc), _detail(exc)))
            return
        hashing = _Hashing(self.algorithms)
        problem = self.read(stream, file, hashing, copies)
        digests: Digests
        if self.hasher is None:
            digests = functools.partial(dict, hashing.finish())
        else:
            digests = self.hasher.submit(hashing.finish).result
        for copy in copies:
            self.writers[id(copy.target)].submit(
                self._guard, functools.partial(self.finish_copy, copy, problem, digests)
            )

    def open_copy(self, target: Target, file: SourceFile) -> _Copy:
        part = target.part(file.path)
        try:
            part.parent.mkdir(parents=True, exist_ok=True)
            return _Copy(target, file, part.open("wb", buffering=0))
        except OSError as exc:
            status = _write_status(exc)
            if status is FileStatus.NO_SPACE:
                self.full.add(id(target))
            self.outcome(target, file, status, _detail(exc))
            return _Copy(target, file, None)

    def abandon(self, copies: list[_Copy], problem: tuple[FileStatus, str]) -> None:
        for copy in copies:
            if copy.stream is not None:
                copy.stream.close()
            copy.target.part(copy.file.path).unlink(missing_ok=True)
            self.outcome(copy.target, copy.file, *problem)

    def read(
        self, stream: IO[bytes], file: SourceFile, hashing: _Hashing, copies: list[_Copy]
    ) -> tuple[FileStatus, str] | None:
        """Read the source once, feeding the hasher and the writers; the source's problem."""
        total = 0
        with stream:
            before = os.fstat(stream.fileno())
            while True:
                buffer = self.pool.get()
                try:
                    n = stream.readinto(buffer)  # type: ignore[attr-defined]
                except OSError as exc:
                    self.pool.put(buffer)
                    return _source_status(exc), _detail(exc)
                if not n:
                    self.pool.put(buffer)
                    break
                chunk = _Chunk(buffer, n, 1 + len(copies), self.pool)
                for copy in copies:
                    self.writers[id(copy.target)].submit(self.write, copy, chunk)
                if self.hasher is None:
                    hashing.update(chunk)  # here: the bytes are still in the CPU's cache
                else:
                    self.hasher.submit(hashing.update, chunk)
                total += n
                self.bytes_read += n
                self.tick(file.path, phase="copy", file=file.path)
            after = os.fstat(stream.fileno())
        changed = (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns)
        if total != file.size or before.st_size != file.size or changed:
            return FileStatus.SOURCE_CHANGED, (
                f"listed with {file.size} bytes, {total} bytes read, now {after.st_size} bytes"
            )
        return None

    def write(self, copy: _Copy, chunk: _Chunk) -> None:
        try:
            if copy.error is None and copy.stream is not None:
                view = chunk.view()
                written = 0
                while written < chunk.n:
                    written += copy.stream.write(view[written:]) or 0
                copy.written += written
                window = self.options.verify_window
                if 0 < window < copy.file.size and copy.written - copy.handed >= window:
                    window_at = functools.partial(
                        self.verify_window, copy, copy.handed, copy.written
                    )
                    copy.handed = copy.written
                    self.to_verifier(copy, window_at)
        except OSError as exc:
            self.fail(copy, exc)
        finally:
            chunk.release()

    def to_verifier(self, copy: _Copy, task: Callable[[], None]) -> None:
        """Queue work on the copy's destination verifier (in order); the run waits for it."""
        with self.lock:
            self.pending += 1
        self.verifiers[id(copy.target)].submit(self._guard, functools.partial(self.settle, task))

    def settle(self, task: Callable[[], None]) -> None:
        try:
            task()
        finally:
            with self.settled:
                self.pending -= 1
                self.settled.notify_all()

    def verify_window(self, copy: _Copy, start: int, end: int) -> None:
        """In the verifier thread: write back, drop and read back one window of a copy that
        is still being written (the rest follows in :meth:`_verify`)."""
        if copy.error is not None:
            return
        back = copy.back
        if back is None:
            part = copy.target.part(copy.file.path)
            if self.before_verify is not None:
                self.before_verify(part, copy.file.path)
            back = copy.back = _ReadBack(None, new_hasher(self.options.algorithm))
            try:
                back.fd = os.open(part, os.O_RDONLY)
            except OSError as exc:
                back.failed = exc
        if back.failed is not None or back.fd is None:
            return
        try:
            write_back(back.fd, start, end - start)
        except OSError as exc:  # the device refused the window (a full disk may say so now)
            self.fail(copy, exc)
            return
        if self.options.uncached_verify:
            forget_cached(back.fd, start, end - start)
        try:
            done = hash_range(back.fd, start, end, (back.hasher,), self.buffer(copy))
        except OSError as exc:
            back.failed = exc
            return
        back.done += done
        with self.lock:
            self.bytes_verified += done

    def read_back(self, copy: _Copy, part: Path) -> tuple[str, int]:
        """The copy's hash in the run's algorithm and its size, as read back from the
        device: whole, or the part after the windows already read back."""
        back = copy.back
        if back is None:
            if self.before_verify is not None:
                self.before_verify(part, copy.file.path)
            read, size = hash_file(
                part,
                (self.options.algorithm,),
                uncached=self.options.uncached_verify,
                buffer=self.buffer(copy),
            )
            with self.lock:
                self.bytes_verified += size
            return read[self.options.algorithm], size
        if back.failed is not None:
            raise back.failed
        if back.fd is None:  # pragma: no cover - an open that failed sets ``failed``
            raise OSError(errno.EBADF, "the copy could not be opened")
        rest = hash_range(back.fd, copy.handed, None, (back.hasher,), self.buffer(copy))
        with self.lock:
            self.bytes_verified += rest
        return back.hasher.hexdigest(), back.done + rest

    def buffer(self, copy: _Copy) -> mmap.mmap:
        """The read-back buffer of the copy's destination (one verifier thread each)."""
        buffer = self.buffers.get(id(copy.target))
        if buffer is None:
            buffer = self.buffers[id(copy.target)] = aligned_buffer(self.options.chunk_size)
        return buffer

    def fail(self, copy: _Copy, exc: OSError) -> None:
        copy.error = (_write_status(exc), _detail(exc))
        if copy.error[0] is FileStatus.NO_SPACE:
            self.full.add(id(copy.target))
            # Free the space at once: the other copies and the MHL may still fit.
            if copy.stream is not None:  # (closed meanwhile when a verifier says so)
                with contextlib.suppress(OSError, ValueError):
                    os.ftruncate(copy.stream.fileno(), 0)

    def finish_copy(self, copy: _Copy, problem: Problem, digests: Digests) -> None:
        """In the writer thread: date and close the copy, then hand it to the verifier (which
        syncs it: the writer goes on with the next file meanwhile)."""
        stream = copy.stream
        if stream is None:  # never handed to a writer without a stream
            return
        try:
            if copy.error is None and problem is None:
                try:
                    os.utime(stream.fileno(), ns=(copy.file.mtime_ns, copy.file.mtime_ns))
                except OSError as exc:
                    self.fail(copy, exc)
        finally:
            try:
                stream.close()
            except OSError as exc:
                if copy.error is None:
                    self.fail(copy, exc)
        if (copy.error is not None or problem is not None) and copy.handed == 0:
            self.discard(copy, problem)  # no window of it is with the verifier
            return
        self.to_verifier(copy, functools.partial(self.verify, copy, problem, digests))

    def discard(self, copy: _Copy, problem: Problem) -> None:
        """Remove a copy that failed while written (or whose source did) and say why."""
        copy.target.part(copy.file.path).unlink(missing_ok=True)
        status, detail = problem or copy.error or (FileStatus.WRITE_FAILED, "")
        self.outcome(copy.target, copy.file, status, detail)

    def verify(self, copy: _Copy, problem: Problem, digests: Digests) -> None:
        """In the destination's verifier thread, after the copy's windows: read the rest of
        the copy back and judge it (or discard a copy that failed while written)."""
        try:
            if copy.error is not None or problem is not None:
                self.discard(copy, problem)
                return
            self._verify(copy, digests())
        finally:
            if copy.back is not None:
                copy.back.close()

    def _verify(self, copy: _Copy, hashes: dict[HashAlgorithm, str]) -> None:
        target, file = copy.target, copy.file
        part = target.part(file.path)
        primary = self.options.algorithm
        try:
            _sync(part, drop=self.options.uncached_verify)
        except OSError as exc:  # a full disk may only say so now (delayed allocation)
            self.fail(copy, exc)
            part.unlink(missing_ok=True)
            self.outcome(target, file, *(copy.error or (FileStatus.WRITE_FAILED, "")))
            return
        try:
            copied, size = self.read_back(copy, part)
        except OSError as exc:
            part.unlink(missing_ok=True)
            self.outcome(target, file, FileStatus.WRITE_FAILED, f"read back: {_detail(exc)}")
            return
        self.dates[(str(target.root), file.path)] = mhl.iso_micro(self.clock())
        if size != file.size or copied != hashes[primary]:
            part.unlink(missing_ok=True)
            status = FileStatus.SIZE_MISMATCH if size != file.size else FileStatus.MISMATCH
            detail = f"{size} bytes read back of {file.size}; {primary.value} {copied}"
            self.outcome(target, file, status, detail, hashes=hashes, copied=copied)
            return
        try:
            part.replace(target.final(file.path))
        except OSError as exc:
            part.unlink(missing_ok=True)
            self.outcome(
                target, file, _write_status(exc), _detail(exc), hashes=hashes, copied=copied
            )
            return
        history = target.history
        altered = [
            a.value
            for a, value in hashes.items()
            if history and (first := history.first(file.path, a)) and first.value != value
        ]
        if altered:
            detail = f"differs from the {'/'.join(altered)} hash its ASC MHL history records"
            self.outcome(
                target, file, FileStatus.SOURCE_ALTERED, detail, hashes=hashes, copied=copied
            )
            return
        self.outcome(target, file, FileStatus.VERIFIED, None, hashes=hashes, copied=copied)
        self.journal(target, file, hashes)

    def journal(self, target: Target, file: SourceFile, hashes: dict[HashAlgorithm, str]) -> None:
        line = {
            "path": file.path,
            "size": file.size,
            "hashes": {a.value: v for a, v in hashes.items()},
            "date": self.dates[(str(target.root), file.path)],
        }
        try:
            stream = self.journals.get(id(target))
            if stream is None:
                stream = self.journals[id(target)] = target.journal.open("a", encoding="utf-8")
            stream.write(json.dumps(line, ensure_ascii=False) + "\n")
            stream.flush()
        except OSError:
            pass  # without its journal line the file is only copied again by a re-run

    def outcome(
        self,
        target: Target,
        file: SourceFile,
        status: FileStatus,
        detail: str | None,
        *,
        hashes: dict[HashAlgorithm, str] | None = None,
        copied: str | None = None,
    ) -> None:
        target.outcomes[file.path] = FileOutcome(
            path=file.path,
            destination=str(target.root),
            size=file.size,
            status=status,
            hashes=tuple(sorted((hashes or {}).items())),
            copy_hash=copied,
            detail=detail,
        )


def _sync(path: Path, *, drop: bool) -> None:
    """Make the copy durable (``fsync``), then drop its pages so the read-back hits the
    device."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
        if drop:
            forget_cached(descriptor)
    finally:
        os.close(descriptor)


def _algorithms(the_plan: Plan, primary: HashAlgorithm) -> tuple[HashAlgorithm, ...]:
    """The run's algorithm, and those of the histories (so their hashes can be checked)."""
    found = {primary}
    histories = [the_plan.history, *(t.history for t in the_plan.targets)]
    for history in histories:
        if history is not None:
            for generation in history.generations:
                for media in generation.files:
                    found.update(e.algorithm for e in media.entries)
    return (primary, *sorted(found - {primary}))


def offload(
    source: Path,
    destinations: Sequence[Path],
    options: OffloadOptions | None = None,
    *,
    progress: ProgressReporter | None = None,
    clock: Callable[[], dt.datetime] = now_utc,
    host: str | None = None,
    before_verify: BeforeVerify | None = None,
) -> OffloadReport:
    """Copy ``source`` into each destination (as ``DST/<source name>``), verify every
    copy, write an ASC MHL generation in each; never raises for a file that fails (its
    outcome says why), raises a ``RegieError`` for a command that cannot run at all.

    ``progress(done, total, message, **details)`` (a
    :class:`~regie.core.jobs.ProgressReporter`): bytes of work — the source read once
    plus each copy read back. ``before_verify(copy, path)`` is called with each written
    copy before it is read back (a seam for tests that damage a copy on purpose).
    """
    options = options or OffloadOptions()
    started = time.perf_counter()
    the_plan = plan(source, destinations, check_space=options.check_space)
    warnings = [f"{link}: symbolic link, not copied" for link in the_plan.tree.links]
    for target in the_plan.targets:
        warnings.extend(carry_history(the_plan, target))
        remove_parts(target)
    engine = _Engine(the_plan, options, progress, clock, before_verify)
    engine.run()
    results = []
    creator = mhl.Creator(
        host=host or socket.gethostname(),
        tool="regie",
        version=__version__,
        author=options.author,
        location=options.location,
        comment=options.comment,
    )
    for target in the_plan.targets:
        results.append(
            generation_for(
                the_plan,
                target,
                options.algorithm,
                creator=creator,
                dates=engine.dates,
                now=clock(),
            )
        )
    engine.tick("done", force=True, phase="done")
    return OffloadReport(
        source=str(the_plan.source),
        algorithm=options.algorithm,
        files=the_plan.tree.files,
        destinations=tuple(results),
        bytes_read=engine.bytes_read,
        bytes_verified=engine.bytes_verified,
        seconds=time.perf_counter() - started,
        history_generations=len(the_plan.history.generations) if the_plan.history else 0,
        warnings=tuple(warnings),
    )
