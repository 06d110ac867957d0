"""The participant report: self-contained Polish HTML with embedded proof and SVG charts."""

import re

import pytest

from results.charts import channel_comparison, distribution
from results.evidence_store import EvidenceStore
from results.models import CriterionResultRecord
from results.report import render_report, weighted_losses
from results.scoring import ranking_for, run_participants

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_report_embeds_screenshots_charts_and_what_to_improve(
    tmp_path, edition, make_participant, store_run
):
    store = EvidenceStore(tmp_path)
    shot = store.put(PNG, "image/png", "test")
    alfa = make_participant("Gmina <Alfa>")
    beta = make_participant("Gmina Beta")
    criteria = [
        ("INF-01", "pass", 1.0),
        ("INF-02", "fail", 0.0),
        ("INF-03", "partial", 0.5),
        ("TEC-03", "not_measured", None),
    ]
    run = store_run(
        edition,
        {
            alfa: (61.0, {"information": 0.5}, ["INF-02"], criteria),
            beta: (90.0, {"information": 0.9}, [], criteria[:1]),
        },
    )
    row = CriterionResultRecord.objects.get(score_record__participant=alfa, criterion_id="INF-01")
    row.evidence = [
        {
            "type": "page",
            "url": "https://host.example.pl/kontakt",
            "snippet": "tel. 22 123 45 67",
            "screenshot": shot,
        },
        {"type": "pages_searched", "urls": [f"https://host.example.pl/{i}" for i in range(20)]},
    ]
    row.save()
    blocking = CriterionResultRecord.objects.get(
        score_record__participant=alfa, criterion_id="INF-02"
    )
    blocking.blocking = True
    blocking.original = {"status": "pass", "score": 1.0, "explanation": "x", "source": "machine"}
    blocking.source = "override"
    blocking.save()

    participants = run_participants(run)
    html = render_report(run, ranking_for(run, participants), participants, alfa.pk, store)

    assert html.startswith("<!DOCTYPE html>") and '<html lang="pl">' in html
    assert "@page" in html and "Gmina &lt;Alfa&gt;" in html
    # Nothing remote: no script, no http(s) resource; the screenshot is a data: URI.
    assert "<script" not in html
    assert not re.search(r'(src|href)="https?:', html)
    assert "data:image/png;base64," in html and html.count("data:image/png;base64,") == 1
    assert "zrzut ekranu nr 1" in html and "i 5 innych" in html
    assert html.count("<svg") == 2 and "mediany kategorii" in html
    # The failed blocking criterion leads "what to improve first"; both results are shown.
    improve = html.split("Co poprawić najpierw")[1].split("Na tle kategorii")[0]
    assert improve.index("INF-02") < improve.index("INF-03")
    assert "blokuje licencję" in improve
    assert "wynik automatyczny przed korektą: spełnione, 100,00%" in html
    assert "niezmierzone" in html and "TEC-03" in html
    assert "nieprzyznana" in html


def test_weighted_losses_order_by_points_lost():
    participant = {
        "categories": [
            {"id": "a", "weight": 60.0, "score": 0.5},
            {"id": "b", "weight": 40.0, "score": 0.5},
        ],
        "criteria": [
            {
                "criterion_id": "A1",
                "category": "a",
                "weight": 1.0,
                "status": "fail",
                "score": 0.0,
                "blocking": False,
            },
            {
                "criterion_id": "A2",
                "category": "a",
                "weight": 1.0,
                "status": "pass",
                "score": 1.0,
                "blocking": False,
            },
            {
                "criterion_id": "B1",
                "category": "b",
                "weight": 3.0,
                "status": "partial",
                "score": 0.5,
                "blocking": False,
            },
            {
                "criterion_id": "B2",
                "category": "b",
                "weight": 1.0,
                "status": "not_measured",
                "score": None,
                "blocking": False,
            },
        ],
    }
    losses = weighted_losses(participant)
    assert [(c["criterion_id"], round(c["lost"], 2)) for c in losses] == [
        ("A1", 30.0),
        ("B1", 20.0),
    ]


def test_charts_are_plain_deterministic_svg():
    one = channel_comparison([("Strona WWW", 72.5, 60.0), ("E-mail", None, 40.0)])
    assert one == channel_comparison([("Strona WWW", 72.5, 60.0), ("E-mail", None, 40.0)])
    assert one.startswith("<svg") and "72,5" in one and "brak danych" in one
    hist = distribution([5, 15, 15, 99, 100], highlight=15)
    assert hist.count("<rect") == 10 and ">2<" in hist


