"""The ``sitrep`` command line: each command parses options, calls one library
function, and turns a SitrepError into one line on stderr and an exit code."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from sitrep.errors import DocumentFailure, InputError, InputWarning, SitrepError
from sitrep.settings import DEDUP_MODES, Settings

DB_OPTION = click.option("--db", "db_path", type=click.Path(dir_okay=False), help="DuckDB store [./sitrep.duckdb]")


class Problems:
    """Collects skipped inputs: each is printed as one line, the exit code says if any."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, err: InputError) -> None:
        if isinstance(err, InputWarning):
            click.echo(f"sitrep: warning: {err}", err=True)
            return
        self.count += 1
        if isinstance(err, DocumentFailure):
            click.echo(f"sitrep: failed {err}", err=True)
        else:
            click.echo(f"sitrep: skipped {err}", err=True)

    def exit_code(self) -> int:
        return 2 if self.count else 0


def run_command(func: Callable[[], int | None]) -> None:
    """Run a command body; map SitrepError to a message and its exit code.

    Ctrl-C does not always arrive as KeyboardInterrupt: DuckDB turns it into a
    failed query and a process pool into a dead worker, which the library then
    reports as a StoreError or ScaleError.  A SIGINT seen during the command
    therefore wins over the error it caused, and the user reads "interrupted".
    """
    with _watch_interrupts() as interrupted:
        try:
            code = func() or 0
        except SitrepError as err:
            if interrupted:
                _interrupted()
            click.echo(f"sitrep: error: {err}", err=True)
            sys.exit(err.exit_code)
        except KeyboardInterrupt:
            _interrupted()
    sys.exit(code)


def _interrupted() -> None:
    click.echo("sitrep: interrupted; what was committed is kept", err=True)
    sys.exit(130)


@contextmanager
def _watch_interrupts() -> Iterator[list[int]]:
    """A list that gets an entry on SIGINT (which still raises KeyboardInterrupt as usual)."""
    seen: list[int] = []

    def on_sigint(signum: int, frame: Any) -> None:
        seen.append(signum)
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGINT, on_sigint)
    except ValueError:  # not the main thread (an embedding caller): leave signals alone
        yield seen
        return
    try:
        yield seen
    finally:
        signal.signal(signal.SIGINT, previous)


def make_settings(**options: Any) -> Settings:
    return Settings.from_env().replace(**options)


