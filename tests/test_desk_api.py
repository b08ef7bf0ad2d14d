"""The desk's HTTP contract through Flask's test client, on the real models and the test run's archive."""
import uuid

import pytest
from support import assert_problem

from schemas.desk import (
    AlertListSchema,
    ArticleListSchema,
    ArticleResultSchema,
    SearchResultSchema,
    SpeakerDetailSchema,
)

STORY = ("The union met the district on Tuesday.\n"
         "“We will not back down from this fight,” said Maria Lopez, a spokeswoman for the Chicago Teachers Union.")
REWRITE = ("The union turned down the offer on Tuesday.\n"
           "“We won't back down from this battle,” said Maria Lopez, a spokeswoman for the Chicago Teachers Union.")


@pytest.fixture()
def source():
    return f"test-{uuid.uuid4().hex[:8]}"  # the test's own articles, whatever else the archive holds


def post(client, article_id, text, source, **fields):
    return client.post("/v1/articles", json={"id": article_id, "text": text, "source": source, **fields})


def test_post_stores_then_the_same_id_again_is_200(client, source):
    first = post(client, f"{source}-a", STORY, source, url="https://news.example/a", published="2026-11-26T08:00:00Z")
    assert first.status_code == 201 and first.mimetype == "application/json"
    body = first.get_json()
    assert ArticleResultSchema().validate(body) == {}
    assert body["quotes"][0]["text"] == "We will not back down from this fight" and body["quotes"][0]["copies"] == []
    again = post(client, f"{source}-a", STORY, source)
    assert again.status_code == 200 and again.get_json()["quotes"] == body["quotes"]
    stored = client.get(f"/v1/articles/{source}-a")
    assert stored.status_code == 200 and stored.get_json()["quotes"] == body["quotes"]


def test_a_rewrite_links_to_the_original_and_raises_an_alert(client, source):
    post(client, f"{source}-wire", STORY, source)
    copy = post(client, f"{source}/reprint", STORY, source).get_json()  # an id with a slash, as CMS paths have
    # (other tests store the same story: only this test's articles count)
    assert [c["altered"] for c in copy["quotes"][0]["copies"] if c["article_id"].startswith(source)] == [False]
    rewrite = post(client, f"{source}-rewrite", REWRITE, source).get_json()
    alerts = [alert for alert in rewrite["alerts"] if alert["versions"][0]["article_id"].startswith(source)]
    assert len(alerts) == 2 and all(alert["speaker"] == "Maria Lopez" for alert in alerts)
    assert {"from": "will not", "to": "won't", "class": "minor"} in alerts[0]["changes"]
    assert {"from": "fight", "to": "battle", "class": "wording"} in alerts[0]["changes"]
    assert all(alert["type"] == "altered" and alert["class"] == "wording" for alert in alerts)
    assert client.get(f"/v1/articles/{source}/reprint").status_code == 200
    listed = client.get("/v1/alerts?limit=100").get_json()
    assert AlertListSchema().validate(listed) == {}
    assert {alert["id"] for alert in alerts} <= {alert["id"] for alert in listed["alerts"]}


def test_delete_then_404(client, source):
    post(client, f"{source}-gone", STORY, source)
    response = client.delete(f"/v1/articles/{source}-gone")
    assert response.status_code == 204 and response.data == b""
    assert_problem(client.delete(f"/v1/articles/{source}-gone"), 404, "no stored article")
    assert_problem(client.get(f"/v1/articles/{source}-gone"), 404, "no stored article")


def test_lists_search_and_speakers(client, source):
    for letter in "abc":
        post(client, f"{source}-{letter}", STORY, source)
    first = client.get(f"/v1/articles?source={source}&limit=2").get_json()
    assert ArticleListSchema().validate(first) == {} and len(first["articles"]) == 2
    rest = client.get(f"/v1/articles?source={source}&limit=2&cursor={first['next_cursor']}").get_json()
    ids = [a["id"] for a in first["articles"] + rest["articles"]]
    assert ids == [f"{source}-c", f"{source}-b", f"{source}-a"] and rest["next_cursor"] is None
    assert client.get(f"/v1/articles?source={source}&since=2999-01-01T00:00:00Z").get_json()["articles"] == []
    hits = client.get("/v1/quotes/search?q=fight&speaker=Lopez&limit=100").get_json()
    assert SearchResultSchema().validate(hits) == {}
    mine = [hit for hit in hits["quotes"] if hit["article_id"].startswith(source)]
    assert len(mine) == 3 and all(hit["affiliation"] == "Chicago Teachers Union" for hit in mine)
    [lopez] = client.get("/v1/speakers?q=maria lopez").get_json()["speakers"]
    detail = client.get(f"/v1/speakers/{lopez['id']}").get_json()
    assert SpeakerDetailSchema().validate(detail) == {}
    assert detail["name"] == "Maria Lopez" and detail["roles"] == ["spokeswoman"] and detail["article_count"] >= 3


@pytest.mark.parametrize("path, status, detail", [
    ("/v1/articles?limit=0", 422, "limit"),
    ("/v1/articles?since=yesterday", 422, "since"),
    ("/v1/articles?cursor=not-a-cursor", 422, "cursor"),
    ("/v1/alerts?since=2026-11-26T08:00:00", 422, "since"),  # no time zone
    ("/v1/alerts?min_severity=style", 422, "min_severity"),  # style changes never alert
    ("/v1/quotes/search?cursor=WyJ4Il0", 422, "cursor"),
    # a well-formed cursor whose key is past any 64-bit integer
    ("/v1/alerts?cursor=WyIyMDI2LTExLTI2VDA4OjAwOjAwKzAwOjAwIiwgMTAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMF0", 422, "cursor"),
    ("/v1/speakers/999999999", 404, "speaker"),
    ("/v1/speakers/12865441919737913390661632", 404, "speaker"),  # past any 64-bit key
])
def test_bad_queries_get_problems(client, path, status, detail):
    assert_problem(client.get(path), status, detail)


@pytest.mark.parametrize("body, field", [({"text": STORY}, "id"), ({"id": "x", "text": ""}, "text"),
                                         ({"id": "x", "text": STORY, "published": "26/11/2026"}, "published"),
                                         ({"id": "x", "text": STORY, "url": "not a url"}, "url")])
def test_invalid_articles_get_422(client, body, field):
    assert field in assert_problem(client.post("/v1/articles", json=body), 422)["errors"]


def test_articles_are_json_only(client):
    assert_problem(client.post("/v1/articles", data=STORY, content_type="text/plain"), 415)


def test_the_desk_is_in_the_openapi_document(client):
    paths = client.get("/openapi.json").get_json()["paths"]
    assert {"post", "get", "delete"} <= set(paths["/v1/articles"]) | set(paths["/v1/articles/{article_id}"])
    assert {"/v1/quotes/search", "/v1/speakers", "/v1/speakers/{speaker_id}", "/v1/alerts"} <= set(paths)
