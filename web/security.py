"""Who may call the API, how often, and from which browser origins.

- Authentication is off while no key is configured (local use). With API_KEYS (comma-separated
  keys) or API_KEYS_FILE (sha256 hex digests, one per line), every request outside OPEN_PATHS
  needs `Authorization: Bearer <key>` or `X-API-Key: <key>`; otherwise 401 problem+json.
- Rate limits (Flask-Limiter): off for local use (no keys, no RATE_LIMIT), where one machine
  scoring an archive or a CMS behind one address would hit any per-address limit. RATE_LIMIT
  turns them on, per API key or per client address when keys are off; configured keys alone turn
  on KEYED_RATE_LIMIT per key. Counts in RATELIMIT_STORAGE_URI (memory:// per process,
  redis://... shared). 429 problem+json with Retry-After.
- CORS (flask-cors) only for the CORS_ORIGINS; none by default.
"""
from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from flask import Flask, current_app, request
from flask_cors import CORS
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address

from schemas.problems import problem
from web.errors import problem_response

KEY_DIGESTS = "API_KEY_DIGESTS"  # app.extensions entry: the accepted keys' sha256 digests
KEYED_RATE_LIMIT = "120/minute"  # per key, when keys are configured and RATE_LIMIT is not
# Flask-Limiter's own settings: rate-limit headers (Retry-After, X-RateLimit-*) on every limited
# response, and a storage outage (Redis down) counts in memory instead of failing the request.
LIMITER_SETTINGS = {
    "RATELIMIT_HEADERS_ENABLED": True,
    "RATELIMIT_SWALLOW_ERRORS": True,
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
}


def digest(key: str) -> str:
    """The sha256 hex digest of a key, as API_KEYS_FILE holds them (surrogatepass: a key read from
    the environment with undecodable bytes still hashes)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def split_list(value: str) -> list[str]:
    """The non-empty items of a comma-separated setting."""
    return [item.strip() for item in value.split(",") if item.strip()]


def configured_digests(config) -> list[str]:
    """sha256 hex digests of the accepted keys: API_KEYS hashed, plus the lines of API_KEYS_FILE."""
    digests = [digest(key) for key in split_list(config["API_KEYS"])]
    if config["API_KEYS_FILE"]:
        lines = (line.strip() for line in Path(config["API_KEYS_FILE"]).read_text(encoding="utf-8").splitlines())
        digests += [line.lower() for line in lines if line and not line.startswith("#")]
    return digests


def presented_key() -> str | None:
    """The key the client sent, from `Authorization: Bearer` or `X-API-Key`."""
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.headers.get("X-API-Key") or None


def is_accepted(key: str, digests: list[str]) -> bool:
    """Compare in constant time against every digest, so timing tells nothing of which one matched."""
    presented = digest(key)
    matches = [hmac.compare_digest(presented, accepted) for accepted in digests]
    return any(matches)


def is_open_request() -> bool:
    """Health checks, documentation, the landing page, and CORS preflights (browsers send no key
    with them): no key needed, no rate limit."""
    path = request.path
    return request.method == "OPTIONS" or any(
        path == open_path or (open_path != "/" and path.startswith(open_path + "/"))
        for open_path in current_app.config["OPEN_PATHS"])


def authenticate():
    digests = current_app.extensions[KEY_DIGESTS]
    if not digests or is_open_request():
        return None
    key = presented_key()
    if key is not None and is_accepted(key, digests):
        return None
    detail = ("Send your API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'."
              if key is None else "The API key is not valid.")
    return problem_response(problem(401, detail), headers={"WWW-Authenticate": "Bearer"})


def rate_limit_key() -> str:
    """Count per API key when keys are on (the key was checked before), else per client address."""
    key = presented_key() if current_app.extensions[KEY_DIGESTS] else None
    return f"key:{digest(key)}" if key else f"address:{get_remote_address()}"


def rate_limits(config, digests: list[str]) -> list[str]:
    """The limits every API request counts against: RATE_LIMIT, else KEYED_RATE_LIMIT with keys, else none."""
    limit = config["RATE_LIMIT"] or (KEYED_RATE_LIMIT if digests else "")
    return [limit] if limit else []


def register(app: Flask) -> None:
    app.extensions[KEY_DIGESTS] = configured_digests(app.config)
    # authentication first: a request without a valid key is refused before it counts
    app.before_request(authenticate)

    for name, value in LIMITER_SETTINGS.items():
        app.config.setdefault(name, value)
    limiter = Limiter(rate_limit_key, app=app, default_limits=rate_limits(app.config, app.extensions[KEY_DIGESTS]))
    limiter.request_filter(is_open_request)

    @app.errorhandler(RateLimitExceeded)
    def _too_many(error: RateLimitExceeded):
        # Flask-Limiter adds Retry-After and the X-RateLimit-* headers after this
        return problem_response(problem(
            429, f"The limit is {error.limit.limit} per client; retry after Retry-After seconds."))

    origins = split_list(app.config["CORS_ORIGINS"])
    if origins:
        CORS(app, origins=origins, allow_headers=["Authorization", "X-API-Key", "Content-Type"],
             expose_headers=["Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"])
