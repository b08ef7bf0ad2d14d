"""Webhooks in the archive: the endpoints, the outbox of events, and what became of each delivery attempt.

An event is written to the outbox in the transaction of what it reports (`record_event` takes that
transaction's session), so an event is never told of something that was rolled back, and nothing
reported is lost while no worker runs: the worker (backfill.webhooks) delivers the outbox. Per endpoint,
only the oldest unsettled message is attempted (delivery in order); a failed attempt waits for the next
step of the retry schedule, with the same message id; an endpoint failing a whole schedule is disabled.
"""
from __future__ import annotations

import base64
import ipaddress
import json
import os
import secrets
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desk.db import reading, writing
from desk.models import DeliveryAttempt, OutboxMessage, Webhook

DEFAULT_RETRY_SCHEDULE = "5,300,1800,7200,18000,36000"  # seconds after each failed attempt


def retry_schedule() -> list[float]:
    """QUOTES_WEBHOOK_RETRY_SCHEDULE: the waits after the first, second, … failed attempt."""
    value = os.environ.get("QUOTES_WEBHOOK_RETRY_SCHEDULE") or DEFAULT_RETRY_SCHEDULE
    return [float(step) for step in value.split(",") if step.strip()]


def now() -> datetime:
    return datetime.now(UTC)


def utc(moment: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back: they are UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def webhook_body(webhook: Webhook) -> dict:
    return {"id": webhook.id, "url": webhook.url, "events": list(webhook.events),
            "created_at": utc(webhook.created_at).isoformat(), "enabled": webhook.disabled_at is None,
            "disabled_at": utc(webhook.disabled_at).isoformat() if webhook.disabled_at else None,
            "disabled_reason": webhook.disabled_reason}


def create_webhook(database: str | None, url: str, events: list[str]) -> dict:
    """A new endpoint, with its signing secret in Standard Webhooks' form (shown this once)."""
    webhook = Webhook(id=f"wh_{uuid.uuid4().hex}", url=url, events=sorted(set(events)),
                      secret="whsec_" + base64.b64encode(secrets.token_bytes(32)).decode(), created_at=now())
    with writing(database) as session:
        session.add(webhook)
        session.flush()
        return {**webhook_body(webhook), "secret": webhook.secret}


def list_webhooks(database: str | None) -> list[dict]:
    with reading(database) as session:
        return [webhook_body(webhook) for webhook in session.scalars(select(Webhook).order_by(Webhook.created_at))]


def delete_webhook(database: str | None, webhook_id: str) -> bool:
    with writing(database) as session:
        webhook = session.get(Webhook, webhook_id)
        if webhook is None:
            return False
        session.delete(webhook)
        return True


def deliveries(database: str | None, webhook_id: str) -> list[dict] | None:
    """Every attempt for the endpoint, oldest first: time, message, event, status code, error."""
    with reading(database) as session:
        if session.get(Webhook, webhook_id) is None:
            return None
        attempts = session.execute(select(DeliveryAttempt, OutboxMessage)
                                   .join(OutboxMessage, OutboxMessage.id == DeliveryAttempt.message_pk)
                                   .where(DeliveryAttempt.webhook_id == webhook_id).order_by(DeliveryAttempt.id))
        return [{"at": utc(attempt.at).isoformat(), "message_id": message.message_id, "event": message.event,
                 "status_code": attempt.status_code, "error": attempt.error} for attempt, message in attempts]


def record_event(session: Session, event: str, data: dict) -> None:
    """Write `event` for every enabled endpoint subscribed to it, in the caller's transaction."""
    moment = now()
    body = json.dumps({"type": event, "timestamp": moment.isoformat(), "data": data}, ensure_ascii=False)
    for webhook in session.scalars(select(Webhook).where(Webhook.disabled_at.is_(None))):
        if event in webhook.events:
            session.add(OutboxMessage(message_id=f"msg_{uuid.uuid4().hex}", webhook_id=webhook.id, event=event,
                                      body=body, created_at=moment, attempts=0, next_attempt_at=moment))


def record_event_now(database: str | None, event: str, data: dict) -> None:
    """`record_event` in a transaction of its own (for what the archive does not hold: a job's end)."""
    with writing(database) as session:
        record_event(session, event, data)


@dataclass
class Delivery:
    """A claimed attempt: what to send where, signed with whose secret."""

    pk: int
    message_id: str
    url: str
    secret: str
    body: str


def claim_due(database: str | None, lease_seconds: float) -> list[Delivery]:
    """The attempts due now, at most one per endpoint (its oldest unsettled message), each leased to the caller
    for `lease_seconds`: another worker does not attempt it meanwhile, and after a worker dies it comes back."""
    moment = now()
    claimed = []
    with writing(database) as session:
        heads = (select(OutboxMessage.webhook_id, func.min(OutboxMessage.id).label("pk"))
                 .where(OutboxMessage.delivered_at.is_(None), OutboxMessage.failed_at.is_(None))
                 .group_by(OutboxMessage.webhook_id).subquery())
        rows = session.execute(
            select(OutboxMessage, Webhook).join(heads, heads.c.pk == OutboxMessage.id)
            .join(Webhook, Webhook.id == OutboxMessage.webhook_id)
            .where(Webhook.disabled_at.is_(None), OutboxMessage.next_attempt_at <= moment)).all()
        for message, webhook in rows:
            if message.lease_until is not None and utc(message.lease_until) > moment:
                continue  # under way at another worker
            message.lease_until = moment + timedelta(seconds=lease_seconds)
            claimed.append(Delivery(message.id, message.message_id, webhook.url, webhook.secret, message.body))
    return claimed


def settle(database: str | None, delivery: Delivery, status_code: int | None, error: str | None) -> None:
    """Record an attempt: delivered on a 2xx; else the next retry, or, past the schedule, the endpoint disabled."""
    moment = now()
    with writing(database) as session:
        message = session.get(OutboxMessage, delivery.pk)
        if message is None:  # the endpoint was deleted meanwhile
            return
        session.add(DeliveryAttempt(message_pk=message.id, webhook_id=message.webhook_id, at=moment,
                                    status_code=status_code, error=error))
        message.attempts += 1
        message.lease_until = None
        if error is None and status_code is not None and 200 <= status_code < 300:
            message.delivered_at = moment
            return
        schedule = retry_schedule()
        if message.attempts <= len(schedule):
            message.next_attempt_at = moment + timedelta(seconds=schedule[message.attempts - 1])
            return
        message.failed_at = moment
        reason = f"failed {message.attempts} attempts of {message.message_id}: {error or f'HTTP {status_code}'}"
        session.execute(update(Webhook).where(Webhook.id == message.webhook_id)
                        .values(disabled_at=moment, disabled_reason=reason))


def refused_destination(url: str) -> str | None:
    """Why a webhook may not call `url`: a host that resolves to a loopback, private, link-local or otherwise
    non-public address (the service must not be a way into its own network), unless
    QUOTES_WEBHOOK_ALLOW_PRIVATE=1 (tests, on-premises receivers). None: it may."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "the URL must be http(s)://host/…"
    if os.environ.get("QUOTES_WEBHOOK_ALLOW_PRIVATE") == "1":
        return None
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443,
                                                               type=socket.SOCK_STREAM)}
    except (socket.gaierror, UnicodeError, ValueError) as error:
        return f"the host {parts.hostname!r} does not resolve ({error})"
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            return (f"the host {parts.hostname!r} resolves to {ip}, a loopback, private or link-local address "
                    "(set QUOTES_WEBHOOK_ALLOW_PRIVATE=1 to allow it)")
    return None
