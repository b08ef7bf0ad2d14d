"""The Flask application factory: gunicorn serves `create_app()` (Procfile, gunicorn.conf.py); `flask --app app`
finds it too. Importing this module builds nothing and touches no database."""
from __future__ import annotations

import os

from flask import Flask

DEFAULTS = {
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,  # bytes of request body
    "MAX_CHARS": 200_000,  # characters of one article
    "MAX_BATCH_DOCS": 32,  # documents of one POST /v1/quotes/batch
    "DEADLINE_SECONDS": 30.0,  # processing time of one request
    "API_KEYS": "",  # comma-separated keys; authentication is off while no key is configured
    "API_KEYS_FILE": "",  # a file of sha256 hex digests of the keys, one per line
    # per API key, or per client address without keys; off unless set or keys are configured
    # (then web.security.KEYED_RATE_LIMIT per key)
    "RATE_LIMIT": "",
    "RATELIMIT_STORAGE_URI": "memory://",  # e.g. redis://host:6379 to share the counts between processes
    "CORS_ORIGINS": "",  # comma-separated origins (the CMS) allowed to call the API from a browser
    "DATABASE_URL": "",  # the quote desk's archive; empty: QUOTES_DATABASE_URL, else a SQLite file under ./data/
    "BROKER_URL": "",  # the backfill workers' Redis (jobs); empty: QUOTES_BROKER_URL, else redis://127.0.0.1:6379/0
    "MAX_JOB_DOCS": 10_000,  # documents of one POST /v1/jobs
    "MAX_JOB_BYTES": 64 * 1024 * 1024,  # request body of one POST /v1/jobs
    # open to anyone, never rate limited: a path itself or anything below it
    "OPEN_PATHS": ("/", "/healthz", "/readyz", "/metrics", "/docs", "/openapi.json", "/static"),
}
# Settings the environment can override; each value is parsed as the type of its default.
ENVIRONMENT = {
    "MAX_CONTENT_LENGTH": "QUOTES_MAX_BODY_BYTES",
    "MAX_CHARS": "QUOTES_MAX_CHARS",
    "MAX_BATCH_DOCS": "QUOTES_MAX_BATCH_DOCS",
    "DEADLINE_SECONDS": "QUOTES_DEADLINE_SECONDS",
    "API_KEYS": "API_KEYS",
    "API_KEYS_FILE": "API_KEYS_FILE",
    "RATE_LIMIT": "QUOTES_RATE_LIMIT",
    "RATELIMIT_STORAGE_URI": "RATELIMIT_STORAGE_URI",
    "CORS_ORIGINS": "CORS_ORIGINS",
    "DATABASE_URL": "QUOTES_DATABASE_URL",
    "BROKER_URL": "QUOTES_BROKER_URL",
    "MAX_JOB_DOCS": "QUOTES_MAX_JOB_DOCS",
    "MAX_JOB_BYTES": "QUOTES_MAX_JOB_BYTES",
}


def create_app(config: dict | None = None, preload: bool = False) -> Flask:
    """The service. Settings: DEFAULTS, overridden by the environment, then by `config`.

    With `preload`, the Stanza models and the desk's word vectors load now (gunicorn's master does this
    once, before forking). The archive must be usable: desk.db.ArchiveNotReady when its schema is behind
    the code or its database cannot be reached.
    """
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update({key: type(DEFAULTS[key])(os.environ[name])
                       for key, name in ENVIRONMENT.items() if name in os.environ})
    app.config.update(config or {})

    from desk.archive import Archive
    from web import errors, observability, security
    from web.api import api, health
    from web.desk import desk_api
    from web.jobs import jobs_api
    from web.openapi import openapi
    from web.page import page
    from web.webhooks import webhooks_api

    errors.register(app)
    observability.register(app)
    security.register(app)
    Archive().init_app(app)
    app.register_blueprint(api)
    app.register_blueprint(desk_api)
    app.register_blueprint(jobs_api)
    app.register_blueprint(webhooks_api)
    app.register_blueprint(health)
    app.register_blueprint(openapi)
    app.register_blueprint(page)
    if preload:
        import quotes
        from desk.vectors import load_vectors

        quotes.load_pipeline()
        load_vectors()
    return app
