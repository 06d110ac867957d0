"""Sweep status for organisers: running and recent sweeps with their progress, the runs that
failed (the participant's failure, scored) or were not measured (ours), and a second try of
the not-measured ones as a new sweep."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from auditor.web import roles
from auditor.web.evidence import OUTCOME_LABELS
from auditor.web.run_errors import explain_error
from auditor.web.sweep_retry import retry_not_measured, run_command
from auditor.web.sweep_start import (
    REFRESH_SECONDS,
    SweepStartForm,
    cancel_sweep,
    last_activity,
    start_in_background,
    start_sweep,
    time_left,
)
from auditor.web.views import actor_of, role_required
from probes.failures import explanation
from results.models import Edition, ProbeRun, Sweep
from results.sweep_models import PROBES
from scheduler.sweeps import SweepProgress

SWEEPS_SHOWN = 10
# Problem runs per sweep on the overview; the sweep's own page lists them all.
PROBLEMS_SHOWN = 10
PROBLEMS_PAGE = 100
PROBLEM_STATUSES = (ProbeRun.Status.NOT_MEASURED, ProbeRun.Status.FAILED)
PROBE_LABELS = dict(PROBES)
FORBIDDEN = "Przebiegi badania widzą tylko organizatorzy."


@dataclass
class SweepRow:
    sweep: Sweep
    progress: SweepProgress
    problems: list[ProbeRun] = field(default_factory=list)
    retries: list[Sweep] = field(default_factory=list)

    @property
    def problem_count(self) -> int:
        return self.progress.failed + self.progress.not_measured

    @property
    def percent(self) -> int:
        total = self.progress.total
        return round(100 * self.progress.finished / total) if total else 100

    @property
    def command(self) -> str:
        return run_command(self.sweep)

    @property
    def time_left(self) -> str | None:
        return time_left(self.sweep, self.progress)


def _progress_by_sweep(ids: list[int]) -> dict[int, SweepProgress]:
    """Every shown sweep's counts in one query (scheduler.sweeps.progress is one per sweep)."""
    counts: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    rows = (
        ProbeRun.objects.filter(sweep_id__in=ids)
        .order_by()
        .values_list("sweep_id", "status")
        .annotate(n=Count("id"))
    )
    for sweep_id, status, n in rows:
        counts[sweep_id][status] = n
    return {
        pk: SweepProgress(
            total=sum(c.values()),
            pending=c.get(ProbeRun.Status.PENDING, 0),
            running=c.get(ProbeRun.Status.RUNNING, 0),
            done=c.get(ProbeRun.Status.DONE, 0),
            failed=c.get(ProbeRun.Status.FAILED, 0),
            not_measured=c.get(ProbeRun.Status.NOT_MEASURED, 0),
        )
        for pk, c in counts.items()
    }


