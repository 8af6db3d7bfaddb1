# SPDX-License-Identifier: AGPL-3.0-or-later
"""ASC MHL v2 histories: read them, write a new generation, list the tree they cover.

A history is the ``ascmhl/`` folder at the root of a copied card: one generation file per
run (``0001_<folder>_<YYYY-MM-DD_HHMMSS>Z.mhl``, namespace ``urn:ASC:MHL:v2.0``) and
``ascmhl_chain.xml`` (namespace ``urn:ASC:MHL:DIRECTORY:v2.0``) that lists each
generation with the C4 ID of its file, so a changed generation is detected. Elements,
attributes, actions (``original``, ``verified``, ``failed``), process types
(``in-place``, ``transfer``) and the directory hashes (content and structure) follow the
reference implementation, ``ascmhl`` 1.2, whose ``ascmhl-debug verify`` and ``ascmhl info``
accept what is written here (tests check it).

Parsing goes through ``defusedxml`` (no entity expansion). Not supported: nested histories
(an ``ascmhl/`` folder below the root is treated as an ignored folder) and renamed files
(``previousPath`` is read and ignored). Ignore patterns are matched the gitignore way for
the forms ASC MHL uses (``.DS_Store``, ``ascmhl/``, ``*.tmp``, ``/sub/file``).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
import xml.etree.ElementTree as ET  # building only; parsing goes through defusedxml
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse as safe_parse

from regie.core.errors import ParseError
from regie.core.text import t
from regie.media.transfer import HashAlgorithm, SourceFile
from regie.mediaio.hashing import c4_of_file, digest_bytes, hash_bytes, hash_of_hashes

FOLDER: Final = "ascmhl"
CHAIN: Final = "ascmhl_chain.xml"
NAMESPACE: Final = "urn:ASC:MHL:v2.0"
CHAIN_NAMESPACE: Final = "urn:ASC:MHL:DIRECTORY:v2.0"
DEFAULT_IGNORE: Final = (".DS_Store", "ascmhl", "ascmhl/")
OK_ACTIONS: Final = frozenset({"original", "verified"})

_GENERATION_NAME = re.compile(r"^(\d{4,})(?:_(.+))?\.mhl$")
_ALGORITHMS = {a.value: a for a in HashAlgorithm}


@dataclass(frozen=True, slots=True)
class HashEntry:
    algorithm: HashAlgorithm
    value: str
    action: str | None = None  # original | verified | failed | new (None on directories)
    hash_date: str | None = None  # ISO 8601 as written


@dataclass(frozen=True, slots=True)
class MediaHash:
    """A file as one generation records it (``path`` POSIX, relative to the root)."""

    path: str
    entries: tuple[HashEntry, ...]
    size: int | None = None
    modified: str | None = None


@dataclass(frozen=True, slots=True)
class DirectoryHash:
    """A folder's content and structure hashes (``path`` ``.`` is the root)."""

    path: str
    content: tuple[tuple[HashAlgorithm, str], ...]
    structure: tuple[tuple[HashAlgorithm, str], ...]
    modified: str | None = None


@dataclass(frozen=True, slots=True)
class Generation:
    number: int
    file_name: str
    creation_date: str | None
    host: str | None
    tool: str | None
    process: str | None
    ignore: tuple[str, ...]
    files: tuple[MediaHash, ...]
    directories: tuple[DirectoryHash, ...] = ()


@dataclass(frozen=True, slots=True)
class ChainLink:
    number: int
    file_name: str
    c4: str


