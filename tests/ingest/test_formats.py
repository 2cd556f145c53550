"""HTML and CSV inputs: main text only, column mapping, bad rows reported and skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest.formats import count_csv_rows, drop_heading
from sitrep.ingest.readers import read_inputs
from sitrep.settings import ColumnMap, Settings

PAGE = """<html><head><title>Troops arrive in Nuuk | Example News</title>
<link rel="canonical" href="https://example.org/a/1">
<meta property="article:published_time" content="2026-01-20"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Troops arrive in Nuuk</h1>
<p>Swedish and Norwegian soldiers arrived in Nuuk on Tuesday for a Danish-led exercise, officials said.
The deployment follows weeks of tension over Washington's demands.</p>
<p>Denmark's defence ministry said the exercise would last two weeks
and involve several hundred personnel.</p>
</article>
<footer>Copyright 2026 Example News. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""


def read(paths: list[Path], settings: Settings | None = None) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    docs = list(read_inputs([str(p) for p in paths], settings or Settings(), errors.append))
    return docs, errors


def test_html_keeps_the_article_and_drops_boilerplate(tmp_path: Path):
    page = tmp_path / "nuuk.html"
    page.write_text(PAGE, encoding="utf-8")
    (doc,), errors = read([page])
    assert errors == []
    assert doc.text.startswith("Swedish and Norwegian soldiers") and "several hundred personnel" in doc.text
    assert "Subscribe" not in doc.text and "Sport" not in doc.text
    assert (doc.title, doc.date, doc.url, doc.id) == (
        "Troops arrive in Nuuk",
        "2026-01-20",
        "https://example.org/a/1",
        str(page),
    )


def test_html_without_main_text_is_an_input_error(tmp_path: Path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><script>var x = 1;</script></head><body> </body></html>", encoding="utf-8")
    docs, errors = read([page])
    assert docs == [] and "no main text" in str(errors[0])


def test_drop_heading_only_drops_a_repeated_title():
    assert drop_heading("Title\nBody text.", "Title") == "Body text."
    assert drop_heading("Another\nBody text.", "Title") == "Another\nBody text."


def test_csv_with_column_mapping(tmp_path: Path):
    table = tmp_path / "wire.csv"
    table.write_text(
        "story,body,published,headline,link\n"
        'w1,"Denmark rejected the US proposal.\nIt said so on Monday.",2026-01-14T09:00:00Z,Rejected,https://x.example/1\n'
        "w2,,2026-01-15,Empty,https://x.example/2\n"
        ',"Sweden sent troops to Greenland.",2026/01/16,,\n',
        encoding="utf-8",
    )
    columns = ColumnMap(text="body", id="story", date="published", title="headline", url="link")
    docs, errors = read([table], Settings(columns=columns))
    assert [d.id for d in docs] == ["w1", f"{table}:4"]
    assert (docs[0].date, docs[0].title, docs[0].url) == ("2026-01-14", "Rejected", "https://x.example/1")
    assert docs[0].text.endswith("on Monday.") and docs[1].date == "2026-01-16"
    assert len(errors) == 1 and f"{table}:3" in str(errors[0]) and "empty 'body'" in str(errors[0])
    assert count_csv_rows(table) == 3


def test_csv_missing_text_column_names_the_columns(tmp_path: Path):
    table = tmp_path / "wire.csv"
    table.write_text("story,body\nw1,text\n", encoding="utf-8")
    docs, errors = read([table])
    assert docs == [] and "no column 'text'" in str(errors[0]) and "story, body" in str(errors[0])


def test_tsv_and_long_fields(tmp_path: Path):
    long_text = "Norway sent a frigate. " * 10_000  # over the csv module's default field limit
    table = tmp_path / "wire.tsv"
    table.write_text(f"id\ttext\nlong\t{long_text}\n", encoding="utf-8")
    (doc,), errors = read([table])
    assert errors == [] and doc.id == "long" and len(doc.text) > 200_000


@pytest.mark.parametrize("name", ["feed.rss", "feed.atom", "feed.xml"])
def test_directory_reads_feeds_html_and_csv(tmp_path: Path, name: str):
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,text\nc1,Finland joined the exercise.\n", encoding="utf-8")
    (tmp_path / name).write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><guid>f1</guid><title>One</title><description>Iceland offered support.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    docs, errors = read([tmp_path])
    assert errors == [] and sorted(d.id for d in docs) == sorted([str(tmp_path / "a.html"), "c1", "f1"])
