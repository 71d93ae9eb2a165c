"""Reading articles: every format gives an Article, every bad input one error naming it."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from selon.errors import SelonError
from selon.model import Article
from selon.readers import MAX_BYTES, decode, find_inputs, read_bytes, read_path, sniff

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str, **kw) -> list[tuple[str, Article | SelonError]]:
    return list(read_path(FIXTURES / name, **kw))


def only_article(name: str, **kw) -> Article:
    [(_, item)] = read(name, **kw)
    assert isinstance(item, Article), item
    return item


def only_error(path: Path | str) -> str:
    [(_, item)] = list(read_path(path))
    assert isinstance(item, SelonError), item
    return str(item)


# --- formats --------------------------------------------------------------------------------

def test_text_file_first_line_is_the_title_when_a_body_follows():
    article = only_article("article.fr.txt")
    assert article.title == "Le fleuve déborde à Lyon"
    assert article.text == ("Selon la préfecture, plus de 200 habitants auraient quitté leur logement.\n"
                            "Les pompiers ont évacué trois écoles.")


def test_text_file_no_title_keeps_the_first_line_in_the_body():
    article = only_article("article.fr.txt", no_title=True)
    assert article.title is None
    assert article.text.startswith("Le fleuve déborde à Lyon\nSelon la préfecture")


def test_text_file_of_one_line_is_all_body():
    article = only_article("one-line.fr.txt")
    assert (article.title, article.text) == (None, "Le maire a déclaré que la crue était terminée.")


def test_text_file_windows_line_endings_become_newlines():
    article = only_article("crlf.fr.txt")
    assert article.title == "Grève à Marseille"
    assert article.text == "Selon le syndicat, près de 5 000 dockers ont cessé le travail."


def test_latin1_text_is_detected_and_decoded():
    article = only_article("latin1.fr.txt")
    assert article.title == "Récolte réduite en Bourgogne"
    assert article.text == "D'après les vignerons, la récolte aurait baissé de près de 30 % à cause de la grêle."


def test_html_page_gives_title_outlet_date_and_body_without_menus():
    article = only_article("page.html")
    assert article.title == "Crue du Rhône : des quartiers évacués"
    assert article.outlet == "La Gazette du Rhône"
    assert article.published == "2024-10-18"
    assert article.text == (
        "Selon la préfecture, plus de 200 habitants auraient quitté leur logement pendant la nuit de jeudi.\n"
        "Les pompiers rapportent que trois écoles ont été fermées par précaution dans le quartier de Perrache.")


def test_html_page_no_title_drops_the_title():
    assert only_article("page.html", no_title=True).title is None


def test_json_object_keeps_id_and_metadata_and_drops_gold_annotations():
    article = only_article("article.json")
    assert article.model_dump() == {
        "id": "crue", "language": "fr", "outlet": None, "url": None, "published": "2024-10-18",
        "title": "Le fleuve déborde à Lyon",
        "text": "Selon la préfecture, plus de 200 habitants auraient quitté leur logement."}


def test_json_list_names_each_item_by_its_position():
    items = read("list.json")
    assert [name for name, _ in items] == [f"{FIXTURES / 'list.json'}[1]", f"{FIXTURES / 'list.json'}[2]"]
    assert [a.id for _, a in items] == ["crue", "storm"]


def test_jsonl_batch_reports_bad_lines_by_number_and_reads_the_others():
    items = read("batch.jsonl")
    base = str(FIXTURES / "batch.jsonl")
    assert [name for name, _ in items] == [f"{base}:1", f"{base}:2", f"{base}:3", f"{base}:5", f"{base}:6"]
    assert [a.id for _, a in items if isinstance(a, Article)] == ["crue", "storm", "klingon"]
    errors = [str(e) for _, e in items if isinstance(e, SelonError)]
    assert errors == [f"{base}:2: invalid JSON: unterminated string starting (column 26)",
                      f"{base}:5: article object has no 'text' field"]


def test_stdin_is_sniffed(monkeypatch):
    html = (FIXTURES / "page.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(html)))
    [(name, article)] = list(read_path("-"))
    assert name == "<stdin>"
    assert article.outlet == "La Gazette du Rhône"


@pytest.mark.parametrize("text, kind", [
    ('{"text": "x"}', "json"),
    ('[{"text": "x"}]', "json"),
    ('{"text": "a"}\n{"text": "b"}\n', "jsonl"),
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("  <html lang='fr'><p>x</p></html>", "html"),
    ("Titre\nCorps de l'article.", "txt"),
    ("<3 ce n'est pas du HTML", "txt"),
])
def test_sniff_recognises_the_kind_of_stdin(text, kind):
    assert sniff(text) == kind


def test_read_bytes_takes_a_suffix_as_kind():
    [(name, article)] = list(read_bytes("upload.txt", "Titre\nLe corps.".encode(), ".txt"))
    assert (name, article.title, article.text) == ("upload.txt", "Titre", "Le corps.")


def test_utf8_byte_order_mark_is_not_part_of_the_title():
    [(_, article)] = list(read_bytes("bom.txt", "\ufeffTitre\nLe corps.".encode("utf-8"), "txt"))
    assert article.title == "Titre"


def test_utf16_with_byte_order_mark_is_decoded():
    assert decode("u16", "Le corps de l'article.".encode("utf-16")) == "Le corps de l'article."


# --- bad inputs: one line naming the input and the problem -----------------------------------

def test_empty_file_is_refused():
    assert only_error(FIXTURES / "empty.txt") == f"{FIXTURES / 'empty.txt'}: empty input"


def test_whitespace_only_file_is_refused():
    assert only_error(FIXTURES / "blank.txt") == f"{FIXTURES / 'blank.txt'}: empty input"


def test_binary_file_is_refused_whatever_its_suffix():
    assert only_error(FIXTURES / "picture.txt") == f"{FIXTURES / 'picture.txt'}: binary data, not text"


def test_html_without_article_body_is_refused():
    path = FIXTURES / "menu-only.html"
    assert only_error(path) == f"{path}: HTML page has no article body (no paragraph of text found)"


def test_missing_file_is_refused(tmp_path):
    assert only_error(tmp_path / "absent.txt") == f"{tmp_path / 'absent.txt'}: no such file"


def test_unknown_suffix_is_refused(tmp_path):
    path = tmp_path / "article.pdf"
    path.write_bytes(b"%PDF-1.7")
    assert only_error(path) == f"{path}: unsupported file type '.pdf' (known: .txt, .html, .htm, .json, .jsonl)"


def test_file_over_5_mb_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (MAX_BYTES + 1))
    assert only_error(path) == f"{path}: input is over 5 MB"


def test_invalid_json_file_names_line_and_column(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"text": "Le corps",\n "title": }')
    assert only_error(path) == f"{path}: invalid JSON: expecting value (line 2, column 11)"


def test_json_field_of_the_wrong_type_is_named(tmp_path):
    path = tmp_path / "typed.json"
    path.write_text('{"text": "Le corps.", "title": 12}')
    assert only_error(path) == f"{path}: field 'title': input should be a valid string"


def test_json_that_is_not_an_article_object_is_refused(tmp_path):
    path = tmp_path / "number.json"
    path.write_text("42")
    assert only_error(path) == f"{path}: expected an article object, got a number"


def test_bytes_no_encoding_explains_are_refused():
    with pytest.raises(SelonError) as err:
        decode("mess", bytes(range(128, 256)) * 8)
    assert str(err.value) == "mess: not text: no character encoding fits these bytes"


# --- finding inputs ----------------------------------------------------------------------------

def test_find_inputs_walks_folders_recursively_with_known_suffixes(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for rel in ("a.txt", "b/c.jsonl", "b/d.html", "b/e.pdf", ".hidden/f.txt", "b/.g.json"):
        (tmp_path / rel).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in find_inputs([tmp_path])]
    assert found == ["a.txt", "b/c.jsonl", "b/d.html"]


def test_find_inputs_yields_files_as_given_even_with_other_suffixes(tmp_path):
    given = tmp_path / "corpus.warc.gz"
    assert list(find_inputs([given])) == [given]
    (tmp_path / "x.warc.gz").write_bytes(b"")
    assert list(find_inputs([tmp_path], suffixes=(".warc.gz",))) == [tmp_path / "x.warc.gz"]


def test_read_path_on_a_folder_reads_every_known_file(tmp_path):
    (tmp_path / "one.txt").write_text("Titre\nPremier corps.")
    (tmp_path / "two.json").write_text('{"id": "deux", "text": "Second corps."}')
    assert [(Path(n).name, a.text) for n, a in read_path(tmp_path)] == [("one.txt", "Premier corps."),
                                                                         ("two.json", "Second corps.")]


def test_html_date_mentioned_in_the_body_is_not_taken_for_the_publication_date():
    html = ("<html><head><title>Retour sur l'invasion</title></head><body><article>"
            "<p>Le 24 février 2022, l'armée russe est entrée en Ukraine par le nord, l'est et le sud.</p>"
            "<p>Le 3 mars 2023, le ministère a publié un nouveau bilan des pertes subies depuis le début.</p>"
            "</article></body></html>")
    [(_, article)] = list(read_bytes("retour.html", html.encode(), "html"))
    assert article.published is None
    assert article.text.startswith("Le 24 février 2022, l'armée russe")


def test_stdin_json_lines_batch_is_read_line_by_line_even_over_5_mb(monkeypatch):
    line = json.dumps({"id": "x", "text": "Le corps de l'article. " * 1000}).encode() + b"\n"
    data = line * (MAX_BYTES // len(line) + 2)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(read_path("-"))
    assert len(items) == MAX_BYTES // len(line) + 2
    assert items[-1][0] == f"<stdin>:{len(items)}"
    assert all(isinstance(article, Article) for _, article in items)
