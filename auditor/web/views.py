"""Pages of the jurors' and organisers' interface. Every view needs a login; each checks the
user's role and, for a participant's pages and files, that the participant is theirs."""

from __future__ import annotations

import re
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from auditor.web import judging, progress, roles
from auditor.web.evidence import OUTCOME_LABELS, load_evidence
from auditor.web.forms import (
    OVERRIDE_STATUS_CHOICES,
    AssessmentForm,
    IncompleteReviewForm,
    OverrideForm,
    ParticipantFilterForm,
)
from auditor.web.snapshot import FOUND_ID, defuse_snapshot
from results.contacts import visible_contacts
from results.evidence_store import EvidenceStore
from results.models import (
    AuditLogEntry,
    Edition,
    JurorAssessment,
    Override,
    Participant,
    ParticipantScoreRecord,
)
from results.overrides import OverrideError, add_override
from results.polish import plural
from results.scoring import latest_run
from results.web_models import (
    EVIDENCE_EMAIL_ARTIFACT,
    EVIDENCE_WEBSITE_ARTIFACT,
    IncompleteReview,
    ParticipantEvidence,
)

PAGE_SIZE = 50
# Served inline: raster images only. Everything else is a download, never rendered by us.
INLINE_MEDIA_TYPES = {"image/png", "image/jpeg", "image/webp", "image/gif"}
EVIDENCE_FILE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'self'; sandbox"
SNAPSHOT_POLICY = (
    "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "frame-ancestors 'self'; form-action 'none'; base-uri 'none'"
)


def actor_of(request: HttpRequest) -> str:
    return f"web:{request.user.get_username()}"


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "web/forbidden.html", {"message": message}, status=403)