@pytest.mark.browser
@pytest.mark.slow
def test_report_command_writes_a_tagged_polish_pdf(tmp_path, edition, make_participant, store_run):
    import subprocess

    from django.core.management import call_command

    alfa = make_participant("Gmina Zażółć Gęślą")
    store_run(edition, {alfa: (61.0, {"information": 0.5}, [], [("INF-01", "pass", 1.0)])})
    call_command(
        "report",
        "--edition",
        "2027",
        "--participant",
        str(alfa.pk),
        "--output",
        str(tmp_path),
        "--rubric",
        "test.1",
        "--pdf",
    )
    pdf = next(tmp_path.glob("raport-2027-*.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Gmina Zażółć Gęślą" in text and re.search(r"strona 1 z \d+", text)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Tagged:\s+yes", info) and "A4" in info
    assert re.search(rb"/Lang\s*\(pl\)", pdf.read_bytes())


def _report_of(run, participant):
    participants = run_participants(run)
    return render_report(run, ranking_for(run, participants), participants, participant.pk)


def test_a_failing_criterion_teaches_why_how_and_the_legal_basis(
    edition, make_participant, store_run
):
    gmina = make_participant("Gmina Uczona")
    run = store_run(
        edition,
        {
            gmina: (
                55.0,
                {"information": 0.5},
                ["INF-03"],
                [("INF-03", "fail", 0.0), ("INF-01", "pass", 1.0), ("INF-02", "pass", 1.0)],
            )
        },
        rubric_version="2027.4",
    )
    html = _report_of(run, gmina)
    assert "Najważniejsze wnioski" in html
    assert "Dlaczego to ważne:" in html and "osobom z niepełnosprawnościami" in html
    assert "Jak poprawić:" in html and "do 31 marca" in html
    assert "Podstawa prawna:" in html and "dostępności cyfrowej" in html
    # Passed criteria are folded away, the failing one is in plain sight.
    folded = html[html.index('<details class="folded">') :]
    assert "INF-01" in folded and "INF-02" in folded
    assert html.index("INF-03") < html.index('<details class="folded">')


def test_a_site_down_participant_reads_the_cause_once(edition, make_participant, store_run):
    gmina = make_participant("Gmina Bez Strony")
    ids = ["INF-01", "INF-02", "INF-08", "TEC-01", "TEC-02"]
    run = store_run(
        edition,
        {gmina: (20.0, {"information": 0.0}, [], [(cid, "fail", 0.0) for cid in ids])},
        rubric_version="2027.4",
    )
    proof = {
        "type": "site_failure",
        "url": "https://gmina-bez-strony.example.pl/",
        "kind": "http_5xx",
        "detail": "HTTP 503 Service Unavailable",
        "at": "2027-03-10T09:15:00+00:00",
    }
    for row in CriterionResultRecord.objects.filter(score_record__participant=gmina):
        row.evidence = [proof]
        row.explanation = "Strona uczestnika była niedostępna podczas badania: http_5xx — HTTP 503."
        row.save()
    html = _report_of(run, gmina)
    assert html.count("HTTP 503 Service Unavailable") == 1
    assert "10.03.2027, 10:15" in html  # Warsaw time, not UTC
    assert "kryteriów strony ocenionych na 0: 5" in html
    assert html.count("Strona uczestnika była niedostępna podczas badania") == 0


def test_the_report_compares_with_the_previous_edition_and_anonymised_groups(
    edition, make_participant, store_run
):
    import datetime as dt

    from results.models import Edition

    earlier = Edition.objects.create(
        year=2026, window_start=dt.date(2026, 3, 1), window_end=dt.date(2026, 5, 31)
    )
    gmina = make_participant("Gmina Rosnąca")
    others = [make_participant(f"Gmina Inna {n}") for n in range(4)]
    store_run(earlier, {gmina: (70.0, {"information": 0.7}, [], [("INF-01", "pass", 1.0)])})
    run = store_run(
        edition,
        {
            gmina: (85.0, {"information": 0.85}, [], [("INF-01", "pass", 1.0)]),
            **{
                p: (50.0 + 10 * n, {"information": 0.5}, [], [("INF-01", "pass", 1.0)])
                for n, p in enumerate(others)
            },
        },
    )
    others[0].region = "slaskie"
    others[0].save()
    html = _report_of(run, gmina)
    assert "Poprzednia edycja (2026): 70,00 pkt" in html
    assert "w edycji 2026: 70,00 pkt" in html
    assert "Na tle innych uczestników (anonimowo)" in html
    assert "Gmina Inna" not in html  # the groups never name anyone
    assert "próg licencji 70" in html  # the threshold on the histogram
    assert "rodzaj: Gmina wiejska</td><td>5</td>" in html


@pytest.mark.browser
@pytest.mark.slow
def test_the_edition_summary_pdf(tmp_path, edition, make_participant, store_run):
    import subprocess

    from django.core.management import call_command

    alfa = make_participant("Gmina Podsumowana")
    beta = make_participant("Spółdzielnia Zebrana", kind="spoldzielnia_mieszkaniowa")
    store_run(
        edition,
        {
            alfa: (81.0, {"information": 0.8}, [], [("INF-01", "pass", 1.0)]),
            beta: (55.0, {"information": 0.5}, [], [("INF-01", "fail", 0.0)]),
        },
    )
    call_command(
        "report",
        "--edition",
        "2027",
        "--summary",
        "--output",
        str(tmp_path),
        "--rubric",
        "test.1",
        "--pdf",
    )
    pdf = tmp_path / "podsumowanie-2027.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Podsumowanie edycji 2027" in text and "Gmina Podsumowana" in text
    assert "Spółdzielnia Zebrana" in text and "próg licencji 70" in text
    assert re.search(r"strona 1 z \d+", text)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    assert re.search(rb"/Lang\s*\(pl\)", pdf.read_bytes())
