"""schemathesis against the app's own OpenAPI document, in-process (WSGI, no network): generated
requests, valid and invalid, get no 5xx, and every response matches what the document says.

The apps come from fixtures, so each operation's cases are generated inside the test (schemathesis's
fixture-loaded schemas do not run on this pytest)."""
import schemathesis
from hypothesis import HealthCheck, event, given, settings
from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)

from app import create_app

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def check_every_operation(app, examples: int, check_response=lambda case, response: None) -> None:
    """`examples` generated cases of each operation of the app's document, sent to the app and checked."""
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 10, operations

    for operation in operations:
        @given(operation.as_strategy())
        @settings(max_examples=examples, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        def check(case):
            response = case.call_and_validate(checks=CHECKS)
            event(f"{case.method} {case.path} {response.status_code}")
            check_response(case, response)

        check()


def test_the_api_keeps_its_contract(app):
    check_every_operation(app, 25)  # the suite's app: no rate limit, as every request comes from one address


def test_the_contract_holds_without_a_key(app_config):
    """When the service requires keys and none is sent: 401 problems on /v1, health open."""
    def refused(case, response):
        if case.path.startswith("/v1/") and case.method != "OPTIONS":  # a CORS preflight carries no key
            assert response.status_code == 401

    check_every_operation(create_app({**app_config, "API_KEYS": "newsroom-key"}), 10, refused)