def role_required(check, message: str = "Nie masz uprawnień do tej strony."):
    """A login plus a role check; 403 with a Polish page otherwise."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                return forbidden(request, message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def participant_view(view):
    """For a participant's pages: the user must be an organiser or the participant's juror."""

    @login_required
    @wraps(view)
    def wrapped(request, participant_id: int, *args, **kwargs):
        if not roles.may_open_participant(request.user, participant_id):
            return forbidden(request, "Ten uczestnik nie jest przydzielony do Twojego konta.")
        participant = get_object_or_404(Participant, pk=participant_id)
        return view(request, participant, *args, **kwargs)

    return wrapped


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if roles.can_see_participants(request.user):
        return redirect("web:participants")
    if roles.can_see_ranking(request.user):
        return redirect("web:ranking")
    return forbidden(request, "Twoje konto nie ma jeszcze przydzielonej roli.")


def _score_run(data: dict):
    """The score run whose points the list shows: the newest of the chosen (or latest) edition."""
    edition = Edition.objects.filter(year=data["edition"]).first() if data.get("edition") else None
    edition = edition or Edition.objects.order_by("-year").first()
    return latest_run(edition) if edition else None


def _participants_queryset(user, data: dict, run=None):
    website = ParticipantEvidence.objects.filter(
        participant=OuterRef("pk"), role=EVIDENCE_WEBSITE_ARTIFACT
    ).order_by("-gathered_at", "-id")
    qs = roles.visible_participants(user).annotate(
        probe_status=Subquery(website.values("outcome")[:1]),
        enquiry_count=Count(
            "evidence_links", filter=Q(evidence_links__role=EVIDENCE_EMAIL_ARTIFACT)
        ),
        answered=Count(
            "evidence_links",
            filter=Q(
                evidence_links__role=EVIDENCE_EMAIL_ARTIFACT, evidence_links__outcome="answered"
            ),
        ),
    )
    if run is not None:
        qs = qs.annotate(
            points=Subquery(
                ParticipantScoreRecord.objects.filter(run=run, participant=OuterRef("pk")).values(
                    "points"
                )[:1]
            )
        )
    if data.get("q"):
        q = data["q"].strip()
        qs = qs.filter(Q(name__icontains=q) | Q(website__icontains=q) | Q(nip=q) | Q(regon=q))
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("region"):
        qs = qs.filter(region=data["region"])
    if data.get("edition"):
        qs = qs.filter(editions__year=data["edition"])
    status = data.get("status")
    if status == "none":
        qs = qs.filter(probe_status__isnull=True)
    elif status:
        qs = qs.filter(probe_status=status)
    sort = data.get("sort") or "name"
    if sort in ("points", "-points") and run is None:
        sort = "name"
    order = {
        "status": ["probe_status", "name"],
        "-points": [F("points").desc(nulls_last=True), "name"],
        "points": [F("points").asc(nulls_last=True), "name"],
    }.get(sort, [sort, "id"])
    return qs.order_by(*order)


@role_required(roles.can_see_participants)
def participants(request: HttpRequest) -> HttpResponse:
    editions = list(Edition.objects.order_by("-year"))
    form = ParticipantFilterForm(request.GET or None, editions=editions)
    data = form.cleaned_data if form.is_valid() else {}
    run = _score_run(data)
    paginator = Paginator(_participants_queryset(request.user, data, run), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("strona"))
    for p in page.object_list:
        p.probe_status_label = OUTCOME_LABELS.get(p.probe_status or "", p.probe_status)
    organiser = roles.is_organiser(request.user)
    juror = roles.is_juror(request.user) and not organiser
    if juror:
        found = progress.juror_progress(request.user, list(page.object_list))
        for p in page.object_list:
            p.progress = found[p.pk]
    kept = {k: v for k, v in request.GET.items() if k != "strona" and v}
    return render(
        request,
        "web/participants.html",
        {
            "form": form,
            "page": page,
            "query_string": urlencode(kept),
            "run": run,
            "is_organiser": organiser,
            "juror_list": juror,
        },
    )


@participant_view
def participant_detail(request: HttpRequest, participant: Participant) -> HttpResponse:
    organiser = roles.is_organiser(request.user)
    edition = judging.edition_of(participant)
    evidence = load_evidence(participant, edition)
    review_forms = []
    if evidence.website:
        for item in evidence.website.incomplete:
            review_forms.append(
                IncompleteReviewForm(
                    initial={
                        "axe_blob": item["axe_blob"],
                        "page_url": item["page_url"],
                        "rule_id": item["rule_id"],
                        "target": item["target"],
                        "decision": item["review"].decision if item["review"] else None,
                        "comment": item["review"].comment if item["review"] else "",
                    },
                    prefix=f"i{item['index']}",
                )
            )
            item["form"] = review_forms[-1]
    context = {
        "participant": participant,
        "evidence": evidence,
        "is_organiser": organiser,
        "edition": edition,
        "criteria": None,
        "assessment_form": None,
        "override_form": None,
    }
    if edition is not None:
        criteria = judging.human_criteria(edition, participant, request.user, organiser)
        context["criteria"] = judging.criterion_results(
            edition, participant, evidence.enquiry_numbers
        )
        if context["criteria"] and evidence.website:
            judging.attach_snapshots(context["criteria"], evidence.website.pages)
        if context["criteria"] and not organiser:
            judging.hide_unjudged_human_results(context["criteria"], criteria)
        context["assessment_form"] = AssessmentForm(criteria=criteria) if criteria else None
        context["human_criteria"] = criteria
        context["contacts"] = visible_contacts(edition, participant, request.user, organiser)
        if roles.is_juror(request.user):
            from auditor.web.contact_views import ContactForm

            context["contact_form"] = ContactForm()
        specs = judging.machine_specs(edition, participant)
        context["override_form"] = OverrideForm(specs=specs) if specs else None
        context["correctable"] = {s.id for s in specs}
        context["confirmable"] = ("pass", "partial", "fail")
        context["override_statuses"] = OVERRIDE_STATUS_CHOICES
        context["overrides"] = Override.objects.filter(
            edition=edition, participant=participant
        ).order_by("-created_at", "-id")
    if roles.is_juror(request.user) and not organiser:
        context["my_progress"] = progress.juror_progress(request.user, [participant])[
            participant.pk
        ]
        context["next_participant"] = progress.next_unfinished(request.user, participant)
    return render(request, "web/participant_detail.html", context)


@require_POST
@participant_view
def assess(request: HttpRequest, participant: Participant) -> HttpResponse:
    """A juror's scores for the human criteria (organisers judge only through overrides)."""
    if not roles.is_juror(request.user):
        return forbidden(request, "Oceny wystawiają jurorzy.")
    edition = judging.edition_or_404(participant)
    criteria = judging.human_criteria(edition, participant, request.user, organiser=False)
    form = AssessmentForm(request.POST, criteria=criteria)
    if not form.is_valid():
        return render(
            request, "web/form_error.html", {"form": form, "participant": participant}, status=400
        )
    name = request.user.get_username()
    changed = 0
    with transaction.atomic():
        for item in criteria:
            score = form.cleaned_data.get(f"{item.spec.id}-score")
            comment = form.cleaned_data.get(f"{item.spec.id}-comment", "")
            if score is None:
                continue
            before = (item.own.score, item.own.comment) if item.own else None
            if before == (score, comment):
                continue
            JurorAssessment.objects.update_or_create(
                edition=edition,
                participant=participant,
                criterion_id=item.spec.id,
                juror=name,
                defaults={
                    "juror_user": request.user,
                    "score": score,
                    "comment": comment,
                    "date": timezone.localdate(),
                    "channel": item.spec.channel,
                },
            )
            AuditLogEntry.objects.log(
                actor_of(request),
                AuditLogEntry.Action.ASSESSMENT_SAVE,
                ("JurorAssessment", f"{participant.pk}:{item.spec.id}:{name}"),
                edition=edition.year,
                participant=participant.pk,
                criterion=item.spec.id,
                score=score,
                comment=comment,
                previous=None if before is None else list(before),
            )
            changed += 1
    if changed:
        text = f"Zapisano {plural(changed, 'ocenę,oceny,ocen')}."
    else:
        text = "Nie zmieniono żadnej oceny."
    messages.success(request, text, extra_tags="oceny")
    return redirect(f"{participant_url(participant)}#oceny")


