"""Website duties added for the law as in force in 2026–2027 (issue 17): INF-22 … INF-29.

Used only by rubric versions from 2027.4; older versions never name these ids, so their
scores do not move. Documents are detected as links with their dates (documents.py), not
as words in a footer. Legal bases and the assumptions made are in docs/criteria-website.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from rubrics.outcome import FAIL, NOT_MEASURED, PARTIAL, PASS, CriterionResult
from rubrics.registry import Context, Evidence, Param, flag, pass_share
from rubrics.website import site
from rubrics.website.detectors import Finding, find_link, find_text, text_near
from rubrics.website.documents import (
    VIDEO_HOSTS,
    DocLink,
    document_links,
    newest,
    today_of,
)
from rubrics.website.meta import (
    CriterionMeta,
    artifact_of,
    found_explanation,
    missing_result,
    result,
    status_for,
    website_criterion,
)
from rubrics.website.site import Page

STALE = 0.5  # credit for a document found but older than the law asks (or of unknown year)


def _signals_result(
    meta: CriterionMeta,
    credits: dict[str, float],
    proofs: dict[str, dict],
    notes: dict[str, str],
    searched: list[Page],
    pass_at: float,
    details: dict | None = None,
) -> CriterionResult:
    """Score = mean credit of the named elements; proof for each found, the pages searched."""
    score = sum(credits.values()) / len(credits)
    status = status_for(score, pass_at)
    found = [n for n, c in credits.items() if c > 0]
    missing = [n for n, c in credits.items() if c == 0]
    evidence = [proofs[n] for n in found]
    if missing or any(c < 1 for c in credits.values()):
        evidence.append(site.pages_searched(searched))
    remarks = "; ".join(f"{n}: {notes[n]}" for n in found if n in notes)
    text = found_explanation(meta, status, found, missing, searched)
    if remarks and status != FAIL:
        text = text.rstrip(".") + f" ({remarks})."
    return result(
        meta,
        status,
        score,
        text,
        evidence,
        {"credits": credits, "missing": missing, **(details or {})},
    )


def _dated_credit(
    doc: DocLink | None, required_year: int | None, what: str
) -> tuple[float, str | None]:
    """1 for a document of the required year or later; STALE when older or undated."""
    if doc is None:
        return 0.0, None
    if required_year is None:
        return 1.0, None
    if doc.year is None:
        return STALE, f"nie podano roku (wymagany {what} za {required_year} lub nowszy)"
    if doc.year < required_year:
        return STALE, f"najnowszy z {doc.year}, wymagany za {required_year}"
    return 1.0, None


@dataclass
class Signals:
    """The named elements a criterion looks for, in its order: each one's credit (0–1), its
    proof and a remark; `result` turns them into the criterion's result (_signals_result)."""

    credits: dict[str, float] = field(default_factory=dict)
    proofs: dict[str, dict] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def found(self, name: str, finding: Finding | None) -> None:
        """Full credit for a finding (its proof names the element), none without one."""
        self.credits[name] = 1.0 if finding else 0.0
        if finding is not None:
            self.proofs[name] = {**finding.evidence(), "signal": name}

    def linked(self, name: str, doc: DocLink | None) -> None:
        """Full credit for a linked document of any date."""
        self.credits[name] = 1.0 if doc else 0.0
        if doc:
            self.proofs[name] = doc.evidence(name)

    def dated(
        self,
        name: str,
        doc: DocLink | None,
        required_year: int | None,
        what: str,
        *,
        label: str | None = None,
        undated_counts: bool = False,
    ) -> None:
        """A linked document that must be of `required_year` or later (_dated_credit); with
        `undated_counts`, one whose link gives no year gets full credit and no remark."""
        credit, note = _dated_credit(doc, required_year, what)
        if undated_counts and doc is not None and not doc.year:
            credit, note = 1.0, None
        self.credits[name] = credit
        if doc is not None:
            self.proofs[name] = doc.evidence(label or name)
        if note:
            self.notes[name] = note

    def result(
        self, meta: CriterionMeta, searched: list[Page], pass_at: float, details: dict | None = None
    ) -> CriterionResult:
        return _signals_result(
            meta, self.credits, self.proofs, self.notes, searched, pass_at, details
        )


