"""The per-request processing deadline, enforced even inside a long stage.

The engine checks its `deadline` between stages, but one stage can run far past it: each Stanza
stage takes a whole request (or batch) at once, and an article at the size limit keeps the tagger
or the parser busy for many seconds. So in the main thread (gunicorn's sync workers, the
test client) a SIGALRM timer raises quotes.DeadlineExceeded inside the stage too. The worker lives
on and serves the next request, instead of being killed by gunicorn's timeout mid-request.
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import quotes

# After the deadline the timer fires again at this interval until the work ends: an exception raised
# while a garbage-collector callback or a __del__ runs is dropped by Python ("Exception ignored"),
# and code that catches every exception swallows it, so one signal is not enough.
REFIRE_SECONDS = 0.25


def _raise_deadline_exceeded(signum, frame):
    raise quotes.DeadlineExceeded("the extraction did not finish within the time allowed")


@contextmanager
def deadline_after(seconds: float) -> Iterator[float]:
    """Yield the `time.monotonic()` instant `seconds` from now for the engine; past it, interrupt."""
    deadline = time.monotonic() + seconds
    # signals reach only the main thread; elsewhere the engine's own checks between stages remain
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield deadline
        return
    previous = signal.signal(signal.SIGALRM, _raise_deadline_exceeded)
    signal.setitimer(signal.ITIMER_REAL, seconds, REFIRE_SECONDS)
    try:
        yield deadline
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
