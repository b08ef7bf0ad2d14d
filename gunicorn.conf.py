"""gunicorn settings: `gunicorn -c gunicorn.conf.py 'app:create_app()'` (see Procfile and README).

The master checks the archive and loads the models once (on_starting, QUOTES_PRELOAD), and the forked
workers share their memory copy-on-write; each worker then makes its own app (cheap). Each worker runs
torch on TORCH_THREADS threads (default 1): with WEB_CONCURRENCY workers, that keeps workers x threads
within the machine's cores.
"""
import ctypes
import ctypes.util
import os
import sys

os.environ.setdefault("QUOTES_PRELOAD", "1")

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", max(1, (os.cpu_count() or 1))))
preload_app = False  # on_starting below loads what is costly, where a failure can stop the master cleanly
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
accesslog = None  # the app logs one JSON line per request (web/observability.py)


def on_starting(server):
    """In the master, before it listens or forks: an app made here checks the archive, imports the service's
    modules and (QUOTES_PRELOAD) loads the models, all of which the workers inherit. An archive the service
    cannot use (schema behind the code, database unreachable) stops it at once: one line, exit status 3."""
    from app import create_app
    from desk.db import ArchiveNotReady

    try:
        create_app(preload=os.environ["QUOTES_PRELOAD"] == "1")
    except ArchiveNotReady as error:  # serving would fail request by request: say why and stop
        print(f"quotes: {error}", file=sys.stderr, flush=True)
        raise SystemExit(3) from None


def post_fork(server, worker):
    import torch

    # each worker opens its own database connections: the master forks with none open (desk.db.ForkGuard)
    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))


# glibc keeps the memory of the parser's large, short-lived tensors (a long sentence's arc scores)
# in its free lists; handing it back after each request keeps every worker's footprint flat.
_LIBC = ctypes.CDLL(ctypes.util.find_library("c")) if ctypes.util.find_library("c") else None


def post_request(worker, req, environ, resp):
    if _LIBC is not None and hasattr(_LIBC, "malloc_trim"):
        _LIBC.malloc_trim(0)


def child_exit(server, worker):
    # with PROMETHEUS_MULTIPROC_DIR, a dead worker's metric files must stop counting as live gauges
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
