"""Loading and validating rubric files: the packaged rubrics and every kind of error, in Polish."""

from __future__ import annotations

import textwrap

import pytest

from rubrics import rubric as rubric_module
from rubrics.kinds import KIND_CODES, kinds_in_group
from rubrics.outcome import PASS, CriterionResult
from rubrics.registry import CRITERIA, criterion
from rubrics.rubric import (
    RubricError,
    available_versions,
    default_version,
    load_rubric,
    parse_rubric,
)


# The test rubric's machine criteria are registered, as real ones are, so it loads in every build.
@criterion("W-1")
@criterion("W-2")
def always_passes(evidence, ctx):
    return CriterionResult("W-1", PASS, 1.0, "")


VALID = textwrap.dedent(
    """\
    version: "t.1"
    name: Rubryka testowa
    threshold: 70
    statuettes_per_category: 3
    categories:
      - id: strona
        name: Strona
        weight: 60
        criteria: [W-1, W-2]
      - id: ludzie
        name: Ludzie
        weight: 40
        criteria: [H-1]
    criteria:
      - {id: W-1, name: Pierwsze, channel: website, applies_to: all, weight: 3}
      - {id: W-2, name: Drugie, channel: accessibility, applies_to: [S, gmina_wiejska], weight: 1}
      - {id: H-1, name: Wizyta, channel: visit, applies_to: all, weight: 1, method: juror, scale_max: 5}
    """
)


def errors_of(text: str) -> list[str]:
    with pytest.raises(RubricError) as info:
        parse_rubric(text, source="test.yaml")
    return info.value.errors


def test_valid_rubric_resolves_groups_and_kinds():
    r = parse_rubric(VALID)
    assert r.version == "t.1" and r.threshold == 70 and r.statuettes_per_category == 3
    w2 = r.criterion("W-2")
    assert w2.kinds == frozenset((*kinds_in_group("S"), "gmina_wiejska"))
    assert r.criterion("W-1").kinds == frozenset(KIND_CODES)
    assert r.criterion("H-1").is_human and r.criterion("H-1").scale_max == 5
    assert r.category_of("H-1").id == "ludzie"
    assert [c.id for c in r.applicable("gmina_miejska")] == ["W-1", "H-1"]


def test_defaults_for_threshold_and_statuettes():
    text = VALID.replace("threshold: 70\n", "").replace("statuettes_per_category: 3\n", "")
    r = parse_rubric(text)
    assert r.threshold == 70.0 and r.statuettes_per_category == 3


def test_packaged_rubrics_load():
    assert {"2027.1", "2027.2"} <= set(available_versions())
    assert default_version(2027) == "2027.6"
    r1, r2 = load_rubric("2027.1"), load_rubric("2027.2")
    assert sum(c.weight for c in r1.categories) == 100
    ids = {c.id for c in r1.criteria}
    assert {f"INF-{i:02d}" for i in range(1, 22)} <= ids
    assert {f"TEC-{i:02d}" for i in range(1, 13)} <= ids
    assert {"EML-LAT", *(f"EML-Q{i}" for i in range(1, 10))} <= ids
    assert {"HUM-VISIT", "HUM-PHONE", "HUM-SOCIAL", "HUM-EMAIL", "HUM-IMPRESSION"} <= ids
    # E-mail weights: 0.4 latency + 0.6 × the 100 quality points of DOMAIN §5(c).
    email = r1.categories[[c.id for c in r1.categories].index("email")]
    weights = {cid: r1.criterion(cid).weight for cid in email.criteria}
    assert weights["EML-LAT"] == 40 and weights["EML-Q4"] == 21 and sum(weights.values()) == 100
    assert r1.criterion("INF-16").kinds == frozenset(kinds_in_group("S"))
    assert r1.criterion("INF-03").blocking
    assert r1.sha256 != r2.sha256 and r2.threshold == 65
    assert r2.criterion("EML-Q4").blocking and not r1.criterion("EML-Q4").blocking


def test_load_by_path(tmp_path):
    path = tmp_path / "moja.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert load_rubric(str(path)).version == "t.1"


def test_unknown_version_and_missing_file(tmp_path):
    with pytest.raises(RubricError, match="nie ma rubryki w wersji „1999.9”.*2027.1"):
        load_rubric("1999.9")
    with pytest.raises(RubricError, match="nie można odczytać pliku"):
        load_rubric(str(tmp_path / "brak.yaml"))


