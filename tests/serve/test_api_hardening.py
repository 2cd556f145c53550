"""API hardening (issue 13 point 9, issue 14 point 6) and the views added for the dashboard."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.models import Actor, ActorSummary, Count
from sitrep.serve.api import create_app, input_name
from sitrep.serve.guard import allowed_hosts, host_name
from sitrep.resources import Resources
from sitrep.serve.labels import actor_labels
from sitrep.serve.params import MAX_OFFSET, safe_cell
from sitrep.settings import Settings

from .conftest import make_document, sample_documents

LOCAL = "http://127.0.0.1"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus plus documents with wildcards, formulas, a local path, figures and old dates."""
    from .conftest import write_store

    docs = sample_documents()
    odd = make_document(
        "t-odd", "2026-01-26", "=HYPERLINK(\"x\") 100% sure", "Denmark accused the US_Navy of 100% lies.",
        [(0, "DNKGOV", "111", "USAGOV", None, False)], [], [],
    )
    odd.source = "/home/analyst/secret/folder/odd.txt"
    odd.counts = [Count(number=13, unit="troops", text="13 soldiers", sentence_index=0,
                        actor=Actor("Germany", "Germany", "DEUMIL", "DEU", None, "MIL"),
                        sentence="Germany will send 13 soldiers.")]
    odd.actors.append(ActorSummary("the government", "Lars Lokke Rasmussen", "DNKGOV", "DNK", None, "GOV", mentions=3))
    old = make_document("t-old", "2026-01-27", "History", "Denmark rejected the US offer.",
                        [(0, "DNKGOV", "120", "USAGOV", None, False)], [], [])
    old.events[0].date = "1946-06-01"  # a year mentioned in passing: background, not the article's news
    return write_store(tmp_path_factory.mktemp("hard") / "hard.duckdb", docs + [odd, old])


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_path=store)), base_url=LOCAL) as test_client:
        yield test_client


def total(client: TestClient, path: str = "/api/events", **params: object) -> int:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()["total"]


@pytest.mark.parametrize(
    "params",
    [{"offset": 2**63}, {"offset": MAX_OFFSET + 1}, {"limit": 2**70}, {"quad_class": 9},
     {"quad_class": 2**64}, {"type": "99"}, {"type": "0999"}, {"type": "2099"}, {"type": "BOGUS"}],
)
@pytest.mark.parametrize("path", ["/api/events", "/api/actors", "/api/quotes", "/api/documents", "/api/counts"])
def test_out_of_range_integers_and_unknown_codes_are_422(client: TestClient, path: str, params: dict) -> None:
    assert client.get(path, params=params).status_code == 422


def test_facets_top_is_bounded(client: TestClient) -> None:
    assert client.get("/api/facets", params={"top": 10**12}).status_code == 422


@pytest.mark.parametrize(("actor", "expected"), [("%", 0), ("_", 0), ("\\", 0), ("US_Navy", 0), ("Den", 8)])
def test_wildcards_in_pattern_filters_match_literally(client: TestClient, actor: str, expected: int) -> None:
    assert total(client, actor=actor) == expected


def test_wildcards_in_text_search_match_literally(client: TestClient) -> None:
    assert total(client, q="100%") == 1
    assert total(client, q="%") == 1
    assert total(client, "/api/documents", q="_") == 1  # only the one holding an underscore


def test_repeated_type_means_any_of_them(client: TestClient) -> None:
    reject, aid = total(client, type="REJECT"), total(client, type="AID")
    assert total(client, "/api/events", type=["REJECT", "AID"]) == reject + aid > max(reject, aid)
    assert total(client, "/api/events", quad_class=[1, 2]) == total(client, quad_class=1) + total(client, quad_class=2)
    assert total(client, "/api/events", actor=["SWE", "DEU"]) == 2


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", ""])
def test_unknown_host_names_are_refused(client: TestClient, host: str) -> None:
    response = client.get("/api/overview", headers={"Host": host})
    assert response.status_code == 421
    assert "--host-name" in response.json()["detail"]


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:1", "[::1]:8000"])
def test_loopback_host_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/api/overview", headers={"Host": host}).status_code == 200


