"""Fixture pages for the 2026–2027 legal duties (INF-22 … INF-29 and the changed rules).

Written after the wording and layout of Polish gmina, BIP and cooperative sites (menu
labels such as „Transmisje sesji”, „Imienne wykazy głosowań”, BIP metryczki „Wytworzył /
Udostępnił / Wprowadził”), in the style of sites.py: one page builder per site, every
duty present in the good variant and absent or stale in the poor one.
"""

from __future__ import annotations

from tests.rubrics_website.factory import artifact, page

UG = "https://ug-lipno.example.pl/"
BIP = "https://bip.ug-lipno.example.pl/"


def _layout(title: str, main: str) -> str:
    return f"""<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{title} — Gmina Lipno</title></head><body>
<header><nav><a href="/">Start</a> <a href="/rada">Rada Gminy</a> <a href="/odpady">Odpady</a>
<a href="/dostepnosc">Dostępność</a></nav></header>
<main>{main}</main>
<footer><p>Urząd Gminy Lipno, ul. Mickiewicza 1, 87-600 Lipno</p></footer></body></html>"""


RADA_GOOD = """<h1>Rada Gminy</h1>
<h2>Sesje Rady Gminy</h2>
<ul>
<li><a href="https://www.youtube.com/@gminalipno/streams">Transmisje sesji Rady Gminy (archiwum nagrań)</a></li>
<li><a href="https://bip.ug-lipno.example.pl/wykazy-glosowan-2027">Imienne wykazy głosowań radnych — 2027</a></li>
<li><a href="/raport-o-stanie-gminy-2026.pdf">Raport o stanie Gminy Lipno za 2026 rok (PDF, 2,1 MB)</a></li>
</ul>"""

RADA_STALE = """<h1>Rada Gminy</h1>
<p>Sesje rady gminy odbywają się w sali konferencyjnej urzędu.</p>
<ul><li><a href="/glosowania-2019">Wyniki głosowań 2019</a></li>
<li><a href="/raport-o-stanie-gminy-2023.pdf">Raport o stanie Gminy za 2023 rok</a></li></ul>"""

ODPADY_GOOD = """<h1>Gospodarka odpadami</h1>
<p><a href="/harmonogram-2027.pdf">Harmonogram odbioru odpadów na 2027 r. (PDF)</a></p>
<p>Podmiot odbierający odpady komunalne: EKO-Lipno sp. z o.o., ul. Polna 4.</p>
<p>PSZOK — Punkt Selektywnego Zbierania Odpadów Komunalnych, ul. Polna 6, czynny wt–sob 8:00–16:00.</p>
<p>Osiągnięte przez gminę poziomy recyklingu i przygotowania do ponownego użycia odpadów komunalnych: 2025 r. — 45%.</p>
<p><a href="/analiza-2025.pdf">Analiza stanu gospodarki odpadami komunalnymi za 2025 rok</a></p>"""

DOSTEPNOSC_GOOD = """<h1>Dostępność</h1>
<h2>Kontakt dla osób głuchych i słabosłyszących</h2>
<p>Osoby głuche i słabosłyszące mogą skontaktować się z urzędem przez SMS lub MMS pod numerem 600 100 200,
e-mailem oraz przez wideorozmowę.</p>
<p>Możesz skorzystać z pomocy tłumacza polskiego języka migowego (PJM). Zgłoś to co najmniej 3 dni robocze przed wizytą.</p>
<p>W biurze obsługi klienta jest pętla indukcyjna.</p>
<h2>Informacje o urzędzie</h2>
<p><a href="/pliki/informacja-o-dzialalnosci.txt">Informacja o zakresie działalności urzędu — plik tekstowy odczytywalny maszynowo (TXT)</a></p>"""

DOSTEPNOSC_POOR = """<h1>Dostępność</h1>
<p>Urząd zapewnia dostępność osobom ze szczególnymi potrzebami. Skrzynka ePUAP: /uglipno/SkrytkaESP.
Pisma można składać przez platformę ePUAP.</p>
<p>Informacja o działalności urzędu jest dostępna w tekście odczytywalnym maszynowo na stronie głównej.</p>"""

BIP_GOOD = """<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>BIP Gminy Lipno</title></head><body>
<h1>Zarządzenie nr 12/2027 Wójta Gminy Lipno</h1><p>Treść zarządzenia…</p>
<table class="metryczka"><caption>Metryczka</caption>
<tr><th>Wytworzył:</th><td>Jan Kowalski, Wójt Gminy</td><td>2027-02-10</td></tr>
<tr><th>Udostępnił:</th><td>Anna Nowak, sekretarz gminy</td><td>2027-02-11</td></tr>
<tr><th>Wprowadził:</th><td>Anna Nowak</td><td>2027-02-11 10:14</td></tr></table>
<p><a href="/informacja-nieudostepniona">Informacje nieudostępnione w BIP — wniosek o udostępnienie informacji publicznej</a></p>
</body></html>"""

