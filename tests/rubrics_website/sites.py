"""Realistic Polish pages for the website criteria tests: an exemplary gmina (with its BIP
on another host), a housing cooperative, a municipal company, a community and a poor site."""

from __future__ import annotations

from tests.rubrics_website.factory import artifact, page

GMINA = "https://gmina.example.pl/"
BIP = "https://bip.gmina.example.pl/"

GMINA_JSONLD = """<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "GovernmentOrganization", "name": "Urząd Gminy Zielonka",
 "address": {"@type": "PostalAddress", "streetAddress": "ul. Kościuszki 12", "postalCode": "05-220", "addressLocality": "Zielonka"},
 "telephone": "+48 22 761 20 00", "email": "sekretariat@gmina.example.pl",
 "openingHoursSpecification": [
   {"@type": "OpeningHoursSpecification", "dayOfWeek": "https://schema.org/Monday", "opens": "08:00", "closes": "16:00"},
   {"@type": "OpeningHoursSpecification", "dayOfWeek": ["Tuesday", "Wednesday", "Thursday"], "opens": "07:30", "closes": "15:30"},
   {"@type": "OpeningHoursSpecification", "dayOfWeek": "Friday", "opens": "07:30", "closes": "14:00"}]}
</script>"""


def gmina_layout(title: str, main: str, head_extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="pl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Urząd Gminy Zielonka</title>
<link rel="alternate" hreflang="en" href="{GMINA}en/">
{head_extra}</head>
<body>
<a class="skip-link" href="#tresc">Przejdź do treści</a>
<a class="skip-link" href="#menu">Przejdź do menu</a>
<header>
  <a href="/"><img src="/img/herb.png" alt="Herb Gminy Zielonka – strona główna"></a>
  <form role="search" action="/szukaj"><label for="q">Szukaj w serwisie</label>
    <input type="search" id="q" name="q"><button type="submit">Szukaj</button></form>
  <nav id="menu" aria-label="Menu główne"><ul>
    <li><a href="/aktualnosci">Aktualności</a></li>
    <li><a href="/urzad/struktura">Urząd</a></li>
    <li><a href="/jak-zalatwic-sprawe">Jak załatwić sprawę</a></li>
    <li><a href="/dostepnosc">Dostępność</a></li>
    <li><a href="{BIP}">BIP</a></li>
    <li><a href="/kontakt">Kontakt</a></li>
    <li><a href="/en/" lang="en">EN</a></li>
  </ul></nav>
</header>
<main id="tresc">
{main}
</main>
<footer>
  <div class="adres"><p><strong>Urząd Gminy Zielonka</strong><br>ul. Kościuszki 12<br>05-220 Zielonka</p>
  <p>tel. <a href="tel:+48227612000">22 761 20 00</a><br>e-mail: <a href="mailto:sekretariat@gmina.example.pl">sekretariat@gmina.example.pl</a></p></div>
  <ul>
    <li><a href="/deklaracja-dostepnosci">Deklaracja dostępności</a></li>
    <li><a href="/rodo">Ochrona danych osobowych (RODO)</a></li>
    <li><a href="/mapa-strony">Mapa strony</a></li>
    <li><a href="https://www.facebook.com/GminaZielonka">Facebook</a></li>
    <li><a href="/newsletter">Newsletter i powiadomienia SMS</a></li>
  </ul>
</footer>
</body></html>"""


HOME_MAIN = """
<h1>Gmina Zielonka</h1>
<section class="aktualnosci"><h2>Aktualności</h2>
<article><h3><a href="/aktualnosci/harmonogram-odpadow-2027">Harmonogram odbioru odpadów na II kwartał 2027</a></h3>
<p>Opublikowano: <time datetime="2027-03-10">10 marca 2027</time></p></article>
<article><h3><a href="/aktualnosci/sesja-rady">XXIII sesja Rady Gminy Zielonka</a></h3>
<p>Opublikowano: 02.03.2027</p></article>
</section>
<section><h2>Godziny pracy Urzędu</h2>
<p>poniedziałek 8:00–16:00, wtorek – czwartek 7:30-15:30, piątek 7.30–14.00</p>
<p>Kasa czynna: pon.–pt. 8:00–13:00</p></section>
"""

KONTAKT_MAIN = """
<h1>Kontakt</h1>
<p>Urząd Gminy Zielonka, ul. Kościuszki 12, 05-220 Zielonka</p>
<p>Adres do doręczeń elektronicznych: AE:PL-12345-67890-ABCDE-12</p>
<p>Elektroniczna skrzynka podawcza ePUAP: /ugzielonka/SkrytkaESP</p>
<h2>Struktura organizacyjna</h2>
<ul>
<li>Wydział Finansowy
tel. 22 761 20 10, e-mail: finanse@gmina.example.pl</li>
<li>Referat Gospodarki Komunalnej
tel. 22 761 20 20, e-mail: komunalny@gmina.example.pl</li>
<li>Referat Spraw Obywatelskich
tel. 22 761 20 30, e-mail: usc@gmina.example.pl</li>
</ul>
<h2>Skargi i wnioski</h2>
<p>Wójt Gminy przyjmuje interesantów w sprawach skarg i wniosków w poniedziałki w godz. 12:00–16:00, pokój 12.</p>
<h2>Inspektor ochrony danych</h2>
<p>Inspektorem ochrony danych jest Pan Marek Wiśniewski, e-mail: iod@gmina.example.pl</p>
"""

DOSTEPNOSC_MAIN = """
<h1>Dostępność</h1>
<h2>Informacje o Urzędzie w tekście łatwym do czytania</h2>
<p><img src="/img/etr.png" alt="Tekst łatwy do czytania"> <a href="/etr">Przeczytaj informację w tekście łatwym do czytania (ETR)</a></p>
<h2>Informacje w polskim języku migowym (PJM)</h2>
<iframe title="Informacja o Urzędzie w PJM" src="https://www.youtube.com/embed/abc123"></iframe>
<h2>Dostępność architektoniczna</h2>
<p>Do budynku prowadzi podjazd dla wózków. W budynku jest winda. Na parterze znajduje się toaleta dla osób z niepełnosprawnościami.
Przed budynkiem wyznaczono dwa miejsca parkingowe dla osób z niepełnosprawnościami. Do budynku można wejść z psem asystującym.
W punkcie obsługi działa pętla indukcyjna.</p>
<h2>Koordynator do spraw dostępności</h2>
<p>Koordynatorem do spraw dostępności jest Pani Ewa Zając, tel. 22 761 20 05.</p>
<p><a href="/raport-2025.pdf">Raport o stanie zapewniania dostępności podmiotu publicznego (PDF, 230 KB)</a></p>
"""

SPRAWY_MAIN = """
<h1>Jak załatwić sprawę</h1>
<ul><li><a href="/karty-uslug/dowod-osobisty">Karta usługi: wydanie dowodu osobistego</a></li>
<li><a href="/druki">Druki i formularze do pobrania</a></li>
<li><a href="https://www.gov.pl/web/gov/uslugi-dla-obywatela">e-Usługi na gov.pl</a></li></ul>
<h2>Petycje</h2><p>Petycje można składać pisemnie lub elektronicznie. Zbiorcza informacja o petycjach za 2026 r.</p>
<h2>Sygnaliści</h2><p>Procedura zgłoszeń wewnętrznych i ochrona sygnalistów.</p>
<h2>Najczęściej zadawane pytania (FAQ)</h2>
<h2>Napisz do nas</h2>
<form action="/kontakt/wyslij" method="post">
<label>Imię i nazwisko <input name="name"></label>
<label>E-mail <input type="email" name="email"></label>
<label>Wiadomość <textarea name="msg"></textarea></label>
<p class="rodo">Administratorem Pani/Pana danych osobowych jest Wójt Gminy Zielonka. Klauzula informacyjna RODO.</p>
<button>Wyślij</button></form>
"""

STATEMENT_V2_MAIN = """
<h1 id="a11y-wstep-tytul">Deklaracja dostępności</h1>
<p id="a11y-wstep"><span id="a11y-podmiot">Urząd Gminy Zielonka</span> zobowiązuje się zapewnić dostępność cyfrową
<span id="a11y-zakres">strony internetowej</span> zgodnie z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron
internetowych i aplikacji mobilnych podmiotów publicznych. Deklaracja dotyczy strony <a id="a11y-url" href="https://gmina.example.pl/">Urząd Gminy Zielonka</a>.</p>
<ul><li>Data publikacji strony internetowej: <time id="a11y-data-publikacja" datetime="2020-09-01">1 września 2020</time></li>
<li>Data ostatniej istotnej aktualizacji: <time id="a11y-data-aktualizacja" datetime="2026-11-15">15 listopada 2026</time></li></ul>
<h2>Stan dostępności cyfrowej</h2>
<p id="a11y-status">Strona internetowa jest częściowo zgodna z ustawą o dostępności cyfrowej z powodu niezgodności wymienionych poniżej.</p>
<h2>Przygotowanie deklaracji</h2>
<p>Deklarację sporządzono dnia <time id="a11y-data-sporzadzenie" datetime="2020-09-10">10 września 2020</time>.
Deklarację ostatni raz poddano przeglądowi i aktualizacji dnia <time id="a11y-data-przeglad" datetime="2026-12-01">1 grudnia 2026</time>.</p>
<p id="a11y-ocena">Deklarację sporządzono na podstawie samooceny.</p>
<h2 id="a11y-kontakt">Informacje zwrotne i dane kontaktowe</h2>
<p>Za rozpatrywanie uwag i wniosków odpowiada Ewa Zając, e-mail: <a id="a11y-email" href="mailto:dostepnosc@gmina.example.pl">dostepnosc@gmina.example.pl</a>,
telefon: <span id="a11y-telefon">22 761 20 05</span>.</p>
<h2>Obsługa wniosków i skarg związanych z dostępnością</h2>
<div id="a11y-procedura"><p>Podmiot publiczny zrealizuje żądanie niezwłocznie, nie później niż w ciągu 7 dni. Gdy nie jest to możliwe, poinformuje o tym
i wskaże termin nie dłuższy niż 2 miesiące. Po wyczerpaniu procedury można złożyć wniosek do
<a href="https://bip.brpo.gov.pl/">Rzecznika Praw Obywatelskich</a>.</p></div>
<h2>Dostępność architektoniczna</h2>
<p id="a11y-architektura">Do budynku prowadzi podjazd. W budynku jest winda.</p>
<h2>Dostępność komunikacyjno-informacyjna</h2>
<p id="a11y-komunikacja">W urzędzie można skorzystać z tłumacza polskiego języka migowego online przez stronę internetową.</p>
"""

STATEMENT_V1_MAIN = """
<div id="a11y-deklaracja">
<h1>Deklaracja dostępności</h1>
<p id="a11y-wstep"><span id="a11y-podmiot">Spółdzielnia Mieszkaniowa Słoneczna</span> zobowiązuje się zapewnić dostępność swojej strony
internetowej. Deklaracja dostępności dotyczy <a id="a11y-url" href="https://sm-sloneczna.example.pl/">strony internetowej SM Słoneczna</a>.</p>
<p>Data publikacji strony internetowej: <span id="a11y-data-publikacja">2019-05-01</span>.
Data ostatniej istotnej aktualizacji: <span id="a11y-data-aktualizacja">2026-06-01</span>.</p>
<p id="a11y-status">Strona internetowa jest zgodna z ustawą.</p>
<p>Oświadczenie sporządzono dnia <span id="a11y-data-sporzadzenie">2026-06-10</span>.</p>
<p>Osobą kontaktową jest <span id="a11y-osoba">Jan Nowak</span>, adres e-mail <span id="a11y-email">sekretariat@sm-sloneczna.example.pl</span>,
telefon <span id="a11y-telefon">42 630 11 22</span>.</p>
<div id="a11y-procedura"><p>Każdy ma prawo do wystąpienia z żądaniem zapewnienia dostępności cyfrowej. Po wyczerpaniu procedury można złożyć wniosek do
<a href="https://www.rpo.gov.pl/content/jak-zglosic-sie-do-rzecznika-praw-obywatelskich">Rzecznika Praw Obywatelskich</a>.</p></div>
<div id="a11y-architektura"><p>Budynek ma podjazd i windę.</p></div>
</div>
"""

BIP_PAGE = """<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Biuletyn Informacji Publicznej Gminy Zielonka</title></head><body>
<a href="#content">Przejdź do treści</a>
<header><a href="https://www.gov.pl/bip"><img src="/img/bip_logo.svg" alt="Biuletyn Informacji Publicznej"></a>
<form action="/wyszukiwarka"><input type="search" name="phrase" aria-label="Szukaj w BIP"><button>Szukaj</button></form></header>
<nav><ul><li><a href="/menu/urzad">Urząd Gminy</a></li><li><a href="/redakcja">Redakcja Biuletynu</a></li>
<li><a href="/instrukcja">Instrukcja obsługi BIP</a></li><li><a href="/rejestr-zmian">Rejestr zmian</a></li></ul></nav>
<main id="content"><h1>Urząd Gminy Zielonka</h1><p>Raport o stanie zapewniania dostępności podmiotu publicznego 2025.</p></main>
</body></html>"""


def gmina_site(**site_fields) -> dict:
    """The exemplary gmina: home, contact, accessibility, services, statement (v2.0), BIP."""
    pages = [
        page(GMINA, gmina_layout("Strona główna", HOME_MAIN, GMINA_JSONLD), depth=0),
        page(GMINA + "kontakt", gmina_layout("Kontakt", KONTAKT_MAIN)),
        page(GMINA + "dostepnosc", gmina_layout("Dostępność", DOSTEPNOSC_MAIN)),
        page(GMINA + "jak-zalatwic-sprawe", gmina_layout("Jak załatwić sprawę", SPRAWY_MAIN)),
        page(
            GMINA + "deklaracja-dostepnosci",
            gmina_layout("Deklaracja dostępności", STATEMENT_V2_MAIN),
        ),
        page(BIP, BIP_PAGE, on_bip=True, path=[GMINA, BIP]),
    ]
    fields = {"bip": {"url": BIP, "pages": 1}}
    fields.update(site_fields)
    return artifact(pages, **fields)


def gmina_site_edited(page_index: int, *edits: tuple[str, str]) -> dict:
    """The exemplary gmina with each (old, new) of `edits` replaced in one page's HTML and text."""
    art = gmina_site()
    edited = art["pages"][page_index]
    for old, new in edits:
        edited["html"] = edited["html"].replace(old, new)
        edited["text"] = edited["text"].replace(old, new)
    return art


def gmina_site_bip_missing_two() -> dict:
    """The exemplary gmina whose BIP page lacks the BIP logo and the change register."""
    logo = '<img src="/img/bip_logo.svg" alt="Biuletyn Informacji Publicznej">'
    return gmina_site_edited(-1, ("Rejestr zmian", "Archiwum"), (logo, ""))


SM = "https://sm-sloneczna.example.pl/"


def cooperative_layout(title: str, main: str) -> str:
    return f"""<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} | SM Słoneczna</title></head>
<body><header><a href="/"><img src="/logo.png" alt="Spółdzielnia Mieszkaniowa Słoneczna"></a>
<nav><a href="/dokumenty">Dokumenty</a> <a href="/awarie">Awarie</a> <a href="/kontakt">Kontakt</a></nav></header>
<main>{main}</main>
<footer><p>Spółdzielnia Mieszkaniowa „Słoneczna”, al. Piłsudskiego 5, 90-368 Łódź, tel. 42 630 11 22,
sekretariat@sm-sloneczna.example.pl</p><p>Biuro czynne: pon. 10:00–18:00, wt.–pt. 7:00–15:00</p>
<a href="/deklaracja-dostepnosci">Deklaracja dostępności</a></footer></body></html>"""


DOKUMENTY_MAIN = """
<h1>Dokumenty Spółdzielni</h1>
<ul>
<li><a href="/pliki/statut.pdf">Statut Spółdzielni (PDF, 420 KB)</a></li>
<li><a href="/pliki/regulamin-rozliczania.pdf">Regulamin rozliczania kosztów gospodarki zasobami mieszkaniowymi</a></li>
<li><a href="/uchwaly">Uchwały Rady Nadzorczej</a></li>
<li><a href="/pliki/protokol-wz-2026.pdf">Protokół z obrad Walnego Zgromadzenia 2026</a></li>
<li><a href="/pliki/lustracja-2024.pdf">Protokół lustracji za lata 2021–2023</a></li>
<li><a href="/pliki/sprawozdanie-finansowe-2026.pdf">Sprawozdanie finansowe za 2026 rok</a></li>
</ul>
<h2>Walne Zgromadzenie 2027</h2><p>Zarząd zwołuje Walne Zgromadzenie na dzień 12.06.2027. Porządek obrad w załączeniu.</p>
"""

AWARIE_MAIN = """
<h1>Zgłaszanie awarii</h1>
<p>Awarie instalacji wodnej, gazowej i elektrycznej prosimy zgłaszać całodobowo do Pogotowia Technicznego:
tel. 600 100 200. Awarie gazowe: 992.</p>
"""


def cooperative_site(**site_fields) -> dict:
    pages = [
        page(
            SM,
            cooperative_layout(
                "Strona główna",
                "<h1>Witamy</h1><p>Aktualności: 01.03.2027 przegląd kominiarski.</p>",
            ),
            depth=0,
            path=[SM],
        ),
        page(
            SM + "dokumenty",
            cooperative_layout("Dokumenty", DOKUMENTY_MAIN),
            path=[SM, SM + "dokumenty"],
        ),
        page(SM + "awarie", cooperative_layout("Awarie", AWARIE_MAIN), path=[SM, SM + "awarie"]),
        page(
            SM + "deklaracja-dostepnosci",
            cooperative_layout("Deklaracja dostępności", STATEMENT_V1_MAIN),
            path=[SM, SM + "deklaracja-dostepnosci"],
        ),
    ]
    return artifact(pages, **site_fields)


PWIK = "https://pwik-zielonka.example.pl/"
COMPANY_HOME = """<!DOCTYPE html><html lang="pl"><head><meta name="viewport" content="width=device-width"><title>PWiK Zielonka sp. z o.o.</title></head>
<body><main><h1>Przedsiębiorstwo Wodociągów i Kanalizacji w Zielonce sp. z o.o.</h1>
<h2>Warunki przyłączenia do sieci</h2><p>Wniosek o wydanie warunków przyłączenia do sieci wodociągowej.</p>
<p><a href="/taryfa-2027.pdf">Taryfa dla zbiorowego zaopatrzenia w wodę na 2027 r.</a> · <a href="/cennik">Cennik usług</a></p>
<p><a href="https://ebok.pwik-zielonka.example.pl/">e-BOK – Elektroniczne Biuro Obsługi Klienta</a></p></main>
<footer><p>PWiK Zielonka sp. z o.o., ul. Wodna 3, 05-220 Zielonka. Sąd Rejonowy dla m.st. Warszawy, XIV Wydział Gospodarczy KRS,
KRS 0000123456, NIP 125-000-11-22, kapitał zakładowy 12 500 000,00 zł.</p></footer></body></html>"""

WSPOLNOTA = "https://wspolnota-lipowa.example.pl/"
COMMUNITY_HOME = """<!DOCTYPE html><html lang="pl"><head><meta name="viewport" content="width=device-width"><title>Wspólnota Mieszkaniowa Lipowa 7</title></head>
<body><main><h1>Wspólnota Mieszkaniowa Lipowa 7</h1>
<p>Zarządca nieruchomości: Administrator Sp. z o.o., tel. 22 700 80 90.</p>
<ul><li><a href="/plan-gospodarczy-2027.pdf">Plan gospodarczy na 2027 rok</a></li>
<li><a href="/sprawozdanie-roczne-2026.pdf">Sprawozdanie roczne zarządu za 2026</a></li>
<li><a href="/uchwaly">Uchwały właścicieli lokali</a></li>
<li><a href="https://ekartoteka.example.pl/">e-Kartoteka – panel właściciela</a></li></ul>
<p>Awarie: pogotowie techniczne całodobowo, tel. 601 200 300.</p></main></body></html>"""

POOR = "http://gmina-biedna.example.pl/"
POOR_HOME = """<html><head><title>Gmina</title></head><body>
<table><tr><td><img src="baner.gif"></td></tr>
<tr><td><a href="aktualnosci.php">aktualnosci</a> | <a href="galeria.php">galeria</a></td></tr>
<tr><td><p>Witamy na stronie naszej gminy!</p><p>Dożynki gminne odbyły się 28.08.2025.</p></td></tr></table>
</body></html>"""
POOR_GALERIA = """<html><head><title>Galeria</title></head><body><p>Zdjęcia z dożynek 2025</p><img src="1.jpg"><img src="2.jpg"></body></html>"""


def poor_site(**site_fields) -> dict:
    pages = [
        page(POOR, POOR_HOME, depth=0, path=[POOR], lang=None),
        page(POOR + "galeria.php", POOR_GALERIA, path=[POOR, POOR + "galeria.php"], lang=None, horizontal_scroll_375=True,
             timings={"ttfb_ms": 900, "dcl_ms": 3000, "load_ms": 6000, "lcp_ms": 5200, "cls": 0.31}),
    ]  # fmt: skip
    pages[0]["timings"] = {
        "ttfb_ms": 800,
        "dcl_ms": 2500,
        "load_ms": 5000,
        "lcp_ms": 4800,
        "cls": 0.28,
    }
    fields = {
        "tls": {"https": False, "valid": False, "expires": None, "error": "no https"},
        "http_to_https": False, "hsts": None, "sitemap": None, "robots_txt": None,
    }  # fmt: skip
    fields.update(site_fields)
    return artifact(pages, **fields)
