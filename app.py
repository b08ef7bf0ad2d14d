"""Flask application factory; `app` is what gunicorn serves (Procfile, gunicorn.conf.py)."""
from __future__ import annotations

import os

from flask import Flask

DEFAULTS = {
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,  # bytes of request body
    "MAX_CHARS": 200_000,  # characters of one article
    "MAX_BATCH_DOCS": 32,  # documents of one POST /v1/quotes/batch
}
ENVIRONMENT = {"MAX_CONTENT_LENGTH": "QUOTES_MAX_BODY_BYTES", "MAX_CHARS": "QUOTES_MAX_CHARS",
               "MAX_BATCH_DOCS": "QUOTES_MAX_BATCH_DOCS"}


def create_app(config: dict | None = None, preload: bool = False) -> Flask:
    """The service. Settings: DEFAULTS, overridden by the environment, then by `config`.

    With `preload`, the Stanza models load now (gunicorn's master does this once, before forking).
    """
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update({key: int(os.environ[name]) for key, name in ENVIRONMENT.items() if name in os.environ})
    app.config.update(config or {})

    from web import errors, observability
    from web.api import api, health
    from web.openapi import openapi
    from web.page import page

    errors.register(app)
    observability.register(app)
    app.register_blueprint(api)
    app.register_blueprint(health)
    app.register_blueprint(openapi)
    app.register_blueprint(page)
    if preload:
        import quotes

        quotes.load_pipeline()
    return app


app = create_app(preload=os.environ.get("QUOTES_PRELOAD") == "1")
