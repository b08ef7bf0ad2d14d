"""gunicorn settings: `gunicorn -c gunicorn.conf.py app:app` (see Procfile and README).

The models load once, in the master (QUOTES_PRELOAD with preload_app), and the forked workers
share their memory copy-on-write. Each worker runs torch on TORCH_THREADS threads (default 1):
with WEB_CONCURRENCY workers, that keeps workers x threads within the machine's cores.
"""
import ctypes
import ctypes.util
import os

os.environ.setdefault("QUOTES_PRELOAD", "1")

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", max(1, (os.cpu_count() or 1))))
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
accesslog = None  # the app logs one JSON line per request (web/observability.py)


def post_fork(server, worker):
    import torch

    from desk import db

    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))
    db.reset_after_fork()  # each worker opens its own database connections


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