BIP_POOR = """<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>BIP Gminy Lipno</title></head><body>
<h1>Zarządzenie nr 12/2027 Wójta Gminy Lipno</h1><p>Treść zarządzenia…</p></body></html>"""


def gmina_law_site(good: bool = True) -> dict:
    """A gmina with every 2026 duty (good) or the usual gaps and stale documents (poor)."""
    pages = [
        page(UG, _layout("Strona główna", "<h1>Gmina Lipno</h1><p>Aktualności 10.03.2027</p>"), depth=0, path=[UG]),
        page(UG + "rada", _layout("Rada Gminy", RADA_GOOD if good else RADA_STALE), path=[UG, UG + "rada"]),
        page(UG + "dostepnosc", _layout("Dostępność", DOSTEPNOSC_GOOD if good else DOSTEPNOSC_POOR),
             path=[UG, UG + "dostepnosc"]),
        page(BIP, BIP_GOOD if good else BIP_POOR, on_bip=True, path=[UG, BIP]),
    ]  # fmt: skip
    if good:
        pages.insert(
            2, page(UG + "odpady", _layout("Odpady", ODPADY_GOOD), path=[UG, UG + "odpady"])
        )
    return artifact(pages, bip={"url": BIP, "pages": 1})


SM = "https://sm-jutrzenka.example.pl/"


def _sm_layout(title: str, main: str) -> str:
    return f"""<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>{title} — SM Jutrzenka</title></head>
<body><main>{main}</main><footer><a href="/regulamin-serwisu">Regulamin serwisu</a> | Statut, uchwały i protokoły
dostępne w biurze | <a href="/polityka-cookies">Regulamin cookies</a></footer></body></html>"""


SM_DOCS = """<h1>Dokumenty spółdzielni</h1>
<ul>
<li><a href="/pliki/statut-2024.pdf">Statut Spółdzielni Mieszkaniowej „Jutrzenka” (tekst jednolity 2024)</a></li>
<li><a href="/pliki/regulamin-rozliczania-ciepla.pdf">Regulamin rozliczania kosztów ciepła</a></li>
<li><a href="/pliki/uchwaly-rn-2027.pdf">Uchwały Rady Nadzorczej 2027</a></li>
<li><a href="/pliki/protokol-wz-2026.pdf">Protokół z obrad Walnego Zgromadzenia 2026</a></li>
<li><a href="/pliki/protokol-lustracji-2025.pdf">Protokół lustracji za lata 2022–2024 (2025)</a></li>
<li><a href="/pliki/sprawozdanie-finansowe-2026.pdf">Sprawozdanie finansowe za 2026 rok</a></li>
</ul>"""

SM_DOCS_OLD = """<h1>Dokumenty spółdzielni</h1>
<ul><li><a href="/pliki/protokol-lustracji-2019.pdf">Protokół lustracji 2019</a></li>
<li><a href="/pliki/sprawozdanie-finansowe-2022.pdf">Sprawozdanie finansowe za 2022 rok</a></li></ul>"""


def cooperative_law_site(variant: str = "good") -> dict:
    """good: every document linked and current; old: stale ones; footer: only footer words."""
    main = {"good": SM_DOCS, "old": SM_DOCS_OLD, "footer": "<h1>Witamy</h1><p>Zapraszamy.</p>"}[
        variant
    ]
    pages = [
        page(SM, _sm_layout("Strona główna", "<h1>SM Jutrzenka</h1>"), depth=0, path=[SM]),
        page(SM + "dokumenty", _sm_layout("Dokumenty", main), path=[SM, SM + "dokumenty"]),
    ]
    return artifact(pages)


EBOK = "https://cieplo-lipno.example.pl/"


def company_site(eaa: bool) -> dict:
    extra = (
        '<p><a href="/eaa">Informacja o sposobie spełniania wymagań dostępności usług (European Accessibility Act)</a></p>'
        if eaa
        else ""
    )
    html = f"""<!DOCTYPE html><html lang="pl"><head><title>Ciepło Lipno sp. z o.o.</title></head><body><main>
<h1>Ciepło Lipno sp. z o.o.</h1><p><a href="https://ebok.cieplo-lipno.example.pl/">e-BOK: zawrzyj umowę online</a></p>
<p>Skrytka ePUAP: /cieplolipno/skrytka</p>{extra}</main></body></html>"""
    return artifact([page(EBOK, html, depth=0, path=[EBOK])])
