"""Who may call the API, how often, and from which browser origins.

- Authentication is off while no key is configured (local use). With API_KEYS (comma-separated
  keys) or API_KEYS_FILE (lines `<sha256 hex> [scopes] [name]`), every request outside OPEN_PATHS
  needs `Authorization: Bearer <key>` or `X-API-Key: <key>`; otherwise 401 problem+json.
- Scopes: `read` (every GET), `extract` (/v1/quotes, /v1/quotes/batch), `write` (POST and DELETE
  /v1/articles, /v1/jobs), `admin` (/v1/webhooks). A key of API_KEYS, or a file line with a digest
  alone, has every scope. A key without the scope of an operation gets 403 problem+json naming it.
  The key's name goes into the request log line, so that writes and deletes say who made them.
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app, g, request
from flask_cors import CORS
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address

from schemas.problems import problem
from web.errors import problem_response

KEYS = "API_KEYS"  # app.extensions entry: the accepted keys (ApiKey)
SCOPES = ("read", "extract", "write", "admin")
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


@dataclass(frozen=True)
class ApiKey:
    digest: str  # sha256 hex of the key
    scopes: frozenset[str]
    name: str  # for the logs: the file's name for it, else the start of its digest


class KeysFileError(ValueError):
    """A line of API_KEYS_FILE the service cannot read: it refuses to start rather than guess."""


def key_line(line: str, number: int) -> ApiKey:
    """An API_KEYS_FILE line: `<sha256 hex> [scopes] [name]`, scopes a comma list; a digest alone has every scope."""
    fields = line.split(maxsplit=2)
    key_digest = fields[0].lower()
    if len(key_digest) != 64 or any(char not in "0123456789abcdef" for char in key_digest):
        raise KeysFileError(f"API_KEYS_FILE line {number}: {fields[0]!r} is not a sha256 hex digest")
    scopes = split_list(fields[1]) if len(fields) > 1 else list(SCOPES)
    unknown = [scope for scope in scopes if scope not in SCOPES]
    if unknown or not scopes:
        raise KeysFileError(f"API_KEYS_FILE line {number}: unknown scopes {unknown}; the scopes are "
                            f"{', '.join(SCOPES)}")
    name = fields[2].strip() if len(fields) > 2 else f"key {key_digest[:8]}"
    return ApiKey(key_digest, frozenset(scopes), name)


def configured_keys(config) -> list[ApiKey]:
    """The accepted keys: API_KEYS (every scope), plus the lines of API_KEYS_FILE."""
    keys = [ApiKey(digest(key), frozenset(SCOPES), f"API_KEYS #{number + 1}")
            for number, key in enumerate(split_list(config["API_KEYS"]))]
    if config["API_KEYS_FILE"]:
        lines = Path(config["API_KEYS_FILE"]).read_text(encoding="utf-8").splitlines()
        keys += [key_line(line.strip(), number + 1) for number, line in enumerate(lines)
                 if line.strip() and not line.strip().startswith("#")]
    return keys


def requires_scope(scope: str) -> Callable:
    """Declare the scope a view needs (otherwise: `read` for GET, `admin` for anything else)."""
    assert scope in SCOPES, scope

    def declare(view: Callable) -> Callable:
        view.required_scope = scope
        return view
    return declare


# The scope an operation needs, first answer wins: what the view declares, `read` for a GET; whatever else
# changes something and was not declared is for administrators.
SCOPE_RULES: tuple[Callable[[Callable, str], str | None], ...] = (
    lambda view, method: getattr(view, "required_scope", None),
    lambda view, method: "read" if method in ("GET", "HEAD") else None,
    lambda view, method: "admin",
)


def required_scope(view: Callable, method: str) -> str:
    return next(scope for rule in SCOPE_RULES if (scope := rule(view, method)) is not None)


def presented_key() -> str | None:
    """The key the client sent, from `Authorization: Bearer` or `X-API-Key`."""
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.headers.get("X-API-Key") or None


def accepted_key(key: str, keys: list[ApiKey]) -> ApiKey | None:
    """Compare in constant time against every digest, so timing tells nothing of which one matched."""
    presented = digest(key)
    matches = [accepted for accepted in keys if hmac.compare_digest(presented, accepted.digest)]
    return matches[0] if matches else None


def is_open_request() -> bool:
    """Health checks, documentation, the landing page, and CORS preflights (browsers send no key
    with them): no key needed, no rate limit."""
    path = request.path
    return request.method == "OPTIONS" or any(
        path == open_path or (open_path != "/" and path.startswith(open_path + "/"))
        for open_path in current_app.config["OPEN_PATHS"])


def authenticate():
    keys = current_app.extensions[KEYS]
    if not keys or is_open_request():
        return None
    key = presented_key()
    accepted = accepted_key(key, keys) if key is not None else None
    if accepted is None:
        detail = ("Send your API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'."
                  if key is None else "The API key is not valid.")
        return problem_response(problem(401, detail), headers={"WWW-Authenticate": "Bearer"})
    g.api_key_name = accepted.name
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    scope = required_scope(view, request.method) if view is not None else "read"  # an unknown path: its 404
    if scope not in accepted.scopes:
        return problem_response(problem(403, f"This operation needs the '{scope}' scope; the API key has "
                                             f"{', '.join(sorted(accepted.scopes))}."))
    return None


def rate_limit_key() -> str:
    """Count per API key when keys are on (the key was checked before), else per client address."""
    key = presented_key() if current_app.extensions[KEYS] else None
    return f"key:{digest(key)}" if key else f"address:{get_remote_address()}"


def rate_limits(config, keys: list[ApiKey]) -> list[str]:
    """The limits every API request counts against: RATE_LIMIT, else KEYED_RATE_LIMIT with keys, else none."""
    limit = config["RATE_LIMIT"] or (KEYED_RATE_LIMIT if keys else "")
    return [limit] if limit else []


def register(app: Flask) -> None:
    app.extensions[KEYS] = configured_keys(app.config)
    # authentication first: a request without a valid key is refused before it counts
    app.before_request(authenticate)

    for name, value in LIMITER_SETTINGS.items():
        app.config.setdefault(name, value)
    limiter = Limiter(rate_limit_key, app=app, default_limits=rate_limits(app.config, app.extensions[KEYS]))
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
