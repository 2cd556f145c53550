"""Faults of the disk and of the file: a full disk, a read-only folder, a damaged store, exports."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.errors import ConfigError, StoreDamaged, StoreError
from sitrep.store.db import connect, open_store, save_documents, table_counts
from sitrep.store.export import export_store
from tests.store.conftest import make_doc


def filled_store(path: Path, n: int = 40) -> Path:
    with open_store(path) as con:
        save_documents(con, [make_doc(f"d{i}", text=f"Denmark rejected proposal {i}. " * 50) for i in range(n)])
    return path


def damage(path: Path, how: str) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        if how == "cut":
            handle.truncate(size // 2)
        else:  # garbage written mid-file, over data blocks
            handle.seek(size // 2)
            handle.write(os.urandom(min(200_000, size // 3)))


@pytest.mark.parametrize("how", ["cut", "garbage"])
@pytest.mark.parametrize("read_only", [True, False])
def test_a_damaged_store_is_refused_on_open(tmp_path: Path, how: str, read_only: bool):
    db = filled_store(tmp_path / "s.duckdb", n=400)
    damage(db, how)
    with pytest.raises(StoreDamaged, match="the store is damaged; restore it or re-ingest"):
        connect(db, read_only=read_only)


@pytest.mark.parametrize("fmt", ["parquet", "csv", "gdelt", "plover"])
def test_export_of_a_damaged_store_blames_the_store(tmp_path: Path, fmt: str):
    db = filled_store(tmp_path / "s.duckdb", n=400)
    damage(db, "garbage")
    with pytest.raises(StoreDamaged):
        export_store(db, fmt, tmp_path / "out" / f"x.{fmt}")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs (needs root and mount rights; skipped otherwise)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Take all space on ``disk`` but about ``leave`` bytes."""
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    if free > leave:
        (disk / "ballast").write_bytes(b"\0" * (free - leave))


def test_a_full_disk_names_the_cause_and_keeps_whole_batches(small_disk: Path):
    db = filled_store(small_disk / "s.duckdb", n=5)
    fill(small_disk, 4096)
    with pytest.raises(StoreError) as caught:
        with open_store(db) as con:
            for batch in range(50):
                save_documents(
                    con, [make_doc(f"b{batch}-{i}", text=f"Norway sent ships {batch} {i}. " * 400) for i in range(5)]
                )
    message = str(caught.value)
    assert "No space left on device" in message or "space" in message.lower(), message
    assert "no transaction is active" not in message
    (small_disk / "ballast").unlink()
    with open_store(db, read_only=True) as con:
        documents = table_counts(con)["documents"]
    assert documents % 5 == 0  # whole batches only


def test_a_read_only_folder_is_one_clear_line(tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a read-only tmpfs here")
    try:
        with pytest.raises(StoreError, match="Read-only file system"):
            connect(folder / "s.duckdb")
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize("fmt", ["csv", "gdelt", "plover", "parquet"])
def test_export_on_a_full_disk_leaves_no_truncated_file(tmp_path: Path, small_disk: Path, fmt: str):
    db = filled_store(tmp_path / "s.duckdb", n=300)
    target = small_disk / ("out" if fmt == "parquet" else f"events.{fmt}")
    fill(small_disk, 2048)
    with pytest.raises((ConfigError, StoreError)) as caught:
        export_store(db, fmt, target)
    assert "space" in str(caught.value).lower() or "cannot write" in str(caught.value)
    leftovers = [p for p in small_disk.rglob("*") if p.name != "ballast" and p.is_file()]
    assert leftovers == []  # no half-written export, no temporary file


def test_export_replaces_a_file_only_when_complete(tmp_path: Path):
    db = filled_store(tmp_path / "s.duckdb", n=3)
    target = tmp_path / "events.csv"
    target.write_text("old\n", encoding="utf-8")
    written = export_store(db, "csv", target)
    assert written.rows == 3 and target.read_text(encoding="utf-8").startswith("doc_id")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    shutil.rmtree(tmp_path / "unused", ignore_errors=True)
