"""The command line: outputs, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from selon.cli import EXIT_INPUT, EXIT_INTERNAL, app, main
from selon.model import json_schema

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA = json.loads((Path(__file__).parents[1] / "src/selon/schema/analysis.schema.json").read_text("utf-8"))
EXAMPLE = Path(__file__).parents[1] / "examples"


@pytest.fixture()
def run(analyzer):
    """Run `selon ARGS…` in-process with the session's loaded pipelines."""
    runner = CliRunner()

    def invoke(*args: str, stdin: str | bytes | None = None):
        return runner.invoke(app, [str(a) for a in args], input=stdin, obj={"analyzer": analyzer})
    return invoke


def valid(document: dict) -> dict:
    jsonschema.validate(document, SCHEMA)
    return document


# --- analyze ----------------------------------------------------------------------------------

def test_analyze_prints_the_report_of_one_article(run):
    result = run("analyze", FIXTURES / "article.fr.txt")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{FIXTURES / 'article.fr.txt'} · language fr"
    assert lines[1] == "Headline: «Le fleuve déborde à Lyon»"
    assert result.stderr == ""


def test_analyze_json_is_one_document_valid_against_the_schema(run):
    result = run("analyze", FIXTURES / "article.json", "--format", "json")
    assert result.exit_code == 0, result.output
    document = valid(json.loads(result.stdout))
    assert (document["id"], document["language"], document["published"], document["title"]) == (
        "crue", "fr", "2024-10-18", "Le fleuve déborde à Lyon")
    assert document["text"] == "Selon la préfecture, plus de 200 habitants auraient quitté leur logement."


def test_analyze_bundled_example_validates_and_keeps_its_date(run):
    result = run("analyze", EXAMPLE / "desertions.fr.json", "-f", "json")
    assert result.exit_code == 0, result.output
    document = valid(json.loads(result.stdout))
    assert (document["id"], document["published"]) == ("desertions", "2024-11-18")
    assert document["title"] == "Armée russe : des régiments entiers désertent"


def test_published_and_lang_options_override_the_input(run):
    result = run("analyze", FIXTURES / "article.fr.txt", "--published", "2024-10-19", "--lang", "fr", "-f", "json")
    assert result.exit_code == 0, result.output
    document = valid(json.loads(result.stdout))
    assert (document["published"], document["language"]) == ("2024-10-19", "fr")


def test_jsonl_batch_analyzes_good_lines_and_reports_bad_ones_by_line(run):
    result = run("analyze", FIXTURES / "batch.jsonl", "--format", "jsonl")
    assert result.exit_code == EXIT_INPUT
    documents = [valid(json.loads(line)) for line in result.stdout.splitlines()]
    assert [(d["id"], d["language"]) for d in documents] == [("crue", "fr"), ("storm", "en")]
    base = FIXTURES / "batch.jsonl"
    assert result.stderr.splitlines() == [
        f"selon: {base}:2: invalid JSON: unterminated string starting (column 26)",
        f"selon: {base}:5: article object has no 'text' field",
        f"selon: {base}:6: unsupported language 'tlh' (supported: en, fr)",
        "selon: 3 of 5 inputs failed",
    ]


def test_several_articles_in_json_format_make_one_list_in_input_order(run):
    result = run("analyze", FIXTURES / "list.json", FIXTURES / "article.fr.txt", "-f", "json")
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)
    assert [valid(d)["id"] for d in documents] == ["crue", "storm", None]


def test_stdin_html_is_sniffed_and_analyzed(run):
    result = run("analyze", "-", "-f", "json", stdin=(FIXTURES / "page.html").read_bytes())
    assert result.exit_code == 0, result.output
    assert valid(json.loads(result.stdout))["outlet"] == "La Gazette du Rhône"


@pytest.mark.parametrize("fixture, problem", [
    ("empty.txt", "empty input"),
    ("blank.txt", "empty input"),
    ("picture.txt", "binary data, not text"),
    ("menu-only.html", "HTML page has no article body (no paragraph of text found)"),
    ("absent.txt", "no such file"),
])
def test_bad_input_gives_one_line_and_exit_1(run, fixture, problem):
    result = run("analyze", FIXTURES / fixture)
    assert result.exit_code == EXIT_INPUT
    assert result.stderr == f"selon: {FIXTURES / fixture}: {problem}\n"
    assert result.stdout == ""


def test_unsupported_language_is_one_line(run, tmp_path):
    path = tmp_path / "nl.json"
    path.write_text('{"language": "nl", "text": "De regering heeft het plan gisteren goedgekeurd."}')
    result = run("analyze", path)
    assert result.exit_code == EXIT_INPUT
    assert result.stderr == f"selon: {path}: unsupported language 'nl' (supported: en, fr)\n"