def _problems():
    """Failed and not-measured runs, ours first, with what the table shows."""
    return (
        ProbeRun.objects.filter(status__in=PROBLEM_STATUSES)
        .select_related("participant")
        .only(
            "sweep_id",
            "participant_id",
            "participant__name",
            "probe",
            "status",
            "attempts",
            "outcome",
            "error",
            "error_kind",
            "finished_at",
        )
        .annotate(
            ours_first=Case(
                When(status=ProbeRun.Status.NOT_MEASURED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    )


def _describe(runs) -> list[ProbeRun]:
    """What the template shows of each run: the probe's name and the last error in Polish."""
    runs = list(runs)
    for run in runs:
        run.probe_label = PROBE_LABELS.get(run.probe, run.probe)
        if run.status == ProbeRun.Status.NOT_MEASURED:
            run.explanation = explain_error(run.error, run.error_kind)
        elif explanation(run.error_kind):
            run.explanation = f"Błąd po stronie uczestnika: {explanation(run.error_kind)}"
        else:
            label = OUTCOME_LABELS.get(run.outcome, run.outcome or "błąd uczestnika")
            run.explanation = f"Błąd po stronie uczestnika: {label}."
    return runs


def _retries_of(ids: list[int]) -> dict[int, list[Sweep]]:
    found: dict[int, list[Sweep]] = {pk: [] for pk in ids}
    for retry in Sweep.objects.filter(options__retry_of__in=ids).order_by("created_at", "id"):
        found.setdefault(retry.options["retry_of"], []).append(retry)
    return found


def _refresh(request: HttpRequest, running: bool) -> dict:
    """The self-refresh is the user's choice (?odswiezaj=1), never the default: a page that
    reloads itself unasked fails WCAG 2.2.1 as axe checks it (meta-refresh); while a sweep
    runs the page offers it, and when on, the way to turn it off."""
    wanted = request.GET.get("odswiezaj") == "1"
    return {
        "refresh": REFRESH_SECONDS if running and wanted else None,
        "refresh_seconds": REFRESH_SECONDS,
        "running": running,
    }


@role_required(roles.is_organiser, FORBIDDEN)
def sweeps(request: HttpRequest) -> HttpResponse:
    """Running sweeps first, then the newest; each with counts, a progress bar and problems."""
    shown = list(
        Sweep.objects.select_related("edition")
        .annotate(
            running_first=Case(
                When(status=Sweep.Status.RUNNING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("running_first", "-created_at", "-id")[:SWEEPS_SHOWN]
    )
    ids = [s.pk for s in shown]
    progress = _progress_by_sweep(ids)
    # The first PROBLEMS_SHOWN of each sweep in one query, numbered per sweep by a window.
    problems = (
        _problems()
        .filter(sweep_id__in=ids)
        .annotate(
            row=Window(
                RowNumber(),
                partition_by=[F("sweep_id")],
                order_by=[F("ours_first").asc(), F("participant_id").asc(), F("probe").asc()],
            )
        )
        .filter(row__lte=PROBLEMS_SHOWN)
        .order_by("sweep_id", "row")
    )
    by_sweep: dict[int, list[ProbeRun]] = {pk: [] for pk in ids}
    for run in _describe(problems):
        by_sweep[run.sweep_id].append(run)
    retries = _retries_of(ids)
    rows = [SweepRow(s, progress[s.pk], by_sweep[s.pk], retries[s.pk]) for s in shown]
    return render(
        request,
        "web/sweeps.html",
        {
            "rows": rows,
            "problems_shown": PROBLEMS_SHOWN,
            "broker": bool(settings.AUDITOR.broker_url),
            "nav": "sweeps",
            "start_form": SweepStartForm(),
            **_refresh(request, any(r.sweep.status == Sweep.Status.RUNNING for r in rows)),
        },
    )


@role_required(roles.is_organiser, FORBIDDEN)
def sweep_detail(request: HttpRequest, sweep_id: int) -> HttpResponse:
    """One sweep with every failed and not-measured run, a hundred a page."""
    sweep = get_object_or_404(Sweep.objects.select_related("edition"), pk=sweep_id)
    problems = (
        _problems().filter(sweep_id=sweep.pk).order_by("ours_first", "participant_id", "probe")
    )
    page = Paginator(problems, PROBLEMS_PAGE).get_page(request.GET.get("strona"))
    page.object_list = _describe(page.object_list)
    row = SweepRow(
        sweep,
        _progress_by_sweep([sweep.pk])[sweep.pk],
        page.object_list,
        _retries_of([sweep.pk])[sweep.pk],
    )
    running = sweep.status == Sweep.Status.RUNNING
    return render(
        request,
        "web/sweep_detail.html",
        {
            "row": row,
            "page": page,
            "broker": bool(settings.AUDITOR.broker_url),
            "nav": "sweeps",
            **_refresh(request, running),
            "last_activity": last_activity(sweep),
        },
    )


@require_POST
@role_required(roles.is_organiser, "Przebiegi uruchamiają organizatorzy.")
def start(request: HttpRequest) -> HttpResponse:
    """A new sweep, started in the background; the browser goes to its status page."""
    form = SweepStartForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return redirect("web:sweeps")
    edition = get_object_or_404(Edition, year=form.cleaned_data["edition"])
    sweep, runs = start_sweep(
        edition, form.cleaned_data["only"], form.cleaned_data["participants"], actor_of(request)
    )
    if runs == 0:
        sweep.delete()
        messages.error(request, "Nie uruchomiono: w edycji nie ma takich uczestników.")
        return redirect("web:sweeps")
    start_in_background(sweep)
    messages.success(request, f"Uruchomiono przebieg #{sweep.pk}: sond do wykonania {runs}.")
    return redirect(reverse("web:sweep", args=[sweep.pk]))


@require_POST
@role_required(roles.is_organiser, "Przebiegi anulują organizatorzy.")
def cancel(request: HttpRequest, sweep_id: int) -> HttpResponse:
    sweep = get_object_or_404(Sweep.objects.select_related("edition"), pk=sweep_id)
    if sweep.status != Sweep.Status.RUNNING:
        messages.info(request, f"Przebieg #{sweep.pk} już się zakończył.")
    else:
        n = cancel_sweep(sweep, actor_of(request))
        messages.success(
            request,
            f"Anulowano przebieg #{sweep.pk}: sond nieuruchomionych {n} (nie zmierzono). "
            "Sondy już uruchomione kończą pracę.",
        )
    return redirect(reverse("web:sweep", args=[sweep.pk]))


@require_POST
@role_required(roles.is_organiser, "Ponowne badanie zlecają organizatorzy.")
def retry(request: HttpRequest, sweep_id: int) -> HttpResponse:
    """The not-measured runs of a sweep, measured again in a new sweep (the old one stays)."""
    sweep = get_object_or_404(Sweep.objects.select_related("edition"), pk=sweep_id)
    back = reverse("web:sweep", args=[sweep.pk])
    result = retry_not_measured(sweep, actor_of(request))
    if result is None:
        messages.info(request, f"Przebieg #{sweep.pk} nie ma sond „nie zmierzono”.")
        return redirect(back)
    new = result.sweep
    if not result.created:
        messages.info(
            request,
            f"Przebieg ponowny #{new.pk} już istnieje ({new.key}). Uruchom go: {result.command}",
        )
        return redirect(reverse("web:sweep", args=[new.pk]))
    text = (
        f"Utworzono przebieg #{new.pk} ({new.key}); sondy do ponownego zbadania: {result.runs}. "
        f"Przebieg #{sweep.pk} i jego historia zostają bez zmian."
    )
    if result.skipped:
        text += f" Pominięto {result.skipped} (uczestnik nie należy już do edycji)."
    messages.success(request, text)
    if settings.AUDITOR.broker_url:
        from scheduler.coordinator import send_due

        try:
            sent = send_due(new)
        except Exception as exc:  # the broker down must not lose the sweep we just made
            messages.warning(
                request,
                f"Nie udało się przekazać sond do kolejki ({type(exc).__name__}). "
                f"Uruchom przebieg poleceniem: {result.command}",
            )
        else:
            messages.info(
                request,
                f"Przekazano do kolejki sondy: {sent}. Ponowienia po naszych błędach i "
                f"dokończenie przebiegu prowadzi polecenie: {result.command}",
            )
    else:
        messages.info(request, f"Uruchom go na serwerze poleceniem: {result.command}")
    return redirect(reverse("web:sweep", args=[new.pk]))
