"""Hydration adds page bodies and axe results from the evidence store, never from the network."""

import json

import pytest

from results.evidence_store import EvidenceStore
from results.hydrate import hydrate_website

pytestmark = pytest.mark.django_db


def test_pages_get_html_text_and_axe_and_missing_blobs_stay_none(tmp_path):
    store = EvidenceStore(tmp_path)
    axe = {"violations": [{"id": "image-alt"}], "incomplete": [], "passes": [], "inapplicable": []}
    artifact = {
        "schema": "website/1",
        "outcome": "ok",
        "pages": [
            {
                "url": "https://gmina.example.pl/",
                "html_blob": store.put("<h1>Urząd Gminy</h1>".encode(), "text/html", "test"),
                "text_blob": store.put("Urząd Gminy".encode(), "text/plain", "test"),
                "axe_blob": store.put(json.dumps(axe).encode(), "application/json", "test"),
            },
            {
                "url": "https://gmina.example.pl/kontakt",
                "html_blob": "ab" * 32,
                "text_blob": None,
                "axe_blob": None,
            },
        ],
    }
    hydrated = hydrate_website(artifact, store)
    first, second = hydrated["pages"]
    assert first["html"] == "<h1>Urząd Gminy</h1>" and first["text"] == "Urząd Gminy"
    assert first["axe"]["violations"][0]["id"] == "image-alt"
    assert (second["html"], second["text"], second["axe"]) == (None, None, None)
    assert "html" not in artifact["pages"][0]  # the stored artifact is left as it was