# --- INF-22 council sessions: recordings and named votes --------------------------------

RECORDING_LABELS = (
    r"nagrani\w* (z )?(obrad|sesji|posiedzen)",
    r"transmisj\w* (z )?(obrad|sesji|online)",
    r"sesj\w* rady [\w ]{0,20}/ ?online",
    r"archiwum (nagran|transmisji)",
    r"e-?sesj",
    r"obrady (rady )?online",
)
# Real wording the first list missed (issue 17, real sites): "Sesje Rady Miejskiej … - nagrania".
RECORDING_LABELS_REAL = (r"sesj\w*\b[^|]{0,60}\s[-–]\s*nagrania",)


def wider_wording(description: str) -> Param:
    """`real_wording`: the wording learnt from real pages (off in rubrics ≤ 2027.5, on in 2027.6)."""
    return Param("real_wording", description, False, flag())


VOTE_LABELS = (
    r"imienn\w* (wykaz\w* )?glosowan",
    r"wykaz\w* glosowan",
    r"wyniki glosowan",
    r"glosowani\w* radnych",
    r"protokol\w* (z )?glosowan",
)


def _recordings(
    pages: list[Page], labels: tuple[str, ...] = RECORDING_LABELS
) -> tuple[DocLink | None, Finding | None]:
    links = document_links(pages, labels)
    for page in pages:  # a link to a video host labelled with the session
        for doc in document_links([page], (r"sesj", r"obrad", r"transmisj", r"nagrani")):
            if VIDEO_HOSTS.search(doc.href):
                links.append(doc)
    if links:
        return newest(links), None
    for page in pages:  # "Nagrania obrad są udostępniane na kanale YouTube (link tutaj)"
        if find_text([page], RECORDING_LABELS + (r"nagrania obrad",)) is None:
            continue
        hosted = [d for d in document_links([page], (r".",)) if VIDEO_HOSTS.search(d.href)]
        if hosted:
            return newest(hosted), None
    for page in pages:  # the recording embedded on a session page
        doc = site.soup(page)
        frame = doc.find("video") or doc.find(
            "iframe", src=re.compile(r"youtube|youtu\.be|vimeo|esesja|transmisj")
        )
        if frame is not None and re.search(r"sesj\w* rady|obrad\w* rady", site.folded_text(page)):
            return None, Finding(page, element=frame)
    return None, None