def test_unknown_criterion_without_implementation(monkeypatch):
    # As when every implementation package is present: the website channel is checked.
    monkeypatch.setattr(rubric_module, "load_implementations", lambda: frozenset())
    errors = errors_of(
        VALID.replace("{id: W-1,", "{id: INF-99,").replace("[W-1, W-2]", "[INF-99, W-2]")
    )
    assert any("nieznane kryterium „INF-99”: brak jego implementacji" in e for e in errors)
    assert len(errors) == 1
    monkeypatch.delitem(CRITERIA, "W-2")
    errors = errors_of(VALID)
    assert errors == [
        "wiersz 16: criteria[1].id (W-2): nieznane kryterium „W-2”: "
        "brak jego implementacji dla kanału „accessibility”"
    ]


def test_category_weights_must_sum_to_100():
    errors = errors_of(VALID.replace("weight: 40", "weight: 30"))
    assert errors == ["wiersz 6: categories: wagi kategorii muszą sumować się do 100 (suma: 90)"]


def test_unknown_kind_and_group():
    errors = errors_of(VALID.replace("[S, gmina_wiejska]", "[S, X, gmina_wiejsk]"))
    assert len(errors) == 2
    assert errors[0].startswith(
        "wiersz 16: criteria[1].applies_to[1] (W-2): nie ma rodzaju uczestnika ani grupy „X”"
    )
    assert "„gmina_wiejsk”" in errors[1]


def test_duplicate_ids():
    text = VALID.replace("{id: W-2, name: Drugie", "{id: W-1, name: Drugie").replace(
        "criteria: [W-1, W-2]", "criteria: [W-1]"
    )
    text = text.replace("  - id: ludzie", "  - id: strona")
    errors = errors_of(text)
    assert any("identyfikator kryterium „W-1” powtórzony" in e for e in errors)
    assert any("identyfikator kategorii „strona” powtórzony" in e for e in errors)


def test_criterion_in_no_category_and_in_two():
    errors = errors_of(VALID.replace("criteria: [W-1, W-2]", "criteria: [W-1, H-1]"))
    assert any("„H-1” należy już do kategorii „strona”" in e for e in errors)
    assert any(
        e.startswith(
            "wiersz 16: criteria[1].id (W-2): kryterium „W-2” nie należy do żadnej kategorii"
        )
        for e in errors
    )


def test_category_names_undefined_criterion():
    errors = errors_of(VALID.replace("criteria: [H-1]", "criteria: [H-1, H-9]"))
    assert errors == [
        "wiersz 13: categories[1].criteria[1] (ludzie): kryterium „H-9” nie jest zdefiniowane w sekcji criteria"
    ]


def test_negative_weights():
    errors = errors_of(
        VALID.replace("weight: 3}", "weight: -3}")
        .replace("weight: 60", "weight: -60")
        .replace("weight: 40", "weight: 160")
    )
    assert any("criteria[0].weight (W-1): waga nie może być ujemna (jest -3)" in e for e in errors)
    assert any(
        "categories[0].weight (strona): waga nie może być ujemna (jest -60)" in e for e in errors
    )


@pytest.mark.parametrize("value", ["-1", "100.5", "abc"])
def test_threshold_outside_range(value):
    errors = errors_of(VALID.replace("threshold: 70", f"threshold: {value}"))
    assert len(errors) == 1 and errors[0].startswith("wiersz 3: threshold: ")
    assert ("0–100" in errors[0]) or ("oczekiwano liczby" in errors[0])


def test_every_error_is_listed_at_once():
    text = (
        VALID.replace("threshold: 70", "threshold: 170")
        .replace("weight: 40", "weight: 41")
        .replace("channel: visit", "channel: telepatia")
        .replace('version: "t.1"', "version: 2027.1")
        .replace("statuettes_per_category: 3", "statuettes_per_category: -1")
    )
    errors = errors_of(text)
    assert len(errors) == 5, errors
    message = str(pytest.raises(RubricError, parse_rubric, text, "x.yaml").value)
    assert message.startswith("Rubryka x.yaml jest niepoprawna (błędów: 5):")
    assert "nieznany kanał „telepatia”" in message and "wersja musi być tekstem" in message


