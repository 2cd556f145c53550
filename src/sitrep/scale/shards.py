"""Shards: pieces of the input that a Dask worker reads itself, so the client ships no text.

When the inputs are files on storage every worker sees (a shared folder, or an
fsspec URL such as ``s3://bucket/news/*.jsonl`` when that filesystem is
installed), the client only lists them and cuts them into shards; each task
names a shard and the worker reads it.  Shards come in input order, so the
partitions they become load (``sitrep load``) exactly as a single-process
ingest of the same inputs would store them.

* A JSONL file is cut into byte ranges of about ``shard_bytes``; a range owns
  every line that *starts* inside it (the usual split rule: a worker seeks to
  the range start, drops the partial line, reads past the end to finish the
  last one).  Line numbers, needed only for ids of records without one and for
  error messages, are counted from the file start when first needed.
* Other files (text, HTML, CSV, feeds) are read whole by sitrep's usual
  readers; consecutive one-document files are grouped into shards of about
  ``shard_docs`` files, a CSV or feed file is a shard of its own.

Paths are sent as given: use absolute paths (or paths valid in the workers'
working directory) on a cluster, and the ids (file paths) stay those a local
ingest gives.
"""

from __future__ import annotations

import glob as globbing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sitrep.errors import InputError
from sitrep.ingest.readers import (
    JSONL_SUFFIXES,
    STDIN,
    OnError,
    document_from_record,
    is_readable_kind,
    parse_json_line,
    read_inputs,
)
from sitrep.models import Document
from sitrep.settings import Settings

GLOB_CHARS = frozenset("*?[")
WEB_PREFIXES = ("http://", "https://")
SINGLE_DOC_SUFFIXES = frozenset({".txt", ".text", ".md", "", ".html", ".htm", ".xhtml"})


@dataclass(frozen=True)
class Shard:
    """One task's input: a byte range of a JSONL file, or whole files."""

    paths: tuple[str, ...]
    start: int = 0  # JSONL ranges only: [start, stop) in bytes
    stop: int = 0

    @property
    def is_range(self) -> bool:
        return self.stop > 0


def is_fsspec_url(raw: str) -> bool:
    """``proto://...`` other than the web (feeds and pages are read by the client)."""
    return "://" in raw and not raw.lower().startswith(WEB_PREFIXES)


def can_shard(inputs: Iterable[str]) -> bool:
    """Whether every input is a path or an fsspec URL (not stdin, not a web address)."""
    return all(raw != STDIN and not raw.lower().startswith(WEB_PREFIXES) for raw in inputs)


def plan_shards(
    inputs: Iterable[str], shard_bytes: int, shard_docs: int, on_error: OnError
) -> Iterator[Shard]:
    """The shards of the inputs, in input order; missing inputs go to ``on_error``."""
    group: list[str] = []
    for raw in inputs:
        for path, size in _expand(raw, on_error):
            suffix = Path(path).suffix.lower()
            if suffix in SINGLE_DOC_SUFFIXES and not is_fsspec_url(path):
                group.append(path)
                if len(group) >= shard_docs:
                    yield Shard(tuple(group))
                    group = []
                continue
            if group:
                yield Shard(tuple(group))
                group = []
            if suffix in JSONL_SUFFIXES:
                yield from _ranges(path, size, shard_bytes, on_error)
            else:
                yield Shard((path,))
    if group:
        yield Shard(tuple(group))


def _ranges(path: str, size: int, shard_bytes: int, on_error: OnError) -> Iterator[Shard]:
    if size == 0:
        on_error(InputError(path, "is empty", "give one JSON object per line"))
        return
    for start in range(0, size, shard_bytes):
        yield Shard((path,), start, min(start + shard_bytes, size))


def _expand(raw: str, on_error: OnError) -> Iterator[tuple[str, int]]:
    """(path, size) of every file an input names, in the order a local ingest reads them."""
    if is_fsspec_url(raw):
        yield from _expand_url(raw, on_error)
        return
    path = Path(raw)
    if not path.exists() and GLOB_CHARS & set(raw):
        matches = sorted(globbing.glob(raw, recursive=True))
        if not matches:
            on_error(InputError(raw, "matches no file", "check the pattern"))
        for match in matches:
            yield from _expand(match, on_error)
        return
    if not path.exists():
        on_error(InputError(raw, "no such file or directory", "check the path"))
    elif path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and is_readable_kind(p))
        if not files:
            on_error(InputError(raw, "directory holds no text, JSONL, CSV or HTML files"))
        yield from ((str(p), p.stat().st_size) for p in files)
    else:
        yield str(path), path.stat().st_size  # str(Path) as the local reader names it


