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
    ("-points", "punkty (malejąco)"),
    ("points", "punkty (rosnąco)"),
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


class AssessmentForm(forms.Form):
    """A juror's scores for the rubric's human criteria; a blank score leaves it unjudged."""

    def __init__(self, *args, criteria, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for item in criteria:
            spec = item.spec
            own = item.own
            self.fields[f"{spec.id}-score"] = forms.FloatField(
                label=f"{spec.name}: ocena (0–{spec.scale_max:g})",
                required=False,
                min_value=spec.scale_min,
                max_value=spec.scale_max,
                initial=own.score if own else None,
                widget=forms.NumberInput(attrs={"step": "0.5"}),
            )
            self.fields[f"{spec.id}-comment"] = forms.CharField(
                label=f"{spec.name}: komentarz",
                required=False,
                initial=own.comment if own else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        for item in self.criteria:
            yield item, self[f"{item.spec.id}-score"], self[f"{item.spec.id}-comment"]

    def clean(self):
        cleaned = super().clean()
        for item in self.criteria:
            if (
                cleaned.get(f"{item.spec.id}-comment")
                and cleaned.get(f"{item.spec.id}-score") is None
                and not item.own
            ):
                self.add_error(f"{item.spec.id}-score", "Komentarz wymaga oceny.")
        return cleaned


OVERRIDE_STATUS_CHOICES = [
    ("pass", "spełnione"),
    ("partial", "częściowo"),
    ("fail", "niespełnione"),
    ("not_applicable", "nie dotyczy"),
    ("not_measured", "niezmierzone"),
]


class OverrideForm(forms.Form):
    criterion_id = forms.ChoiceField(label="Kryterium")
    status = forms.ChoiceField(label="Nowy status", choices=OVERRIDE_STATUS_CHOICES)
    score = forms.FloatField(
        label="Wynik w procentach (dla statusu „częściowo”; 0–100)",
        required=False,
        min_value=0,
        max_value=100,
    )
    reason = forms.CharField(label="Uzasadnienie", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, specs, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criterion_id"].choices = [(s.id, f"{s.id} — {s.name}") for s in specs]

    def clean(self):
        cleaned = super().clean()
        status, score = cleaned.get("status"), cleaned.get("score")
        if status == "partial" and score is None:
            self.add_error("score", "Status „częściowo” wymaga wyniku.")
        if status in ("not_applicable", "not_measured") and score is not None:
            self.add_error("score", "Ten status nie ma wyniku.")
        return cleaned