@require_POST
@participant_view
def override(request: HttpRequest, participant: Participant) -> HttpResponse:
    """Correct a machine result, with a reason (an organiser or the participant's juror)."""
    edition = judging.edition_or_404(participant)
    if request.POST.get("potwierdz") == "1":
        return _confirm(request, participant, edition)
    form = OverrideForm(request.POST, specs=judging.machine_specs(edition, participant))
    if not form.is_valid():
        return render(
            request, "web/form_error.html", {"form": form, "participant": participant}, status=400
        )
    data = form.cleaned_data
    score = data["score"]
    if data["status"] == "pass" and score is None:
        score = 100.0
    if data["status"] == "fail" and score is None:
        score = 0.0
    try:
        add_override(
            edition,
            participant,
            data["criterion_id"],
            data["status"],
            None if score is None else score / 100,
            data["reason"],
            actor_of(request),
        )
    except OverrideError as exc:
        form.add_error(None, str(exc))
        return render(
            request, "web/form_error.html", {"form": form, "participant": participant}, status=400
        )
    return _back_to_criterion(
        request,
        participant,
        messages.success,
        "Zapisano korektę. Ranking uwzględni ją po najbliższym przeliczeniu wyników.",
    )


def _back_to_criterion(request: HttpRequest, participant, say, text: str) -> HttpResponse:
    """Back to the participant's page at the criterion the form came from, with `text` said
    there by `say` (messages.success or messages.error)."""
    anchor = _return_anchor(request)
    say(request, text, extra_tags=anchor)
    return redirect(f"{participant_url(participant)}#{anchor}")


