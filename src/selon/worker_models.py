"""Imported by the worker pool's fork server (see `selon.pool`), not by the main process:
loads the spaCy pipeline of every language that has one, so the workers forked from the
server share these models instead of each loading its own."""

from . import langdata
from .analyze import Analyzer

analyzer = Analyzer()
for _lang in langdata.parsed_languages():
    try:
        analyzer.pipeline(_lang)
    except Exception:  # noqa: BLE001 - a model that fails to load here fails again, with its message, in the worker that needs it
        pass