def test_method_must_fit_channel():
    errors = errors_of(VALID.replace("method: juror, scale_max: 5", "method: auto"))
    assert any("kanał „visit” oceniają jurorzy: metoda musi być „juror”" in e for e in errors)
    errors = errors_of(
        VALID.replace(
            "channel: website, applies_to: all, weight: 3}",
            "channel: website, applies_to: all, weight: 3, method: juror, scale_max: 5}",
        )
    )
    assert any("kanał „website” ocenia maszyna" in e for e in errors)
    errors = errors_of(VALID.replace("scale_max: 5", "scale_max: 0"))
    assert any("skala ocen jurora musi być dodatnia" in e for e in errors)


def test_unknown_fields_duplicate_keys_and_syntax():
    errors = errors_of(VALID.replace("threshold: 70", "treshold: 70"))
    assert errors[0].startswith("wiersz 3: treshold: nieznane pole „treshold”")
    errors = errors_of(VALID.replace("threshold: 70", "threshold: 70\nthreshold: 60"))
    assert errors == ["wiersz 4: klucz „threshold” powtórzony"]
    errors = errors_of("version: [\n")
    assert errors[0].startswith("wiersz") and "błąd składni YAML" in errors[0]
    assert errors_of("- a\n- b\n") == [
        "wiersz 1: plik rubryki musi być mapą z polami version, name, categories, criteria"
    ]


def test_version_must_match_file_name(tmp_path, monkeypatch):
    with pytest.raises(RubricError, match="wersja „t.1” nie zgadza się z nazwą pliku „t.2”"):
        parse_rubric(VALID, "t.2.yaml", expect_version="t.2")


def test_zero_weight_category_and_bad_blocking():
    text = VALID.replace("weight: 1, method: juror", "weight: 0, method: juror").replace(
        "weight: 3}", "weight: 3, blocking: tak}"
    )
    errors = errors_of(text)
    assert any(
        "categories[1].criteria (ludzie): wagi kryteriów kategorii sumują się do 0" in e
        for e in errors
    )
    assert any("blocking (W-1): oczekiwano true lub false" in e for e in errors)


def _with_params(cid: str, params: str) -> str:
    rubric_text = load_rubric_text("2027.1")
    return rubric_text.replace(f"  - {{id: {cid}, ", f"  - {{id: {cid}, params: {params}, ", 1)


def load_rubric_text(version: str) -> str:
    from importlib import resources

    return (resources.files("rubrics") / "data" / f"{version}.yaml").read_text(encoding="utf-8")


def test_old_parameter_names_are_an_error_naming_file_and_line(tmp_path):
    text = load_rubric_text("2027.1").replace("lcp_full_ms: 2500", "lcp_good_ms: 2500")
    path = tmp_path / "moja.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RubricError) as info:
        load_rubric(str(path))
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "lcp_good_ms" in t)
    assert str(path) in str(info.value)
    assert info.value.errors == [
        f"wiersz {line}: criteria[23].params.lcp_good_ms (TEC-03): nieznany parametr "
        "„lcp_good_ms” (dozwolone: lcp_full_ms, lcp_half_ms, cls_full, cls_half)"
    ]


@pytest.mark.parametrize(
    ("cid", "params", "message"),
    [
        ("INF-01", "{pass_at: 0.5}", "nieznany parametr „pass_at” (dozwolone: brak"),
        ("HUM-VISIT", "{scale: 3}", "nieznany parametr „scale” (dozwolone: brak"),
        ("TEC-05", "{share: 1.5}", "parametr „share”: oczekiwano liczby z przedziału 0–1"),
        ("TEC-05", "{share: dużo}", "parametr „share”: oczekiwano liczby"),
        ("INF-13", "{units_for_pass: 2.5}", "oczekiwano liczby całkowitej ≥ 1"),
        ("INF-21", "{x: 1}", "nieznany parametr „x”"),
    ],
)
def test_unknown_params_and_bad_values_are_errors(cid, params, message):
    errors = errors_of(_with_params(cid, params))
    assert len(errors) == 1 and message in errors[0] and f"({cid})" in errors[0], errors


def test_bad_param_values_of_list_and_hours_params():
    text = load_rubric_text("2027.1")
    bad_groups = text.replace("iod_required_groups: [J, A]", "iod_required_groups: [J, X]")
    assert "oczekiwano listy grup uczestników" in errors_of(bad_groups)[0]
    bad_hours = text.replace('mon: [["07:30", "15:30"]]', 'pon: [["07:30", "15:30"]]')
    assert "oczekiwano godzin pracy" in errors_of(bad_hours)[0]
