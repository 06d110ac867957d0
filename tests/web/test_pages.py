"""What the pages show and the headers they carry."""

import pytest
from django.urls import reverse

from results.models import AuditLogEntry, IncompleteReview, ParticipantEvidence
from tests.web.conftest import login

pytestmark = [pytest.mark.django_db, pytest.mark.db_matrix]


def test_evidence_page_shows_every_part(client, world):
    login(client, world["juror"])
    response = client.get(reverse("web:participant", args=[world["a"].pk]))
    body = response.content.decode()
    assert '<html lang="pl">' in body and "Przejdź do treści" in body
    # Pages with click path, screenshots served by our view, snapshot link.
    assert "Zbadane podstrony (3)" in body
    assert f"/uczestnicy/{world['a'].pk}/pliki/" in body
    assert f"/uczestnicy/{world['a'].pk}/kopia/" in body
    # Violations grouped by rule, most severe first, elements from all pages.
    assert body.index("image-alt") < body.index("color-contrast")
    assert "elementów: 3" in body
    # Review queue: one incomplete item per page.
    assert body.count('class="review-form"') == 3
    # E-mail thread: class, latencies (wall clock and business hours), quoted text folded.
    assert "odpowiedź człowieka" in body
    assert "czas odpowiedzi: 1 dzień 4 godz. 26 min (w godzinach pracy: 12 godz. 26 min)" in body
    assert "<summary>Cytowany tekst</summary>" in body
    # Hostile content only ever escaped or defused.
    assert "<script>window.__pwned" not in body
    assert "&lt;script&gt;window.__pwned" in body
    assert "onerror=" not in body.replace("onerror=&quot;", "")
    assert 'src="http://evil' not in body and 'href="http://evil' not in body
    assert "⟨http://evil.example/track?id=1⟩" in body


