"""Availability of information: INF-01 … INF-21 of DOMAIN.md §5(a).

Each criterion is composed of detectors (rubrics.website.detectors) and scored from the
signals found; patterns are folded (lower case, no diacritics). Pages are searched in crawl
order (home page first, then by click depth), the participant's BIP included.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlsplit

from rubrics.outcome import FAIL, PARTIAL, PASS, CriterionResult
from rubrics.registry import (
    Context,
    Evidence,
    Param,
    flag,
    groups,
    pass_share,
    share_param,
    whole,
)
from rubrics.website import site
from rubrics.website.detectors import (
    E_DELIVERY,
    E_DELIVERY_LENIENT,
    EMAIL,
    EPUAP_BOX,
    Finding,
    SignalSet,
    dates_on_page,
    find_contact_form,
    find_email,
    find_heading,
    find_link,
    find_links,
    find_phone,
    find_postal_address,
    find_regex,
    find_schema_contact,
    find_search,
    find_text,
    link_in_shared_region,
    phones_in,
    text_near,
)
from rubrics.website.hours import find_office_hours
from rubrics.website.meta import (
    CriterionMeta,
    artifact_of,
    graded,
    labelled,
    missing_result,
    result,
    status_for,
    website_criterion,
)
from rubrics.website.statement import a11y_ids, find_statement_page
from rubrics.website.text import collapse_ws, fold, snippet_at

# --- INF-01 ---------------------------------------------------------------------------


@website_criterion(
    CriterionMeta(
        "INF-01",
        "Dane kontaktowe są podane",
        "Brak danych kontaktowych",
        "Adres pocztowy (ul., kod NN-NNN), telefon, e-mail (mailto:), odnośnik „Kontakt”, schema.org Organization",
        "KPA art. 253; dobre praktyki eGovernment Benchmark (user support)",
        "zaliczone: adres, telefon i e-mail; częściowo: co najmniej jedno z nich",
    )
)
def contact_data(evidence: Evidence, ctx: Context) -> CriterionResult:
    pages = site.html_pages(artifact_of(evidence))
    contact_link = find_link(
        pages, (r"^kontakt\b", r"\bkontakt$", r"dane kontaktowe"), (r"/kontakt",)
    )
    # The contact page first: that is where a resident looks.
    contact_pages = [p for p in pages if "kontakt" in fold(site.url_of(p))]
    ordered = contact_pages + [p for p in pages if "kontakt" not in fold(site.url_of(p))]
    schema = find_schema_contact(ordered)
    signals = SignalSet()
    signals.add("adres", find_postal_address(ordered) or schema.get("address"))
    signals.add("telefon", find_phone(ordered) or schema.get("telephone"))
    signals.add("e-mail", find_email(ordered) or schema.get("email"))
    res = graded(contact_data.meta, signals, pages, {"adres": 1, "telefon": 1, "e-mail": 1})
    extra = []
    if contact_link:
        extra.append(labelled(contact_link, "odnośnik Kontakt"))
    return result(
        contact_data.meta,
        res.status,
        res.score,
        res.explanation,
        [*res.evidence, *extra],
        {**res.details, "contact_link": bool(contact_link), "schema_org": sorted(schema)},
    )


# --- INF-02 ---------------------------------------------------------------------------

HOURS_WORDS = (r"godzin\w* (pracy|urzedowania|otwarcia|przyjec)", r"\bczynn[ey]\b")


@website_criterion(
    CriterionMeta(
        "INF-02",
        "Godziny pracy są podane",
        "Brak godzin pracy",
        "„godziny pracy/urzędowania/otwarcia”, „czynne” + dni (pon–pt, poniedziałek…) i godziny HH:MM–HH:MM; schema.org openingHoursSpecification",
        "KPA art. 253 (dni i godziny przyjęć)",
        "zaliczone: dni i godziny odczytane; częściowo: tylko wzmianka o godzinach pracy",
    )
)
def opening_hours(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = opening_hours.meta
    pages = site.html_pages(artifact_of(evidence))
    found = find_office_hours(pages)
    if found:
        hours, finding = found
        days = [d for d, spans in hours.items() if spans]
        return result(
            meta,
            PASS,
            1.0,
            f"{meta.title} ({len(days)} dni tygodnia odczytano).",
            [finding.evidence()],
            {"office_hours": hours},
        )
    mention = find_text(pages, HOURS_WORDS)
    if mention:
        return result(
            meta,
            PARTIAL,
            0.5,
            "Wspomniano o godzinach pracy, lecz nie odczytano dni i godzin.",
            [mention.evidence(), site.pages_searched(pages)],
            {"office_hours": None},
        )
    return missing_result(meta, pages, {"office_hours": None})


# --- INF-03 ---------------------------------------------------------------------------

STATEMENT_LINK_TEXT = (r"deklaracj\w* dostepnosci",)
STATEMENT_LINK_HREF = (
    r"deklaracja-dostepnosci",
    r"deklaracja_dostepnosci",
    r"deklaracjadostepnosci",
)


@website_criterion(
    CriterionMeta(
        "INF-03",
        "Deklaracja dostępności jest dostępna z każdej strony",
        "Brak odnośnika do deklaracji dostępności",
        "Odnośnik „Deklaracja dostępności” w stopce/nagłówku ≥90% stron; adres deklaracja-dostepnosci lub /dostepnosc; strona docelowa z identyfikatorami a11y-*",
        "UDC art. 10 ust. 2 (odnośnik na stronie głównej lub w elemencie wyświetlanym na każdej stronie)",
        "zaliczone: odnośnik na ≥90% stron i deklaracja z a11y-*; częściowo: odnośnik choć na stronie głównej lub sama deklaracja",
        params=(
            share_param(
                "footer_share",
                "udział stron z odnośnikiem do deklaracji potrzebny do zaliczenia (0–1)",
                0.9,
            ),
        ),
    )
)
def statement_link(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = statement_link.meta
    artifact = artifact_of(evidence)
    pages = site.own_pages(artifact) or site.html_pages(artifact)
    share_needed = meta.values(ctx)["footer_share"]
    statement = find_statement_page(site.html_pages(artifact))
    href_patterns = STATEMENT_LINK_HREF
    if statement is not None and a11y_ids(statement):
        # A link to the page that holds the statement counts, whatever its URL (e.g. /dostepnosc).
        path = urlsplit(site.url_of(statement)).path.rstrip("/")
        if path:
            href_patterns += (re.escape(fold(path)) + r"/?(\?|#|$)",)
    with_link, without = [], []
    for page in pages:
        tag = link_in_shared_region(page, STATEMENT_LINK_TEXT, href_patterns)
        (with_link if tag is not None else without).append((page, tag))
    share = len(with_link) / len(pages) if pages else 0.0
    home = site.home_page(artifact)
    on_home = find_link([home], STATEMENT_LINK_TEXT, href_patterns) if home else None
    has_ids = statement is not None and bool(a11y_ids(statement))
    evidence_list = []
    if with_link:
        page, tag = with_link[0]
        evidence_list.append(
            labelled(Finding(page, element=tag), f"odnośnik na {len(with_link)}/{len(pages)} stron")
        )
    elif on_home:
        evidence_list.append(labelled(on_home, "odnośnik na stronie głównej"))
    if statement is not None:
        evidence_list.append(
            labelled(Finding(statement, statement.get("title") or None), "deklaracja")
        )
    if without:
        evidence_list.append(
            {"type": "pages_without", "urls": [site.url_of(p) for p, _ in without]}
        )
    details = {
        "link_share": round(share, 3),
        "statement_url": site.url_of(statement) if statement else None,
        "a11y_ids": has_ids,
    }
    # The rubric wants the link on ≥90% of pages; the law's minimum (home page only) earns 3/4.
    link_score = (
        1.0 if share >= share_needed else max(share / share_needed, 0.75 if on_home else 0.0)
    )
    score = 0.5 * link_score + 0.5 * has_ids
    if score == 0:
        return missing_result(meta, pages, details)
    if score >= 1.0:
        return result(
            meta,
            PASS,
            1.0,
            f"{meta.title} ({len(with_link)}/{len(pages)} stron).",
            evidence_list,
            details,
        )
    why = []
    if link_score < 1.0:
        where = " (jest na stronie głównej)" if on_home else ""
        why.append(f"odnośnik w stopce/menu tylko na {len(with_link)}/{len(pages)} stron{where}")
    if not has_ids:
        why.append(
            "deklaracja bez struktury a11y-*" if statement else "nie znaleziono strony deklaracji"
        )
    return result(
        meta, PARTIAL, score, "Częściowo — " + "; ".join(why) + ".", evidence_list, details
    )


# --- keyword criteria -----------------------------------------------------------------


def _signals(pages: list, groups: dict[str, tuple[str, ...]]) -> SignalSet:
    signals = SignalSet()
    for name, patterns in groups.items():
        signals.add(name, find_text(pages, patterns) or find_link(pages, patterns))
    return signals


def keyword_criterion(
    meta: CriterionMeta,
    groups: dict[str, tuple[str, ...]],
    weights: dict[str, float] | None = None,
) -> Callable[[Evidence, Context], CriterionResult]:
    """A rule written as data (axe's rule files): named groups of folded patterns, each found
    in a page's text or in a link; graded by the weighted share of groups found (equal weights
    unless given), passing from the rubric's `pass_at` when the criterion declares one."""
    weights = weights or dict.fromkeys(groups, 1)
    has_pass_at = any(p.name == "pass_at" for p in meta.params)

    def judge(evidence: Evidence, ctx: Context) -> CriterionResult:
        pages = site.html_pages(artifact_of(evidence))
        pass_at = meta.values(ctx)["pass_at"] if has_pass_at else 1.0
        return graded(meta, _signals(pages, groups), pages, weights, pass_at)

    return website_criterion(meta)(judge)


