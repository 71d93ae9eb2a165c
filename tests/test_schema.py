"""The JSON contract: the committed schema file is the model's schema, versioned."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from selon.model import SCHEMA_VERSION, Analysis, Article, json_schema

SCHEMA_FILE = Path(__file__).parents[1] / "src/selon/schema/analysis.schema.json"


def committed() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_committed_schema_file_equals_the_model_schema():
    # When this fails the output shape changed: bump SCHEMA_VERSION in model.py and run
    # `selon schema > src/selon/schema/analysis.schema.json`.
    assert committed() == json_schema()


def test_schema_names_its_version():
    schema = committed()
    assert schema["$id"] == f"https://selon.invalid/schema/analysis-{SCHEMA_VERSION}.json"
    assert schema["properties"]["schema_version"]["default"] == SCHEMA_VERSION


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(committed())


def test_minimal_analysis_validates_and_an_unknown_field_does_not():
    document = Analysis(language="fr", text="Il pleut.").model_dump(mode="json")
    jsonschema.validate(document, committed())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**document, "verdict": "overstated"}, committed())


def test_analysis_of_the_bundled_example_validates(analyzer):
    example = json.loads((Path(__file__).parents[1] / "examples/desertions.fr.json").read_text("utf-8"))
    analysis = analyzer.analyze_article(Article(**example))
    assert (analysis.id, analysis.published, analysis.language) == ("desertions", "2024-11-18", "fr")
    jsonschema.validate(analysis.model_dump(mode="json"), committed())
