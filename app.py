"""Flask application factory; `app` is what gunicorn serves (Procfile, gunicorn.conf.py)."""
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
}


def create_app(config: dict | None = None, preload: bool = False) -> Flask:
    """The service. Settings: DEFAULTS, overridden by the environment, then by `config`.

    With `preload`, the Stanza models load now (gunicorn's master does this once, before forking).
    """
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update({key: type(DEFAULTS[key])(os.environ[name])
                       for key, name in ENVIRONMENT.items() if name in os.environ})
    app.config.update(config or {})

    from web import errors, observability, security
    from web.api import api, health
    from web.openapi import openapi
    from web.page import page

    errors.register(app)
    observability.register(app)
    security.register(app)
    app.register_blueprint(api)
    app.register_blueprint(health)
    app.register_blueprint(openapi)
    app.register_blueprint(page)
    if preload:
        import quotes

        quotes.load_pipeline()
    return app


app = create_app(preload=os.environ.get("QUOTES_PRELOAD") == "1")