def _expand_url(raw: str, on_error: OnError) -> Iterator[tuple[str, int]]:
    """Files behind an fsspec URL (a glob is expanded, sorted); only JSONL is read from URLs."""
    try:
        import fsspec

        fs, _, paths = fsspec.get_fs_token_paths(raw)
        protocol = raw.split("://", 1)[0]
        found = sorted(paths)
        sizes = [fs.size(p) for p in found]
    except (ImportError, ValueError, OSError) as exc:
        on_error(InputError(raw, f"cannot be listed ({exc})", "install the fsspec filesystem for this URL"))
        return
    if not found:
        on_error(InputError(raw, "matches no file", "check the URL"))
    for path, size in zip(found, sizes, strict=True):
        url = path if "://" in path else f"{protocol}://{path}"
        if Path(path).suffix.lower() not in JSONL_SUFFIXES:
            hint = "only JSONL files are read from URLs; copy others locally"
            on_error(InputError(url, "is not JSONL", hint))
            continue
        yield url, size


def stream_inputs(inputs: Iterable[str], settings: Settings, on_error: OnError) -> Iterator[Document]:
    """The documents of the inputs, as ``read_inputs`` gives them, but JSONL files line by line.

    ``read_inputs`` holds a whole JSONL file in memory; a Dask client that
    reads a 10 GB archive must not.  Stdin and web addresses go to ``read_inputs``.
    """
    for raw in inputs:
        if not can_shard([raw]):
            yield from read_inputs([raw], settings, on_error)
            continue
        for shard in plan_shards([raw], 2**62, 1, on_error):
            yield from read_shard(shard, settings, on_error)


def read_shard(shard: Shard, settings: Settings, on_error: OnError) -> Iterator[Document]:
    """Runs on a worker: the documents of one shard, exactly as a local ingest reads them."""
    if not shard.is_range:
        yield from read_inputs(shard.paths, settings, on_error)
        return
    yield from read_jsonl_range(shard.paths[0], shard.start, shard.stop, settings, on_error)


@contextmanager
def open_binary(path: str) -> Iterator[IO[bytes]]:
    """A local file or an fsspec URL, opened for binary reading."""
    if is_fsspec_url(path):
        import fsspec

        with fsspec.open(path, "rb") as handle:
            yield handle
        return
    with open(path, "rb") as handle:
        yield handle


def read_jsonl_range(
    path: str, start: int, stop: int, settings: Settings, on_error: OnError
) -> Iterator[Document]:
    """The documents of the JSONL lines that start in ``[start, stop)``."""
    try:
        with open_binary(path) as handle:
            numbers = LineNumbers(path, start)
            for raw_line in _owned_lines(handle, start, stop):
                yield from _line_documents(raw_line, numbers, path, settings, on_error)
    except OSError as exc:
        on_error(InputError(path, f"cannot be read ({exc.strerror or exc})", "check its permissions"))


def _owned_lines(handle: IO[bytes], start: int, stop: int) -> Iterator[bytes]:
    if start:
        handle.seek(start - 1)
        handle.readline()  # the rest of the line begun before this range (just "\n" if it ended there)
    position = handle.tell()
    while position < stop:
        line = handle.readline()
        if not line:
            return
        yield line
        position += len(line)


class LineNumbers:
    """Line numbers as ``str.splitlines`` counts them (as the local reader does).

    A range not at the file start learns its first number by counting the
    lines before it, and only when a number is needed (a record without id,
    or a bad line), so the common case reads nothing twice.
    """

    def __init__(self, path: str, start: int) -> None:
        self.path, self.start = path, start
        self.base: int | None = 1 if start == 0 else None
        self.seen = 0  # lines of this range passed so far

    def current(self) -> int:
        if self.base is None:
            with open_binary(self.path) as handle:
                prefix = handle.read(self.start)
            self.base = len(prefix.decode("utf-8-sig", errors="replace").splitlines()) + 1
        return self.base + self.seen


def _line_documents(
    raw_line: bytes, numbers: LineNumbers, path: str, settings: Settings, on_error: OnError
) -> Iterator[Document]:
    """The documents of one \\n-terminated line (more than one if it holds other line breaks)."""
    encoding = "utf-8-sig" if numbers.start == 0 and numbers.seen == 0 else "utf-8"
    try:
        text = raw_line.decode(encoding)
    except UnicodeDecodeError as exc:
        on_error(InputError(f"{path}:{numbers.current()}", f"is not UTF-8 (bad byte at offset {exc.start})"))
        numbers.seen += 1
        return
    for line in text.splitlines():
        if line.strip():
            where = f"{path}:{numbers.current()}"
            try:
                yield document_from_record(parse_json_line(line, where), where, settings, path)
            except InputError as err:
                on_error(err)
        numbers.seen += 1
