"""The REST API in-process (TestClient) over a small hand-coded store."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import duckdb
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sitrep.errors import StoreError
from sitrep.serve.api import MAX_LIMIT, create_app
from sitrep.settings import Settings

from .conftest import HOSTILE, ISSUE


@pytest.fixture(scope="module")
def client(sample_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_path=sample_store)), base_url="http://127.0.0.1") as test_client:
        yield test_client


def items(client: TestClient, path: str, **params) -> list[dict]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def event_keys(rows: list[dict]) -> set[tuple[str, int]]:
    return {(r["doc_id"], r["event_index"]) for r in rows}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, 9),
        ({"actor": "DNK"}, 6),
        ({"actor": "nato"}, 1),
        ({"dyad": "USA-DNK"}, 2),
        ({"dyad": "USAGOV-DNKGOV"}, 2),
        ({"source_country": "DNK", "target_country": "USA"}, 1),
        ({"target_country": "DNK"}, 4),
        ({"type": "12"}, 2),
        ({"type": "074"}, 2),
        ({"type": "reject"}, 2),
        ({"quad_class": 2}, 2),
        ({"since": "2026-01-16", "until": "2026-01-20"}, 4),
        ({"min_lat": 60, "min_lon": -80, "max_lat": 90, "max_lon": 10}, 5),
        ({"min_lat": 60, "min_lon": -10, "max_lat": 90, "max_lon": -60}, 1),  # across lon 180
        ({"q": "TROOPS"}, 0),
        ({"q": "soldiers"}, 1),
        ({"negated": "true"}, 1),
        ({"actor": "DNK", "type": "AID", "since": "2026-01-15"}, 2),
    ],
)
def test_event_filters(client: TestClient, params: dict, expected: int) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == expected
    assert len(body["items"]) == expected


def test_events_carry_their_document(client: TestClient) -> None:
    row = items(client, "/api/events", dyad="DNK-USA", negated="false")[0]
    assert row["sentence"] == "Denmark rejected the US proposal for control of the island."
    assert (row["doc_title"], row["doc_url"], row["cameo"], row["plover"]) == (
        "Washington talks on Greenland end without agreement", "https://example.org/t-001", "120", "REJECT",
    )


def test_paging_and_sort(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 4, "sort": "-date"}).json()
    second = client.get("/api/events", params={"limit": 4, "offset": 4, "sort": "-date"}).json()
    assert first["total"] == second["total"] == 9
    assert not event_keys(first["items"]) & event_keys(second["items"])
    dates = [r["date"] for r in first["items"] + second["items"]]
    assert dates == sorted(dates, reverse=True)
    by_goldstein = [r["goldstein"] for r in items(client, "/api/events", sort="goldstein")]
    assert by_goldstein == sorted(by_goldstein)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": MAX_LIMIT + 1}, "less than or equal to 1000"),
        ({"limit": 0}, "greater than or equal to 1"),
        ({"offset": -1}, "greater than or equal to 0"),
        ({"type": "XYZ"}, "neither a CAMEO code"),
        ({"type": "99"}, "is not a CAMEO code"),  # the API is stricter than `sitrep events` (serve/filters.py)
        ({"type": ["99", "XYZ"]}, "'99' is not a CAMEO code"),  # the first bad type is named
        ({"type": ["XYZ", "99"]}, "'XYZ' is neither a CAMEO code"),
        ({"since": "2026-02-30"}, "valid date"),
        ({"since": "2026-02-01", "until": "2026-01-01"}, "is after until"),
        ({"min_lat": 10}, "needs all of"),
        ({"min_lat": 50, "min_lon": 0, "max_lat": 10, "max_lon": 5}, "above max_lat"),
        ({"min_lat": 95, "min_lon": 0, "max_lat": 96, "max_lon": 5}, "less than or equal to 90"),
        ({"dyad": "USA"}, "pattern"),
        ({"dyad": "USA-DNK", "source_country": "USA"}, "either dyad"),
        ({"quad_class": 5}, "less than or equal to 4"),
        ({"sort": "sentence; DROP TABLE events"}, "Input should be"),
        ({"format": "xml"}, "Input should be"),
    ],
)
def test_bad_parameters_are_422_with_a_message(client: TestClient, params: dict, message: str) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert message in response.text


@pytest.mark.parametrize("path", ["/api/actors", "/api/dyads", "/api/quotes", "/api/stances", "/api/locations"])
def test_every_list_endpoint_rejects_a_bad_filter(client: TestClient, path: str) -> None:
    assert client.get(path, params={"type": "nonsense"}).status_code == 422
    assert client.get(path, params={"limit": 5000}).status_code == 422


def test_text_search_is_bound_not_spliced(client: TestClient) -> None:
    hostile = "x'); DROP TABLE events; --"
    assert items(client, "/api/events", q=hostile, actor=hostile) == []
    assert client.get("/api/events").json()["total"] == 9


@pytest.mark.parametrize(
    ("path", "params"),
    [("/api/events", {"type": "AID"}), ("/api/dyads", {"per": "total"}), ("/api/actors", {}), ("/api/timeline", {})],
)
def test_csv_on_request(client: TestClient, path: str, params: dict) -> None:
    by_param = client.get(path, params={**params, "format": "csv"})
    by_header = client.get(path, params=params, headers={"Accept": "text/csv"})
    assert by_param.headers["content-type"].startswith("text/csv")
    assert by_param.text == by_header.text
    rows = list(csv.DictReader(io.StringIO(by_param.text)))
    assert len(rows) == int(by_param.headers["x-total-count"]) == client.get(path, params=params).json()["total"]


def test_csv_loads_in_pandas(client: TestClient) -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(io.StringIO(client.get("/api/events", params={"format": "csv"}).text))
    assert len(frame) == 9
    assert {"source_code", "target_code", "cameo", "goldstein", "sentence", "doc_title"} <= set(frame.columns)


def test_document_with_text_sentences_and_records(client: TestClient) -> None:
    doc = client.get("/api/documents/t-001").json()
    assert doc["text"].startswith("American officials met")
    assert [s["sentence_index"] for s in doc["sentences"]] == [0, 1, 2]
    sentence = doc["sentences"][1]
    assert doc["text"][sentence["start_char"]:sentence["end_char"]] == sentence["text"]
    assert [e["cameo"] for e in doc["events"]] == ["040", "120"]
    assert {a["actor_code"] for a in doc["actors"]} == {"USAGOV", "DNKGOV"}
    assert doc["quotes"][0]["speaker_code"] == "DNKGOV"
    assert {s["actor_code"]: s["polarity"] for s in doc["stances"]} == {"DNKGOV": -1, "USAGOV": 1}
    assert doc["locations"][0]["name"] == "Washington"
    assert doc["sources"][0]["kind"] == "original"


def test_document_ids_may_hold_slashes(make_store) -> None:
    from .conftest import make_document

    path = make_store([make_document("news/2026/a.txt", "2026-01-02", "Path id", "Denmark met Sweden.", [], [], [])])
    with TestClient(create_app(Settings(db_path=path)), base_url="http://127.0.0.1") as client:
        assert client.get("/api/documents/news/2026/a.txt").json()["title"] == "Path id"
        assert client.get("/api/documents/news%2F2026%2Fa.txt").status_code == 200
        assert client.get("/api/documents/news/2026/b.txt").status_code == 404


def test_actors_with_mentions_and_event_roles(client: TestClient) -> None:
    rows = {r["code"]: r for r in items(client, "/api/actors")}
    assert (rows["DNKGOV"]["as_source"], rows["DNKGOV"]["as_target"]) == (2, 4)
    assert rows["FRAGOV"]["events"] == 0  # its only event is negated
    only = items(client, "/api/actors", actor="USA")
    assert [r["code"] for r in only] == ["USAGOV"]


def test_dyads_per_day_and_in_total(client: TestClient) -> None:
    per_day = items(client, "/api/dyads", dyad="USA-DNK")
    assert [(r["day"], r["events"], r["goldstein"]) for r in per_day] == [("2026-01-14", 1, 1.0), ("2026-01-20", 1, -5.0)]
    total = {(r["source_code"], r["target_code"]): r for r in items(client, "/api/dyads", per="total")}
    assert total[("USAGOV", "DNKGOV")]["events"] == 2
    assert total[("USAGOV", "DNKGOV")]["goldstein"] == -4.0
    assert ("FRAGOV", "USAGOV") not in total  # negated
    assert ("DNKGOV", None) not in total  # no target, no pair


def test_timeline_by_quad_class(client: TestClient) -> None:
    rows = items(client, "/api/timeline")
    assert {(r["period"], r["quad_class"]): r["events"] for r in rows}[("2026-01-16", 2)] == 2
    monthly = items(client, "/api/timeline", bucket="month")
    assert {r["period"] for r in monthly} == {"2026-01-01"}
    assert sum(r["events"] for r in monthly) == 8


def test_quotes_filter_on_speaker_and_on_events(client: TestClient) -> None:
    assert {q["speaker_code"] for q in items(client, "/api/quotes", actor="GRL")} == {"GRLGOV"}
    # Under an event filter, quotes come from the sentences of the matching events, not from their whole documents.
    assert [q["doc_id"] for q in items(client, "/api/quotes", type="ACCUSE", actor="GRL")] == ["t-003"]
    assert items(client, "/api/quotes", type="REQUEST") == []
    assert items(client, "/api/quotes", type="AID") == []


def test_stances_by_issue(client: TestClient) -> None:
    rows = {r["actor_code"]: r for r in items(client, "/api/stances", issue=ISSUE)}
    assert (rows["USAGOV"]["support"], rows["USAGOV"]["net"], rows["USAGOV"]["documents"]) == (2, 2, 2)
    assert rows["DNKGOV"]["oppose"] == 1 and rows["GRLGOV"]["net"] == -1
    assert rows["USAGOV"]["evidence"] == "Washington pressed Copenhagen to hand over control of Greenland."
    assert items(client, "/api/stances", issue="something else") == []


def test_locations_with_mentions_and_events(client: TestClient) -> None:
    rows = {r["name"]: r for r in items(client, "/api/locations")}
    assert (rows["Nuuk"]["events"], rows["Nuuk"]["mentions"], rows["Nuuk"]["lat"]) == (2, 2, 64.18)
    arctic = items(client, "/api/locations", min_lat=70, min_lon=-20, max_lat=90, max_lon=20)
    assert [r["name"] for r in arctic] == ["Arctic"]
    assert {r["name"] for r in items(client, "/api/locations", type="AID")} == {"Greenland", "Nuuk"}


def test_overview(client: TestClient) -> None:
    body = client.get("/api/overview").json()
    assert (body["documents"], body["events"], body["first_date"], body["last_date"]) == (5, 9, "2026-01-14", "2026-01-25")
    assert "REJECT" in body["plover_types"] and body["issues"] == [ISSUE]


def test_markup_is_returned_as_data(client: TestClient) -> None:
    doc = client.get("/api/documents/t-xss").json()
    assert HOSTILE in doc["title"] and HOSTILE in doc["text"]
    assert client.get("/api/documents/t-xss").headers["content-type"] == "application/json"


def test_dashboard_and_assets_are_local(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ("app.js", "app.css", "dom.js", "map.js", "charts.js", "panels.js", "world.json", "codes.json"):
        response = client.get(f"/static/{asset}")
        assert response.status_code == 200, asset
        assert "http://" not in response.text and "https://" not in response.text or asset == "dom.js"
    assert "//" not in page.text.replace("http://www.w3.org", "")


def test_api_docs_are_served_without_a_cdn(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "cdn." not in docs and "/static-offline-docs/swagger-ui-bundle.js" in docs
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    assert "/api/events" in client.get("/openapi.json").json()["paths"]


def test_the_store_is_opened_read_only(client: TestClient) -> None:
    with pytest.raises(duckdb.Error, match="read-only"), cast(FastAPI, client.app).state.store.connection() as con:
        con.execute("DELETE FROM events")
    assert client.get("/api/events").json()["total"] == 9


def test_a_missing_store_fails_before_serving(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        create_app(Settings(db_path=tmp_path / "absent.duckdb"))


def test_an_empty_store_gives_empty_views(make_store) -> None:
    with TestClient(create_app(Settings(db_path=make_store([]))), base_url="http://127.0.0.1") as client:
        assert client.get("/api/overview").json()["events"] == 0
        for path in ("/api/events", "/api/actors", "/api/dyads", "/api/timeline", "/api/quotes", "/api/locations"):
            body = client.get(path).json()
            assert {k: body[k] for k in ("total", "limit", "offset", "items")} == {
                "total": 0, "limit": 100, "offset": 0, "items": [],
            }