def _return_anchor(request: HttpRequest) -> str:
    anchor = request.POST.get("wroc", "")
    if not re.fullmatch(r"kryterium-[A-Za-z0-9_.-]{1,60}", anchor):
        anchor = "korekty"
    return anchor


CONFIRMED = "Juror potwierdził wynik automatyczny po sprawdzeniu dowodu."


def _confirm(request: HttpRequest, participant: Participant, edition) -> HttpResponse:
    """A juror confirms a machine result as it stands: recorded as a correction with the
    machine's own status and score (so a result that blocks only after a juror's word, such
    as EML-Q4, now counts), taken from the newest score run, never from the form."""
    from results.models import CriterionResultRecord

    criterion_id = request.POST.get("criterion_id", "")
    if criterion_id not in {s.id for s in judging.machine_specs(edition, participant)}:
        return forbidden(request, "To kryterium nie jest oceniane automatycznie.")
    run = latest_run(edition)
    row = (
        CriterionResultRecord.objects.filter(
            score_record__run=run, score_record__participant=participant, criterion_id=criterion_id
        ).first()
        if run
        else None
    )
    if row is None or row.status not in ("pass", "partial", "fail"):
        return _back_to_criterion(
            request,
            participant,
            messages.error,
            "Nie ma wyniku automatycznego do potwierdzenia (niezmierzone).",
        )
    status, score = (row.original or {}).get("status"), (row.original or {}).get("score")
    if row.source != "override" or status is None:
        status, score = row.status, row.score
    note = request.POST.get("uwaga", "").strip()
    add_override(
        edition,
        participant,
        criterion_id,
        status,
        score,
        CONFIRMED + (f" {note}" if note else ""),
        actor_of(request),
    )
    return _back_to_criterion(
        request,
        participant,
        messages.success,
        f"Potwierdzono wynik {criterion_id}. Ranking uwzględni to po przeliczeniu.",
    )


@require_POST
@participant_view
def review_incomplete(request: HttpRequest, participant: Participant) -> HttpResponse:
    prefix = request.POST.get("prefix", "")
    form = IncompleteReviewForm(request.POST, prefix=prefix or None)
    if not form.is_valid():
        return render(
            request, "web/form_error.html", {"form": form, "participant": participant}, status=400
        )
    data = form.cleaned_data
    # Only items from this participant's own axe results may be reviewed.
    if not ParticipantEvidence.objects.filter(
        participant=participant, blob_id=data["axe_blob"]
    ).exists():
        return forbidden(request, "Ten wynik axe nie należy do tego uczestnika.")
    review, created = IncompleteReview.objects.update_or_create(
        participant=participant,
        axe_blob=data["axe_blob"],
        rule_id=data["rule_id"],
        target=data["target"],
        defaults={
            "page_url": data["page_url"],
            "decision": data["decision"],
            "comment": data["comment"],
            "reviewer": request.user,
        },
    )
    AuditLogEntry.objects.log(
        actor_of(request),
        AuditLogEntry.Action.INCOMPLETE_REVIEW,
        ("participant", participant.pk),
        rule_id=data["rule_id"],
        target=data["target"],
        page_url=data["page_url"],
        decision=data["decision"],
        comment=data["comment"],
        created=created,
    )
    return redirect(f"{participant_url(participant)}#niepewne")


def participant_url(participant: Participant) -> str:
    return reverse("web:participant", args=[participant.pk])


def _linked_blob(participant: Participant, sha256: str) -> ParticipantEvidence:
    link = (
        ParticipantEvidence.objects.filter(participant=participant, blob_id=sha256)
        .select_related("blob")
        .first()
    )
    if link is None:
        raise Http404("Brak takiego pliku w dowodach uczestnika.")
    return link