ETR_WORDS = (r"latw\w* do (od)?czytania", r"\betr\b", r"easy[- ]to[- ]read")


@website_criterion(
    CriterionMeta(
        "INF-04",
        "Jest informacja w tekście łatwym do czytania (ETR)",
        "Brak tekstu łatwego do czytania (ETR)",
        "„tekst łatwy do czytania”, „łatwy do czytania”, „ETR”, ikona ETR (tekst alternatywny)",
        "UZD art. 6 pkt 3 lit. c",
        "zaliczone: znaleziono; niezaliczone: brak",
    )
)
def easy_to_read(evidence: Evidence, ctx: Context) -> CriterionResult:
    pages = site.html_pages(artifact_of(evidence))
    finding = find_text(pages, ETR_WORDS) or find_link(pages, ETR_WORDS)
    if finding is None:
        for page in pages:
            img = site.soup(page).find("img", alt=re.compile(r"(?i)łatw\w* do czytania|\bETR\b"))
            if img is not None:
                finding = Finding(page, element=img)
                break
    if finding is None:
        return missing_result(easy_to_read.meta, pages)
    return result(easy_to_read.meta, PASS, 1.0, easy_to_read.meta.title + ".", [finding.evidence()])


PJM_WORDS = (
    r"polski\w* jezyk\w* migow",
    r"\bpjm\b",
    r"jezyk\w* migow",
    r"tlumacz\w* (jezyka )?migow",
)


def _has_video(page) -> object | None:
    doc = site.soup(page)
    video = doc.find("video")
    if video is not None:
        return video
    for frame in doc.find_all("iframe", src=True):
        if re.search(r"youtube|youtu\.be|vimeo|facebook\.com/plugins/video", str(frame["src"])):
            return frame
    return None


