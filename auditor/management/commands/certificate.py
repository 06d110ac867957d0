"""`auditor certificate issue|verify|list|revoke`: the licence certificates."""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.urls import reverse

from auditor.management.commands._console import (
    ActionCommand,
    add_edition,
    add_json,
    current_actor,
    dumps,
    refusals,
)
from auditor.management.commands._results_common import edition_for, run_for

EXIT_NOT_VALID = 1


def verify_url(code: str | None = None) -> str:
    base = settings.AUDITOR.public_url
    if not base:
        return ""
    path = reverse("web:certificate", args=[code]) if code else reverse("web:certificates")
    return base + path


class Command(ActionCommand):
    help = (
        "Certyfikaty Licencji Jakości: wystawienie (PDF), weryfikacja kodu, lista, unieważnienie."
    )

    def add_actions(self, sub):
        issue = sub.add_parser(
            "issue", help="Wystawia certyfikaty licencjonowanym uczestnikom (PDF)."
        )
        add_edition(issue)
        issue.add_argument(
            "--participant", type=int, action="append", help="Tylko ten uczestnik (ID)."
        )
        issue.add_argument("--output", default="certyfikaty", help="Katalog na pliki PDF.")
        issue.add_argument(
            "--valid-until", type=dt.date.fromisoformat, help="Ważny do (RRRR-MM-DD)."
        )
        verify = sub.add_parser("verify", help="Sprawdza kod weryfikacyjny certyfikatu.")
        verify.add_argument("code", help="Kod z certyfikatu, np. 7K3M-Q2XA-9RTD-H4WE.")
        add_json(verify)
        lst = sub.add_parser("list", help="Certyfikaty edycji.")
        add_edition(lst)
        revoke = sub.add_parser("revoke", help="Unieważnia certyfikat (zostaje w rejestrze).")
        revoke.add_argument("number", help="Numer certyfikatu, np. LZM/2027/0001.")
        revoke.add_argument("--reason", required=True, help="Powód (do dziennika zmian).")

    def handle_issue(self, edition, participant, output, valid_until, **_):
        from auditor.pdf import PdfError, html_to_pdf
        from results.certificates import issue_certificates, render_certificate
        from results.evidence_store import EvidenceStore
        from results.scoring import ranking_for

        edition_obj = edition_for(edition)
        run = run_for(edition_obj)
        ranking = ranking_for(run)
        issued = issue_certificates(
            edition_obj,
            run,
            ranking,
            actor=current_actor(),
            valid_until=valid_until,
            only=set(participant) if participant else None,
        )
        if not issued:
            self.stdout.write(
                "Żaden uczestnik tego przeliczenia nie ma licencji: nic nie wystawiono."
            )
            return
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        store = EvidenceStore()
        for item in issued:
            c = item.certificate
            with refusals(PdfError, returncode=2):
                pdf = html_to_pdf(render_certificate(c, verify_url()), page_numbers=False)
            sha = store.put(pdf, "application/pdf", "auditor certificate")
            if c.pdf_sha256 != sha:
                c.pdf_sha256 = sha
                c.save(update_fields=["pdf_sha256"])
            path = folder / f"certyfikat-{c.number.replace('/', '-')}.pdf"
            path.write_bytes(pdf)
            verb = "wystawiono" if item.created else "już był"
            self.stdout.write(f"{c.number} {verb}: {c.name} → {path} (kod {c.code})")

    def handle_verify(self, code, json: bool, **_):
        from results.certificates import public_facts, verify

        certificate = verify(code)
        if certificate is None:
            if json:
                self.stdout.write(dumps({"code": code, "found": False}))
            raise CommandError(
                "Nie ma certyfikatu z takim kodem: może być podrobiony albo źle przepisany.",
                returncode=EXIT_NOT_VALID,
            )
        facts = public_facts(certificate)
        if json:
            self.stdout.write(dumps({"code": certificate.code, "found": True, **facts}))
        else:
            self.stdout.write(
                f"Certyfikat {facts['number']}: {facts['name']}, edycja {facts['edition']}, "
                f"ważny od {facts['valid_from']} do {facts['valid_until']} — {facts['status']}."
            )
        if facts["status"] != "ważny":
            raise CommandError(f"Certyfikat jest {facts['status']}.", returncode=EXIT_NOT_VALID)

    def handle_list(self, edition, **_):
        from results.certificates import status_of
        from results.models import Certificate

        for c in Certificate.objects.filter(edition=edition_for(edition)):
            self.stdout.write(f"{c.number}\t{c.name}\tdo {c.valid_until}\t{status_of(c)}\t{c.code}")

    def handle_revoke(self, number, reason, **_):
        from django.utils import timezone

        from results.models import AuditLogEntry, Certificate

        certificate = Certificate.objects.filter(number=number).first()
        if certificate is None:
            raise CommandError(f"Nie ma certyfikatu {number}.", returncode=2)
        certificate.revoked_at = timezone.now()
        certificate.revoke_reason = reason
        certificate.save(update_fields=["revoked_at", "revoke_reason"])
        AuditLogEntry.objects.log(
            current_actor(),
            AuditLogEntry.Action.CERTIFICATE_REVOKE,
            ("certyfikat", number),
            reason=reason,
        )
        self.stdout.write(f"Unieważniono {number}.")