@participant_view
def evidence_file(request: HttpRequest, participant: Participant, sha256: str) -> HttpResponse:
    """One blob of the participant's evidence; images inline, all else as a download."""
    blob = _linked_blob(participant, sha256).blob
    store = EvidenceStore()
    try:
        handle = store.open(sha256)
    except FileNotFoundError as exc:
        raise Http404("Plik dowodu zniknął z magazynu.") from exc
    media_type = blob.media_type.split(";")[0].strip().lower()
    inline = media_type in INLINE_MEDIA_TYPES and request.GET.get("pobierz") is None
    if inline:
        response = FileResponse(handle, content_type=media_type)
    else:
        # Never let the browser render a participant's HTML, SVG or script as ours.
        is_text = media_type.startswith("text/") or media_type in {
            "application/json",
            "image/svg+xml",
            "message/rfc822",
        }
        content_type = "text/plain; charset=utf-8" if is_text else "application/octet-stream"
        extension = {"text/html": "html.txt", "application/json": "json"}.get(media_type, "bin")
        response = FileResponse(
            handle,
            content_type=content_type,
            as_attachment=True,
            filename=f"dowod-{sha256[:12]}.{extension}",
        )
    response["Content-Security-Policy"] = EVIDENCE_FILE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@participant_view
def snapshot(request: HttpRequest, participant: Participant, sha256: str) -> HttpResponse:
    """A page with the stored HTML in a sandboxed iframe (no scripts, nothing remote)."""
    link = _linked_blob(participant, sha256)
    if not link.blob.media_type.startswith("text/html"):
        raise Http404("To nie jest kopia strony HTML.")
    page_url = request.GET.get("url", "")
    element = request.GET.get("element", "")[:500]
    content_url = reverse("web:snapshot_content", args=[participant.pk, sha256])
    if element:
        content_url += "?" + urlencode({"element": element}) + "#" + FOUND_ID
    return render(
        request,
        "web/snapshot.html",
        {
            "participant": participant,
            "sha256": sha256,
            "page_url": page_url,
            "element": element,
            "content_url": content_url,
        },
    )


@xframe_options_sameorigin
@participant_view
def snapshot_content(request: HttpRequest, participant: Participant, sha256: str) -> HttpResponse:
    """The stored HTML itself, only for the sandboxed iframe: the CSP forbids scripts and
    every load except inline styles and data: images."""
    link = _linked_blob(participant, sha256)
    if not link.blob.media_type.startswith("text/html"):
        raise Http404("To nie jest kopia strony HTML.")
    try:
        body = EvidenceStore().read(sha256)
    except FileNotFoundError as exc:
        raise Http404("Plik dowodu zniknął z magazynu.") from exc
    highlight = request.GET.get("element", "")[:500] or None
    response = HttpResponse(
        defuse_snapshot(body, highlight), content_type="text/html; charset=utf-8"
    )
    response["Content-Security-Policy"] = SNAPSHOT_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    return response


@role_required(roles.is_organiser, "Dziennik zmian widzą tylko organizatorzy.")
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditLogEntry.objects.all()
    actor = request.GET.get("kto", "").strip()
    if actor:
        entries = entries.filter(actor__icontains=actor)
    action = request.GET.get("czynnosc", "").strip()
    if action:
        entries = entries.filter(action=action)
    page = Paginator(entries, 100).get_page(request.GET.get("strona"))
    kept = urlencode({k: v for k, v in (("kto", actor), ("czynnosc", action)) if v})
    return render(
        request,
        "web/audit_log.html",
        {
            "page": page,
            "actor": actor,
            "action": action,
            "actions": AuditLogEntry.Action.choices,
            "actor_qs": kept,
        },
    )


def static_file(request: HttpRequest, path: str) -> HttpResponse:
    """Our own CSS when no web server serves /static/ (one-machine use without DEBUG).

    Only files the staticfiles finders know (our apps' static folders) are served."""
    from django.contrib.staticfiles import finders

    found = finders.find(path)
    if not found or ".." in path.split("/"):
        raise Http404("Brak pliku.")
    response = FileResponse(open(found, "rb"))  # noqa: SIM115 - FileResponse closes it
    response["Cache-Control"] = "public, max-age=3600"
    return response