@dataclass(frozen=True, slots=True)
class History:
    """A folder's ASC MHL history, generations in order."""

    root: Path
    chain: tuple[ChainLink, ...]
    generations: tuple[Generation, ...]
    warnings: tuple[str, ...] = ()
    # path -> its records, oldest generation first (built once: lookups stay O(1)).
    index: dict[str, tuple[MediaHash, ...]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.index:
            found: dict[str, list[MediaHash]] = {}
            for generation in self.generations:
                for media in generation.files:
                    found.setdefault(media.path, []).append(media)
            self.index.update({path: tuple(records) for path, records in found.items()})

    @property
    def last_number(self) -> int:
        numbers = [g.number for g in self.generations] + [c.number for c in self.chain]
        return max(numbers, default=0)

    @property
    def ignore_patterns(self) -> tuple[str, ...]:
        return self.generations[-1].ignore if self.generations else DEFAULT_IGNORE

    def paths(self) -> set[str]:
        return set(self.index)

    def original(self, path: str) -> HashEntry | None:
        """The first ``original`` entry of ``path`` (what ``ascmhl verify`` compares with)."""
        for media in self.index.get(path, ()):
            for entry in media.entries:
                if entry.action == "original":
                    return entry
        return None

    def first(self, path: str, algorithm: HashAlgorithm) -> HashEntry | None:
        """The first entry of ``path`` in ``algorithm`` that is not ``failed`` (what a new
        hash is compared with; ``ascmhl create`` would compare with a failed one too)."""
        for media in self.index.get(path, ()):
            for entry in media.entries:
                if entry.algorithm is algorithm and entry.action != "failed":
                    return entry
        return None

    def latest(self) -> dict[str, MediaHash]:
        """Each path's record in the newest generation that lists it."""
        return {path: records[-1] for path, records in self.index.items()}


# -- reading ------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(path: Path) -> ET.Element:
    try:
        root: ET.Element | None = safe_parse(path).getroot()
    except DefusedXmlException:
        raise ParseError(
            t("the file contains XML entity declarations, which regie refuses for safety"),
            file=str(path),
            hint=t("This is not an ASC MHL file written by a known tool; do not trust it"),
        ) from None
    except ET.ParseError as exc:
        raise ParseError(
            t("this is not well-formed XML ({problem})", problem=str(exc).split(":")[0]),
            file=str(path),
            line=exc.position[0],
            hint=t("The ASC MHL history is damaged; copy it again from another destination"),
        ) from None
    except OSError as exc:
        raise ParseError(
            t("cannot read the file ({problem})", problem=exc.strerror or str(exc)),
            file=str(path),
        ) from None
    if root is None:
        raise ParseError(t("the file holds no XML element"), file=str(path))
    return root


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _child_text(element: ET.Element, name: str) -> str | None:
    found = _children(element, name)
    return (found[0].text or "").strip() if found else None


def _entries(element: ET.Element) -> tuple[HashEntry, ...]:
    entries = []
    for child in element:
        algorithm = _ALGORITHMS.get(_local(child.tag))
        if algorithm is not None:
            entries.append(
                HashEntry(
                    algorithm,
                    (child.text or "").strip(),
                    child.get("action"),
                    child.get("hashdate"),
                )
            )
    return tuple(entries)


def _pairs(element: ET.Element | None) -> tuple[tuple[HashAlgorithm, str], ...]:
    if element is None:
        return ()
    return tuple((e.algorithm, e.value) for e in _entries(element))


def _directory(element: ET.Element, path: str) -> DirectoryHash:
    content = _children(element, "content")
    structure = _children(element, "structure")
    path_element = _children(element, "path")
    return DirectoryHash(
        path,
        _pairs(content[0] if content else None),
        _pairs(structure[0] if structure else None),
        path_element[0].get("lastmodificationdate") if path_element else None,
    )


def read_generation(path: Path, number: int) -> Generation:
    """One generation file (``ParseError`` naming the file when it is not ASC MHL v2)."""
    root = _parse(path)
    if _local(root.tag) != "hashlist":
        raise ParseError(
            t("this is not an ASC MHL file: its root element is <{root}>", root=_local(root.tag)),
            file=str(path),
        )
    creator = _children(root, "creatorinfo")
    process = _children(root, "processinfo")
    files: list[MediaHash] = []
    directories: list[DirectoryHash] = []
    ignore: tuple[str, ...] = DEFAULT_IGNORE
    if process:
        for ignore_element in _children(process[0], "ignore"):
            ignore = tuple((p.text or "").strip() for p in _children(ignore_element, "pattern"))
        for roothash in _children(process[0], "roothash"):
            directories.append(_directory(roothash, "."))
    for hashes in _children(root, "hashes"):
        for element in hashes:
            paths = _children(element, "path")
            if not paths:
                continue
            where = (paths[0].text or "").strip()
            if _local(element.tag) == "directoryhash":
                directories.append(_directory(element, where))
            elif _local(element.tag) == "hash":
                size = paths[0].get("size")
                files.append(
                    MediaHash(
                        where,
                        _entries(element),
                        int(size) if size and size.isdigit() else None,
                        paths[0].get("lastmodificationdate"),
                    )
                )
    info = creator[0] if creator else None
    return Generation(
        number=number,
        file_name=path.name,
        creation_date=_child_text(info, "creationdate") if info is not None else None,
        host=_child_text(info, "hostname") if info is not None else None,
        tool=_child_text(info, "tool") if info is not None else None,
        process=_child_text(process[0], "process") if process else None,
        ignore=ignore,
        files=tuple(files),
        directories=tuple(directories),
    )


def read_chain(path: Path) -> tuple[ChainLink, ...]:
    root = _parse(path)
    links = []
    for element in root:
        if _local(element.tag) != "hashlist":
            continue
        number = element.get("sequencenr") or ""
        name = _child_text(element, "path")
        c4 = _child_text(element, "c4")
        if not number.isdigit() or not name or not c4:
            raise ParseError(
                t("a generation of the chain has no number, path or C4 hash"),
                file=str(path),
                hint=t("The ASC MHL history is damaged; copy it again from another destination"),
            )
        links.append(ChainLink(int(number), name, c4))
    return tuple(links)


def read_history(root: Path) -> History | None:
    """The history of ``root``, or ``None`` when it has no ``ascmhl`` folder.

    Every generation the chain lists must be there with the C4 ID the chain records
    (``ParseError`` otherwise: the history was altered). Generation files the chain does
    not list are read too, as ``ascmhl`` does, with a warning.
    """
    folder = root / FOLDER
    if not folder.is_dir():
        return None
    chain_file = folder / CHAIN
    if not chain_file.is_file():
        raise ParseError(
            t("the ASC MHL folder has no chain file ascmhl_chain.xml"),
            file=str(folder),
            hint=t("The history is incomplete; copy it again from another destination"),
        )
    chain = read_chain(chain_file)
    for link in chain:
        file = folder / link.file_name
        if not file.is_file():
            raise ParseError(
                t("the generation {number} listed in the chain is missing", number=link.number),
                file=str(file),
                hint=t("The history is incomplete; copy it again from another destination"),
            )
        if c4_of_file(file) != link.c4:
            raise ParseError(
                t("the generation file was changed after it was written (its C4 ID differs)"),
                file=str(file),
                hint=t("Do not trust this history; copy it again from another destination"),
            )
    chained = {link.file_name for link in chain}
    generations = []
    warnings = []
    for file in sorted(folder.iterdir()):
        match = _GENERATION_NAME.match(file.name)
        if not match or not file.is_file():
            continue
        generations.append(read_generation(file, int(match.group(1))))
        if file.name not in chained:
            warnings.append(f"{file.name}: generation not listed in {CHAIN}")
    generations.sort(key=lambda g: g.number)
    return History(root, chain, tuple(generations), tuple(warnings))


# -- the tree a history covers --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tree:
    """The files and folders under a root, ignore patterns applied, sorted by path."""

    files: tuple[SourceFile, ...]
    directories: tuple[str, ...]
    links: tuple[str, ...] = ()  # symbolic links, not followed


def ignored(path: str, is_dir: bool, patterns: Iterable[str]) -> bool:
    """Whether ``path`` (POSIX, relative) matches a gitignore-style pattern."""
    name = path.rsplit("/", 1)[-1]
    for raw in patterns:
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        if pattern.endswith("/"):
            if not is_dir:
                continue
            pattern = pattern.rstrip("/")
        if "/" in pattern:
            if fnmatch.fnmatchcase(path, pattern.lstrip("/").removeprefix("**/")):
                return True
        elif fnmatch.fnmatchcase(name, pattern):
            return True
    return False


def list_tree(root: Path, patterns: Sequence[str] = DEFAULT_IGNORE) -> Tree:
    """Files (size, date) and folders under ``root``; raises ``OSError`` if unreadable."""
    files: list[SourceFile] = []
    directories: list[str] = []
    links: list[str] = []
    pending = [""]
    while pending:
        prefix = pending.pop()
        with os.scandir(root / prefix if prefix else root) as entries:
            for entry in entries:
                path = f"{prefix}/{entry.name}" if prefix else entry.name
                if entry.is_symlink():
                    links.append(path)
                elif entry.is_dir():
                    if not ignored(path, True, patterns):
                        directories.append(path)
                        pending.append(path)
                elif entry.is_file() and not ignored(path, False, patterns):
                    stat = entry.stat()
                    files.append(SourceFile(path, stat.st_size, stat.st_mtime_ns))
    files.sort(key=lambda f: f.path)
    return Tree(tuple(files), tuple(sorted(directories)), tuple(sorted(links)))


def directory_hashes(
    directories: Iterable[str], file_hashes: Mapping[str, str], algorithm: HashAlgorithm
) -> dict[str, tuple[str, str]]:
    """``{folder: (content hash, structure hash)}`` for every folder and the root (``.``),
    as ASC MHL defines them: the content hash is the hash of the children's content
    hashes; the structure hash the hash of ``hash(name + child hash)`` for each child,
    where a sub-folder contributes its structure hash."""
    children: dict[str, list[tuple[str, str, str]]] = {".": []}  # (name, content, structure)
    for folder in directories:
        children.setdefault(folder, [])
    results: dict[str, tuple[str, str]] = {}
    for path, value in file_hashes.items():
        parent, _, name = path.rpartition("/")
        children.setdefault(parent or ".", []).append((name, value, value))
    for folder in sorted((d for d in children if d != "."), key=lambda p: -p.count("/")):
        results[folder] = _folder_hash(children[folder], algorithm)
        parent, _, name = folder.rpartition("/")
        content, structure = results[folder]
        children[parent or "."].append((name, content, structure))
    results["."] = _folder_hash(children["."], algorithm)
    return results


def _folder_hash(entries: list[tuple[str, str, str]], algorithm: HashAlgorithm) -> tuple[str, str]:
    content = hash_of_hashes((c for _, c, _ in entries), algorithm)
    structure = hash_of_hashes(
        (
            hash_bytes(name.encode() + digest_bytes(child, algorithm), algorithm)
            for name, _, child in entries
        ),
        algorithm,
    )
    return content, structure


# -- writing ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Creator:
    """Who writes a generation (``creatorinfo``)."""

    host: str
    tool: str
    version: str
    author: str | None = None
    location: str | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class NewGeneration:
    """What a run adds to a history. ``directories`` holds ``(path, content, structure)``
    with ``.`` for the root, in one algorithm; leave it empty when not every file of the
    tree has a hash in that algorithm."""

    process: str  # "in-place" | "transfer"
    creator: Creator
    files: tuple[MediaHash, ...]
    algorithm: HashAlgorithm
    directories: tuple[tuple[str, str, str], ...] = ()
    ignore: tuple[str, ...] = DEFAULT_IGNORE
    directory_dates: Mapping[str, str] = field(default_factory=dict)


def iso_seconds(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def iso_micro(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _element(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _hash_pair(parent: ET.Element, tag: str, algorithm: HashAlgorithm, value: str) -> None:
    _element(_element(parent, tag), algorithm.value, value)


def generation_xml(new: NewGeneration, now: dt.datetime) -> bytes:
    """The bytes of a generation file (UTF-8, two-space indentation like ``ascmhl``)."""
    root = ET.Element("hashlist", {"version": "2.0", "xmlns": NAMESPACE})
    creator = _element(root, "creatorinfo")
    _element(creator, "creationdate", iso_seconds(now))
    _element(creator, "hostname", new.creator.host)
    _element(creator, "tool", new.creator.tool, version=new.creator.version)
    if new.creator.author:
        _element(creator, "author", new.creator.author)
    if new.creator.location:
        _element(creator, "location", new.creator.location)
    if new.creator.comment:
        _element(creator, "comment", new.creator.comment)
    process = _element(root, "processinfo")
    _element(process, "process", new.process)
    folders = {path: (content, structure) for path, content, structure in new.directories}
    if "." in folders:
        roothash = _element(process, "roothash")
        _hash_pair(roothash, "content", new.algorithm, folders["."][0])
        _hash_pair(roothash, "structure", new.algorithm, folders["."][1])
    ignore = _element(process, "ignore")
    for pattern in new.ignore:
        _element(ignore, "pattern", pattern)
    hashes = _element(root, "hashes")
    for media in new.files:
        element = _element(hashes, "hash")
        attrs = {"size": str(media.size)} if media.size is not None else {}
        if media.modified:
            attrs["lastmodificationdate"] = media.modified
        _element(element, "path", media.path, **attrs)
        for entry in sorted(media.entries, key=lambda e: e.algorithm.value):
            extra = {"action": entry.action} if entry.action else {}
            if entry.hash_date:
                extra["hashdate"] = entry.hash_date
            _element(element, entry.algorithm.value, entry.value, **extra)
    for path, (content, structure) in sorted(folders.items()):
        if path == ".":
            continue
        element = _element(hashes, "directoryhash")
        date = new.directory_dates.get(path)
        _element(element, "path", path, **({"lastmodificationdate": date} if date else {}))
        _hash_pair(element, "content", new.algorithm, content)
        _hash_pair(element, "structure", new.algorithm, structure)
    return _document(root)


def chain_xml(links: Iterable[ChainLink]) -> bytes:
    root = ET.Element("ascmhldirectory", {"xmlns": CHAIN_NAMESPACE})
    for link in links:
        element = _element(root, "hashlist", sequencenr=str(link.number))
        _element(element, "path", link.file_name)
        _element(element, "c4", link.c4)
    return _document(root)


def _document(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    body: bytes = ET.tostring(root, "utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def generation_name(number: int, folder: str, now: dt.datetime) -> str:
    return f"{number:04d}_{folder}_{now.astimezone(dt.UTC):%Y-%m-%d_%H%M%S}Z.mhl"


def write_synced(path: Path, data: bytes) -> None:
    """Write whole or not at all: a temporary file, fsync, rename, fsync of the folder."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with temporary.open("wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def write_generation(
    root: Path, new: NewGeneration, now: dt.datetime, history: History | None = None
) -> Path:
    """Add ``new`` to the history of ``root`` (made when ``history`` is ``None``): the
    generation file, then the chain with its C4 ID. Raises ``OSError`` (a full disk…)."""
    folder = root / FOLDER
    folder.mkdir(exist_ok=True)
    chain = history.chain if history else ()
    number = (history.last_number if history else 0) + 1
    path = folder / generation_name(number, root.name, now)
    write_synced(path, generation_xml(new, now))
    link = ChainLink(number, path.name, c4_of_file(path))
    write_synced(folder / CHAIN, chain_xml((*chain, link)))
    return path
