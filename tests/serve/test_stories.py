"""/api/stories and /api/stories/{id} over a small hand-coded store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.serve.api import create_app
from sitrep.settings import Settings
from sitrep.store.db import open_store, save_documents
from sitrep.store.stories import update_stories
from tests.store.conftest import make_doc


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    db = tmp_path / "stories.duckdb"
    with open_store(db) as con:
        docs = [make_doc("a", date="2026-01-14"), make_doc("b", date="2026-01-15"), make_doc("c", date="2026-02-20")]
        save_documents(con, docs)
        update_stories(con)
    with TestClient(create_app(Settings(db_path=db)), base_url="http://127.0.0.1") as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("query", "total"),
    [("", 2), ("?min_articles=2", 1), ("?actor=DNK", 2), ("?actor=FRA", 0), ("?type=12", 2), ("?since=2026-02-01", 1)],
)
def test_story_list_filters(client: TestClient, query: str, total: int):
    answer = client.get(f"/api/stories{query}")
    assert answer.status_code == 200 and answer.json()["total"] == total


def test_story_detail_lists_the_reports_behind_it(client: TestClient):
    top = client.get("/api/stories").json()["items"][0]
    assert (top["articles"], top["first_date"], top["last_date"]) == (2, "2026-01-14", "2026-01-15")
    detail = client.get(f"/api/stories/{top['story_id']}").json()
    assert [r["doc_id"] for r in detail["reports"]] == ["a", "b"]
    assert [e["doc_id"] for e in detail["event_list"]] == ["a", "b"]


@pytest.mark.parametrize(("path", "status"), [("/api/stories/st-nothing", 404), ("/api/stories?type=XYZ", 422),
                                              ("/api/stories?since=2026-02-01&until=2026-01-01", 422)])
def test_story_errors(client: TestClient, path: str, status: int):
    assert client.get(path).status_code == status


def test_story_list_as_csv(client: TestClient):
    answer = client.get("/api/stories?format=csv")
    assert answer.headers["content-type"].startswith("text/csv") and answer.text.startswith("story_id,")