@click.group()
@click.version_option(package_name="sitrep")
def main() -> None:
    """sitrep: read news, keep a structured picture of who did what to whom."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json", show_default=True)
@click.option("--date", "pub_date", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@click.option("--model", help="spaCy pipeline name or path [auto: the installed English one].")
def code(inputs: tuple[str, ...], fmt: str, pub_date: str | None, out: str | None, model: str | None) -> None:
    """Code INPUTS (files, directories, JSONL, or - for stdin) and print the records."""
    from sitrep import pipeline
    from sitrep.output import open_output, write_documents

    problems = Problems()

    def body() -> int:
        settings = make_settings(publication_date=_check_date(pub_date), model=model)
        docs = pipeline.code_inputs(inputs, settings, problems)
        if out:
            with open_output(Path(out)) as handle:
                write_documents(docs, fmt, handle)
        else:
            write_documents(docs, fmt, sys.stdout)
        return problems.exit_code()

    run_command(body)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@DB_OPTION
@click.option("--date", "pub_date", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--batch-size", type=click.IntRange(1), help="Documents per batch and commit [64].")
@click.option("--model", help="spaCy pipeline name or path.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--workers", type=click.IntRange(1), help="Coding processes [1]; only this process writes the store.")
@click.option("--dask", "dask_address", metavar="ADDRESS|local:N",
              help="Code on a Dask cluster (scheduler address, or local:N for N local workers); needs --out.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Parquet output directory for --dask.")
@click.option("--read-on-workers/--read-on-client", "read_on_workers", default=None,
              help="--dask: workers read their own shards of the input files (shared storage or fsspec URLs) "
              "[default: workers for local:N, else the client].")
@click.option("--dedup", type=click.Choice(DEDUP_MODES), help="Duplicates: near (default), exact, or none (by id only).")
@click.option("--log-progress", is_flag=True, help="Plain progress lines on stderr, one per committed batch.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="HOST",
              help="Also fetch feed entry links from HOST (by default only from the feed's own host).")
@click.option("--text-col", help="CSV column holding the text [text].")
@click.option("--id-col", help="CSV column holding the document id [id].")
@click.option("--date-col", help="CSV column holding the publication date [date].")
@click.option("--title-col", help="CSV column holding the title [title].")
@click.option("--url-col", help="CSV column holding the URL [url].")
def ingest(
    inputs: tuple[str, ...], db_path: str | None, pub_date: str | None, batch_size: int | None,
    model: str | None, quiet: bool, workers: int | None, dask_address: str | None, out_dir: str | None,
    read_on_workers: bool | None, dedup: str | None, log_progress: bool, allow_hosts: tuple[str, ...],
    **columns: str | None,
) -> None:
    """Code INPUTS (files, directories, JSONL, CSV, HTML, feed files or URLs) and store everything."""
    from sitrep.scale import run_ingest

    problems = Problems()

    def body() -> int:
        settings = make_settings(
            db_path=db_path, publication_date=_check_date(pub_date), batch_size=batch_size, model=model,
            workers=workers, dedup=dedup, columns=_column_map(columns), allow_hosts=allow_hosts or None,
        )
        progress = _progress(quiet, "coded", lines=log_progress)
        with progress as advance:
            report = run_ingest(inputs, settings, problems, dask=dask_address, out=out_dir,
                                on_progress=advance, on_total=progress.set_total, read_on_workers=read_on_workers)
        click.echo(report, err=True)
        return problems.exit_code()

    run_command(body)


def _column_map(columns: dict[str, str | None]) -> Any:
    """The CSV column mapping from ``--text-col`` and friends (defaults for the rest)."""
    from dataclasses import replace

    from sitrep.settings import ColumnMap

    given = {name.removesuffix("_col"): value for name, value in columns.items() if value}
    return replace(ColumnMap(), **given)


@main.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@DB_OPTION
def load(directory: str, db_path: str | None) -> None:
    """Merge the Parquet partitions of `ingest --dask --out DIRECTORY` into the store (idempotent)."""
    from sitrep.scale.parquet import load_directory

    def body() -> int:
        settings = make_settings(db_path=db_path)
        result = load_directory(Path(directory), settings)
        click.echo(
            f"loaded {result.added} new documents with {result.events} events into {settings.db_path}; "
            f"{result.duplicates} already stored or duplicates",
            err=True,
        )
        return 0

    run_command(body)


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "gdelt", "plover"]), required=True,
              help="parquet: a directory, one file per table; csv/gdelt: one event per row; plover: JSON lines.")
@click.option("--out", required=True, type=click.Path(), help="Output directory (parquet) or file.")
def export(db_path: str | None, fmt: str, out: str) -> None:
    """Export the store for other tools (see docs/exports.md)."""
    from sitrep.store.export import export_store

    def body() -> int:
        settings = make_settings(db_path=db_path)
        written = export_store(settings.db_path, fmt, Path(out))
        click.echo(f"wrote {written.rows} rows to {written.path}", err=True)
        return 0

    run_command(body)


@main.command()
@DB_OPTION
@click.option("--actor", help="Actor code, country, organisation or name (either side).")
@click.option("--type", "event_type", help="CAMEO code prefix (12, 061) or PLOVER type (REJECT).")
@click.option("--since", help="First date, YYYY-MM-DD.")
@click.option("--until", help="Last date, YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1), help="At most this many events.")
@click.option("--stories", is_flag=True, help="One row per story (the events of many articles about one happening).")
def events(
    db_path: str | None, actor: str | None, event_type: str | None, since: str | None, until: str | None,
    fmt: str, limit: int | None, stories: bool,
) -> None:
    """Query stored events (or, with --stories, stories)."""
    from sitrep.store.db import open_store
    from sitrep.store.filters import EventFilter, one
    from sitrep.store.query import query_events

    def body() -> int:
        settings = make_settings(db_path=db_path)
        since_day, until_day = _check_date(since), _check_date(until)
        flt = EventFilter(actors=one(actor), event_types=one(event_type), since=since_day, until=until_day)
        with open_store(settings.db_path, read_only=True) as con:
            if stories:
                from sitrep.store.stories import StoryFilter, query_stories

                rows = query_stories(con, StoryFilter(flt), limit=limit)[0]
            else:
                rows = query_events(con, flt, limit=limit)
        _print_rows(rows, fmt, STORY_COLUMNS if stories else None)
        return 0

    run_command(body)


@main.command()
@DB_OPTION
@click.option("--top", type=click.IntRange(1), default=10, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def summary(db_path: str | None, top: int, fmt: str) -> None:
    """Summarise the store: events by dyad and type, the top actors."""
    from sitrep.store.db import open_store
    from sitrep.store.query import summary as store_summary

    def body() -> int:
        settings = make_settings(db_path=db_path)
        with open_store(settings.db_path, read_only=True) as con:
            result = store_summary(con, top=top)
        if fmt == "json":
            click.echo(json.dumps(result, default=str, indent=2))
        else:
            _print_summary(result)
        return 0

    run_command(body)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stages(fmt: str) -> None:
    """List the coding stages in run order: name, what each requires and assigns, and why it is there.

    The order comes from SITREP_STAGES (comma-separated names) or the default,
    and is checked as it would be for a run.
    """
    from sitrep.pipeline import build

    def body() -> int:
        rows = [
            {"stage": s.label, "requires": ", ".join(s.requires), "assigns": ", ".join(s.assigns),
             "purpose": s.purpose}
            for s in build(make_settings().stages)
        ]
        if fmt == "json":
            _print_rows(rows, fmt)
        else:
            _rich_table(rows, ["stage", "requires", "assigns", "purpose"], title="Coding stages, in run order")
        return 0

    run_command(body)


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def failures(db_path: str | None, fmt: str) -> None:
    """List the documents the coder failed on (input, id, stage, cause); `sitrep ingest` again retries them."""
    from sitrep.store.db import list_failures, open_store

    def body() -> int:
        settings = make_settings(db_path=db_path)
        with open_store(settings.db_path, read_only=True) as con:
            rows = list_failures(con)
        if fmt == "table" and not rows:
            click.echo(f"no failed documents in {settings.db_path}", err=True)
        elif fmt == "table":
            _rich_table(rows, ["source", "doc_id", "stage", "error", "failed_at"])
        else:
            _print_rows(rows, fmt)
        return 0

    run_command(body)


@main.command(name="eval")
@click.argument("dataset", type=click.Choice(["plover", "pentaclass", "quotes", "articles"]))
@click.argument("path", type=click.Path())
@click.option("--model", help="spaCy pipeline name or path.")
@click.option("--errors", "show_errors", type=click.IntRange(0), default=0, help="Also list this many misses.")
@click.option(
    "--texts",
    multiple=True,
    type=click.Path(),
    help="articles: the labelled texts (.jsonl or .csv; repeatable) [beside GOLD.json].",
)
def evaluate(dataset: str, path: str, model: str | None, show_errors: int, texts: tuple[str, ...]) -> None:
    """Score the coder on a labelled data set (see ../shared/eval/README.md).

    \b
    DATASET is plover, pentaclass, quotes, or articles (whole hand-coded
    articles: PATH is their gold.json), e.g.
      sitrep eval articles ../shared/eval/afp_dev/gold.json --errors 20
    """
    from sitrep.evaluate import run_eval

    def body() -> int:
        settings = make_settings(model=model)
        paths = [Path(t) for t in texts]
        click.echo(run_eval(dataset, Path(path), settings, show_errors=show_errors, texts=paths))
        return 0

    run_command(body)


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (keep loopback).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--host-name", "host_names", multiple=True, metavar="NAME",
              help="Host name the server answers for besides loopback names (repeatable).")
def serve(db_path: str | None, host: str, port: int, host_names: tuple[str, ...]) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/) over the store, read-only."""
    from sitrep.serve.server import is_loopback
    from sitrep.serve.server import serve as run_server

    def announce(where: str) -> None:
        click.echo(f"sitrep: serving {where} (Ctrl+C to stop)", err=True)

    def body() -> int:
        settings = make_settings(db_path=db_path)
        if not is_loopback(host):
            click.echo(f"sitrep: warning: on {host} anyone who reaches it can read the store", err=True)
        run_server(settings, host, port, announce=announce, host_names=host_names)
        return 0

    run_command(body)


