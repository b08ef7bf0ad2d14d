"""The worker's delivery of webhook events from the archive's outbox (desk.webhooks), signed as Standard
Webhooks 1.0 says (the `standardwebhooks` package signs): `webhook-id` (the same on every retry),
`webhook-timestamp` (the attempt's) and `webhook-signature`.

Each worker runs one delivery thread beside its pool (started when the worker is ready, backfill.celery).
An attempt is leased in the archive first, so two workers never send the same message at once, and a
worker killed mid-delivery leaves it to come back once the lease runs out: delivery is at least once.
"""
from __future__ import annotations

import logging
import os
import threading
from datetime import UTC, datetime

import requests
from standardwebhooks import Webhook

from desk import webhooks

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = float(os.environ.get("QUOTES_WEBHOOK_TIMEOUT_SECONDS", "10"))
LEASE_SECONDS = float(os.environ.get("QUOTES_WEBHOOK_LEASE_SECONDS", str(TIMEOUT_SECONDS * 3)))
POLL_SECONDS = float(os.environ.get("QUOTES_WEBHOOK_POLL_SECONDS", "1"))


def send(delivery: webhooks.Delivery) -> tuple[int | None, str | None]:
    """(status code, None) of one signed POST, or (None, why) when no answer came: refused address, connection
    error, timeout."""
    refused = webhooks.refused_destination(delivery.url)  # checked again: a name may resolve elsewhere now
    if refused:
        return None, refused
    moment = datetime.now(UTC)
    headers = {"Content-Type": "application/json", "webhook-id": delivery.message_id,
               "webhook-timestamp": str(int(moment.timestamp())),
               "webhook-signature": Webhook(delivery.secret).sign(delivery.message_id, moment, delivery.body)}
    try:
        # no redirects: a redirect could lead to an address the check above refuses
        response = requests.post(delivery.url, data=delivery.body.encode("utf-8"), headers=headers,
                                 timeout=TIMEOUT_SECONDS, allow_redirects=False)
    except requests.RequestException as error:
        return None, f"{type(error).__name__}: {error}"[:500]
    return response.status_code, None


def deliver_due(database: str | None = None) -> int:
    """Attempt every delivery due now; the number attempted."""
    due = webhooks.claim_due(database, LEASE_SECONDS)
    for delivery in due:
        status_code, error = send(delivery)
        webhooks.settle(database, delivery, status_code, error)
        log.info("webhook %s to %s: %s", delivery.message_id, delivery.url, error or f"HTTP {status_code}")
    return len(due)


def deliver_until(stopped: threading.Event, database: str | None = None) -> None:
    """The delivery loop: the outbox every POLL_SECONDS until `stopped` is set; an error waits for the next turn."""
    while not stopped.wait(POLL_SECONDS):
        try:
            deliver_due(database)
        except Exception:
            log.exception("webhook delivery failed; trying again in %s s", POLL_SECONDS)


def start() -> threading.Event:
    """Run the delivery loop in a daemon thread; set the returned event to stop it."""
    stopped = threading.Event()
    threading.Thread(target=deliver_until, args=(stopped,), name="webhook-delivery", daemon=True).start()
    return stopped
