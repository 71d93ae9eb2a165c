"""The pages in a real browser: highlighted spans, hover details, verdict banner, timeline, safety.

Each test saves screenshots under artifacts/screenshots/ (laptop and phone widths).
"""

from __future__ import annotations

from pathlib import Path

import httpx

from selon.ledger import content_hash
from selon.readers import read_path
from serve_fixtures import BODY, TITLE

PHONE = {"width": 390, "height": 844}
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "desertions.fr.txt"

# Offset of an element inside #body, in code points (Python's unit), from the page's own text.
OFFSET_JS = """(el) => {
  const range = document.createRange();
  range.setStart(document.getElementById(el.closest('#title') ? 'title' : 'body'), 0);
  range.setEnd(el, 0);
  return Array.from(range.toString()).length;
}"""


def css_background(page, selector: str) -> str:
    return page.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor")


def fits_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_bundled_example_is_analyzed_with_every_claim_marked_at_its_offsets(page, live_server, screenshot_dir):
    [(_, article)] = list(read_path(EXAMPLE))
    expected = httpx.post(f"{live_server}/api/analyze",
                          json={"text": article.text, "title": article.title}, timeout=120).json()

    page.goto(f"{live_server}/analyze")
    page.set_input_files("input[name=file]", str(EXAMPLE))
    page.click("button[type=submit]")
    page.wait_for_selector("#body")

    assert page.text_content("#body") == expected["text"]
    assert page.text_content("#title") == expected["title"]
    assert page.locator("#article mark.claim").count() == len(expected["claims"])
    for claim in expected["claims"]:
        pieces = page.locator(f'#article mark[data-claim="{claim["id"]}"]')
        assert "".join(pieces.all_text_contents()) == claim["text"]
        assert pieces.first.evaluate(OFFSET_JS) == claim["start"]
        assert pieces.first.get_attribute("data-certainty") == claim["certainty"]
    verdict = page.locator("#verdict")
    assert verdict.is_visible()
    if expected["headline"]:
        assert verdict.get_attribute("data-verdict") == expected["headline"]["verdict"]
    assert page.js_errors == []
    page.screenshot(path=str(screenshot_dir / "analyze-example-laptop.png"), full_page=True)


def test_hover_and_click_show_the_chain_hedges_and_figures_of_a_claim(page, live_server, screenshot_dir):
    page.goto(f"{live_server}/ledger/articles/{content_hash(TITLE, BODY)}")
    assert page.text_content("#body") == BODY

    page.hover('mark[data-claim="c2"]')
    details = page.locator("#details-body")
    assert details.get_attribute("data-claims") == "c2"
    chain = details.locator("ol.chain li")
    assert chain.count() == 2
    assert "Le Figaro" in chain.nth(0).text_content() and "cité par" in chain.nth(0).text_content()
    assert "un rapport de la Cour des comptes" in chain.nth(1).text_content()
    assert chain.nth(1).locator(".origin").text_content() == "origin"
    assert details.locator("ul.hedges q.hedge").all_text_contents() == ["seraient"]
    assert details.locator("tr.figure-row td").all_text_contents()[:3] == ["plus de 30 %", "30", "30"]
    # The claim's source and cue light up with it.
    assert page.locator("#body .source.active").all_text_contents() == ["un rapport de la Cour des comptes", "Le Figaro"]

    page.hover('mark[data-claim="c1"]')
    assert details.get_attribute("data-claims") == "c1"
    assert details.locator("ul.hedges q.hedge").all_text_contents() == ["pourrait"]

    page.click('mark[data-claim="c0"]')  # pinned: hovering elsewhere keeps it
    page.hover('mark[data-claim="c3"]')
    assert details.get_attribute("data-claims") == "c0"
    page.screenshot(path=str(screenshot_dir / "article-details-laptop.png"), full_page=True)


