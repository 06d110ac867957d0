"""`auditor probe website URL` and `auditor probe accessibility URL …`: one-off probes.

Both work without a registry: evidence goes to the evidence store (SQLite by default),
progress to stderr, results to stdout (a table, or JSON with --json).
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from auditor.management.commands._console import add_json, dumps
from results.db import ensure_database
from results.evidence_store import EvidenceStore, ThreadedSink
from rubrics.kinds import KIND_CODES


def judge_website(
    artifact: dict, kind: str | None, store: EvidenceStore, status: dict | None = None
) -> list[dict]:
    """Criterion results for the artifact, as the rubric of the current edition judges them.

    With a kind, the rubric engine decides applicability, site failures and our failures
    exactly as in a sweep; without one, every website criterion is evaluated.
    """
    from results.hydrate import hydrate_website
    from results.models import Edition
    from rubrics.engine import TEXTS, evaluate
    from rubrics.outcome import NOT_MEASURED, CriterionResult
    from rubrics.registry import CRITERIA
    from rubrics.rubric import load_rubric, newest_default

    # The newest edition's rubric, else the newest default one.
    edition = Edition.objects.order_by("-year").first()
    version = edition.rubric_version if edition else newest_default()
    rubric = load_rubric(version)
    website_channels = ("website", "accessibility")
    hydrated = hydrate_website(artifact, store)
    if kind:
        results = evaluate(rubric, kind, {"website": hydrated, "email": []}, status=status)
        results = [r for r in results if rubric.criterion(r.id).channel in website_channels]
    else:
        import rubrics.implementations  # noqa: F401 - registers the criteria

        results = []
        evidence = {"website": hydrated, "email": []}
        # Judged as of the probe's own time, as the engine does (never the wall clock).
        now = datetime.fromisoformat(artifact["finished_at"].replace("Z", "+00:00"))
        ctx = {"kind": None, "group": None, "now": now, "params": {}}
        if artifact["outcome"] == "ok":
            for criterion in rubric.criteria:
                if criterion.channel in website_channels and criterion.id in CRITERIA:
                    ctx["params"] = dict(criterion.params)
                    try:
                        results.append(CRITERIA[criterion.id](evidence, ctx))
                    except Exception as exc:  # noqa: BLE001 - ours, as in the engine
                        results.append(
                            CriterionResult(
                                criterion.id,
                                NOT_MEASURED,
                                None,
                                TEXTS["crashed"],
                                (),
                                {"error": f"{type(exc).__name__}: {exc}"},
                            )
                        )
    return [
        {
            "id": r.id,
            "status": r.status,
            "score": r.score,
            "explanation": r.explanation,
            "evidence": list(r.evidence),
        }
        for r in results
    ]


def gathered_facts(artifact: dict) -> list[tuple[str, str]]:
    """What was gathered, in Polish, for the table printed when no criteria are judged."""
    site = artifact["site"]
    pages = artifact["pages"]
    ok_pages = [p for p in pages if p.get("status") and p["status"] < 400]
    facts = [
        ("Wynik badania", artifact["outcome"]),
        (
            "Awaria",
            dumps(artifact["failure"]) if artifact["failure"] else "—",
        ),
        ("Strony zbadane", f"{len(pages)} (poprawne: {len(ok_pages)})"),
        ("HTTPS / certyfikat", dumps(site.get("tls"))),
        ("Przekierowanie HTTP→HTTPS", str(site.get("http_to_https"))),
        ("HSTS", str(site.get("hsts"))),
        ("robots.txt", "jest" if site.get("robots_txt") else "brak"),
        ("Mapa strony (sitemap)", dumps(site.get("sitemap"))),
        ("BIP", dumps(site.get("bip"))),
        (
            "Linki sprawdzone / uszkodzone",
            f"{site.get('links_checked')} / {len(site.get('broken_links') or [])}",
        ),
        (
            "PDF z warstwą tekstową",
            f"{sum(1 for p in site.get('pdfs') or [] if p.get('has_text_layer'))}"
            f" z {len(site.get('pdfs') or [])}",
        ),
        ("Nakładki dostępności", ", ".join(site.get("overlay_scripts") or []) or "brak"),
        (
            "Zewnętrzne żądania przed zgodą",
            str(len(site.get("third_party_requests_before_consent") or [])),
        ),
    ]
    for page in pages:
        depth = "?" if page.get("depth") is None else page["depth"]
        facts.append(
            (
                f"  [{depth}] {page['url']}",
                f"{page.get('status')} {page.get('title') or ''} lang={page.get('lang')}"
                + (f" błąd={page['error']['kind']}" if page.get("error") else ""),
            )
        )
    return facts


class Command(BaseCommand):
    help = "Jednorazowe badanie: strona WWW uczestnika albo dostępność (axe-core) stron."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="probe", required=True)
        web = sub.add_parser("website", help="Bada witrynę tak, jak szukałby mieszkaniec.")
        web.add_argument("url", nargs="?", help="Adres strony głównej.")
        web.add_argument("--participant", type=int, help="Identyfikator uczestnika z rejestru.")
        web.add_argument("--kind", choices=KIND_CODES, help="Rodzaj uczestnika (bez rejestru).")
        add_json(web)
        web.add_argument("--max-pages", type=int, default=50, help="Limit stron (domyślnie 50).")
        web.add_argument(
            "--time-budget",
            type=float,
            default=300.0,
            help="Limit czasu na witrynę w sekundach (domyślnie 300).",
        )
        web.add_argument(
            "--ignore-robots",
            action="store_true",
            help="Nie stosuj się do robots.txt (decyzja organizatora).",
        )
        acc = sub.add_parser("accessibility", help="Uruchamia axe-core na podanych stronach.")
        acc.add_argument("urls", nargs="+", help="Adresy stron.")
        add_json(acc, "Jeden obiekt JSON na wiersz.")

    def handle(self, *args, probe, **options):
        ensure_database()
        if probe == "website":
            return self.website(options)
        return self.accessibility(options)

    def progress(self, message: str) -> None:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()

    def website(self, options) -> None:
        from probes.website.crawler import ProbeSettings, probe_website, store_artifact

        url, kind = options["url"], options["kind"]
        emails: list[str] = []
        status = None
        if options["participant"] is not None:
            from results.models import Participant

            try:
                participant = Participant.objects.get(pk=options["participant"])
            except Participant.DoesNotExist as missing:
                raise CommandError(
                    f"Nie ma uczestnika o identyfikatorze {options['participant']}.",
                    returncode=2,
                ) from missing
            url = url or participant.website
            kind = kind or participant.kind
            emails = list(participant.emails or [])
            from results.scoring import legal_status

            status = legal_status(participant)
        if not url:
            raise CommandError("Podaj adres strony albo --participant.", returncode=2)
        store = EvidenceStore()
        settings = ProbeSettings(
            max_pages=options["max_pages"],
            time_budget_s=options["time_budget"],
            respect_robots=not options["ignore_robots"],
        )
        self.progress(f"Badam {url} (do {settings.max_pages} stron)…")
        sink = ThreadedSink(store)
        try:
            artifact = asyncio.run(
                probe_website(url, sink, settings, progress=self.progress, emails=emails)
            )
        finally:
            sink.close()
        artifact_sha = store_artifact(store, artifact)
        criteria = judge_website(artifact, kind, store, status)
        if options["json"]:
            payload = {
                "url": url,
                "kind": kind,
                "outcome": artifact["outcome"],
                "failure": artifact["failure"],
                "artifact_blob": artifact_sha,
                "criteria": criteria,
                "pages": len(artifact["pages"]),
                "facts": dict(gathered_facts(artifact)),
            }
            self.stdout.write(dumps(payload))
            return
        self.stdout.write(f"Badanie: {url}  wynik: {artifact['outcome']}  dowód: {artifact_sha}")
        if artifact["outcome"] != "ok" or not criteria:
            for label, value in gathered_facts(artifact):
                self.stdout.write(f"{label:40} {value}")
        for result in criteria:
            where = next((e.get("url") for e in result["evidence"] if e.get("url")), "")
            score = "—" if result["score"] is None else f"{result['score']:.2f}"
            self.stdout.write(
                f"{result['id']:7} {result['status']:15} {score:>5}  {result['explanation']}  {where}"
            )

    def accessibility(self, options) -> None:
        from probes.accessibility.axe import summarise
        from probes.accessibility.runner import audit_pages

        store = EvidenceStore()
        urls = options["urls"]

        sink = ThreadedSink(store)

        async def run() -> None:
            done = 0
            async for record in audit_pages(urls, sink=sink):
                done += 1
                self.progress(f"[{done}/{len(urls)}] {record['url']}")
                self.emit(record, options["json"], summarise)

        try:
            asyncio.run(run())
        finally:
            sink.close()

    def emit(self, record: dict, as_json: bool, summarise) -> None:
        buckets = (
            summarise(record["axe"])
            if record["axe"]
            else {"violations": [], "incomplete": [], "passes": [], "inapplicable": []}
        )
        if as_json:
            line = {
                "url": record["url"],
                "final_url": record["final_url"],
                "status": record["status"],
                "error": record["error"],
                "axe_blob": record["axe_blob"],
                "dialogs": record["dialogs"],
                "versions": record["versions"],
                **buckets,
            }
            self.stdout.write(dumps(line))
            return
        if record["error"]:
            self.stdout.write(
                f"{record['url']}: błąd {record['error']['kind']}: {record['error']['detail']}"
            )
            return
        self.stdout.write(
            f"{record['url']}: naruszenia {len(buckets['violations'])}, do sprawdzenia przez "
            f"człowieka {len(buckets['incomplete'])}, spełnione {len(buckets['passes'])}, "
            f"nie dotyczy {len(buckets['inapplicable'])}"
        )
        for rule in buckets["violations"]:
            self.stdout.write(
                f"  {rule['impact'] or '—':9} {rule['id']} ({len(rule['nodes'])} el.)"
            )
