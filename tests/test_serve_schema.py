"""The API against its own OpenAPI spec: generated requests never get a 5xx, and every answer
has a status code, content type and body the spec declares."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)

from selon.serve import ServeSettings, create_app
from serve_fixtures import desertion_story, medecins_analysis, store

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(analyzer, tmp_path_factory):
    db = tmp_path_factory.mktemp("schema") / "story.duckdb"
    store(db, *desertion_story(), medecins_analysis())
    # A small body cap keeps generated ingest batches short; the token stays unset so that
    # generated ingest requests reach the analysis.
    app = create_app(db_path=db, analyzer=analyzer, settings=ServeSettings(max_body_bytes=16 * 1024, token=None))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


# Listed here rather than with `@schema.parametrize()`, whose lazy fixture loading does not
# run under this pytest; `test_every_api_operation_is_fuzzed` keeps the list complete.
OPERATIONS = [("POST", "/api/analyze"), ("GET", "/api/articles"), ("GET", "/api/articles/{article_hash}"),
              ("GET", "/api/claims"), ("GET", "/api/figures"), ("GET", "/api/trace"), ("POST", "/api/ingest"),
              ("GET", "/healthz")]


def test_every_api_operation_is_fuzzed(api_schema):
    spec = api_schema.raw_schema["paths"]
    assert sorted((method.upper(), path) for path, item in spec.items() for method in item) == sorted(OPERATIONS)


@pytest.mark.parametrize("method, path", OPERATIONS)
def test_api_answers_every_generated_request_as_its_spec_says(api_schema, method, path):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def answers_as_specified(case):
        case.call_and_validate(checks=CHECKS)

    answers_as_specified()