def test_claims_are_coloured_by_certainty_and_the_banner_gives_the_verdict(page, live_server, screenshot_dir):
    page.goto(f"{live_server}/ledger/articles/{content_hash(TITLE, BODY)}")
    assert css_background(page, 'mark[data-claim="c0"]') == "rgb(255, 231, 163)"  # probable
    assert css_background(page, 'mark[data-claim="c1"]') == "rgb(255, 201, 160)"  # possible
    assert css_background(page, 'mark[data-claim="c3"]') == "rgb(207, 224, 255)"  # certain
    assert "line-through" in page.eval_on_selector('mark[data-claim="c3"]', "el => getComputedStyle(el).textDecorationLine")
    assert page.locator("#legend .legend-item").count() == 6
    banner = page.locator("#verdict")
    assert banner.get_attribute("data-verdict") == "overstated"
    assert "certainty upgrade" in banner.text_content()
    assert page.locator("#title .headline-cue").text_content() == "ont quitté"

    page.set_viewport_size(PHONE)
    article_box = page.locator("#article").bounding_box()
    side_box = page.locator("#side").bounding_box()
    assert side_box["y"] >= article_box["y"] + article_box["height"]  # the side panel goes under the text
    assert fits_width(page)
    page.screenshot(path=str(screenshot_dir / "article-phone.png"), full_page=True)

    # On a phone, a tapped claim's details open as a sheet over the bottom of the screen.
    page.click('mark[data-claim="c2"]')
    sheet = page.locator("#details")
    assert "sheet" in sheet.get_attribute("class")
    box = sheet.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] + 1
    assert "Le Figaro" in page.text_content("#details-body")
    page.screenshot(path=str(screenshot_dir / "article-phone-sheet.png"))
    page.click("#details-close")
    assert "sheet" not in sheet.get_attribute("class")


def test_article_text_with_markup_shows_as_text_and_never_runs(page, live_server, screenshot_dir):
    hostile = ('Le préfet a écrit <script>window.__pwned = 1</script> et <img src=x onerror="window.__pwned = 2"> '
               '&amp; &lt;b&gt; <a href="javascript:window.__pwned=3">lien</a> «\u202eRTL\u202c» e\u0301 \U0001F525.\n'
               "Selon la mairie, 12 rues seraient fermées.")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{live_server}/analyze")
    page.fill("textarea[name=text]", hostile)
    page.select_option("select[name=lang]", "fr")
    page.click("button[type=submit]")
    page.wait_for_selector("#body")
    page.hover("#body")
    assert page.text_content("#body") == hostile
    assert page.locator("#body script, #body img, #body a").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert dialogs == [] and page.js_errors == []
    page.screenshot(path=str(screenshot_dir / "analyze-hostile-laptop.png"), full_page=True)


def test_trace_timeline_places_reports_by_date_and_outlet(page, live_server, screenshot_dir):
    page.goto(f"{live_server}/trace?q=1000%20soldiers")
    marks = page.locator("#timeline g.mark[data-article-id]")
    assert [marks.nth(i).get_attribute("data-article-id") for i in range(marks.count())] == ["nw-1", "lj-1", "bi-1"]
    boxes = [marks.nth(i).locator("circle.dot").bounding_box() for i in range(3)]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]                    # later dates further right
    assert len({round(b["y"]) for b in boxes}) == 3                         # one lane per outlet
    assert page.locator("#timeline path.arrow").count() == 3
    origin = page.locator("#timeline g.mark.origin")
    assert origin.count() == 1 and origin.locator("circle.ring").count() == 1
    assert "Ukrainian officials" in origin.locator("title").text_content()
    assert page.locator("#timeline text.mutation").first.text_content().startswith("certainty upgrade")
    assert page.locator("#reports li.report").count() == 3
    timeline_box = page.locator("#timeline").bounding_box()
    assert page.locator("#reports").bounding_box()["y"] > timeline_box["y"] + timeline_box["height"] - 1
    page.screenshot(path=str(screenshot_dir / "trace-laptop.png"), full_page=True)

    page.set_viewport_size(PHONE)
    assert fits_width(page)  # the timeline scrolls inside its box, the page does not
    page.screenshot(path=str(screenshot_dir / "trace-phone.png"), full_page=True)


def test_ledger_search_lists_claims_with_their_figures(page, live_server, screenshot_dir):
    page.goto(f"{live_server}/ledger")
    page.fill("input[name=q]", "soldats")
    page.click("form.search button")
    page.wait_for_selector("#results")
    rows = page.locator("#results tr.result")
    assert rows.count() == 2
    assert page.locator("#top-figures tr.top-figure").count() >= 1
    page.screenshot(path=str(screenshot_dir / "ledger-laptop.png"), full_page=True)