@website_criterion(
    CriterionMeta(
        "INF-05",
        "Jest informacja w polskim języku migowym (PJM)",
        "Brak informacji w polskim języku migowym",
        "„polski język migowy”, „PJM”, „migowy” z nagraniem wideo (<video>, YouTube/Vimeo) na tej stronie; „tłumacz języka migowego online”",
        "UZD art. 6 pkt 3 lit. c; UDC (tłumacz PJM online w deklaracji)",
        "zaliczone: PJM z nagraniem lub tłumacz online; częściowo: sama wzmianka o PJM",
        params=(
            Param(
                "recording_only",
                "tylko nagranie w PJM (UZD art. 6 pkt 3 lit. c) daje pełną ocenę; tłumacz online "
                "(lit. a) to osobne kryterium INF-30",
                False,
                flag(),
            ),
        ),
    )
)
def sign_language(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = sign_language.meta
    pages = site.html_pages(artifact_of(evidence))
    mention = None
    for page in pages:
        m = find_text([page], PJM_WORDS)
        if m is None:
            continue
        mention = mention or m
        video = _has_video(page)
        if video is not None:
            return result(
                meta,
                PASS,
                1.0,
                f"{meta.title} (nagranie wideo).",
                [m.evidence(), Finding(page, element=video).evidence()],
            )
    online = find_text(
        pages,
        (
            r"tlumacz\w* (polskiego )?jezyka migowego (on-?line|przez internet)",
            r"(on-?line|zdaln\w*) tlumacz\w* (pjm|jezyka migowego)",
        ),
    )
    if online and not meta.values(ctx)["recording_only"]:
        return result(meta, PASS, 1.0, f"{meta.title} (tłumacz PJM online).", [online.evidence()])
    if online or mention:
        if mention is None:
            mention = online
        if meta.values(ctx)["recording_only"]:
            return result(
                meta,
                PARTIAL,
                0.5,
                "Wspomniano o PJM, lecz bez nagrania w PJM o zakresie działalności "
                "(tłumacz online to lit. a — kryterium INF-30).",
                [mention.evidence(), site.pages_searched(pages)],
            )
        return result(
            meta,
            PARTIAL,
            0.5,
            "Wspomniano o PJM, lecz bez nagrania ani tłumacza online.",
            [mention.evidence(), site.pages_searched(pages)],
        )
    return missing_result(meta, pages)


ARCHITECTURE_ELEMENTS = {
    "winda": (r"\bwind(a|y|e|zie)\b",),
    "podjazd": (r"podjazd", r"pochylni"),
    "pętla indukcyjna": (r"petl\w* indukcyjn",),
    "pies asystujący": (r"ps\w* asystuj", r"pies asystuj", r"psem asystuj"),
    "parking": (r"miejsc\w* parkingow\w* dla os", r"miejsc\w* postojow\w* dla os", r"koperta"),
    "toaleta": (r"toalet\w* (dla|przystosowan)", r"\bwc dla os"),
}


@website_criterion(
    CriterionMeta(
        "INF-06",
        "Opisano dostępność architektoniczną",
        "Brak informacji o dostępności architektonicznej",
        "„dostępność architektoniczna”; winda, podjazd, pętla indukcyjna, pies asystujący, miejsca parkingowe, toaleta",
        "UZD art. 6 pkt 1; deklaracja dostępności (a11y-architektura)",
        "zaliczone: opis i ≥3 elementy; częściowo: opis lub co najmniej 1 element",
        params=(
            Param(
                "elements_for_pass",
                "ile elementów opisu dostępności architektonicznej trzeba znaleźć do zaliczenia",
                3,
                whole(1),
            ),
        ),
    )
)
def building_accessibility(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = building_accessibility.meta
    pages = site.html_pages(artifact_of(evidence))
    heading = find_text(pages, (r"dostepnosc\w* architektoniczn",))
    # Elements are searched on the pages that speak of architectural accessibility first.
    near = [heading.page] if heading else []
    found: dict[str, Finding] = {}
    for name, patterns in ARCHITECTURE_ELEMENTS.items():
        f = find_text(near, patterns) or find_text(pages, patterns)
        if f:
            found[name] = f
    evidence_list = ([labelled(heading, "dostępność architektoniczna")] if heading else []) + [
        labelled(f, n) for n, f in found.items()
    ]
    details = {
        "elements": sorted(found),
        "missing": [n for n in ARCHITECTURE_ELEMENTS if n not in found],
    }
    if heading and len(found) >= meta.values(ctx)["elements_for_pass"]:
        return result(meta, PASS, 1.0, f"{meta.title}: {', '.join(found)}.", evidence_list, details)
    if heading or found:
        score = 0.5 * bool(heading) + 0.5 * min(1.0, len(found) / 3)
        return result(
            meta, PARTIAL, min(score, 0.99), f"Częściowo — opis {'jest' if heading else 'brak'}, elementy: {', '.join(found) or 'brak'}.",
            [*evidence_list, site.pages_searched(pages)], details,
        )  # fmt: skip
    return missing_result(meta, pages, details)


@website_criterion(
    CriterionMeta(
        "INF-07",
        "Wskazano koordynatora ds. dostępności i raport",
        "Brak koordynatora ds. dostępności i raportu",
        "„koordynator do spraw dostępności”, „raport o stanie zapewniania dostępności”",
        "UZD art. 14 i art. 11",
        "zaliczone: oba; częściowo: jedno",
    )
)
def accessibility_coordinator(evidence: Evidence, ctx: Context) -> CriterionResult:
    pages = site.html_pages(artifact_of(evidence))
    signals = _signals(
        pages,
        {
            "koordynator": (r"koordynator\w* (do spraw|ds\.?) dostepnosci",),
            "raport": (r"raport\w* o stanie zapewni\w* dostepnosci",),
        },
    )
    return graded(accessibility_coordinator.meta, signals, pages, {"koordynator": 1, "raport": 1})


# --- INF-08 BIP -----------------------------------------------------------------------

BIP_HOST = re.compile(
    r"(^|\.)bip\.|\.bip\.|bip\.gov\.pl$|biuletyn\.net$|bip\.net\.pl$|\.bip\.gmina\.pl$|e-bip\.|ebip\."
)
BIP_ELEMENTS: dict[str, tuple[str, ...]] = {
    "Redakcja": (r"\bredakcj\w*", r"redaktor\w*"),
    "Instrukcja": (r"instrukcj\w* (obslugi|korzystania)", r"^instrukcja"),
    "Rejestr zmian": (r"rejestr\w* zmian", r"historia zmian"),
}


def _bip_logo(page) -> object | None:
    doc = site.soup(page)
    for img in doc.find_all(["img", "svg"]):
        label = fold(
            " ".join(str(img.get(a, "")) for a in ("alt", "src", "title", "class", "aria-label"))
        )
        if re.search(r"\bbip\b|biuletyn informacji publicznej|logo[-_]?bip|bip[-_.]?logo", label):
            return img
    return None


@website_criterion(
    CriterionMeta(
        "INF-08",
        "Jest odnośnik do BIP, a BIP ma wymagane elementy",
        "Brak odnośnika do Biuletynu Informacji Publicznej",
        "Odnośnik do hosta bip.* lub „Biuletyn Informacji Publicznej”; na stronach BIP: logo BIP, „Redakcja”, „Instrukcja”, „Rejestr zmian”, wyszukiwarka",
        "UDIP art. 8; rozporządzenie MSWiA z 18.01.2007 §11",
        "odnośnik = 50%, elementy BIP = 50% (po 1/5); zaliczone od 90%; gdy stron BIP nie pobrano, ocenia się tylko odnośnik",
        params=(
            share_param("pass_at", "ocena BIP (0–1), od której kryterium jest zaliczone", 0.9),
        ),
    )
)
def bip(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = bip.meta
    artifact = artifact_of(evidence)
    own, bip_pages = site.own_pages(artifact), site.bip_pages(artifact)
    link: Finding | None = None
    for page in own:
        for tag in find_links(page, (r"biuletyn\w* informacji publicznej", r"^bip$", r"\bbip\b")):
            link = Finding(page, element=tag, value=tag["href"])
            break
        if link is None:
            for tag in site.soup(page).find_all("a", href=True):
                if BIP_HOST.search(site.host_of(str(tag["href"]))):
                    link = Finding(page, element=tag, value=tag["href"])
                    break
        if link:
            break
    own_is_bip = any(BIP_HOST.search(site.host_of(site.url_of(p))) for p in own[:1])
    if link is None and not own_is_bip and not bip_pages:
        return missing_result(meta, own)
    evidence_list = [labelled(link, "odnośnik do BIP")] if link else []
    if own_is_bip and not bip_pages:
        bip_pages = own
    if not bip_pages:
        return result(
            meta, PASS, 1.0, "Jest odnośnik do BIP; elementów samego BIP nie zbadano (strony BIP nie zostały pobrane).",
            evidence_list, {"bip_elements": "not_measured"},
        )  # fmt: skip
    signals = SignalSet()
    logo = None
    for page in bip_pages:
        logo = _bip_logo(page)
        if logo is not None:
            signals.add("logo BIP", Finding(page, element=logo))
            break
    if logo is None:
        signals.add("logo BIP", None)
    for name, patterns in BIP_ELEMENTS.items():
        signals.add(
            name,
            find_link(bip_pages, patterns)
            or find_heading(bip_pages, patterns)
            or find_text(bip_pages, patterns),
        )
    signals.add("wyszukiwarka", find_search(bip_pages))
    elements = ["logo BIP", *BIP_ELEMENTS, "wyszukiwarka"]
    share = len([e for e in elements if e in signals.found]) / len(elements)
    score = 0.5 * (link is not None or own_is_bip) + 0.5 * share
    status = status_for(score, meta.values(ctx)["pass_at"])
    evidence_list += [labelled(signals.found[e], e) for e in elements if e in signals.found]
    missing = [e for e in elements if e not in signals.found]
    if missing:
        evidence_list.append(site.pages_searched(bip_pages))
    text = (
        meta.title + "."
        if status == PASS
        else f"Częściowo — na stronach BIP brak: {', '.join(missing)}."
    )
    if status == PASS and missing:
        text = f"{meta.title} (brak: {', '.join(missing)})."
    return result(
        meta,
        status,
        score,
        text,
        evidence_list,
        {"bip_elements": [e for e in elements if e in signals.found], "missing": missing},
    )


# --- INF-09 RODO ----------------------------------------------------------------------

# A link titled "RODO" is not the clause: the clause names the controller (art. 13).
CLAUSE_WORDS = (
    r"klauzul\w* informacyjn",
    r"administratorem (pani\w* |pana |panstwa |twoich )*danych",
    r"obowiazek informacyjny",
    r"informacj\w* o przetwarzaniu (pani\w* |pana )*danych",
)
IOD_WORDS = (r"inspektor\w* ochrony danych", r"\biod\b")


def _iod_contact(pages) -> Finding | None:
    for page in pages:
        text, folded = site.text(page), site.folded_text(page)
        m = re.search(r"\biod[\w.-]*@[\w.-]+\.[a-z]{2,}", folded)
        if m:
            return Finding(
                page, snippet_at(text, m.start(), m.end()), value=text[m.start() : m.end()]
            )
        for m in re.finditer(IOD_WORDS[0], folded):
            tail = text[m.end() : m.end() + 250]
            e = EMAIL.search(tail) or (phones_in(tail) or [None])[0]
            if e:
                return Finding(page, snippet_at(text, m.start(), m.end() + e.end()))
    return None


@website_criterion(
    CriterionMeta(
        "INF-09",
        "Jest klauzula RODO i kontakt do inspektora ochrony danych",
        "Brak klauzuli informacyjnej RODO",
        "„klauzula informacyjna”, „administratorem (Pani/Pana) danych”, „inspektor ochrony danych”/„IOD”, adres iod@…",
        "RODO art. 13, art. 37 ust. 1 lit. a i ust. 7",
        "grupy J i A: klauzula, IOD i kontakt do IOD po 1/3; pozostali: wystarczy klauzula (IOD dodatkowo nie obniża oceny)",
        params=(
            Param(
                "iod_required_groups",
                "grupy uczestników, od których wymaga się inspektora ochrony danych i kontaktu do niego (RODO art. 37)",
                ("J", "A"),
                groups(),
            ),
        ),
    )
)
def gdpr(evidence: Evidence, ctx: Context) -> CriterionResult:
    pages = site.html_pages(artifact_of(evidence))
    signals = SignalSet()
    signals.add(
        "klauzula informacyjna",
        find_text(pages, CLAUSE_WORDS),
    )
    signals.add("inspektor ochrony danych", find_text(pages, IOD_WORDS))
    signals.add("kontakt do IOD", _iod_contact(pages))
    if ctx.get("group") in gdpr.meta.values(ctx)["iod_required_groups"]:
        weights = {"klauzula informacyjna": 1, "inspektor ochrony danych": 1, "kontakt do IOD": 1}
    else:
        weights = {"klauzula informacyjna": 1}
    return graded(
        gdpr.meta, signals, pages, weights, details={"iod": "kontakt do IOD" in signals.found}
    )


# --- INF-10 e-Doręczenia --------------------------------------------------------------


@website_criterion(
    CriterionMeta(
        "INF-10",
        "Podano adres do doręczeń elektronicznych",
        "Brak adresu do doręczeń elektronicznych i skrytki ePUAP",
        "Adres AE:PL-NNNNN-NNNNN-XXXXX-NN; „adres do doręczeń elektronicznych”, „e-Doręczenia”; skrytka ePUAP /…/skrytka",
        "ustawa o doręczeniach elektronicznych art. 155; od 1.01.2026 e-Doręczenia kanałem podstawowym",
        "zaliczone: adres AE:PL-…; częściowo: wzmianka o e-Doręczeniach lub sama skrytka ePUAP",
        params=(
            Param(
                "strict_groups",
                "grupy uczestników, od których wymaga się adresu do doręczeń elektronicznych (od 2026)",
                (),
                groups(),
            ),
            Param(
                "ade_spacing",
                "przyjmuj adres AE:PL zapisany ze spacjami lub małymi literami",
                False,
                flag(),
            ),
        ),
    )
)
def e_delivery(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = e_delivery.meta
    p = meta.values(ctx)
    pages = site.html_pages(artifact_of(evidence))
    address = find_regex(pages, E_DELIVERY_LENIENT if p["ade_spacing"] else E_DELIVERY)
    if address:
        value = re.sub(r"\s+", "", address.value).upper() if p["ade_spacing"] else address.value
        return result(
            meta,
            PASS,
            1.0,
            f"{meta.title}: {value}.",
            [address.evidence()],
            {"ade": value},
        )
    if ctx.get("group") in p["strict_groups"]:
        return _e_delivery_2026(meta, pages)
    partial = find_text(
        pages, (r"adres\w* do dorecze\w* elektroniczn", r"e-?doreczeni")
    ) or find_regex(pages, EPUAP_BOX)
    if partial:
        return result(
            meta, PARTIAL, 0.5, "Częściowo — brak adresu AE:PL-…, jest tylko wzmianka o e-Doręczeniach lub skrytka ePUAP.",
            [partial.evidence(), site.pages_searched(pages)],
        )  # fmt: skip
    return missing_result(meta, pages)


EPUAP_INSTRUCTION = (
    r"(pism|podani|wnios|korespondencj)\w*.{0,80}(przez|za pomoca|poprzez|na) (platform\w* )?e-?puap",
    r"skrytk\w* (podawcz\w* )?e-?puap",
)


def _e_delivery_2026(meta: CriterionMeta, pages: list) -> CriterionResult:
    """J/A from 1 Jan 2026 (param strict_groups): e-Doręczenia named without an address 0.25,
    an ePUAP box alone 0 — ePUAP is no longer a general channel (UDE art. 155; KPA art. 63 §1);
    a page still sending pisma through ePUAP is flagged for the jurors."""
    mention = find_text(pages, (r"adres\w* do dorecze\w* elektroniczn", r"e-?doreczeni"))
    box = find_regex(pages, EPUAP_BOX)
    instruction = find_text(pages, EPUAP_INSTRUCTION)
    details = {
        "epuap_box": box.value if box else None,
        "flag_epuap_instruction": instruction.evidence() if instruction else None,
    }
    flag = (
        " Uwaga: strona nadal kieruje pisma na ePUAP, który od 1.01.2026 nie jest ogólnym "
        "kanałem doręczeń."
        if instruction
        else ""
    )
    if mention:
        return result(
            meta,
            PARTIAL,
            0.25,
            "Częściowo — wzmianka o e-Doręczeniach bez adresu AE:PL-…." + flag,
            [mention.evidence(), site.pages_searched(pages)],
            details,
        )
    if box:
        return result(
            meta,
            FAIL,
            0.0,
            "Podano tylko skrytkę ePUAP, bez adresu do doręczeń elektronicznych (od 1.01.2026 "
            "ePUAP nie jest ogólnym kanałem doręczeń)." + flag,
            [box.evidence(), site.pages_searched(pages)],
            {**details, "epuap_only": True},
        )
    return missing_result(meta, pages, details)


# --- INF-11 services ------------------------------------------------------------------

SERVICE_GROUPS_PUBLIC = {
    "karty usług": (
        r"kart\w* usług",
        r"karty uslug",
        r"karta uslugi",
        r"jak zalatwic sprawe",
        r"wykaz spraw",
        r"zalatw\w* sprawe",
    ),
    "druki i formularze": (
        r"druki",
        r"formularz\w* do pobrania",
        r"wnioski do pobrania",
        r"wzory? (wnioskow|formularzy|druk)",
    ),
    "e-usługi": (
        r"e-?uslug",
        r"\bepuap\b",
        r"(?<![\w.])gov\.pl",
        r"sprawy? (przez internet|online)",
    ),
}
GOV_SERVICE_HREF = (r"//(www\.)?gov\.pl/", r"//(epuap|obywatel|biznes|moj)\.gov\.pl", r"//epuap\.")
SERVICE_GROUPS_COMPANY = {
    "przyłącze": (r"przylacz", r"warunk\w* (technicznych|przylaczenia)"),
    "umowa": (r"umow\w* (o |na )", r"zawarci\w* umowy", r"wniosek o zawarcie"),
    "druki i formularze": SERVICE_GROUPS_PUBLIC["druki i formularze"],
    "e-BOK": (r"e-?bok", r"e-?uslug", r"internetow\w* biur\w* obslugi"),
}


@website_criterion(
    CriterionMeta(
        "INF-11",
        "Opisano, jak załatwić sprawę (karty usług, formularze, e-usługi)",
        "Brak informacji, jak załatwić sprawę",
        "J/A: „karta usługi”, „jak załatwić sprawę”, „wykaz spraw”, „druki/formularze do pobrania”, „e-usługi”, odnośniki do gov.pl/ePUAP; K: „przyłącze”, „umowa”, formularze, e-BOK",
        "eGovernment Benchmark (online availability)",
        "zaliczone: ≥2 rodzaje; częściowo: 1",
        params=(
            Param(
                "groups_for_pass",
                "ile rodzajów informacji o załatwianiu spraw trzeba znaleźć do zaliczenia",
                2,
                whole(1),
            ),
        ),
    )
)
def services(evidence: Evidence, ctx: Context) -> CriterionResult:
    pages = site.html_pages(artifact_of(evidence))
    groups = SERVICE_GROUPS_COMPANY if ctx.get("group") == "K" else SERVICE_GROUPS_PUBLIC
    signals = SignalSet()
    for name, patterns in groups.items():
        href = GOV_SERVICE_HREF if name == "e-usługi" else ()
        signals.add(name, find_text(pages, patterns) or find_link(pages, (), href))
    need = services.meta.values(ctx)["groups_for_pass"]
    return graded(
        services.meta, signals, pages, dict.fromkeys(groups, 1), pass_at=need / len(groups)
    )


# --- INF-12 complaints ----------------------------------------------------------------

DAY_OR_HOUR = (r"(poniedzial|wtor|srod|czwart|piat)\w*", r"\d{1,2}[:.]\d{2}", r"\bgodz")


@website_criterion(
    CriterionMeta(
        "INF-12",
        "Podano zasady przyjmowania skarg, wniosków i petycji",
        "Brak informacji o skargach, wnioskach i petycjach",
        "„skargi i wnioski” z dniem/godziną przyjęć (KPA art. 253); strona „petycje”",
        "KPA art. 253; ustawa o petycjach art. 8",
        "trzy sygnały po 1/3: skargi i wnioski, dzień/godzina przyjęć, petycje",
    )
)
def complaints(evidence: Evidence, ctx: Context) -> CriterionResult:
    pages = site.html_pages(artifact_of(evidence))
    words = (
        r"skarg\w* i wnios\w*",
        r"przyjm\w* (interesantow )?w sprawach skarg",
        r"skarg\w*,? wnios\w*",
    )
    signals = SignalSet()
    signals.add("skargi i wnioski", find_text(pages, words))
    signals.add("dni i godziny przyjęć", text_near(pages, words, DAY_OR_HOUR, 300))
    signals.add("petycje", find_text(pages, (r"\bpetycj\w*",)))
    return graded(
        complaints.meta,
        signals,
        pages,
        {"skargi i wnioski": 1, "dni i godziny przyjęć": 1, "petycje": 1},
    )


# --- INF-13 structure -----------------------------------------------------------------

UNIT_LINE = re.compile(
    r"^\s*(wydzial|referat|dzial|biuro|zespol|samodzielne stanowisko|sekretariat|kancelaria|administracja osiedla)"
    r"\s+(ds\.|do spraw|[a-z]\w+\s+\w+|[a-z]\w{3,}$)"
)
NOT_A_UNIT = re.compile(r"@|czynn|godzin|\d{1,2}[:.]\d{2}")


def _units_with_contact(page) -> list[tuple[str, str]]:
    """Lines naming an organisational unit, with a phone or e-mail before the next unit."""
    lines = [ln.strip() for ln in site.text(page).splitlines() if ln.strip()]
    out = []
    for i, line in enumerate(lines):
        folded = fold(line)
        if len(line) > 100 or NOT_A_UNIT.search(folded) or not UNIT_LINE.match(folded):
            continue
        block = [line]
        for nxt in lines[i + 1 : i + 4]:
            if UNIT_LINE.match(fold(nxt)) and not NOT_A_UNIT.search(fold(nxt)):
                break
            block.append(nxt)
        joined = " ".join(block)
        if EMAIL.search(joined) or phones_in(joined):
            out.append((collapse_ws(line), collapse_ws(joined)[:240]))
    return out


@website_criterion(
    CriterionMeta(
        "INF-13",
        "Podano strukturę organizacyjną z kontaktami do komórek",
        "Brak struktury organizacyjnej i kontaktów do komórek",
        "„struktura organizacyjna”, „wydziały/referaty/działy” z telefonem lub e-mailem przy każdej komórce",
        "dobre praktyki (eGovernment Benchmark: user support)",
        "zaliczone: struktura i ≥3 komórki z kontaktem; częściowo: struktura lub ≥1 komórka z kontaktem",
        params=(
            Param(
                "units_for_pass",
                "ile komórek organizacyjnych z kontaktem trzeba znaleźć do zaliczenia",
                3,
                whole(1),
            ),
        ),
    )
)
def structure(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = structure.meta
    pages = site.html_pages(artifact_of(evidence))
    heading = find_text(
        pages, (r"struktur\w* organizacyjn", r"schemat organizacyjn", r"komork\w* organizacyjn")
    )
    units: list[tuple[object, str, str]] = []
    seen: set[str] = set()
    for page in pages:
        for name, block in _units_with_contact(page):
            if fold(name) not in seen:  # a unit in a shared footer counts once
                seen.add(fold(name))
                units.append((page, name, block))
    evidence_list = [labelled(heading, "struktura organizacyjna")] if heading else []
    evidence_list += [labelled(Finding(p, block), name) for p, name, block in units[:5]]
    details = {"units_with_contact": len(units)}
    if heading and len(units) >= meta.values(ctx)["units_for_pass"]:
        return result(
            meta,
            PASS,
            1.0,
            f"{meta.title} ({len(units)} komórek z kontaktem).",
            evidence_list,
            details,
        )
    if heading or units:
        score = 0.5 * bool(heading) + 0.5 * min(1.0, len(units) / 3)
        return result(
            meta, PARTIAL, min(score, 0.99), f"Częściowo — struktura {'jest' if heading else 'brak'}, komórek z kontaktem: {len(units)}.",
            [*evidence_list, site.pages_searched(pages)], details,
        )  # fmt: skip
    return missing_result(meta, pages, details)


# --- INF-14 freshness -----------------------------------------------------------------


@website_criterion(
    CriterionMeta(
        "INF-14",
        "Strona jest aktualna",
        "Strona jest nieaktualna",
        "Najnowsza data na stronach (dd.mm.rrrr, rrrr-mm-dd, „12 marca 2027”, <time datetime>), nie późniejsza niż dzień badania",
        "dobre praktyki",
        "≤30 dni: zaliczone; ≤90 dni: połowa; starsze: niezaliczone",
        params=(
            Param(
                "full_days",
                "najnowsza data na stronie nie starsza niż tyle dni: pełna ocena",
                30,
                whole(0),
            ),
            Param("half_days", "nie starsza niż tyle dni: połowa oceny", 90, whole(0)),
        ),
    )
)
def freshness(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = freshness.meta
    pages = site.html_pages(artifact_of(evidence))
    today = ctx["now"].date()
    newest = None
    for page in pages:
        for d, snippet, tag in dates_on_page(page):
            if d <= today + timedelta(days=1) and (newest is None or d > newest[0]):
                newest = (d, page, snippet, tag)
    if newest is None:
        return missing_result(meta, pages, {"newest": None})
    d, page, snippet, tag = newest
    age = (today - d).days
    values = meta.values(ctx)
    full, half = values["full_days"], values["half_days"]
    score = 1.0 if age <= full else 0.5 if age <= half else 0.0
    status = PASS if score == 1.0 else PARTIAL if score else FAIL
    ev = Finding(page, snippet, tag).evidence()
    evidence_list = [ev] if status != FAIL else [ev, site.pages_searched(pages)]
    text = {PASS: meta.title, PARTIAL: "Częściowo aktualna", FAIL: meta.failure_title}[status]
    return result(
        meta,
        status,
        score,
        f"{text}: najnowsza data {d.strftime('%d.%m.%Y')} ({age} dni temu).",
        evidence_list,
        {"newest": d.isoformat(), "age_days": age},
    )


# --- INF-15 emergencies ---------------------------------------------------------------

EMERGENCY_WORDS = (
    r"zglos\w* awari",
    r"zglaszani\w* awarii",
    r"pogotowi\w*",
    r"calodobow",
    r"dyspozytor",
    r"\b99[1-4]\b",
    r"\bawari\w*",
)


@website_criterion(
    CriterionMeta(
        "INF-15",
        "Podano, jak zgłosić awarię",
        "Brak informacji o zgłaszaniu awarii",
        "„zgłoś awarię”, „pogotowie”, „całodobowy”, „dyspozytor”, „994” z numerem telefonu obok",
        "dobre praktyki (usługi komunalne)",
        "zaliczone: informacja z telefonem w pobliżu; częściowo: sama wzmianka",
    )
)
def emergencies(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = emergencies.meta
    pages = site.html_pages(artifact_of(evidence))
    phone_near = None
    for page in pages:
        text, folded = site.text(page), site.folded_text(page)
        for pattern in EMERGENCY_WORDS:
            for m in re.finditer(pattern, folded):
                window = text[m.start() : m.end() + 150]
                p = phones_in(window) or list(re.finditer(r"\b99[1-4]\b", window))
                if p:
                    phone_near = Finding(page, snippet_at(text, m.start(), m.start() + p[0].end()))
                    break
            if phone_near:
                break
        if phone_near:
            break
    if phone_near:
        return result(
            meta, PASS, 1.0, meta.title + " (z numerem telefonu).", [phone_near.evidence()]
        )
    mention = find_text(pages, EMERGENCY_WORDS)
    if mention:
        return result(
            meta,
            PARTIAL,
            0.5,
            "Częściowo — wzmianka o awariach bez numeru telefonu.",
            [mention.evidence(), site.pages_searched(pages)],
        )
    return missing_result(meta, pages)


# --- INF-16 … INF-19 document lists ---------------------------------------------------

COOPERATIVE_DOCS = {
    "statut": (r"\bstatut\w*",),
    "regulaminy": (r"\bregulamin\w*",),
    "uchwały": (r"uchwal\w* (zarzadu|rady nadzorczej|walnego)", r"\buchwaly\b"),
    "protokoły": (r"\bprotokol\w*",),
    "lustracja": (r"\blustracj\w*",),
    "sprawozdanie finansowe": (r"sprawozdani\w* finansow",),
    "walne zgromadzenie": (r"walne\w* zgromadzeni", r"zebrani\w* przedstawicieli"),
}


cooperative_documents = keyword_criterion(
    CriterionMeta(
        "INF-16",
        "Spółdzielnia publikuje swoje dokumenty",
        "Brak dokumentów spółdzielni",
        "„statut”, „regulamin”, „uchwały (zarządu/rady nadzorczej/walnego zgromadzenia)”, „protokół”, „lustracja”, „sprawozdanie finansowe”, „walne zgromadzenie”",
        "u.s.m. art. 8¹",
        "udział znalezionych rodzajów (7); zaliczone od 70%",
        params=(pass_share(0.7, "rodzajów dokumentów"),),
    ),
    COOPERATIVE_DOCS,
)


COMMUNITY_DOCS = {
    "sprawozdanie roczne": (r"sprawozdani\w* (roczn|z wykonania|finansow)",),
    "plan gospodarczy": (r"plan\w* gospodarcz",),
    "uchwały": (r"\buchwal\w*",),
    "zarządca": (r"\bzarzadc\w*", r"zarzad\w* wspolnoty"),
    "panel mieszkańca": (
        r"e-?kartotek",
        r"panel\w* (mieszkanca|wlasciciela|lokatora)",
        r"e-?bok",
        r"indywidualn\w* kont",
    ),
}


community_documents = keyword_criterion(
    CriterionMeta(
        "INF-17",
        "Wspólnota publikuje swoje dokumenty",
        "Brak dokumentów wspólnoty",
        "„sprawozdanie roczne”, „plan gospodarczy”, „uchwały”, „zarządca”, panel mieszkańca / e-kartoteka",
        "u.w.l. (dobre praktyki publikacji)",
        "udział znalezionych rodzajów (5); zaliczone od 60%",
        params=(pass_share(0.6, "rodzajów dokumentów"),),
    ),
    COMMUNITY_DOCS,
)


COMPANY_REGISTRY = {
    "KRS": (r"\bkrs\b",),
    "NIP": (r"\bnip\b",),
    "kapitał zakładowy": (r"kapital\w* zakladow",),
    "sąd rejestrowy": (r"sad\w* rejonow", r"sad\w* rejestrow"),
}
COMPANY_TARIFFS = (
    r"\bcennik",
    r"\btaryf",
    r"regulamin\w* swiadczenia uslug",
    r"harmonogram\w* (odbioru|wywozu)",
)


company_data = keyword_criterion(
    CriterionMeta(
        "INF-18",
        "Podano dane rejestrowe spółki i cennik",
        "Brak danych rejestrowych spółki i cennika",
        "„KRS”, „NIP”, „kapitał zakładowy”, „sąd rejonowy”; „cennik”, „taryfa”, „regulamin świadczenia usług”, „harmonogram odbioru odpadów”",
        "KSH art. 206 §1",
        "dane rejestrowe (4 elementy) = 50%, cennik/taryfa = 50%",
    ),
    {**COMPANY_REGISTRY, "cennik lub taryfa": COMPANY_TARIFFS},
    weights={**dict.fromkeys(COMPANY_REGISTRY, 0.125), "cennik lub taryfa": 0.5},
)


WHISTLEBLOWING = {
    "sygnaliści": (r"sygnalist\w*",),
    "procedura zgłoszeń": (
        r"zglosze\w* (wewnetrzn|zewnetrzn)",
        r"procedur\w* (zglosze|zgłaszania|przyjmowania zglosze)",
        r"kana\w* zglosze",
    ),
}

whistleblowing = keyword_criterion(
    CriterionMeta(
        "INF-19",
        "Opisano kanały zgłoszeń dla sygnalistów",
        "Brak informacji dla sygnalistów",
        "„sygnalista”, „zgłoszenia wewnętrzne/zewnętrzne”, „procedura zgłoszeń”",
        "ustawa o ochronie sygnalistów z 14.06.2024",
        "zaliczone: sygnaliści i procedura/kanał zgłoszeń; częściowo: jedno",
    ),
    WHISTLEBLOWING,
)


# --- INF-20 help ----------------------------------------------------------------------


@website_criterion(
    CriterionMeta(
        "INF-20",
        "Jest pomoc: FAQ, wyszukiwarka, formularz kontaktowy",
        "Brak FAQ, wyszukiwarki i formularza kontaktowego",
        "„FAQ”, „najczęściej zadawane pytania”; pole wyszukiwania; formularz z polem wiadomości i klauzulą RODO obok",
        "eGovernment Benchmark (user support)",
        "trzy sygnały po 1/3 (formularz bez klauzuli RODO: 1/6); zaliczone od 2/3",
    )
)
def help_tools(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = help_tools.meta
    pages = site.html_pages(artifact_of(evidence))
    signals = SignalSet()
    signals.add(
        "FAQ",
        find_text(
            pages,
            (
                r"\bfaq\b",
                r"najczesciej zadawane pytania",
                r"pytania i odpowiedzi",
                r"czesto zadawane pytania",
            ),
        ),
    )
    signals.add("wyszukiwarka", find_search(pages))
    form = find_contact_form(pages)
    signals.add("formularz kontaktowy", form)
    res = graded(
        meta, signals, pages, {"FAQ": 1, "wyszukiwarka": 1, "formularz kontaktowy": 1}, 2 / 3
    )
    if form is not None and not form.value:
        score = res.score - 1 / 6
        status = status_for(score, 2 / 3)
        text = res.explanation.rstrip(".") + " (formularz bez klauzuli RODO)."
        return result(
            meta, status, score, text, res.evidence, {**res.details, "form_rodo_clause": False}
        )
    return result(
        meta,
        res.status,
        res.score,
        res.explanation,
        res.evidence,
        {**res.details, "form_rodo_clause": bool(form and form.value)},
    )


# --- INF-21 channels ------------------------------------------------------------------

SOCIAL_HOSTS = re.compile(
    r"(^|\.)(facebook\.com|fb\.com|instagram\.com|youtube\.com|x\.com|twitter\.com|linkedin\.com|tiktok\.com|threads\.net)$"
)


def _social(pages) -> Finding | None:
    for page in pages:
        for tag in site.soup(page).find_all("a", href=True):
            if SOCIAL_HOSTS.search(site.host_of(str(tag["href"]))):
                return Finding(page, element=tag, value=tag["href"])
    return None


def _other_language(pages) -> Finding | None:
    for page in pages:
        doc = site.soup(page)
        alt = doc.find("link", rel="alternate", hreflang=re.compile(r"^(?!pl)", re.I))
        if alt is not None:
            return Finding(page, element=alt)
        for tag in doc.find_all("a", href=True):
            label = fold(collapse_ws(tag.get_text(" ")))
            if (
                re.fullmatch(r"en|english|deutsch|de|uk|українська|ua", label)
                or re.search(r"/(en|de|uk)(/|$)", str(tag["href"]))
                or tag.get("hreflang") not in (None, "pl")
            ):
                return Finding(page, element=tag)
    return None


@website_criterion(
    CriterionMeta(
        "INF-21",
        "Są dodatkowe kanały informacji i wersje językowe",
        "Brak dodatkowych kanałów informacji i wersji językowych",
        "Media społecznościowe, newsletter lub powiadomienia SMS; hreflang lub wersja „EN”",
        "eGovernment Benchmark (cross-border)",
        "trzy sygnały po 1/3; zaliczone od 2/3",
    )
)
def channels(evidence: Evidence, ctx: Context) -> CriterionResult:
    pages = site.html_pages(artifact_of(evidence))
    signals = SignalSet()
    signals.add("media społecznościowe", _social(pages))
    signals.add(
        "newsletter lub SMS",
        find_text(
            pages,
            (
                r"\bnewsletter",
                r"powiadomien\w* sms",
                r"\bsms\w*",
                r"system\w* (powiadamiania|informowania)",
                r"\bblisko\b",
            ),
        ),
    )
    signals.add("wersja obcojęzyczna", _other_language(pages))
    return graded(
        channels.meta,
        signals,
        pages,
        {"media społecznościowe": 1, "newsletter lub SMS": 1, "wersja obcojęzyczna": 1},
        2 / 3,
    )