def test_host_names_given_at_start_are_answered(store: Path) -> None:
    app = create_app(Settings(db_path=store), host="0.0.0.0", host_names=("intel.example",))
    with TestClient(app, base_url="http://intel.example") as named:
        assert named.get("/api/overview").status_code == 200
        assert named.get("/api/overview", headers={"Host": "other.example"}).status_code == 421


@pytest.mark.parametrize(("header", "name"), [("a.example:80", "a.example"), ("[::1]:8000", "[::1]"), ("x", "x")])
def test_host_name_parsing(header: str, name: str) -> None:
    assert host_name(header) == name
    assert "10.0.0.5" in allowed_hosts("10.0.0.5") and "0.0.0.0" not in allowed_hosts("0.0.0.0")


@pytest.mark.parametrize(
    "path", ["/", "/static/app.js", "/api/events", "/api/nothing", "/docs", "/redoc", "/openapi.json", "/api/events?type=99"]
)
def test_every_response_has_csp_and_nosniff(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/api/events", "/api/overview", "/static/app.css", "/api/export/events"])
def test_head_is_answered_without_a_body(client: TestClient, path: str) -> None:
    response = client.head(path)
    assert response.status_code == 200 and response.content == b""
    assert response.headers["x-content-type-options"] == "nosniff"


def test_redoc_is_offline(client: TestClient) -> None:
    page = client.get("/redoc").text
    assert "/static-offline-docs/redoc.standalone.js" in page
    assert "fonts.googleapis" not in page and "cdn." not in page and "https://" not in page
    assert "img-src 'self' data:" in client.get("/redoc").headers["content-security-policy"]


def test_documents_show_the_input_name_not_a_local_path(client: TestClient) -> None:
    body = client.get("/api/documents/t-odd").text
    assert "/home/analyst" not in body and "secret" not in body
    assert client.get("/api/documents/t-odd").json()["source"] == "odd.txt"


@pytest.mark.parametrize(
    ("source", "name"),
    [("/srv/x/a.txt", "a.txt"), ("C:\\data\\b.csv", "b.csv"), ("https://e.org/f.rss", "https://e.org/f.rss"), (None, None)],
)
def test_input_name(source: str | None, name: str | None) -> None:
    assert input_name(source) == name


@pytest.mark.parametrize(("value", "cell"), [("=1+1", "'=1+1"), ("+31", "'+31"), ("-x", "'-x"), ("@SUM", "'@SUM"),
                                             ("ok", "ok"), (-4.0, -4.0), (None, "")])
def test_formula_cells_are_escaped(value: object, cell: object) -> None:
    assert safe_cell(value) == cell


@pytest.mark.parametrize("path", ["/api/events?format=csv&q=100", "/api/export/events?q=100", "/api/documents?format=csv&q=100"])
def test_csv_has_no_live_formulas(client: TestClient, path: str) -> None:
    rows = list(csv.reader(io.StringIO(client.get(path).text)))
    cells = [cell for row in rows[1:] for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


@pytest.mark.parametrize("table", ["events", "quotes", "counts", "stances", "actors", "locations", "documents"])
@pytest.mark.parametrize("params", [{}, {"type": "REJECT"}, {"actor": "DNK", "scope": "counted"}])
def test_csv_export_holds_exactly_the_filtered_view(client: TestClient, table: str, params: dict) -> None:
    response = client.get(f"/api/export/{table}", params=params)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    listed = {"events": "/api/events", "quotes": "/api/quotes", "counts": "/api/counts", "stances": "/api/stances",
              "actors": "/api/actors", "locations": "/api/locations", "documents": "/api/documents"}[table]
    assert len(rows) == int(response.headers["x-total-count"]) == total(client, listed, **params)


def test_export_has_no_cap(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.serve import export

    monkeypatch.setattr(export, "FETCH_ROWS", 2)  # many batches, every one streamed
    response = client.get("/api/export/events")
    assert len(list(csv.DictReader(io.StringIO(response.text)))) == int(response.headers["x-total-count"]) == 11


def test_parquet_and_gdelt_exports(client: TestClient) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    response = client.get("/api/export/events", params={"format": "parquet", "type": "REJECT"})
    table = pq.read_table(io.BytesIO(response.content))
    assert table.num_rows == int(response.headers["x-total-count"]) == total(client, type="REJECT")
    gdelt = client.get("/api/export/events", params={"format": "gdelt", "type": "AID"})
    lines = gdelt.text.strip().split("\n")
    assert len(lines[0].split("\t")) == 61 and len(lines) - 1 == int(gdelt.headers["x-total-count"]) == 2
    assert client.get("/api/export/quotes", params={"format": "gdelt"}).status_code == 422


def test_counted_scope_leaves_out_negated_and_background_events(client: TestClient) -> None:
    assert total(client) == 11
    assert total(client, scope="counted") == 9  # one negated, one dated 1946 in a 2026 article
    assert total(client, scope="background") == 1
    timeline = client.get("/api/timeline", params={"scope": "counted", "bucket": "auto"}).json()
    assert sum(row["events"] for row in timeline["items"]) == 9
    assert timeline["bucket"] == "day" and min(r["period"] for r in timeline["items"]) >= "2026-01-01"
    assert timeline["left_out"]["background"] == 1 and timeline["left_out"]["negated"] == 1
    assert "Counted" in timeline["rule"]


def test_counts_with_their_sentence(client: TestClient) -> None:
    body = client.get("/api/counts").json()
    assert body["items"][0]["number"] == 13 and body["items"][0]["sentence"] == "Germany will send 13 soldiers."
    assert body["totals"] == [{"unit": "troops", "figures": 1, "summed": 1, "total": 13, "documents": 1}]
    assert client.get("/api/counts", params={"unit": "dead"}).json()["total"] == 0


def test_facets(client: TestClient) -> None:
    body = client.get("/api/facets", params={"type": "REJECT"}).json()
    assert body["type"] == [{"value": "REJECT", "events": 3}]
    assert body["source"][0] == {"value": "DNKGOV", "events": 2, "label": "Danish government"}


def test_actor_page_names_the_code_not_a_member(client: TestClient) -> None:
    page = client.get("/api/actors/DNKGOV").json()
    assert page["label"] == "Danish government"
    assert "Lars Lokke Rasmussen" in [n["name"] for n in page["names"]]
    assert page["partners"][0]["code"] == "USAGOV" and page["partners"][0]["label"] == "US government"
    assert page["events"] >= 5 and page["quotes"]["total"] >= 1
    assert client.get("/api/actors/%25").status_code == 422


def test_actors_and_dyads_carry_labels(client: TestClient) -> None:
    rows = {r["code"]: r for r in client.get("/api/actors").json()["items"]}
    assert rows["DNKGOV"]["label"] == "Danish government" and rows["DNKGOV"]["actor"] is True
    dyad = client.get("/api/dyads", params={"per": "total", "dyad": "USA-DNK"}).json()["items"][0]
    assert (dyad["source_label"], dyad["target_label"]) == ("US government", "Danish government")


@pytest.mark.parametrize(
    ("code", "label", "node"),
    [("DNKGOV", "Danish government", True), ("DNK", "Denmark", True), ("IGOEECGOV", "European Commission", True),
     ("IGONAT", "NATO", True), ("GOV", "government (no country)", False), ("CVL", "civilians (no country)", False),
     ("ZZZQQQ", None, False), ("", None, False)],
)
def test_code_labels(code: str, label: str | None, node: bool) -> None:
    names = actor_labels(Resources())
    assert names.code_label(code) == label
    assert names.is_network_actor(code) is node


def test_publishers_are_not_network_actors() -> None:
    names = actor_labels(Resources())
    assert not names.is_network_actor("USAMED", ("Wikinews",))
    assert not names.is_network_actor("GBRMED", ("Reuters",))
    assert names.is_network_actor("USAMED", ("US media",))


def test_document_list_and_full_text_search(client: TestClient) -> None:
    assert total(client, "/api/documents") == 7
    found = client.get("/api/documents", params={"q": "hoax"}).json()["items"]
    assert [d["id"] for d in found] == ["t-xss"]
    assert total(client, "/api/documents", type="AID") == 1


@pytest.mark.parametrize("params", [{}, {"since": "2026-01-16", "until": "2026-01-22"}, {"type": "REJECT"}, {"actor": "DNK"}])
def test_timeline_and_table_count_the_same_events(client: TestClient, params: dict) -> None:
    counted = {**params, "scope": "counted"}
    timeline = client.get("/api/timeline", params={**counted, "bucket": "auto", "limit": 1000}).json()
    assert sum(row["events"] for row in timeline["items"]) == total(client, **counted)