def test_site_pages_carry_the_csp(client, world):
    login(client, world["organiser"])
    response = client.get(reverse("web:participants"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "form-action 'self'" in csp and "img-src 'self' data:" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(reverse("web:login"))["Content-Security-Policy"] == csp


def test_evidence_files_headers(client, world, store):
    login(client, world["organiser"])
    a = world["a"]
    links = ParticipantEvidence.objects.filter(participant=a).select_related("blob")
    by_type = {}
    for link in links:
        by_type.setdefault(link.blob.media_type.split(";")[0], link.blob_id)
    png = client.get(reverse("web:evidence_file", args=[a.pk, by_type["image/png"]]))
    assert png["Content-Type"] == "image/png"
    assert png["X-Content-Type-Options"] == "nosniff"
    assert png["Content-Security-Policy"].startswith("default-src 'none'")
    assert b"".join(png.streaming_content).startswith(b"\x89PNG")
    html = client.get(reverse("web:evidence_file", args=[a.pk, by_type["text/html"]]))
    assert html["Content-Type"] == "text/plain; charset=utf-8"
    assert html["Content-Disposition"].startswith("attachment")
    raw = client.get(reverse("web:evidence_file", args=[a.pk, by_type["message/rfc822"]]))
    assert (
        raw["Content-Type"].startswith("text/plain") and "attachment" in raw["Content-Disposition"]
    )


@pytest.fixture
def page_copy(client, world):
    """The juror is logged in; participant A and the hash of A's first stored HTML page."""
    login(client, world["juror"])
    a = world["a"]
    pages = ParticipantEvidence.objects.filter(
        participant=a, blob__media_type__startswith="text/html"
    )
    return a, pages.first().blob_id


def test_snapshot_served_only_sandboxed(client, page_copy):
    a, sha = page_copy
    wrapper = client.get(reverse("web:snapshot", args=[a.pk, sha]))
    assert wrapper.status_code == 200
    body = wrapper.content.decode()
    assert "<iframe" in body and " sandbox " in body and "allow-scripts" not in body
    content = client.get(reverse("web:snapshot_content", args=[a.pk, sha]))
    csp = content["Content-Security-Policy"]
    assert csp.startswith("sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'")
    assert content["X-Frame-Options"] == "SAMEORIGIN"
    assert b"<script" not in content.content
    # A non-HTML blob is not shown as a snapshot.
    png = ParticipantEvidence.objects.filter(participant=a, blob__media_type="image/png").first()
    assert client.get(reverse("web:snapshot_content", args=[a.pk, png.blob_id])).status_code == 404


def test_incomplete_review_is_saved_and_logged(client, world):
    login(client, world["juror"])
    a = world["a"]
    page = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    assert "Decyzja:" not in page
    from auditor.web.evidence import load_evidence

    item = load_evidence(a).website.incomplete[1]
    response = client.post(
        reverse("web:review_incomplete", args=[a.pk]),
        {
            "prefix": "i1",
            "i1-axe_blob": item["axe_blob"],
            "i1-page_url": item["page_url"],
            "i1-rule_id": item["rule_id"],
            "i1-target": item["target"],
            "i1-decision": "not_violation",
            "i1-comment": "Tekst na jednolitym tle, kontrast 7:1.",
        },
    )
    assert response.status_code == 302
    review = IncompleteReview.objects.get()
    assert (review.decision, review.reviewer, review.target) == (
        "not_violation",
        world["juror"],
        item["target"],
    )
    entry = AuditLogEntry.objects.get(action="incomplete.review")
    assert entry.actor == "web:juror" and entry.details["decision"] == "not_violation"
    page = client.get(reverse("web:participant", args=[a.pk])).content.decode()
    assert "Decyzja: <strong>brak naruszenia</strong>" in page
    # Organisers see it in the audit log.
    client.logout()
    login(client, world["organiser"])
    log = client.get(reverse("web:audit_log")).content.decode()
    assert "ocena wyniku niepewnego axe" in log and "web:juror" in log


def test_invalid_review_is_rejected(client, world):
    login(client, world["juror"])
    response = client.post(
        reverse("web:review_incomplete", args=[world["a"].pk]),
        {"prefix": "i0", "i0-axe_blob": "nie-hash", "i0-decision": "maybe"},
    )
    assert response.status_code == 400
    assert not IncompleteReview.objects.exists()


def test_participant_filters_and_search(client, world):
    login(client, world["organiser"])
    url = reverse("web:participants")
    both = client.get(url).content.decode()
    assert world["a"].name in both and world["b"].name in both
    only_b = client.get(url, {"region": "slaskie"}).content.decode()
    assert world["a"].name not in only_b and world["b"].name in only_b
    by_kind = client.get(url, {"kind": "gmina_wiejska"}).content.decode()
    assert world["a"].name in by_kind and world["b"].name not in by_kind
    search = client.get(url, {"q": "gmina2.example"}).content.decode()
    assert world["b"].name in search and world["a"].name not in search
    assert "Znaleziono: 2" in client.get(url, {"status": "ok", "edition": 2027}).content.decode()
    assert "Znaleziono: 0" in client.get(url, {"status": "none"}).content.decode()
    assert "Znaleziono: 0" in client.get(url, {"status": "site_failure"}).content.decode()
    desc = client.get(url, {"sort": "-name"}).content.decode()
    assert desc.index(world["b"].name) < desc.index(world["a"].name)


def test_own_stylesheet_is_served_without_debug(client):
    response = client.get("/static/web/site.css")
    assert response.status_code == 200
    assert b".skip-link" in b"".join(response.streaming_content)
    assert response["Content-Type"].startswith("text/css")
    assert client.get("/static/../settings.py").status_code in (400, 404)
    assert client.get("/static/web/%2e%2e/%2e%2e/apps.py").status_code in (400, 404)
    assert client.get("/static/web/nie-ma.css").status_code == 404


def test_ranking_overview_shows_each_category_head(client, world):
    from auditor.web.demo_evidence import create_bulk_participants
    from results.models import ParticipantScoreRecord, ScoreRun

    people = create_bulk_participants(60, world["edition"])
    run = ScoreRun.objects.create(
        edition=world["edition"],
        rubric_version="2027.1",
        input_digest="0" * 64,
        output_digest="1" * 64,
        threshold=70.0,
        statuettes_per_category=3,
    )
    ParticipantScoreRecord.objects.bulk_create(
        ParticipantScoreRecord(run=run, participant=p, points=50 + n % 40, licence_gaps=[])
        for n, p in enumerate(people)
    )
    login(client, world["observer"])
    overview = client.get(reverse("web:ranking")).content.decode()
    assert "pierwsze 15 z 15" not in overview
    assert "Pokaż całą kategorię „Gmina wiejska” (15)" not in overview  # 15 ≤ 25 shown whole
    assert "Nominacje do statuetki (decydują Eksperci):" in overview and "✓ licencja" in overview
    assert "★ statuetka" not in overview  # no statuette until an expert decides one
    whole = client.get(reverse("web:ranking"), {"kategoria": "gmina_miejska"}).content.decode()
    assert "Gmina miejska" in whole and "Gmina wiejska</h2>" not in whole
    # Observers see names but no links into evidence.
    assert f'href="/uczestnicy/{people[0].pk}/"' not in overview


def test_snapshot_highlights_the_found_element(client, page_copy):
    a, sha = page_copy
    wrapper = client.get(reverse("web:snapshot", args=[a.pk, sha]), {"element": "body > h1"})
    assert "tresc/?element=body+%3E+h1#auditor-znaleziony-element" in wrapper.content.decode()
    content = client.get(
        reverse("web:snapshot_content", args=[a.pk, sha]), {"element": "body > h1"}
    )
    html = content.content.decode()
    assert '<h1 id="auditor-znaleziony-element">' in html
    assert "#auditor-znaleziony-element { outline" in html
    # A hostile "selector" is never written into the page.
    for hostile in ["</style><script>window.__pwned=1</script>", "h1{}*{background:url(//x)}"]:
        html = client.get(
            reverse("web:snapshot_content", args=[a.pk, sha]), {"element": hostile}
        ).content.decode()
        assert "__pwned=1" not in html and "url(//x)" not in html
        assert "auditor-znaleziony-element" not in html


def test_proof_links_to_the_page_copy():
    from types import SimpleNamespace

    from auditor.web.judging import attach_snapshots, evidence_item

    raw = {"type": "element_found", "url": "http://g.example/kontakt", "selector": "footer a"}
    criteria = {
        "rows": [{"record": SimpleNamespace(evidence=[raw]), "evidence": [evidence_item(raw)]}]
    }
    pages = [{"url": "http://g.example/kontakt", "html_blob": "a" * 64}]
    attach_snapshots(criteria, pages)
    item = criteria["rows"][0]["evidence"][0]
    assert (item["snapshot"], item["selector"]) == ("a" * 64, "footer a")
    assert {"label": "selektor CSS elementu", "value": "footer a", "pre": False} in item[
        "technical"
    ]
