"""A juror records their own mystery-client contact (visit, phone, social media, e-mail):
when, how long they waited, who answered, notes, and photos or screenshots as evidence."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from auditor.web import judging, roles
from auditor.web.views import forbidden, participant_view
from results.contact_models import CONTACT_CHANNELS
from results.contacts import ContactError, ContactFile, record_contact
from results.models import Participant


class ContactForm(forms.Form):
    channel = forms.ChoiceField(label="Kanał", choices=CONTACT_CHANNELS)
    occurred_at = forms.DateTimeField(
        label="Data i godzina kontaktu",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    waiting_minutes = forms.IntegerField(
        label="Czas oczekiwania (minuty)", required=False, min_value=0, max_value=24 * 60
    )
    answered_by = forms.CharField(label="Kto obsłużył (stanowisko, imię)", required=False)
    notes = forms.CharField(
        label="Notatki (co się wydarzyło)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


@require_POST
@participant_view
def contact(request: HttpRequest, participant: Participant) -> HttpResponse:
    if not roles.is_juror(request.user):
        return forbidden(request, "Kontakty tajemniczego klienta zapisują jurorzy.")
    edition = judging.edition_or_404(participant)
    form = ContactForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request, "web/form_error.html", {"form": form, "participant": participant}, status=400
        )
    files = [
        ContactFile(f.name, f.read(), f.content_type or "") for f in request.FILES.getlist("files")
    ]
    data = form.cleaned_data
    try:
        record_contact(
            edition,
            participant,
            request.user,
            data["channel"],
            data["occurred_at"],
            data["waiting_minutes"],
            data["answered_by"],
            data["notes"],
            files,
        )
    except ContactError as exc:
        return render(
            request,
            "web/form_error.html",
            {"form": form, "participant": participant, "message": str(exc)},
            status=400,
        )
    messages.success(request, "Zapisano kontakt. Oceń teraz kryteria jurorów na jego podstawie.")
    return redirect(reverse("web:participant", args=[participant.pk]) + "#kontakty")
