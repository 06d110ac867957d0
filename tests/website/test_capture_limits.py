"""A hostile page cannot flood the driver: HTML, text and axe nodes are capped in the page."""

import asyncio
import json
from urllib.parse import quote

import pytest

from probes.accessibility.axe import AXE_TAGS, RUN_SCRIPT, AxeRunner
from probes.website import capture
from probes.website.browser import BrowserHost

from .conftest import run_probe

pytestmark = pytest.mark.browser  # every test here starts Chromium

IMAGES = "".join(
    f'<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="i{i}">' for i in range(10)
)
HTML = (
    "<!DOCTYPE html><html lang='pl'><head><title>Aktualności</title></head><body><main>"
    f"<h1>Aktualności</h1>{IMAGES}<p>{'Komunikat dla mieszkańców. ' * 200}</p></main></body></html>"
)


async def _capture_and_axe() -> tuple[dict, dict]:
    host = BrowserHost()
    try:
        browser = await host.start()
        context = await browser.new_context()
        await AxeRunner().install(context)
        page = await context.new_page()
        await page.goto("data:text/html;charset=utf-8," + quote(HTML))
        data = await page.evaluate(capture.EXTRACT_SCRIPT, [200, 30])
        axe = json.loads(await page.evaluate(RUN_SCRIPT, [list(AXE_TAGS), 3]))
        return data, axe
    finally:
        await host.stop()


def test_html_text_and_axe_nodes_are_cut_in_the_page_with_full_counts_kept():
    data, axe = asyncio.run(_capture_and_axe())
    assert data["html"].startswith('<!DOCTYPE html><html lang="pl">')
    assert len(data["html"]) == 200 and data["html_chars"] > 5000
    assert len(data["text"]) == 30 and data["text_chars"] > 5000
    image_alt = next(rule for rule in axe["violations"] if rule["id"] == "image-alt")
    assert len(image_alt["nodes"]) == 3 and image_alt["nodesTotal"] == 10
    # passes name every rule that passed, with at most one node each (resultTypes).
    assert axe["passes"] and all(len(rule["nodes"]) <= 1 for rule in axe["passes"])
    assert {rule["id"] for rule in axe["passes"]} >= {"document-title", "html-has-lang"}


def test_a_cut_page_says_so_in_its_record(world, monkeypatch):
    monkeypatch.setattr(capture, "MAX_HTML_CHARS", 100)
    _sink, artifact = run_probe(world.urls["gmina"], allow_private_networks=True, max_pages=1)
    home = artifact["pages"][0]
    assert home["truncated"]["html_chars"] > 100
    assert home["html_blob"]
