"""Signed webhooks end to end: the API, the archive's outbox, a real `quotes worker` (Celery, on a real
redis-server) delivering to real receiving HTTP servers on 127.0.0.1, verified with the `standardwebhooks`
package. Everything runs on loopback, every wait gives up, and the servers and the worker stop at the end."""
from __future__ import annotations

import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from redis_server import redis_server
from sqlalchemy import select
from standardwebhooks import Webhook
from support import SENTENCE, assert_problem, free_port
from test_jobs import Worker

from app import create_app
from desk import db
from desk.models import OutboxMessage

RETRIES = "1,1,1,1,1,1,1,1"  # QUOTES_WEBHOOK_RETRY_SCHEDULE of the worker: eight quick retries
LEASE_SECONDS = 4  # a dead worker's attempt comes back this long after it began
WAIT_SECONDS = 120


class Receiver:
    """A webhook receiver on a loopback port: it keeps what it receives; `hang` holds the next request."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.received: list[tuple[dict, bytes]] = []
        self.hang = threading.Event()  # set: the next request waits until released
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(({name.lower(): value for name, value in self.headers.items()}, body))
                if receiver.hang.is_set():
                    receiver.hang.clear()
                    receiver.release.wait(WAIT_SECONDS)
                    return  # the worker that sent it is gone: nobody reads an answer
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def events(self, secret: str) -> list[dict]:
        """Each received event, its signature verified, with the webhook-id it came with."""
        return [{**Webhook(secret).verify(body, headers), "webhook-id": headers["webhook-id"]}
                for headers, body in self.received]


def wait_until(condition, what: str, seconds: float = WAIT_SECONDS):
    give_up = time.monotonic() + seconds
    while not (result := condition()):
        assert time.monotonic() < give_up, f"gave up waiting for {what}"
        time.sleep(0.2)
    return result


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """A fresh archive and Redis, the settings the worker and the app share, and a way to start workers."""
    directory = tmp_path_factory.mktemp("webhooks")
    database = f"sqlite:///{directory / 'desk.db'}"
    db.upgrade(database)
    settings = {"QUOTES_WEBHOOK_ALLOW_PRIVATE": "1", "QUOTES_WEBHOOK_RETRY_SCHEDULE": RETRIES,
                "QUOTES_WEBHOOK_LEASE_SECONDS": str(LEASE_SECONDS), "QUOTES_WEBHOOK_TIMEOUT_SECONDS": "60",
                "QUOTES_WEBHOOK_POLL_SECONDS": "0.2"}
    saved = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)  # the app in this process checks addresses as the worker does
    workers: list[Worker] = []
    with redis_server() as broker:
        env = {**os.environ, "QUOTES_BROKER_URL": broker, "QUOTES_DATABASE_URL": database, "TORCH_THREADS": "1"}

        def start_worker() -> Worker:
            worker = Worker(f"hooks{len(workers)}", env, directory / f"worker{len(workers)}.log")
            workers.append(worker)
            wait_until(lambda: "webhook delivery started" in worker.text() or not worker.alive(), "a worker", 300)
            assert worker.alive(), worker.text()[-3000:]
            return worker

        try:
            yield {"database": database, "broker": broker, "start_worker": start_worker, "workers": workers}
        finally:
            for worker in workers:
                worker.stop()
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


@pytest.fixture(scope="module")
def client(desk):
    return create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "DATABASE_URL": desk["database"],
                       "BROKER_URL": desk["broker"]}).test_client()


def subscribe(client, url: str, events=("article.stored", "alert.created")) -> dict:
    response = client.post("/v1/webhooks", json={"url": url, "events": list(events)})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def store(client, article_id: str, text: str = SENTENCE) -> None:
    assert client.post("/v1/articles", json={"id": article_id, "text": text}).status_code in (200, 201)


def deliveries(client, webhook_id: str) -> list[dict]:
    return client.get(f"/v1/webhooks/{webhook_id}/deliveries").get_json()["deliveries"]


def test_endpoints_are_created_listed_and_deleted_with_the_secret_shown_once(client):
    created = subscribe(client, "http://127.0.0.1:9/hooks", ["job.finished"])
    assert created["secret"].startswith("whsec_") and Webhook(created["secret"])  # the spec's form
    assert created["enabled"] and created["events"] == ["job.finished"]
    listed = client.get("/v1/webhooks").get_json()["webhooks"]
    assert [hook["id"] for hook in listed] == [created["id"]] and "secret" not in listed[0]
    assert deliveries(client, created["id"]) == []
    assert client.delete(f"/v1/webhooks/{created['id']}").status_code == 204
    assert_problem(client.delete(f"/v1/webhooks/{created['id']}"), 404, "no webhook")
    assert_problem(client.get(f"/v1/webhooks/{created['id']}/deliveries"), 404, "no webhook")
    assert_problem(client.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/", "events": ["page.viewed"]}),
                   422, "events")


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/hooks", "http://10.1.2.3/hooks", "http://169.254.169.254/",
                                 "http://[::1]:9/hooks", "http://localhost:9/hooks"])
def test_a_private_address_is_refused_unless_allowed(client, monkeypatch, url):
    monkeypatch.delenv("QUOTES_WEBHOOK_ALLOW_PRIVATE")
    body = assert_problem(client.post("/v1/webhooks", json={"url": url, "events": ["article.stored"]}), 422,
                          "QUOTES_WEBHOOK_ALLOW_PRIVATE")
    assert "url" in body["errors"]


def test_a_job_cancelled_before_any_worker_started_is_told_as_finished(client, desk):
    assert not any(worker.alive() for worker in desk["workers"])  # no worker yet: the cancel finishes it
    hook = subscribe(client, "http://127.0.0.1:9/hooks", ["job.finished"])
    try:
        job = client.post("/v1/jobs", json={"documents": [{"id": "hook-cancelled", "text": SENTENCE}]}).get_json()
        assert client.delete(f"/v1/jobs/{job['id']}").get_json()["state"] == "cancelled"
        with db.reading(desk["database"]) as session:
            (body,) = session.scalars(select(OutboxMessage.body).where(OutboxMessage.webhook_id == hook["id"]))
        event = json.loads(body)
        assert event["type"] == "job.finished" and event["data"]["id"] == job["id"]
        assert event["data"]["state"] == "cancelled"
        # a job of invalid documents only is over at once: told from the web request, in the app's archive
        job = client.post("/v1/jobs", json={"documents": [{"id": "hook-invalid"}]}).get_json()
        with db.reading(desk["database"]) as session:
            bodies = session.scalars(select(OutboxMessage.body).where(OutboxMessage.webhook_id == hook["id"])).all()
        assert [(event["data"]["id"], event["data"]["failed"]) for event in map(json.loads, bodies[1:])] == [
            (job["id"], 1)]
    finally:
        client.delete(f"/v1/webhooks/{hook['id']}")


def test_events_wait_in_the_outbox_until_a_worker_delivers_them_signed_and_in_order(client, desk):
    receiver = Receiver()
    try:
        hook = subscribe(client, receiver.url)
        store(client, "hook-a1")
        store(client, "hook-a2", SENTENCE.replace("not back down", "never back down"))  # an altered copy
        time.sleep(1)
        assert receiver.received == []  # no worker yet: nothing is sent from the web request
        desk["start_worker"]()
        events = wait_until(lambda: len(receiver.received) >= 3 and receiver.events(hook["secret"]), "3 events")
        assert [(event["type"], event["data"].get("id")) for event in events[:2]] == [
            ("article.stored", "hook-a1"), ("article.stored", "hook-a2")]
        assert events[0]["data"] == {"id": "hook-a1", "created": True, "quotes": 1, "speakers": 1, "alerts": 0}
        alert = events[2]
        assert alert["type"] == "alert.created"
        assert [version["article_id"] for version in alert["data"]["versions"]] == ["hook-a1", "hook-a2"]
        assert client.get("/v1/alerts").get_json()["alerts"][0]["id"] == alert["data"]["id"]  # as /v1/alerts
        assert len({event["webhook-id"] for event in events}) == 3
        assert [attempt["status_code"] for attempt in deliveries(client, hook["id"])] == [204, 204, 204]
    finally:
        receiver.stop()
        client.delete(f"/v1/webhooks/{hook['id']}")


def test_a_receiver_down_then_up_gets_the_event_on_a_retry_with_the_same_id(client, desk):
    port = free_port()
    hook = subscribe(client, f"http://127.0.0.1:{port}/hooks", ["article.stored"])
    store(client, "hook-b1")
    failed = wait_until(lambda: deliveries(client, hook["id"]), "a failed attempt")
    assert failed[0]["status_code"] is None and "Connection" in failed[0]["error"]
    receiver = Receiver(port)
    try:
        (event,) = wait_until(lambda: receiver.events(hook["secret"]), "the retry")
        assert event["webhook-id"] == failed[0]["message_id"] and event["data"]["id"] == "hook-b1"
        attempts = wait_until(lambda: [a for a in deliveries(client, hook["id"]) if a["status_code"] == 204] and
                              deliveries(client, hook["id"]), "the attempt recorded")
        assert {attempt["message_id"] for attempt in attempts} == {event["webhook-id"]}
    finally:
        receiver.stop()
        client.delete(f"/v1/webhooks/{hook['id']}")


def test_a_worker_killed_mid_delivery_delivers_after_a_restart(client, desk):
    receiver = Receiver()
    receiver.hang.set()
    try:
        hook = subscribe(client, receiver.url, ["article.stored"])
        store(client, "hook-c1")
        wait_until(lambda: receiver.received, "the first attempt")
        for worker in desk["workers"]:
            if worker.alive():
                worker.kill()  # mid-delivery: the receiver holds the request
        desk["start_worker"]()
        wait_until(lambda: len(receiver.received) >= 2, "the delivery after the restart")
        first, second = receiver.events(hook["secret"])[:2]
        assert first["webhook-id"] == second["webhook-id"] and second["data"]["id"] == "hook-c1"
        wait_until(lambda: [a for a in deliveries(client, hook["id"]) if a["status_code"] == 204], "recorded")
    finally:
        receiver.stop()
        client.delete(f"/v1/webhooks/{hook['id']}")


def test_an_endpoint_failing_the_whole_schedule_is_disabled(client, desk):
    hook = subscribe(client, f"http://127.0.0.1:{free_port()}/hooks", ["article.stored"])
    store(client, "hook-d1")
    listed = wait_until(lambda: [h for h in client.get("/v1/webhooks").get_json()["webhooks"]
                                 if h["id"] == hook["id"] and not h["enabled"]], "the endpoint disabled")
    assert "failed 9 attempts" in listed[0]["disabled_reason"] and listed[0]["disabled_at"]
    assert len(deliveries(client, hook["id"])) == len(RETRIES.split(",")) + 1
    store(client, "hook-d2")  # a disabled endpoint gets no more events
    assert len(deliveries(client, hook["id"])) == len(RETRIES.split(",")) + 1


def test_a_finished_backfill_job_is_told(client, desk):
    receiver = Receiver()
    try:
        hook = subscribe(client, receiver.url, ["job.finished"])
        response = client.post("/v1/jobs", json={"documents": [{"id": "hook-job-1", "text": SENTENCE},
                                                               {"id": "hook-job-2", "text": SENTENCE}]})
        assert response.status_code == 202, response.get_json()
        (event,) = wait_until(lambda: receiver.events(hook["secret"]), "job.finished")
        assert event["type"] == "job.finished"
        assert event["data"] == client.get(response.headers["Location"]).get_json()  # the job's status
        assert event["data"]["state"] == "done" and event["data"]["done"] == 2
    finally:
        receiver.stop()
        client.delete(f"/v1/webhooks/{hook['id']}")
