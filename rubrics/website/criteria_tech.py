"""Technical and accessibility checks: TEC-01 … TEC-12 of DOMAIN.md §5(b)."""

from __future__ import annotations

import re
import statistics
from datetime import datetime

from rubrics.outcome import FAIL, NOT_APPLICABLE, NOT_MEASURED, PARTIAL, PASS, CriterionResult
from rubrics.registry import (
    Context,
    Evidence,
    Param,
    choice,
    flag,
    iso_date,
    number,
    one_of_each,
    share_param,
    whole,
)
from rubrics.website import site
from rubrics.website.axe import AUSTRIAN_SC, score_site, wcag22_report
from rubrics.website.detectors import Finding, find_links, find_search, link_label
from rubrics.website.meta import (
    CriterionMeta,
    artifact_of,
    labelled,
    missing_result,
    result,
    status_for,
    website_criterion,
)
from rubrics.website.statement import REVIEW_MAX_DAYS, find_statement_page, validate_statement
from rubrics.website.text import collapse_ws, fold


def _parse_ts(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _site_evidence(artifact: dict, **fields) -> dict:
    return {"type": "site", "url": artifact.get("final_url") or artifact.get("start_url"), **fields}


# --- TEC-01 ---------------------------------------------------------------------------


@website_criterion(
    CriterionMeta(
        "TEC-01",
        "Połączenie jest szyfrowane (HTTPS, ważny certyfikat, przekierowanie, HSTS)",
        "Strona nie jest bezpiecznie szyfrowana",
        "HTTPS z ważnym certyfikatem; przekierowanie HTTP→HTTPS; nagłówek Strict-Transport-Security",
        "KRI (rozporządzenie RM w sprawie Krajowych Ram Interoperacyjności) — bezpieczeństwo",
        "HTTPS+certyfikat 40%, przekierowanie 30% (nie badane: poza mianownikiem), HSTS 30%; bez HTTPS: niezaliczone",
    )
)
def https(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = https.meta
    artifact = artifact_of(evidence)
    s = artifact.get("site") or {}
    tls = s.get("tls") or {}
    if "https" not in tls:
        return result(
            meta, NOT_MEASURED, None, "Nie zbadano połączenia TLS (brak danych w badaniu strony)."
        )
    expires = _parse_ts(tls.get("expires"))
    valid = (
        bool(tls.get("https")) and bool(tls.get("valid")) and not (expires and expires < ctx["now"])
    )
    parts: dict[str, tuple[float, bool | None]] = {
        "HTTPS i ważny certyfikat": (0.4, valid),
        "przekierowanie HTTP→HTTPS": (0.3, s.get("http_to_https")),
        "HSTS": (0.3, bool(s.get("hsts"))),
    }
    measured = {k: v for k, v in parts.items() if v[1] is not None}
    total = sum(w for w, _ in measured.values())
    score = sum(w for w, ok in measured.values() if ok) / total
    missing = [k for k, (_, ok) in measured.items() if not ok]
    details = {
        "https": bool(tls.get("https")), "certificate_valid": valid, "expires": tls.get("expires"), "tls_error": tls.get("error"),
        "http_to_https": s.get("http_to_https"), "hsts": s.get("hsts"),
        "not_tested": [k for k, v in parts.items() if v[1] is None],
    }  # fmt: skip
    ev = [
        _site_evidence(artifact, tls=tls, http_to_https=s.get("http_to_https"), hsts=s.get("hsts"))
    ]
    if not valid:
        why = (
            "brak HTTPS"
            if not tls.get("https")
            else f"nieważny certyfikat ({tls.get('error') or 'wygasł'})"
        )
        return result(meta, FAIL, 0.0, f"{meta.failure_title}: {why}.", ev, details)
    status = PASS if not missing else PARTIAL
    text = meta.title + "." if status == PASS else f"Częściowo — brak: {', '.join(missing)}."
    if details["not_tested"]:
        text = text.rstrip(".") + f" (nie badano: {', '.join(details['not_tested'])})."
    return result(meta, status, score, text, ev, details)


# --- TEC-02 ---------------------------------------------------------------------------


def _viewport(page) -> tuple[object | None, bool]:
    tag = site.soup(page).find("meta", attrs={"name": re.compile(r"^viewport$", re.I)})
    if tag is None:
        return None, False
    content = fold(str(tag.get("content", "")))
    return tag, "width=device-width" in content.replace(" ", "")


@website_criterion(
    CriterionMeta(
        "TEC-02",
        "Strona jest dostosowana do telefonów",
        "Strona nie jest dostosowana do telefonów",
        "<meta name=viewport content=width=device-width>; brak poziomego przewijania przy szerokości 375 px",
        "eGovernment Benchmark (mobile friendliness); WCAG 1.4.10",
        "udział stron z viewport 50% + udział stron bez poziomego przewijania 50%; zaliczone: 100%, częściowo od 50%",
        params=(
            share_param(
                "partial_at",
                "ocena (0–1), od której strona na telefonie jest zaliczona częściowo",
                0.5,
            ),
        ),
    )
)
def mobile(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = mobile.meta
    pages = site.html_pages(artifact_of(evidence))
    if not pages:
        return result(meta, NOT_MEASURED, None, "Nie pobrano żadnej strony HTML.")
    with_vp, without_vp, zoom_blocked = [], [], []
    for page in pages:
        tag, ok = _viewport(page)
        (with_vp if ok else without_vp).append(page)
        if tag is not None and re.search(
            r"user-scalable\s*=\s*(no|0)|maximum-scale\s*=\s*1(\.0)?\b",
            fold(str(tag.get("content", ""))),
        ):
            zoom_blocked.append(site.url_of(page))
    scroll_measured = [p for p in pages if p.get("horizontal_scroll_375") is not None]
    scrolling = [p for p in scroll_measured if p["horizontal_scroll_375"]]
    vp_share = len(with_vp) / len(pages)
    parts = [vp_share]
    if scroll_measured:
        parts.append(1 - len(scrolling) / len(scroll_measured))
    score = sum(parts) / len(parts)
    status = status_for(score, 1.0, meta.values(ctx)["partial_at"])
    ev = []
    if with_vp:
        ev.append(
            labelled(
                Finding(with_vp[0], element=_viewport(with_vp[0])[0]),
                f"viewport na {len(with_vp)}/{len(pages)} stron",
            )
        )
    if without_vp:
        ev.append(
            {
                "type": "pages_without",
                "what": "meta viewport",
                "urls": [site.url_of(p) for p in without_vp],
            }
        )
    for p in scrolling:
        shot = {"screenshot": p["screenshot_mobile"]} if p.get("screenshot_mobile") else {}
        ev.append(
            {
                "type": "page",
                "url": site.url_of(p),
                "snippet": "poziome przewijanie przy 375 px",
                "depth": p.get("depth"),
                **shot,
            }
        )
    details = {
        "viewport_share": round(vp_share, 3), "horizontal_scroll_pages": [site.url_of(p) for p in scrolling],
        "scroll_measured_pages": len(scroll_measured), "zoom_blocked": zoom_blocked,
    }  # fmt: skip
    if status == PASS:
        text = meta.title + "."
    elif status == PARTIAL:
        text = f"Częściowo — viewport na {len(with_vp)}/{len(pages)} stron, poziome przewijanie na {len(scrolling)} stronach."
    else:
        text = f"{meta.failure_title}: viewport na {len(with_vp)}/{len(pages)} stron."
    return result(meta, status, score, text, ev, details)


# --- TEC-03 ---------------------------------------------------------------------------


def _p75(values: list[float]) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=4, method="inclusive")[2]


@website_criterion(
    CriterionMeta(
        "TEC-03",
        "Strona ładuje się szybko i stabilnie",
        "Strona ładuje się wolno lub niestabilnie",
        "LCP i CLS z pomiaru przeglądarki na pobranych stronach (75. percentyl); INP wymaga interakcji, crawl go nie mierzy",
        "Core Web Vitals (Google): LCP ≤2,5 s, CLS ≤0,1 (pełne); ≤4 s / ≤0,25 (połowa)",
        "średnia ocen LCP i CLS (1 / 0,5 / 0); zaliczone: 1, niezaliczone: 0",
        params=(
            Param(
                "lcp_full_ms",
                "LCP (75. percentyl, ms) nie większe: pełna ocena LCP",
                2500,
                number(),
            ),
            Param("lcp_half_ms", "LCP nie większe: połowa oceny LCP", 4000, number()),
            Param("cls_full", "CLS (75. percentyl) nie większe: pełna ocena CLS", 0.1, number()),
            Param("cls_half", "CLS nie większe: połowa oceny CLS", 0.25, number()),
        ),
    )
)
def speed(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = speed.meta
    pages = [
        p for p in site.html_pages(artifact_of(evidence)) if not p.get("on_bip")
    ] or site.html_pages(artifact_of(evidence))
    p = meta.values(ctx)
    lcp = [
        float(pg["timings"]["lcp_ms"])
        for pg in pages
        if (pg.get("timings") or {}).get("lcp_ms") is not None
    ]
    cls = [
        float(pg["timings"]["cls"])
        for pg in pages
        if (pg.get("timings") or {}).get("cls") is not None
    ]
    if not lcp and not cls:
        return result(
            meta,
            NOT_MEASURED,
            None,
            "Nie zmierzono LCP ani CLS (brak pomiarów przeglądarki).",
            details={"inp": "nie mierzono"},
        )
    scores, facts, details = (
        [],
        [],
        {"inp": "nie mierzono: crawl nie wykonuje interakcji, INP nie jest oceniane"},
    )
    if lcp:
        v = _p75(lcp)
        scores.append(1.0 if v <= p["lcp_full_ms"] else 0.5 if v <= p["lcp_half_ms"] else 0.0)
        facts.append(f"LCP {v / 1000:.1f} s")
        details["lcp_p75_ms"] = round(v)
    if cls:
        v = _p75(cls)
        scores.append(1.0 if v <= p["cls_full"] else 0.5 if v <= p["cls_half"] else 0.0)
        facts.append(f"CLS {v:.2f}")
        details["cls_p75"] = round(v, 3)
    score = sum(scores) / len(scores)
    status = PASS if score == 1.0 else PARTIAL if score > 0 else FAIL
    slowest = max(pages, key=lambda pg: (pg.get("timings") or {}).get("lcp_ms") or 0)
    ev = [
        {"type": "measurements", "pages": len(pages), "lcp_ms": {site.url_of(pg): (pg.get("timings") or {}).get("lcp_ms") for pg in pages},
         "cls": {site.url_of(pg): (pg.get("timings") or {}).get("cls") for pg in pages}},
        site.page_evidence(slowest, note="najwolniejsza strona (LCP)"),
    ]  # fmt: skip
    head = {PASS: meta.title, PARTIAL: "Częściowo", FAIL: meta.failure_title}[status]
    return result(
        meta,
        status,
        score,
        f"{head}: {', '.join(facts)} (75. percentyl, {len(pages)} stron); INP nie mierzono.",
        ev,
        details,
    )


# --- TEC-04 ---------------------------------------------------------------------------


@website_criterion(
    CriterionMeta(
        "TEC-04",
        "Automatyczny test WCAG nie wykazał problemów",
        "Automatyczny test WCAG wykazał problemy",
        "axe-core (WCAG 2.0/2.1 A i AA) na każdej pobranej stronie, ograniczony do 13 kryteriów austriackiego monitoringu uproszczonego; problem powtarzający się na wielu stronach (ten sam element szablonu) liczony raz",
        "UDC (WCAG 2.1 AA); decyzja wykonawcza (UE) 2018/1524 — metoda uproszczona",
        "ocena = 1 − ważony wpływem (critical 1, serious 0,75, moderate 0,5, minor 0,25) udział niespełnionych par kryterium×jednostka (strony + wspólny szablon); zaliczone od 0,95, częściowo od 0,85 (jedno kryterium niespełnione na całej witrynie), niżej niezaliczone; „incomplete” nie obniża oceny",
        params=(
            Param(
                "exclude_sc",
                'kryteria WCAG (np. "4.1.1") nieoceniane: nie liczą się do wyniku',
                (),
                one_of_each(tuple(AUSTRIAN_SC)),
            ),
            Param(
                "report_wcag22",
                "dołącz do szczegółów informacyjny raport kryteriów WCAG 2.2 (bez wpływu na ocenę)",
                False,
                flag(),
            ),
            share_param("pass_at", "ocena (0–1), od której test WCAG jest zaliczony", 0.95),
            share_param(
                "partial_at", "ocena (0–1), od której test WCAG jest zaliczony częściowo", 0.85
            ),
        ),
    )
)
def wcag_automated(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = wcag_automated.meta
    pages = site.html_pages(artifact_of(evidence))
    measured = [p for p in pages if p.get("axe")]
    if not measured:
        return result(meta, NOT_MEASURED, None, "Nie uruchomiono axe-core na żadnej stronie.")
    p = meta.values(ctx)
    s = score_site(measured, frozenset(p["exclude_sc"]))
    if not s.tested:
        return result(
            meta, NOT_MEASURED, None, "Wyniki axe-core nie obejmują żadnego z 13 kryteriów."
        )
    status = status_for(s.score, p["pass_at"], p["partial_at"])
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    by_rule: dict[tuple[str, bool], dict] = {}
    for issue in sorted(s.issues, key=lambda i: (order.get(i.impact or "", 4), i.rule)):
        entry = by_rule.setdefault(
            (issue.rule, issue.shared),
            {"type": "axe_rule", "rule": issue.rule, "impact": issue.impact, "criteria": issue.criteria,
             "shared": issue.shared, "pages": [], "nodes": [], "issues": 0},
        )  # fmt: skip
        entry["issues"] += 1
        entry["pages"] += [u for u in issue.pages if u not in entry["pages"]]
        if len(entry["nodes"]) < 5:
            entry["nodes"].append(issue.nodes[0])
    evidence_list = list(by_rule.values())
    failing_sc = sorted(
        {sc for sc, _ in s.failed_cells}, key=lambda sc: [int(x) for x in sc.split(".")]
    )
    details = {
        "pages_measured": len(measured),
        "pages_without_axe": [site.url_of(pg) for pg in pages if not pg.get("axe")],
        "units": s.units,
        "criteria_tested": s.tested,
        "criteria_not_tested": [
            sc for sc in AUSTRIAN_SC if sc not in s.tested and sc not in p["exclude_sc"]
        ],
        "criteria_failing": {sc: AUSTRIAN_SC[sc] for sc in failing_sc},
        "template_issues": sum(1 for i in s.issues if i.shared),
        "page_issues": sum(1 for i in s.issues if not i.shared),
        "failed_cells": [
            {"criterion": sc, "unit": unit, "weight": w}
            for (sc, unit), w in sorted(s.failed_cells.items())
        ],
        "incomplete": s.incomplete,
        "other_violations": [
            {"rule": i.rule, "impact": i.impact, "pages": i.pages} for i in s.other_issues
        ],
        "axe_core": (artifact_of(evidence).get("versions") or {}).get("axe_core"),
    }
    if p["exclude_sc"]:
        details["criteria_not_scored"] = sorted(p["exclude_sc"])
    if p["report_wcag22"]:
        details["wcag22_informational"] = wcag22_report(measured)
    if status == PASS and not s.issues:
        text = f"{meta.title} ({len(measured)} stron, {len(s.tested)} kryteriów)."
    else:
        crit = ", ".join(f"{sc} {AUSTRIAN_SC[sc]}" for sc in failing_sc)
        head = {PASS: "Drobne problemy", PARTIAL: "Częściowo", FAIL: meta.failure_title}[status]
        text = f"{head}: {len(s.issues)} problemów ({details['template_issues']} w szablonie) w kryteriach {crit}; ocena {s.score:.2f}."
    if s.incomplete:
        text = text.rstrip(".") + f"; {len(s.incomplete)} reguł do sprawdzenia przez jurora."
    return result(
        meta, status, s.score, text, evidence_list or [site.pages_searched(measured)], details
    )


# --- TEC-05 ---------------------------------------------------------------------------


def _lang(page) -> str:
    lang = page.get("lang")
    if lang is None:
        html = site.soup(page).find("html")
        lang = html.get("lang") if html is not None else None
    return str(lang or "").strip().lower()


@website_criterion(
    CriterionMeta(
        "TEC-05",
        "Język strony jest określony (lang=pl)",
        "Brak określenia języka strony",
        '<html lang="pl"> na stronach (wersje obcojęzyczne z własnym lang nie obniżają oceny)',
        "WCAG 3.1.1",
        "zaliczone: strona główna i ≥90% stron; częściowo: część stron",
        params=(
            share_param(
                "share", "udział stron z atrybutem lang potrzebny do zaliczenia (0–1)", 0.9
            ),
        ),
    )
)
def page_language(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = page_language.meta
    artifact = artifact_of(evidence)
    pages = site.html_pages(artifact)
    if not pages:
        return result(meta, NOT_MEASURED, None, "Nie pobrano żadnej strony HTML.")
    langs = {site.url_of(p): _lang(p) for p in pages}
    ok = [p for p in pages if langs[site.url_of(p)]]
    polish_home = _lang(site.home_page(artifact)).startswith("pl")
    share = len(ok) / len(pages)
    bad = [u for u, lang in langs.items() if not lang]
    details = {"langs": langs, "share": round(share, 3), "home_pl": polish_home}
    ev = [
        {
            "type": "page",
            "url": site.url_of(pages[0]),
            "snippet": f'<html lang="{_lang(pages[0])}">',
            "depth": pages[0].get("depth"),
        }
    ]
    if bad:
        ev.append({"type": "pages_without", "what": "lang", "urls": bad})
    if polish_home and share >= meta.values(ctx)["share"]:
        return result(meta, PASS, 1.0, f"{meta.title} ({len(ok)}/{len(pages)} stron).", ev, details)
    score = 0.5 * polish_home + 0.5 * share
    if score == 0:
        return result(
            meta,
            FAIL,
            0.0,
            f"{meta.failure_title} (sprawdzono {len(pages)} stron).",
            [site.pages_searched(pages)],
            details,
        )
    return result(
        meta,
        PARTIAL,
        score,
        f"Częściowo — lang na {len(ok)}/{len(pages)} stron, strona główna {'pl' if polish_home else 'bez lang=pl'}.",
        ev,
        details,
    )


# --- TEC-06 ---------------------------------------------------------------------------

SKIP_TEXT = (
    r"przejdz do (glownej )?(tresci|zawartosci|menu|nawigacji|wyszukiwarki)",
    r"pomin (nawigacje|menu)",
    r"skip to (main )?content",
    r"skip navigation",
    r"do tresci",
)
FOCUSABLE = ["a", "button", "input", "select", "textarea", "summary", "iframe"]


def _tabindex(tag) -> int | None:
    value = str(tag.get("tabindex", "")).strip()
    return int(value) if re.fullmatch(r"-?\d+", value) else None


def _first_focusable(page):
    """The first element the Tab key reaches, in document order (positive tabindex aside)."""
    body = site.soup(page).body
    if body is None:
        return None
    for tag in body.find_all(True):
        tabindex = _tabindex(tag)
        if tabindex is not None and tabindex < 0 or tag.has_attr("disabled"):
            continue
        if tag.name == "a" and tag.get("href") is not None:
            return tag
        if tag.name in ("button", "select", "textarea", "summary", "iframe"):
            return tag
        if tag.name == "input" and str(tag.get("type", "")).lower() != "hidden":
            return tag
        if tabindex is not None:
            return tag
    return None


def _skip_link(page) -> tuple[object | None, bool, bool]:
    """(the skip link, whether it is the first focusable element, whether its target exists)."""
    links = [a for a in find_links(page, SKIP_TEXT) if "#" in str(a["href"])]
    if not links:
        return None, False, False
    first = _first_focusable(page)
    link = next((a for a in links if a is first), links[0])
    target = str(link["href"]).split("#", 1)[1]
    doc = site.soup(page)
    target_exists = bool(target) and (
        doc.find(id=target) is not None or doc.find(attrs={"name": target}) is not None
    )
    return link, link is first, target_exists


@website_criterion(
    CriterionMeta(
        "TEC-06",
        "Pierwszy element nawigacji to odnośnik „Przejdź do treści”",
        "Brak odnośnika „Przejdź do treści”",
        "Pierwszy fokusowalny element strony to odnośnik wewnętrzny „Przejdź do treści/menu”, „Pomiń nawigację”, „Skip to content” z istniejącym celem",
        "WCAG 2.4.1",
        "zaliczone: na stronie głównej i ≥90% stron jako pierwszy element, z celem; częściowo: odnośnik jest, lecz nie pierwszy, bez celu lub nie wszędzie",
        params=(
            share_param(
                "share",
                "udział stron z działającym linkiem „Przejdź do treści” potrzebny do zaliczenia (0–1)",
                0.9,
            ),
        ),
    )
)
def skip_link(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = skip_link.meta
    artifact = artifact_of(evidence)
    pages = site.own_pages(artifact) or site.html_pages(artifact)
    good, weak = [], []
    for page in pages:
        link, first, target = _skip_link(page)
        if link is not None:
            (good if first and target else weak).append((page, link, first, target))
    home = site.home_page(artifact)
    home_ok = any(p is home for p, *_ in good)
    share = len(good) / len(pages) if pages else 0
    details = {"pages_ok": len(good), "pages_weak": len(weak), "pages": len(pages)}
    if not good and not weak:
        return missing_result(meta, pages, details)
    sample = (good or weak)[0]
    ev = [
        labelled(
            Finding(sample[0], element=sample[1]),
            "pierwszy element" if sample[2] else "nie jest pierwszym elementem",
        )
    ]
    if home_ok and share >= meta.values(ctx)["share"]:
        return result(
            meta, PASS, 1.0, f"{meta.title} ({len(good)}/{len(pages)} stron).", ev, details
        )
    score = 0.5 * (len(good) + 0.5 * len(weak)) / len(pages) + 0.5 * home_ok
    why = []
    if weak:
        why.append(f"na {len(weak)} stronach odnośnik nie jest pierwszy lub jego cel nie istnieje")
    if len(good) + len(weak) < len(pages):
        why.append(f"brak na {len(pages) - len(good) - len(weak)} stronach")
    return result(
        meta,
        PARTIAL,
        min(max(score, 0.1), 0.99),
        "Częściowo — " + "; ".join(why) + ".",
        [*ev, site.pages_searched(pages)],
        details,
    )


# --- TEC-07 ---------------------------------------------------------------------------

CHECK_LABELS = {
    "struktura": "struktura identyfikatorów a11y-*",
    "daty_w_time": "daty w <time datetime>",
    "status": "status zgodności",
    "kontakt": "kontakt (e-mail i telefon)",
    "procedura_rpo": "procedura skargowa z odnośnikiem do RPO",
    "przeglad_12_mies": "przegląd w ciągu 12 miesięcy",
    "przeglad_31_marca": "przegląd do 31 marca (corocznie)",
}


@website_criterion(
    CriterionMeta(
        "TEC-07",
        "Deklaracja dostępności jest zgodna ze wzorem",
        "Brak deklaracji dostępności",
        "Identyfikatory a11y-* wersji 2.0 (lub 1), daty w <time datetime>, status „zgodna/częściowo zgodna/niezgodna”, kontakt, procedura z odnośnikiem do RPO, przegląd ≤12 miesięcy przed badaniem",
        "UDC art. 10–12; warunki techniczne deklaracji v2.0 z 31.07.2024",
        "udział spełnionych 6 warunków; zaliczone: wszystkie, częściowo: co najmniej jeden",
        params=(
            Param(
                "review_rule",
                "reguła przeglądu deklaracji: „days” (nie starszy niż max_review_age_days) albo „31_marca” (przegląd do 31 marca każdego roku)",
                "days",
                choice("days", "31_marca"),
            ),
            Param(
                "max_review_age_days",
                "ile dni najwyżej może minąć od ostatniego przeglądu deklaracji do badania",
                REVIEW_MAX_DAYS,
                whole(0),
            ),
        ),
    )
)
def statement_validity(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = statement_validity.meta
    pages = site.html_pages(artifact_of(evidence))
    page = find_statement_page(pages)
    if page is None:
        return missing_result(meta, pages)
    values = meta.values(ctx)
    check = validate_statement(
        page, ctx["now"], values["review_rule"], values["max_review_age_days"]
    )
    score = check.score
    status = status_for(score, 1.0)
    failed = [CHECK_LABELS[k] for k, ok in check.checks.items() if ok < 1]
    details = {
        "version": check.version,
        "checks": check.checks,
        "ids_missing": check.ids_missing,
        **check.notes,
    }
    status_tag = site.soup(page).find(id="a11y-status")
    ev = [
        labelled(
            Finding(page, element=status_tag)
            if status_tag is not None
            else Finding(page, page.get("title")),
            f"deklaracja v{check.version}",
        )
    ]
    if status == PASS:
        text = f"{meta.title} (wersja {check.version})."
    elif status == PARTIAL:
        text = f"Częściowo (wersja {check.version}) — brak: {', '.join(failed)}."
    else:
        text = f"Deklaracja niezgodna ze wzorem — brak: {', '.join(failed)}."
    return result(meta, status, score, text, ev, details)


# --- TEC-08 ---------------------------------------------------------------------------

SIZE_IN_TEXT = re.compile(
    r"\b(pdf|docx?|odt|xlsx?|ods)\b.*?\d+([.,]\d+)?\s*(kb|mb|kib|mib)|\d+([.,]\d+)?\s*(kb|mb)\b.*?\b(pdf|docx?|odt)",
    re.I,
)


@website_criterion(
    CriterionMeta(
        "TEC-08",
        "Dokumenty PDF są dostępne (warstwa tekstowa)",
        "Dokumenty PDF są skanami bez warstwy tekstowej",
        "Udział odnośnych PDF-ów z warstwą tekstową (nie skany), otagowanych, z typem i rozmiarem pliku w tekście odnośnika",
        "UDC (WCAG 2.1 AA dla dokumentów)",
        "warstwa tekstowa 60%, tagi 20%, typ/rozmiar w odnośniku 20%; zaliczone od 0,9, częściowo od 0,5; brak PDF-ów: nie dotyczy",
        params=(
            Param(
                "exempt_created_before",
                "PDF-y utworzone przed tą datą (RRRR-MM-DD) są wyłączone z oceny (UDC art. 3 ust. 2)",
                None,
                iso_date(),
            ),
            share_param("pass_at", "ocena (0–1), od której dokumenty PDF są zaliczone", 0.9),
            share_param("partial_at", "ocena (0–1), od której są zaliczone częściowo", 0.5),
        ),
    )
)
def documents(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = documents.meta
    pdfs = (artifact_of(evidence).get("site") or {}).get("pdfs") or []
    if not pdfs:
        return result(meta, NOT_APPLICABLE, None, "Nie znaleziono odnośników do dokumentów PDF.")
    exempt: list[str] = []
    cutoff = meta.values(ctx)["exempt_created_before"]
    if cutoff:
        # UDC art. 3 ust. 2: office files published before 23.09.2018 are exempt. The PDF's
        # creation date (pdfinfo CreationDate) stands for its publication; unknown: counted.
        exempt = [d.get("url") for d in pdfs if (d.get("created") or "9999")[:10] < str(cutoff)]
        pdfs = [d for d in pdfs if d.get("url") not in exempt]
        if not pdfs:
            return result(
                meta,
                NOT_APPLICABLE,
                None,
                f"Wszystkie PDF-y ({len(exempt)}) utworzono przed {cutoff} — wyłączone z oceny.",
                (),
                {"exempt_before_cutoff": exempt},
            )
    checked = [d for d in pdfs if d.get("has_text_layer") is not None]
    if not checked:
        return result(meta, NOT_MEASURED, None, "Nie sprawdzono warstwy tekstowej żadnego PDF-a.")
    text_share = sum(1 for d in checked if d["has_text_layer"]) / len(checked)
    tagged = [d for d in pdfs if d.get("tagged") is not None]
    tagged_share = sum(1 for d in tagged if d["tagged"]) / len(tagged) if tagged else 0.0
    labelled_share = sum(1 for d in pdfs if SIZE_IN_TEXT.search(d.get("link_text") or "")) / len(
        pdfs
    )
    score = 0.6 * text_share + 0.2 * tagged_share + 0.2 * labelled_share
    status = status_for(score, meta.values(ctx)["pass_at"], meta.values(ctx)["partial_at"])
    scans = [d for d in checked if not d["has_text_layer"]]
    ev = [{"type": "document", "url": d.get("url"), "from": d.get("from"), "link_text": d.get("link_text"),
           "has_text_layer": d.get("has_text_layer"), "tagged": d.get("tagged")} for d in (scans or checked)[:10]]  # fmt: skip
    details = {
        "pdfs": len(pdfs),
        "text_layer_share": round(text_share, 3),
        "tagged_share": round(tagged_share, 3),
        "type_size_in_link_share": round(labelled_share, 3),
        "scans": [d.get("url") for d in scans],
    }
    if cutoff:
        details["exempt_before_cutoff"] = exempt
    head = {PASS: meta.title, PARTIAL: "Częściowo", FAIL: meta.failure_title}[status]
    text = f"{head}: warstwa tekstowa w {len(checked) - len(scans)}/{len(checked)} PDF, otagowane {tagged_share:.0%}, typ i rozmiar w odnośniku {labelled_share:.0%}."
    return result(meta, status, score, text, ev, details)


# --- TEC-09 ---------------------------------------------------------------------------


@website_criterion(
    CriterionMeta(
        "TEC-09",
        "Odnośniki działają",
        "Wiele odnośników nie działa",
        "Udział niedziałających odnośników wewnętrznych wśród sprawdzonych",
        "dobre praktyki",
        "<2%: zaliczone; <5%: połowa; więcej: niezaliczone",
        params=(
            share_param(
                "max_broken_share",
                "udział niedziałających odnośników poniżej tej wartości: pełna ocena",
                0.02,
            ),
            share_param("half_broken_share", "poniżej tej wartości: połowa oceny", 0.05),
        ),
    )
)
def link_health(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = link_health.meta
    s = artifact_of(evidence).get("site") or {}
    checked = s.get("links_checked") or 0
    broken = s.get("broken_links") or []
    if not checked:
        return result(meta, NOT_MEASURED, None, "Nie sprawdzono odnośników.")
    share = len(broken) / checked
    p = meta.values(ctx)
    score = 1.0 if share < p["max_broken_share"] else 0.5 if share < p["half_broken_share"] else 0.0
    status = PASS if score == 1 else PARTIAL if score else FAIL
    ev = [
        {
            "type": "broken_link",
            "url": b.get("url"),
            "status": b.get("status"),
            "from": b.get("from"),
        }
        for b in broken[:20]
    ]
    details = {"links_checked": checked, "broken": len(broken), "share": round(share, 4)}
    ev.append(_site_evidence(artifact_of(evidence), links_checked=checked, broken=len(broken)))
    head = {PASS: meta.title, PARTIAL: "Częściowo", FAIL: meta.failure_title}[status]
    return result(
        meta,
        status,
        score,
        f"{head}: {len(broken)} z {checked} sprawdzonych odnośników nie działa ({share:.1%}).",
        ev,
        details,
    )


# --- TEC-10 ---------------------------------------------------------------------------

TRACKERS = re.compile(
    r"google-analytics\.com|googletagmanager\.com|doubleclick\.net|googleadservices\.com|googlesyndication\.com|"
    r"facebook\.net|facebook\.com/tr|connect\.facebook|hotjar\.com|mc\.yandex|yandex\.ru/metrika|gemius\.pl|"
    r"clarity\.ms|ads\.linkedin\.com|snap\.licdn\.com|analytics\.tiktok\.com|matomo\.cloud|statcounter\.com|smartlook"
)
COOKIE_WORDS = (r"cookie", r"ciasteczk", r"pliki? cookies", r"zgod\w* na (pliki|przetwarzanie)")
REJECT_WORDS = (
    r"odrzu[cć]",
    r"odrzucam",
    r"nie zgadzam",
    r"tylko (niezbedne|wymagane|konieczne)",
    r"\breject",
    r"odmow",
    r"decline",
    r"wylacznie niezbedne",
)


def _cookie_banner(page) -> tuple[object | None, object | None]:
    """(the cookie banner element, its reject control) on a page."""
    doc = site.soup(page)
    candidates = doc.find_all(id=re.compile(r"cookie|consent|rodo|ciastecz|cmp", re.I)) + doc.find_all(
        class_=re.compile(r"cookie|consent|ciastecz|cmp", re.I)
    ) + doc.find_all(attrs={"role": ["dialog", "alertdialog"]})  # fmt: skip
    for banner in candidates:
        text = fold(collapse_ws(banner.get_text(" ")))
        if not any(re.search(p, text) for p in COOKIE_WORDS):
            continue
        for control in banner.find_all(["button", "a", "input"]):
            label = fold(link_label(control) + " " + str(control.get("value", "")))
            if any(re.search(p, label) for p in REJECT_WORDS):
                return banner, control
        return banner, None
    return None, None


@website_criterion(
    CriterionMeta(
        "TEC-10",
        "Prywatność: brak śledzenia przed zgodą, baner pozwala odmówić",
        "Śledzenie przed zgodą lub brak możliwości odmowy",
        "Żądania do znanych narzędzi śledzących przed zgodą (Google Analytics, Tag Manager, Meta Pixel, Hotjar, Gemius…); przycisk „Odrzuć”/„Tylko niezbędne” w banerze cookies",
        "RODO art. 6–7; Prawo komunikacji elektronicznej (zgoda na pliki cookies)",
        "brak śledzenia przed zgodą 60%; baner z odmową (albo brak banera i brak śledzenia) 40%",
    )
)
def privacy(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = privacy.meta
    artifact = artifact_of(evidence)
    requests = (artifact.get("site") or {}).get("third_party_requests_before_consent")
    home = site.home_page(artifact)
    banner, reject = _cookie_banner(home) if home else (None, None)
    trackers = [u for u in (requests or []) if TRACKERS.search(u)]
    parts: list[tuple[float, bool]] = []
    if requests is not None:
        parts.append((0.6, not trackers))
    consent_ok = reject is not None or (banner is None and requests is not None and not trackers)
    parts.append((0.4, consent_ok))
    total = sum(w for w, _ in parts)
    score = sum(w for w, ok in parts if ok) / total
    status = PASS if score == 1 else PARTIAL if score > 0 else FAIL
    ev = []
    if trackers:
        ev.append(
            {
                "type": "requests_before_consent",
                "url": site.url_of(home) if home else None,
                "requests": trackers[:20],
            }
        )
    if banner is not None:
        ev.append(
            labelled(
                Finding(home, element=reject if reject is not None else banner),
                "przycisk odmowy" if reject is not None else "baner bez odmowy",
            )
        )
    details = {
        "trackers_before_consent": trackers,
        "other_third_party_before_consent": [u for u in (requests or []) if u not in trackers],
        "requests_measured": requests is not None, "cookie_banner": banner is not None, "reject_option": reject is not None,
    }  # fmt: skip
    why = []
    if trackers:
        why.append(f"{len(trackers)} żądań do narzędzi śledzących przed zgodą")
    if banner is not None and reject is None:
        why.append("baner cookies bez możliwości odmowy")
    if banner is None and trackers:
        why.append("brak banera cookies")
    if requests is None:
        why.append("żądań przed zgodą nie zbadano")
    if status == PASS:
        text = (
            meta.title + "."
            if banner is not None
            else "Brak śledzenia przed zgodą; baner cookies nie jest potrzebny."
        )
    else:
        text = (
            (meta.failure_title if status == FAIL else "Częściowo")
            + ": "
            + "; ".join(why or ["nie zbadano"])
            + "."
        )
    if not ev and home:
        ev.append(site.page_evidence(home, note="strona główna przed zgodą"))
    return result(meta, status, score, text, ev, details)


# --- TEC-11 ---------------------------------------------------------------------------


@website_criterion(
    CriterionMeta(
        "TEC-11",
        "Domena poczty ma SPF, DKIM i DMARC",
        "Domena poczty nie ma SPF, DKIM ani DMARC",
        "Rekordy DNS domeny poczty: SPF (v=spf1), DMARC (v=DMARC1, p=…), selektor DKIM — z pola site.mail_dns artefaktu",
        "dobre praktyki (M3AAWG); wpływa na doręczalność odpowiedzi",
        "SPF 35% (−all/~all; ?all/+all połowa), DMARC 35% (p=quarantine/reject; p=none połowa), DKIM 30%; bez danych DNS: nie zmierzono",
    )
)
def mail_domain(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = mail_domain.meta
    artifact = artifact_of(evidence)
    site_facts = artifact.get("site") or {}
    dns = site_facts.get("mail_dns")
    if not dns:
        why = site_facts.get("mail_dns_note") or "brak danych w badaniu strony"
        return result(
            meta, NOT_MEASURED, None, f"Nie sprawdzono rekordów DNS domeny poczty ({why})."
        )
    spf, dmarc, dkim = dns.get("spf"), dns.get("dmarc"), dns.get("dkim")
    spf_score = 0.0 if not spf else 1.0 if re.search(r"[-~]all\b", spf) else 0.5
    m = re.search(r"\bp\s*=\s*(\w+)", dmarc or "", re.I)
    dmarc_score = (
        0.0 if not dmarc else 1.0 if m and m[1].lower() in ("quarantine", "reject") else 0.5
    )
    parts = [(0.35, spf_score), (0.35, dmarc_score)]
    if dkim is not None:
        parts.append((0.3, 1.0 if dkim else 0.0))
    score = sum(w * s for w, s in parts) / sum(w for w, _ in parts)
    status = PASS if score >= 1.0 else PARTIAL if score > 0 else FAIL
    missing = [n for n, v in (("SPF", spf), ("DMARC", dmarc)) if not v] + (
        ["DKIM"] if dkim == [] else []
    )
    ev = [{"type": "dns", "domain": dns.get("domain"), "spf": spf, "dmarc": dmarc, "dkim": dkim}]
    text = (
        f"{meta.title}."
        if status == PASS
        else f"{'Częściowo' if status == PARTIAL else meta.failure_title} — brak lub słabe: {', '.join(missing) or 'polityki'}."
    )
    if dkim is None:
        text = text.rstrip(".") + " (DKIM nie sprawdzono)."
    return result(
        meta, status, score, text, ev, {"spf": spf_score, "dmarc": dmarc_score, "dkim": dkim}
    )


# --- TEC-12 ---------------------------------------------------------------------------


@website_criterion(
    CriterionMeta(
        "TEC-12",
        "Jest mapa strony (sitemap.xml) i wyszukiwarka",
        "Brak mapy strony i wyszukiwarki",
        "sitemap.xml (także z robots.txt); pole wyszukiwania na stronie; skrypty nakładek dostępności są odnotowywane, ale nie dają punktów",
        "dobre praktyki",
        "sitemap 50%, wyszukiwarka 50%",
    )
)
def sitemap_and_search(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = sitemap_and_search.meta
    artifact = artifact_of(evidence)
    s = artifact.get("site") or {}
    sitemap = s.get("sitemap") or {}
    has_sitemap = bool(sitemap.get("found"))
    pages = site.own_pages(artifact) or site.html_pages(artifact)
    search = find_search(pages)
    score = 0.5 * has_sitemap + 0.5 * (search is not None)
    status = PASS if score == 1 else PARTIAL if score else FAIL
    ev = []
    if has_sitemap:
        ev.append({"type": "sitemap", "url": sitemap.get("url"), "urls": sitemap.get("urls")})
    if search:
        ev.append(labelled(search, "wyszukiwarka"))
    else:
        ev.append(site.pages_searched(pages))
    overlays = s.get("overlay_scripts") or []
    details = {"sitemap": has_sitemap, "search": search is not None, "overlay_scripts": overlays}
    if status == PASS:
        text = meta.title + "."
    elif status == PARTIAL:
        text = "Częściowo — " + ("brak wyszukiwarki" if has_sitemap else "brak sitemap.xml") + "."
    else:
        text = f"{meta.failure_title} (przeszukano {len(pages)} stron)."
    if overlays:
        text = (
            text.rstrip(".") + f"; odnotowano nakładkę dostępności ({len(overlays)}), bez punktów."
        )
    return result(meta, status, score, text, ev, details)