def _check_date(value: str | None) -> str | None:
    """A YYYY-MM-DD option value, or a ConfigError naming the bad value."""
    if value is None:
        return None
    from datetime import date

    from sitrep.errors import ConfigError

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ConfigError(f"date {value!r} is not YYYY-MM-DD") from exc


class _NoProgress:
    def __enter__(self) -> Callable[[int], None]:
        return lambda n: None

    def set_total(self, total: int) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(quiet: bool, label: str, lines: bool = False) -> Any:
    """A rich progress bar on stderr (documents done, rate, time left), plain lines, or nothing."""
    if lines:
        from sitrep.progress import LineProgress

        return LineProgress(label)
    if quiet or not sys.stderr.isatty():
        return _NoProgress()
    from sitrep.progress import ProgressBar

    return ProgressBar(label)


STORY_COLUMNS = ["first_date", "last_date", "source_side", "cameo", "plover", "target_side", "articles", "sources",
                 "location_name", "title"]


def _print_rows(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, default=str, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["doc_id"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        _rich_table(rows, columns or ["date", "source_code", "cameo", "plover", "target_code", "goldstein", "trigger", "doc_id"])


def _rich_table(rows: list[dict[str, Any]], columns: list[str], title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns, title=title)
    for row in rows:
        table.add_row(*["" if row.get(c) is None else str(row.get(c)) for c in columns])
    Console().print(table)


def _print_summary(result: dict[str, Any]) -> None:
    click.echo(f"{result['documents']} documents, {result['events']} events")
    _rich_table(result["types"], ["type", "events", "goldstein"], "Events by type")
    _rich_table(result["dyads"], ["source", "target", "plover", "root", "events", "goldstein"], "Events by dyad and type")
    _rich_table(result["actors"], ["code", "name", "mentions", "documents"], "Top actors")


if __name__ == "__main__":  # pragma: no cover
    main()
