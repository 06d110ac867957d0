"""Forms of the web interface (labels in Polish: every field is labelled for screen readers)."""

from __future__ import annotations

from django import forms

from results.models import KIND_CHOICES, REGION_CHOICES, Edition
from results.web_models import DECISION_CHOICES

STATUS_CHOICES = [
    ("", "wszystkie"),
    ("ok", "zbadano"),
    ("site_failure", "awaria strony uczestnika"),
    ("not_measured", "nie zmierzono"),
    ("none", "brak dowodów"),
]
SORT_CHOICES = [
    ("name", "nazwa (A–Z)"),
    ("-name", "nazwa (Z–A)"),
    ("kind", "rodzaj"),
    ("region", "województwo"),
    ("status", "status sondy"),
    ("-employees", "liczba pracowników (malejąco)"),
]


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(label="Szukaj (nazwa, strona, NIP)", required=False, max_length=200)
    kind = forms.ChoiceField(label="Rodzaj", required=False)
    region = forms.ChoiceField(label="Województwo", required=False)
    edition = forms.TypedChoiceField(label="Edycja", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label="Status sondy", required=False, choices=STATUS_CHOICES)
    sort = forms.ChoiceField(label="Sortuj", required=False, choices=SORT_CHOICES)

    def __init__(self, *args, editions: list[Edition], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "wszystkie"), *KIND_CHOICES]
        self.fields["region"].choices = [("", "wszystkie"), *REGION_CHOICES]
        self.fields["edition"].choices = [("", "wszystkie")] + [
            (e.year, str(e.year)) for e in editions
        ]


class IncompleteReviewForm(forms.Form):
    axe_blob = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
    page_url = forms.URLField(widget=forms.HiddenInput, max_length=2000, assume_scheme="https")
    rule_id = forms.CharField(widget=forms.HiddenInput, max_length=100)
    target = forms.CharField(widget=forms.HiddenInput, max_length=1000)
    decision = forms.ChoiceField(
        label="Decyzja", choices=DECISION_CHOICES, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label="Komentarz", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