@website_criterion(
    CriterionMeta(
        "INF-22",
        "Publikowane są nagrania obrad rady i imienne wykazy głosowań",
        "Brak nagrań obrad rady i imiennych wykazów głosowań",
        "Odnośniki „nagrania/transmisje sesji”, „archiwum nagrań” (także do YouTube, e-sesja) albo nagranie osadzone na stronie sesji; odnośniki „imienne wykazy głosowań”, „wyniki głosowań”; rok z opisu odnośnika",
        "u.s.g. art. 20 ust. 1b i art. 14 ust. 1b; u.s.p. art. 15 ust. 1b i art. 13a; u.s.w. art. 19 ust. 1b i art. 18a",
        "nagrania 1/2, wykazy głosowań 1/2; odnośnik z rokiem starszym niż poprzedni rok: połowa; zaliczone od 0,75",
        params=(
            pass_share(0.75),
            wider_wording("także odnośnik „Sesje … - nagrania” (rzeczywiste strony, issue 17)"),
        ),
    )
)
def council_sessions(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = council_sessions.meta
    pages = site.html_pages(artifact_of(evidence))
    today = today_of(ctx)
    recent = today.year - 1 if today else None
    wider = meta.values(ctx)["real_wording"]
    rec_link, rec_embed = _recordings(
        pages, RECORDING_LABELS + RECORDING_LABELS_REAL if wider else RECORDING_LABELS
    )
    votes = newest(document_links(pages, VOTE_LABELS))
    signals = Signals()
    if rec_embed is not None:
        signals.credits["nagrania obrad"] = 1.0
        signals.proofs["nagrania obrad"] = rec_embed.evidence()
    else:
        signals.dated("nagrania obrad", rec_link, recent, "nagranie", undated_counts=True)
    signals.dated("wykazy głosowań", votes, recent, "wykaz", undated_counts=True)
    return signals.result(meta, pages, meta.values(ctx)["pass_at"])


# --- INF-23 raport o stanie gminy / powiatu / województwa -------------------------------

REPORT_LABELS = (
    r"raport\w* o stanie (gminy|miasta|powiatu|wojewodztwa)",
    r"raport\w* o stanie \w+ (gminy|miasta|powiatu|wojewodztwa)",
)


def report_year_due(today: date) -> int:
    """The raport for year Y−1 is presented by 31 May of Y: due from 1 June (u.s.g. art. 28aa)."""
    return today.year - 1 if today >= date(today.year, 6, 1) else today.year - 2


@website_criterion(
    CriterionMeta(
        "INF-23",
        "Opublikowano aktualny raport o stanie jednostki samorządu",
        "Brak raportu o stanie gminy, powiatu lub województwa",
        "Odnośnik „Raport o stanie gminy/miasta/powiatu/województwa” (plik lub strona) z rokiem w opisie lub adresie",
        "u.s.g. art. 28aa; u.s.p. art. 30a; u.s.w. art. 34a (raport za rok poprzedni przedstawiany radzie do 31 maja)",
        "zaliczone: raport za rok poprzedni (od 1 czerwca) lub za rok wcześniejszy (przed 1 czerwca); starszy lub bez roku: połowa",
    )
)
def local_report(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = local_report.meta
    pages = site.html_pages(artifact_of(evidence))
    doc = newest(document_links(pages, REPORT_LABELS))
    if doc is None:
        return missing_result(meta, pages)
    today = today_of(ctx)
    due = report_year_due(today) if today else None
    signals = Signals()
    signals.dated("raport o stanie", doc, due, "raport")
    return signals.result(meta, pages, 1.0, {"year": doc.year, "year_due": due})


# --- INF-24 waste management information (gminy) ---------------------------------------

WASTE_SIGNALS = {
    "harmonogram odbioru": (r"harmonogram\w* (odbioru|wywozu)", r"odpad\w* (- )?harmonogram"),
    "PSZOK": (r"\bpszok\w*", r"punkt\w* selektywne\w* zbierani\w* odpad"),
    "podmiot odbierający odpady": (
        r"(podmiot|firm|przedsiebiorc)\w* odbierajac\w* (odpady|odpadow)",
        r"odbior\w* odpadow (komunalnych )?(realizuje|prowadzi|wykonuje)",
        r"podmiot\w* (odbierajac|zbierajac)",
        r"rejestr\w* dzialalnosci regulowanej w zakresie odbierania odpadow",
    ),
    "poziomy recyklingu": (
        r"poziom\w* (recyklingu|przygotowania do ponownego uzycia)",
        r"osiagniet\w* (przez gmine )?poziom",
    ),
}
WASTE_ANALYSIS = (r"analiz\w* stanu gospodarki odpadami",)


@website_criterion(
    CriterionMeta(
        "INF-24",
        "Podano informacje o gospodarce odpadami",
        "Brak informacji o gospodarce odpadami",
        "Harmonogram odbioru, PSZOK, podmiot odbierający odpady, osiągnięte poziomy recyklingu; odnośnik do „analizy stanu gospodarki odpadami” z rokiem",
        "u.c.p.g. art. 3 ust. 2 pkt 9 (informacje na stronie internetowej i w BIP) i art. 9tb (roczna analiza) — brzmienie do potwierdzenia",
        "pięć elementów po 1/5 (analiza sprzed więcej niż 2 lat: połowa); zaliczone od 0,8",
        params=(pass_share(0.8),),
    )
)
def waste_information(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = waste_information.meta
    pages = site.html_pages(artifact_of(evidence))
    signals = Signals()
    for name, patterns in WASTE_SIGNALS.items():
        signals.found(name, find_link(pages, patterns) or find_text(pages, patterns))
    analysis = newest(document_links(pages, WASTE_ANALYSIS))
    today = today_of(ctx)
    signals.dated(
        "analiza stanu gospodarki odpadami",
        analysis,
        today.year - 2 if today else None,
        "analiza",
        label="analiza",
    )
    return signals.result(meta, pages, meta.values(ctx)["pass_at"])


# --- INF-25 BIP metadata block and information not in BIP -------------------------------

METADATA_FIELDS = {
    "wytworzył": (r"wytworz\w*", r"sporzadzi\w* informacj"),
    "udostępnił": (
        r"udostepnil\w*",
        r"(podmiot|osoba) udostepniajac\w*",
        r"osoba odpowiedzialna",
        r"opublikowal\w*",
        r"opublikowa\w* przez",
    ),
    "wprowadził": (r"wprowadz\w*",),
    "data": (
        r"(data|czas) (wytworzenia|udostepnienia|publikacji|wprowadzenia|utworzenia|modyfikacji)",
        r"(wytworzyl|opublikowal|udostepnil)\w*\W[^\n]{0,80}\d{2}\.\d{2}\.\d{4}",
    ),
}
NOT_IN_BIP = (
    r"nieudostepnion\w* w (bip|biuletynie)",
    r"informacj\w* (publiczn\w* )?nieudostepnion",
    r"udostepnian\w* informacji publicznej na wniosek",
    r"wnios\w* o udostepnienie informacji publicznej",
)
# A BIP menu link "Udostępnianie informacji publicznej" (no "na wniosek"): the page on the request
# procedure in real BIPs (bip.dmosin.pl, bip.nisko.pl).
NOT_IN_BIP_LINK = (r"^udostepni\w* informacji publicznej$",)


def _metadata_block(pages: list[Page]) -> Finding | None:
    """A page with at least three metryczka fields (who produced, published, entered; when)."""
    for page in pages:
        folded = site.folded_text(page)
        fields = [
            n for n, pats in METADATA_FIELDS.items() if any(re.search(p, folded) for p in pats)
        ]
        if len(fields) >= 3 or re.search(r"metryczk", folded) and len(fields) >= 2:
            return find_text([page], METADATA_FIELDS["wytworzył"] + ("metryczk",)) or Finding(page)
    return None


@website_criterion(
    CriterionMeta(
        "INF-25",
        "BIP ma metryczki i informuje, jak uzyskać informację nieudostępnioną w BIP",
        "Brak metryczek w BIP i informacji o udostępnianiu na wniosek",
        "Na stronach BIP: metryczka (kto wytworzył, kto udostępnił, kto wprowadził, daty — co najmniej 3 pola); strona o udostępnianiu informacji nieudostępnionej w BIP (wniosek o udostępnienie informacji publicznej)",
        "UDIP art. 8 ust. 3 i art. 12 ust. 2 (metryczka), art. 10 ust. 1 (informacja nieudostępniona w BIP — na wniosek); rozporządzenie MSWiA z 18.01.2007 (Dz.U. nr 10 poz. 68) §10 — do potwierdzenia, czy nie zastąpione",
        "metryczka 1/2, informacja o trybie wnioskowym 1/2; gdy nie pobrano stron BIP i nic nie znaleziono: nie zmierzono",
        params=(
            wider_wording(
                "także odnośnik „Udostępnianie informacji publicznej” w BIP (rzeczywiste strony, issue 17)"
            ),
        ),
    )
)
def bip_metadata(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = bip_metadata.meta
    art = artifact_of(evidence)
    bip = site.bip_pages(art)
    pages = bip or site.html_pages(art)
    block = _metadata_block(pages)
    on_request = find_link(pages, NOT_IN_BIP) or find_text(pages, NOT_IN_BIP)
    if on_request is None and bip and meta.values(ctx)["real_wording"]:
        on_request = find_link(bip, NOT_IN_BIP_LINK)
    if not bip and block is None and on_request is None:
        return result(
            meta,
            NOT_MEASURED,
            None,
            "Nie pobrano stron BIP, a na stronie głównej serwisu nie ma metryczek — nie mierzono.",
            [site.pages_searched(pages)],
        )
    signals = Signals()
    signals.found("metryczka", block)
    signals.found("informacja na wniosek", on_request)
    return signals.result(meta, pages, 1.0, {"bip_pages": len(bip)})


# --- INF-26 contact for deaf people -----------------------------------------------------

DEAF = (
    r"gluch",
    r"slabo ?slysz",
    r"nieslysz",
    r"niedoslysz",
    r"niepelnosprawnosc\w* sluchu",
    r"z dysfunkcj\w* sluchu",
)
TEXT_CHANNELS = (
    r"\bsms",
    r"\bmms",
    r"wideo ?rozmow",
    r"komunikator",
    r"\bfaks",
    r"\bfax",
    r"\bczat",
    r"\bchat",
    r"e-?mail",
    r"poczt\w* elektroniczn",
)
INTERPRETER = (
    r"tlumacz\w* (polskiego )?jezyka migowego",
    r"tlumacz\w* (pjm|sjm|skogn)",
    r"tlumacz\w* migow",
)
IN_ADVANCE = (
    r"3 dni",
    r"trzy dni",
    r"dni robocz",
    r"z wyprzedzeniem",
    r"przed (planowan\w* )?wizyt",
)


@website_criterion(
    CriterionMeta(
        "INF-26",
        "Opisano kontakt dla osób głuchych i słabosłyszących",
        "Brak informacji o kontakcie dla osób głuchych",
        "Do 750 znaków po słowach „głuche/niesłyszące” lub „tłumacz języka migowego”: SMS/MMS, e-mail, faks, wideorozmowa lub komunikator; tłumacz PJM/SJM/SKOGN na zgłoszenie z wyprzedzeniem (3 dni robocze); pętla indukcyjna",
        "UZD art. 6 pkt 3 lit. a; ustawa z 19.08.2011 o języku migowym i innych środkach komunikowania się, art. 11 i 12 (zgłoszenie 3 dni robocze wcześniej)",
        "trzy elementy po 1/3; zaliczone od 2/3",
        params=(
            pass_share(0.66),
            wider_wording(
                "kanały kontaktu najwyżej 250 znaków po słowie „niesłyszący” (750 po „tłumacz"
                " języka migowego”): samo menu „Dla osób niesłyszących” obok adresu e-mail"
                " w stopce nie wystarcza (rzeczywiste strony, issue 17)"
            ),
        ),
    )
)
def deaf_contact(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = deaf_contact.meta
    pages = site.html_pages(artifact_of(evidence))
    if meta.values(ctx)["real_wording"]:
        # powiat.turek.pl: a menu link "Dla osób niesłyszących" 330 characters before the
        # footer's "faks … e-mail" is no contact described for deaf people.
        channels = text_near(pages, INTERPRETER, TEXT_CHANNELS, 750) or text_near(
            pages, DEAF, TEXT_CHANNELS, 250
        )
    else:
        channels = text_near(pages, DEAF + INTERPRETER, TEXT_CHANNELS, 750)
    found = {
        # On real pages the channels follow the interpreter booking, 500–700 characters on.
        "kanały tekstowe i wideo": channels or text_near(pages, TEXT_CHANNELS, DEAF, 200),
        "tłumacz na zgłoszenie": text_near(pages, INTERPRETER, IN_ADVANCE, 300)
        or text_near(pages, IN_ADVANCE, INTERPRETER, 200),
        "pętla indukcyjna": find_text(pages, (r"petl\w* indukcyjn",)),
    }
    signals = Signals()
    for name, finding in found.items():
        signals.found(name, finding)
    return signals.result(meta, pages, meta.values(ctx)["pass_at"])


# --- INF-30 support for communication, UZD art. 6 pkt 3 lit. a (split from INF-05) --------

ONLINE_INTERPRETER = (
    r"tlumacz\w* (polskiego )?jezyka migowego (on-?line|przez internet|zdaln)",
    r"(on-?line|zdaln\w*|wideo) ?tlumacz\w* (pjm|jezyka migowego|migow)",
    r"zdaln\w* dostep\w* (online )?do (uslugi )?tlumacza",
    r"tlumacz\w* (pjm|migow\w*) (on-?line|przez internet)",
)
INTERPRETER_SERVICE = INTERPRETER + (
    r"uslug\w* tlumacza (jezyka )?migow",
    r"tlumacz\w*[ -]+przewodnik",
)
# Without the word "tłumacz": sign-language users are told how to book their visit
# (bip.praca.powiatminski.pl: "Osoby posługujące się językiem migowym mogą wysłać swoje zgłoszenie …
# przed planowaną wizytą").
SIGN_LANGUAGE_VISIT = (r"posluguj\w* sie (polskim )?jezykiem migowym[^.]{0,200}(zgloszeni|wizyt)",)


@website_criterion(
    CriterionMeta(
        "INF-30",
        "Opisano obsługę z tłumaczem języka migowego lub tłumaczem online",
        "Brak informacji o tłumaczu języka migowego i tłumaczu online",
        "„tłumacz PJM online”, „zdalny dostęp online do usługi tłumacza”, wideotłumacz; albo usługa tłumacza języka migowego (PJM, SJM, SKOGN) lub tłumacza-przewodnika w urzędzie",
        "UZD art. 6 pkt 3 lit. a (obsługa z wykorzystaniem środków wspierających komunikowanie się albo zdalny dostęp online do usługi tłumacza)",
        "zaliczone: tłumacz online albo informacja o usłudze tłumacza; niezaliczone: brak",
        params=(
            wider_wording(
                "także zapowiedź wizyty osób posługujących się językiem migowym bez słowa „tłumacz” "
                "(rzeczywiste strony, issue 17)"
            ),
        ),
    )
)
def communication_support(evidence: Evidence, ctx: Context) -> CriterionResult:
    """lit. a is met either way ("lub"): the site must tell residents which one it offers."""
    meta = communication_support.meta
    pages = site.html_pages(artifact_of(evidence))
    online = find_link(pages, ONLINE_INTERPRETER) or find_text(pages, ONLINE_INTERPRETER)
    if online is not None:
        return result(meta, PASS, 1.0, f"{meta.title} (tłumacz online).", [online.evidence()])
    service = find_text(pages, INTERPRETER_SERVICE)
    if service is None and meta.values(ctx)["real_wording"]:
        service = find_text(pages, SIGN_LANGUAGE_VISIT)
    if service is not None:
        return result(meta, PASS, 1.0, f"{meta.title} (tłumacz w urzędzie).", [service.evidence()])
    return missing_result(meta, pages)


# --- INF-27 machine-readable description of the body's activity -------------------------

MACHINE_READABLE = (
    r"odczytywaln\w* maszynowo",
    r"plik\w* tekstow",
    r"informacj\w* o zakresie dzialalnosci",
    r"informacj\w* o dzialalnosci (?!lobbing|gosp)",
    r"zakres\w* dzialalnosci",
    r"tekst\w* odczytywaln",
)


@website_criterion(
    CriterionMeta(
        "INF-27",
        "Opublikowano opis działalności w pliku tekstowym odczytywalnym maszynowo",
        "Brak pliku tekstowego odczytywalnego maszynowo",
        "Odnośnik do pliku .txt/.docx/.odt/.rtf opisanego jako „plik tekstowy odczytywalny maszynowo” lub „informacja o zakresie działalności”",
        "UZD art. 6 pkt 3 lit. c tiret pierwsze (informacja o zakresie działalności w postaci pliku tekstowego odczytywalnego maszynowo)",
        "zaliczone: odnośnik do pliku; częściowo: wzmianka lub strona HTML bez pliku",
    )
)
def machine_readable_file(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = machine_readable_file.meta
    pages = site.html_pages(artifact_of(evidence))
    links = document_links(pages, MACHINE_READABLE)
    files = [d for d in links if d.is_file and not d.href.lower().split("?")[0].endswith(".pdf")]
    if files:
        return result(
            meta, PASS, 1.0, f"{meta.title}: {files[0].href}.", [files[0].evidence("plik")]
        )
    mention = (links[0].evidence("odnośnik bez pliku") if links else None) or (
        f.evidence() if (f := find_text(pages, (r"odczytywaln\w* maszynowo",))) else None
    )
    if mention:
        return result(
            meta,
            PARTIAL,
            0.5,
            "Częściowo — jest wzmianka lub strona, ale nie plik tekstowy (.txt, .docx, .odt, .rtf).",
            [mention, site.pages_searched(pages)],
        )
    return missing_result(meta, pages)


# --- INF-28 cooperative documents, linked and dated (u.s.m. art. 8¹ ust. 3) ---------------

NOT_COOP_RULES = (
    r"serwis",
    r"cookie",
    r"strony",
    r"prywatnosc",
    r"newsletter",
    r"konkurs",
    r"portal",
)
COOP_DOCS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "statut": ((r"\bstatut\w*",), ()),
    "regulaminy": ((r"\bregulamin\w*",), NOT_COOP_RULES),
    "uchwały": ((r"\buchwal\w*",), ()),
    "protokoły obrad": ((r"\bprotokol\w*",), (r"lustrac",)),
}
LUSTRATION = (r"lustracj\w*",)
FINANCIAL = (r"sprawozdani\w* finansow", r"\bbilans\w*", r"rachun\w* zyskow")


def financial_year_due(today: date) -> int:
    """The walne zgromadzenie approves Y−1's statement by 30 June of Y: due from 1 July."""
    return today.year - 1 if today >= date(today.year, 7, 1) else today.year - 2


@website_criterion(
    CriterionMeta(
        "INF-28",
        "Spółdzielnia udostępnia na stronie swoje dokumenty",
        "Brak dokumentów spółdzielni na stronie",
        "Odnośniki (pliki lub strony) do: statutu, regulaminów (nie „regulaminu serwisu/cookies”), uchwał, protokołów obrad, protokołu lustracji (≤3 lata) i rocznego sprawozdania finansowego (za rok poprzedni od 1 lipca); rok z opisu lub adresu odnośnika",
        "ustawa z 15.12.2000 o spółdzielniach mieszkaniowych, art. 8¹ ust. 3; Prawo spółdzielcze art. 91 (lustracja co 3 lata)",
        "sześć rodzajów po 1/6; lustracja starsza niż 3 lata lub sprawozdanie nie za wymagany rok: połowa; zaliczone od 0,8",
        params=(
            pass_share(0.8),
            wider_wording(
                "„Uchwały RIO” (regionalnej izby obrachunkowej) nie są uchwałami spółdzielni"
            ),
        ),
    )
)
def cooperative_documents_dated(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = cooperative_documents_dated.meta
    pages = site.html_pages(artifact_of(evidence))
    today = today_of(ctx)
    signals = Signals()
    not_coop = (r"\brio\b", r"izb\w* obrachunkow") if meta.values(ctx)["real_wording"] else ()
    for name, (patterns, exclude) in COOP_DOCS.items():
        exclude = exclude + not_coop if name == "uchwały" else exclude
        signals.linked(name, newest(document_links(pages, patterns, exclude=exclude)))
    dated = (
        ("protokół lustracji", LUSTRATION, today.year - 3 if today else None),
        ("sprawozdanie finansowe", FINANCIAL, financial_year_due(today) if today else None),
    )
    for name, patterns, due in dated:
        signals.dated(name, newest(document_links(pages, patterns)), due, name)
    return signals.result(meta, pages, meta.values(ctx)["pass_at"])


# --- INF-29 accessibility information for consumer services (EAA) ------------------------

# The provider's own information, named as the act names it, and the names of the EU act.
EAA_OWN_INFO = (r"informacj\w* o (sposobie )?(spelnian\w*|spelnieni\w*) wymagan\w* dostepnosci",)
EAA_NAMES = (
    r"european accessibility act",
    r"europejsk\w* akt\w* o dostepnosci",
    r"dyrektyw\w* (\(ue\) )?2019/882",
)
EAA = (
    *EAA_OWN_INFO,
    r"spelniani\w* wymagan\w* dostepnosci (niektorych )?(produktow|uslug)",
    *EAA_NAMES,
)
# `real_wording` (rubric 2027.6), learnt on real pages of 2025: articles explaining the act name
# it as often as a provider's own information does, so the act (or EAA) counts only beside the
# provider's own statement; a provider's statement on its consumer service counts without it
# (bsbialopole.pl names no act). "24 czerwca 2024" is how two banks misdate the act.
EAA_ACT = (
    r"ustaw\w* z (dnia )?2[46] (kwietnia|czerwca) 2024",
    r"spelni\w* wymagan\w* dostepnosci niektorych produktow",
    *EAA_NAMES,
    r"polsk\w* akt\w* o dostepnosci",
)
OWN_STATEMENT = (
    r"informacj\w* o dostepnosci",
    r"deklaracj\w* (zapewnienia |zgodnosci (oferty )?)?dostepnosci",
    r"deklaracj\w* zgodnosci oferty",
    r"\b(jest|sa) (w (pelni|przewazajacej czesci) |czesciowo )?zgodn\w* z (ustaw|wytyczn|przepis)",
    r"\b(czesciowo )?spelnia(ja)? (wymagania|kryteria) dostepnosci",
    r"\binformujemy",
    r"podaje do publicznej wiadomosci",
)
CONSUMER_SERVICE = (
    r"uslug\w* (w zakresie )?bankowosci detalicznej",
    r"bankowosc\w* (internetow|elektroniczn|mobiln)",
    r"uslug\w* handlu elektronicznego",
    r"sklep\w* internetow",
    r"bilet\w* (online|elektroniczn|internetow)",
    r"uslug\w* (telekomunikacyjn|przewozu? osob|transportu pasazerskiego)",
)


def _own_eaa_information(pages: list[Page]) -> Finding | None:
    return (
        find_text(pages, EAA_OWN_INFO)
        or text_near(pages, OWN_STATEMENT, EAA_ACT, 600)
        or text_near(pages, EAA_ACT, OWN_STATEMENT, 600)
        or text_near(pages, OWN_STATEMENT, CONSUMER_SERVICE, 600)
    )


@website_criterion(
    CriterionMeta(
        "INF-29",
        "Opublikowano informację o spełnianiu wymagań dostępności usług (EAA)",
        "Brak informacji o dostępności usług dla konsumentów (EAA)",
        "„Informacja o sposobie spełniania wymagań dostępności”, „European Accessibility Act”, dyrektywa 2019/882",
        "ustawa z 26.04.2024 o zapewnianiu spełniania wymagań dostępności niektórych produktów i usług przez podmioty gospodarcze (Dz.U. 2024 poz. 731), od 28.06.2025 — artykuł o informacji do potwierdzenia",
        "zaliczone: informacja znaleziona; niezaliczone: brak",
        params=(
            wider_wording(
                "tylko własna informacja dostawcy usługi: „Informacja o dostępności”/„Deklaracja"
                " dostępności” przy ustawie z 26.04.2024 (EAA) albo przy usłudze dla konsumentów"
                " (bankowość, sklep, bilety); artykuły objaśniające ustawę się nie liczą"
                " (rzeczywiste strony, issue 17)"
            ),
        ),
    )
)
def consumer_services_accessibility(evidence: Evidence, ctx: Context) -> CriterionResult:
    meta = consumer_services_accessibility.meta
    pages = site.html_pages(artifact_of(evidence))
    if meta.values(ctx)["real_wording"]:
        finding = find_link(pages, EAA_OWN_INFO) or _own_eaa_information(pages)
    else:
        finding = find_link(pages, EAA) or find_text(pages, EAA)
    if finding is None:
        return missing_result(meta, pages)
    ev = finding.evidence()
    ev["signal"] = "informacja EAA"
    return result(meta, PASS, 1.0, f"{meta.title}.", [ev])