@pytest.mark.parametrize("args, line", [
    (["--published", "18/11/2024"], "selon: --published: '18/11/2024' is not a date YYYY-MM-DD"),
    (["--lang", "xx"], "selon: --lang: unsupported language 'xx' (supported: en, fr)"),
    (["--format", "xml"], "selon: --format: unknown format 'xml' (choose text, json, jsonl)"),
])
def test_bad_option_values_give_one_line(run, args, line):
    result = run("analyze", FIXTURES / "article.fr.txt", *args)
    assert result.exit_code == EXIT_INPUT
    assert result.stderr == line + "\n"


class Exploding:
    """An analyzer with a bug, to see what the user gets."""

    def analyze_article(self, article, name="input"):
        raise ZeroDivisionError("division by zero in the claim finder")


def test_unexpected_exception_is_one_internal_error_line_and_exit_70():
    result = CliRunner().invoke(app, ["analyze", str(FIXTURES / "article.fr.txt")], obj={"analyzer": Exploding()})
    assert result.exit_code == EXIT_INTERNAL
    assert result.stderr == ("selon: internal error: ZeroDivisionError: division by zero in the claim finder "
                             "(run `selon --debug …` for the traceback)\n")


def test_debug_shows_the_traceback_of_an_internal_error():
    result = CliRunner().invoke(app, ["--debug", "analyze", str(FIXTURES / "article.fr.txt")],
                                obj={"analyzer": Exploding()})
    assert result.exit_code == EXIT_INTERNAL
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.splitlines()[-1] == ("selon: internal error: ZeroDivisionError: division by zero in the "
                                              "claim finder")


def test_main_catches_what_escapes_a_command(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise MemoryError("no room")
    monkeypatch.setattr("selon.cli.app", broken)
    with pytest.raises(SystemExit) as exit_:
        main(["schema"])
    assert exit_.value.code == EXIT_INTERNAL
    assert capsys.readouterr().err == ("selon: internal error: MemoryError: no room "
                                       "(run `selon --debug …` for the traceback)\n")


def test_console_script_reports_a_missing_file_in_one_line():
    result = subprocess.run([sys.executable, "-m", "selon.cli", "analyze", "no-such-article.txt"],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert (result.returncode, result.stdout, result.stderr) == (
        EXIT_INPUT, "", "selon: no-such-article.txt: no such file\n")


# --- schema, eval, bench ------------------------------------------------------------------------

def test_schema_command_prints_the_model_schema(run):
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


def test_eval_scores_a_gold_file_and_prints_json(run, tmp_path):
    gold = tmp_path / "gold.jsonl"
    text = "Selon la préfecture, plus de 200 habitants auraient quitté leur logement."
    gold.write_text(json.dumps({
        "id": "g1", "language": "fr", "title": None, "text": text, "headline": None,
        "claims": [{"part": "body", "text": "plus de 200 habitants auraient quitté leur logement",
                    "chain": [{"source": "la préfecture", "kind": "government", "cue": "Selon"}],
                    "certainty": "probable", "polarity": "positive", "hedges": ["auraient"],
                    "quantities": [{"text": "plus de 200 habitants", "value": 200, "low": 200, "high": None,
                                    "approximate": False, "unit": "habitant"}]}]}, ensure_ascii=False) + "\n")
    result = run("eval", gold, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["groups"]["all"]["articles"] == 1
    assert report["groups"]["all"]["attribution"]["gold"] == 1


def test_eval_of_a_missing_gold_file_is_one_line(run, tmp_path):
    result = run("eval", tmp_path / "none.jsonl")
    assert result.exit_code == EXIT_INPUT
    assert result.stderr == f"selon: {tmp_path / 'none.jsonl'}: no such file\n"


def test_bench_measures_bare_and_full_throughput_on_the_given_texts(run):
    result = run("bench", FIXTURES / "article.json", "--repeats", "1", "--json")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    title = "Le fleuve déborde à Lyon"
    body = "Selon la préfecture, plus de 200 habitants auraient quitté leur logement."
    assert (row["lang"], row["docs"], row["chars"], row["repeats"]) == ("fr", 1, len(title) + len(body), 1)
    assert row["bare_chars_per_s"] > 0 and row["full_chars_per_s"] > 0
    assert row["ratio"] == pytest.approx(row["full_chars_per_s"] / row["bare_chars_per_s"], rel=0.01)


def test_bench_with_no_readable_text_is_one_line(run):
    result = run("bench", FIXTURES / "empty.txt")
    assert result.exit_code == EXIT_INPUT
    assert result.stderr == f"selon: {FIXTURES / 'empty.txt'}: no readable article to time\n"


# --- README and CI agree ------------------------------------------------------------------------

def test_ci_runs_the_readme_test_command_verbatim():
    root = Path(__file__).parents[1]
    readme = (root / "README.md").read_text("utf-8")
    ci = (root / ".ci/run").read_text("utf-8")
    test_command = 'python3 -m venv .venv && .venv/bin/pip install -e ".[test,serve]" && .venv/bin/python -m pytest'
    assert test_command in readme
    assert test_command in ci.splitlines()
    assert ci.index("# --- web: browser for Playwright tests (web engineer) ---") < ci.index(test_command)
