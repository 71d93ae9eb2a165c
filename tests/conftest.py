"""Shared fixtures. The spaCy pipelines are loaded once per test session."""

from __future__ import annotations

import pytest

from selon.analyze import Analyzer


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="session")
def nlp_fr(analyzer):
    return analyzer.pipeline("fr")


@pytest.fixture(scope="session")
def nlp_en(analyzer):
    return analyzer.pipeline("en")
