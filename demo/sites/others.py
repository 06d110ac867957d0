"""The other demo sites: average, poor, and the awkward ones (5xx, slow, trap, PDF home,
windows-1250, single-page app, redirects for the SSRF guard)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs

from demo.sites.layout import Look, days_ago, esc, pl_date, render
from demo.sites.pdfs import scanned_pdf, text_pdf
from demo.sites.server import Reply, Site, html_reply


def _pages_site(
    key: str, look: Look, pages: dict[str, tuple[str, str]], files=None, extra=None
) -> Site:
    files = files or {}

    def handle(path: str, query: str) -> Reply | None:
        if extra is not None:
            reply = extra(path, query)
            if reply is not None:
                return reply
        if path in files:
            return Reply(200, {"Content-Type": "application/pdf"}, files[path])
        if path in pages:
            title, body = pages[path]
            return html_reply(render(look, title, body), charset=look.charset)
        return None

    return Site(key, look.name, handle, look)


def powiat(urls: dict[str, str]) -> Site:
    """Starostwo Powiatowe w Nadrzecu: average. v1 statement, scanned PDF, a broken link,
    images without alt, no ETR/PJM, no e-Doręczenia address, no skip link."""
    look = Look(
        name="Starostwo Powiatowe w Nadrzecu",
        skip_link=False,
        logo_alt=None,
        menu=[
            ("/", "Start"),
            ("/kontakt", "Kontakt"),
            ("/wydzialy", "Wydziały"),
            ("/komunikacja", "Rejestracja pojazdów"),
            ("/bip", "BIP"),
            ("/aktualnosci", "Aktualności"),
        ],
        footer=[
            ("/deklaracja", "Deklaracja dostępności"),
            ("/polityka-prywatnosci", "Polityka prywatności"),
        ],
        footer_text="Starostwo Powiatowe w Nadrzecu, ul. Kościuszki 12, 64-500 Nadrzec",
    )
    old = days_ago(75)
    pages = {
        "/": (
            "Starostwo Powiatowe w Nadrzecu",
            f'<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="300" height="80"></p>'
            f"<p>{pl_date(old)} – Zmiana godzin pracy Wydziału Komunikacji.</p>"
            '<p><a href="/komunikacja">Rejestracja pojazdów</a> | '
            '<a href="/stara-strona/przetargi">Przetargi</a></p>',
        ),
        "/kontakt": (
            "Kontakt",
            "<p>ul. Kościuszki 12, 64-500 Nadrzec, tel. 67 210 30 00, "
            '<a href="mailto:starostwo@nadrzec.example.pl">starostwo@nadrzec.example.pl</a></p>'
            "<p>Godziny urzędowania: pon.–pt. 7:30–15:30</p>",
        ),
        "/wydzialy": (
            "Wydziały",
            "<p>Wydział Komunikacji, Wydział Geodezji, Wydział Architektury. "
            "Struktura organizacyjna w regulaminie.</p>",
        ),
        "/komunikacja": (
            "Rejestracja pojazdów",
            "<p>Druki do pobrania: "
            '<a href="/pliki/wniosek-rejestracja.pdf">wniosek o rejestrację</a></p>',
        ),
        "/bip": (
            "BIP",
            "<p>Biuletyn Informacji Publicznej Starostwa: "
            "Redakcja, Instrukcja. Brak wyszukiwarki.</p>",
        ),
        "/aktualnosci": (
            "Aktualności",
            f"<p>{pl_date(old)} – Zmiana godzin pracy.</p>"
            f"<p>{pl_date(days_ago(140))} – Konsultacje społeczne.</p>",
        ),
        "/deklaracja": (
            "Deklaracja dostępności",
            '<div id="a11y-deklaracja"><p>Starostwo Powiatowe w Nadrzecu zobowiązuje się '
            "zapewnić dostępność swojej strony internetowej.</p>"
            '<p id="a11y-status">Strona internetowa jest niezgodna z ustawą.</p>'
            '<p>Data publikacji: <span id="a11y-data-publikacja">2018-05-02</span></p>'
            '<p>Osoba kontaktowa: <span id="a11y-osoba">Marek Kowal</span>, '
            '<span id="a11y-email">it@nadrzec.example.pl</span></p></div>',
        ),
        "/polityka-prywatnosci": (
            "Polityka prywatności",
            "<p>Administratorem danych jest Starosta Nadrzecki. Klauzula informacyjna RODO.</p>",
        ),
    }
    files = {"/pliki/wniosek-rejestracja.pdf": scanned_pdf()}
    return _pages_site("powiat", look, pages, files)


def wodociagi(urls: dict[str, str]) -> Site:
    """Wodociągi Zielonodolskie sp. z o.o.: a municipal water company, fairly good, with an
    accessibility overlay and a tracker fired before consent."""
    tracker = urls["tracker"]
    look = Look(
        name="Wodociągi Zielonodolskie sp. z o.o.",
        menu=[
            ("/", "Start"),
            ("/awarie", "Zgłoś awarię"),
            ("/cennik", "Cennik i taryfa"),
            ("/przylacza", "Przyłącza"),
            ("/o-spolce", "O spółce"),
            ("/kontakt", "Kontakt"),
        ],
        footer=[
            ("/deklaracja-dostepnosci", "Deklaracja dostępności"),
            ("/rodo", "RODO"),
            ("/sygnalisci", "Sygnaliści"),
        ],
        footer_text=(
            '<div class="cookie-bar">Korzystając ze strony zgadzasz się na pliki cookies. '
            '<button type="button">Akceptuję</button></div>Pogotowie wodociągowe całodobowo: 994'
        ),
        head_extra=(
            f'<script src="{tracker}collect.js?id=WZ-1" async></script>'
            '<script src="/static/userway-widget.js" async></script>'
        ),
    )
    pages = {
        "/": (
            "Wodociągi Zielonodolskie",
            f"<p>{pl_date(days_ago(8))} – Płukanie sieci wodociągowej na os. Słonecznym.</p>"
            '<p><a href="/awarie">Zgłoś awarię – pogotowie 994</a></p>',
        ),
        "/awarie": (
            "Awarie i pogotowie wodociągowe",
            "<p>Całodobowy dyspozytor: tel. 994 lub 61 222 33 44. Zgłoś awarię przez "
            "formularz lub telefonicznie.</p>",
        ),
        "/cennik": (
            "Cennik i taryfa",
            "<p>Taryfa dla zbiorowego zaopatrzenia w wodę: 5,12 zł/m³ brutto. "
            '<a href="/pliki/taryfa.pdf">Taryfa (PDF, 20 KB)</a>. '
            "Regulamin świadczenia usług.</p>",
        ),
        "/przylacza": ("Przyłącza", "<p>Wniosek o warunki przyłączenia do sieci, umowa.</p>"),
        "/o-spolce": (
            "O spółce",
            "<p>Wodociągi Zielonodolskie sp. z o.o., ul. Wodna 5, 62-100 Zielona Dolina. "
            "Sąd Rejonowy Poznań – Nowe Miasto i Wilda, KRS 0000123456, NIP 7771234567, "
            "kapitał zakładowy 12 500 000 zł.</p>",
        ),
        "/kontakt": (
            "Kontakt",
            "<p>ul. Wodna 5, 62-100 Zielona Dolina, tel. 61 222 33 00, "
            '<a href="mailto:biuro@wodociagi-zd.example.pl">biuro@wodociagi-zd.example.pl</a>. '
            "Biuro obsługi klienta czynne pon.–pt. 7:00–15:00.</p>",
        ),
        "/deklaracja-dostepnosci": (
            "Deklaracja dostępności",
            '<p id="a11y-wstep">Wodociągi Zielonodolskie sp. z o.o. '
            "zobowiązują się zapewnić dostępność strony.</p>"
            '<p id="a11y-status">Strona jest częściowo zgodna.</p>',
        ),
        "/rodo": (
            "RODO",
            "<p>Klauzula informacyjna. Inspektor ochrony danych: iod@wodociagi-zd.example.pl</p>",
        ),
        "/sygnalisci": (
            "Sygnaliści",
            "<p>Zgłoszenia wewnętrzne sygnalistów: sygnalista@wodociagi-zd.example.pl</p>",
        ),
    }
    files = {
        "/pliki/taryfa.pdf": text_pdf(
            ["Taryfa dla zbiorowego zaopatrzenia w wode", "Wodociagi Zielonodolskie sp. z o.o."]
        )
    }

    def extra(path: str, query: str) -> Reply | None:
        if path == "/static/userway-widget.js":
            return Reply(200, {"Content-Type": "text/javascript"}, b"/* overlay */")
        return None

    return _pages_site("wodociagi", look, pages, files, extra)


def tracker(urls: dict[str, str]) -> Site:
    """A third-party analytics host (what fires before consent)."""

    def handle(path: str, query: str) -> Reply | None:
        return Reply(200, {"Content-Type": "text/javascript"}, b"void 0;")

    return Site("tracker", "Analityka zewnętrzna", handle)


def spoldzielnia(urls: dict[str, str]) -> Site:
    """Spółdzielnia Mieszkaniowa „Słoneczne Wzgórze”: cooperative documents published."""
    look = Look(
        name="Spółdzielnia Mieszkaniowa „Słoneczne Wzgórze”",
        menu=[
            ("/", "Start"),
            ("/dokumenty", "Dokumenty"),
            ("/walne-zgromadzenie", "Walne Zgromadzenie"),
            ("/awarie", "Awarie"),
            ("/kontakt", "Kontakt"),
        ],
        footer=[("/rodo", "Klauzula informacyjna RODO")],
        footer_text="SM „Słoneczne Wzgórze”, ul. Słoneczna 20, 60-123 Poznań",
    )
    walne = dt.date.today() + dt.timedelta(days=30)
    pages = {
        "/": (
            "Spółdzielnia Mieszkaniowa „Słoneczne Wzgórze”",
            f"<p>{pl_date(days_ago(20))} – Ogłoszenie o terminie Walnego Zgromadzenia.</p>",
        ),
        "/dokumenty": (
            "Dokumenty spółdzielni",
            '<ul><li><a href="/pliki/statut.pdf">Statut spółdzielni (PDF)</a></li>'
            "<li>Regulamin rozliczania kosztów eksploatacji</li>"
            "<li>Uchwały Rady Nadzorczej i Zarządu</li>"
            "<li>Protokół z lustracji za lata 2021–2023</li>"
            "<li>Sprawozdanie finansowe za rok ubiegły</li></ul>",
        ),
        "/walne-zgromadzenie": (
            "Walne Zgromadzenie",
            f"<p>Walne Zgromadzenie odbędzie się {pl_date(walne)} o 17:00. "
            "Porządek obrad i projekty uchwał do wglądu w biurze.</p>",
        ),
        "/awarie": ("Awarie", "<p>Pogotowie techniczne całodobowo: tel. 61 850 00 00.</p>"),
        "/kontakt": (
            "Kontakt",
            "<p>ul. Słoneczna 20, 60-123 Poznań, tel. 61 850 10 10, "
            '<a href="mailto:biuro@sloneczne.example.pl">biuro@sloneczne.example.pl</a>. '
            "Biuro czynne: poniedziałek 10:00–18:00, wtorek–piątek 7:00–15:00. "
            "Administracja osiedla: Dział Techniczny tel. 61 850 10 20.</p>",
        ),
        "/rodo": (
            "Klauzula informacyjna",
            "<p>Administratorem danych osobowych jest spółdzielnia.</p>",
        ),
    }
    files = {"/pliki/statut.pdf": text_pdf(["Statut Spoldzielni Mieszkaniowej Sloneczne Wzgorze"])}
    return _pages_site("spoldzielnia", look, pages, files)


def wspolnota(urls: dict[str, str]) -> Site:
    """Wspólnota Mieszkaniowa Lipowa 7: poor. No lang, no viewport, fixed width, no skip
    link, old news, broken links, images without alt."""
    look = Look(
        name="Wspólnota Mieszkaniowa Lipowa 7",
        lang=None,
        viewport=False,
        skip_link=False,
        fixed_width=True,
        logo_alt=None,
        semantic=False,
        menu=[("/", "Start"), ("/ogloszenia.html", "Ogłoszenia"), ("/dokumenty.html", "Dokumenty")],
        footer=[("/kontakt.htm", "Kontakt")],
    )
    pages = {
        "/": (
            "Wspólnota Lipowa 7",
            '<table width="1200"><tr><td><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
            'width="200" height="50"></td><td>Zarządca: Administrator Nieruchomości sp.c.</td>'
            "</tr></table><p>Ogłoszenie z 12.03.2019: wymiana wodomierzy.</p>",
        ),
        "/ogloszenia.html": ("Ogłoszenia", "<p>12.03.2019 Wymiana wodomierzy.</p>"),
        "/dokumenty.html": (
            "Dokumenty",
            '<p><font color="#aaaaaa">Uchwały – wkrótce.</font></p>'
            '<a href="/pliki/uchwala-2018.pdf">uchwała</a>',
        ),
    }
    return _pages_site("wspolnota", look, pages)


def wspolnota_ogrodowa(urls: dict[str, str]) -> Site:
    """Wspólnota Mieszkaniowa Ogrodowa 15: a small community doing it right."""
    look = Look(
        name="Wspólnota Mieszkaniowa Ogrodowa 15",
        menu=[
            ("/", "Start"),
            ("/dokumenty", "Dokumenty wspólnoty"),
            ("/awarie", "Awarie"),
            ("/kontakt", "Kontakt z zarządcą"),
        ],
        footer=[("/rodo", "Klauzula informacyjna RODO")],
        footer_text="Zarządca: Zarządzanie Nieruchomościami Dom sp. z o.o., ul. Ogrodowa 1, 61-820 Poznań",
    )
    pages = {
        "/": (
            "Wspólnota Mieszkaniowa Ogrodowa 15",
            f'<p><time datetime="{days_ago(5).isoformat()}">{pl_date(days_ago(5))}</time> – '
            "Przegląd instalacji gazowej w budynku.</p>"
            "<p>Właściciele lokali logują się do e-kartoteki (panel mieszkańca), gdzie widzą "
            "naliczenia i rozliczenia.</p>",
        ),
        "/dokumenty": (
            "Dokumenty wspólnoty",
            "<ul><li>Sprawozdanie roczne zarządu za rok ubiegły</li>"
            "<li>Plan gospodarczy na bieżący rok</li>"
            "<li>Uchwały właścicieli lokali nr 1/2026–4/2026</li></ul>",
        ),
        "/awarie": (
            "Awarie",
            "<p>Pogotowie techniczne zarządcy całodobowo: tel. 61 820 00 99.</p>",
        ),
        "/kontakt": (
            "Kontakt z zarządcą",
            "<p>ul. Ogrodowa 1, 61-820 Poznań, tel. 61 820 00 00, "
            '<a href="mailto:ogrodowa15@zarzadca.example.pl">ogrodowa15@zarzadca.example.pl</a>. '
            "Dyżur zarządcy: wtorek 16:00–18:00.</p>",
        ),
        "/rodo": (
            "Klauzula informacyjna",
            "<p>Administratorem danych osobowych jest wspólnota.</p>",
        ),
    }
    return _pages_site("wspolnota-ogrodowa", look, pages)


def failing(urls: dict[str, str]) -> Site:
    """Answers every request with 503 Service Unavailable (Retry-After: 1)."""

    def handle(path: str, query: str) -> Reply | None:
        return Reply(
            503,
            {"Content-Type": "text/html; charset=utf-8", "Retry-After": "1"},
            "<h1>Usługa chwilowo niedostępna</h1>".encode(),
        )

    return Site("awaria-5xx", "Przedsiębiorstwo Komunalne (awaria serwera)", handle)


def slow(urls: dict[str, str]) -> Site:
    """Miejski Ośrodek Sportu: every page takes 1.5 s to start (TEC-03 fails)."""
    look = Look(
        name="Miejski Ośrodek Sportu i Rekreacji w Nadrzecu",
        menu=[("/", "Start"), ("/kontakt", "Kontakt"), ("/cennik", "Cennik basenu")],
    )
    pages = {
        "/": ("MOSiR Nadrzec", "<p>Basen, lodowisko, hala sportowa.</p>"),
        "/kontakt": ("Kontakt", "<p>ul. Sportowa 1, 64-500 Nadrzec, tel. 67 210 40 00</p>"),
        "/cennik": ("Cennik basenu", "<p>Bilet normalny 18 zł, ulgowy 12 zł.</p>"),
    }
    inner = _pages_site("wolna", look, pages)

    def handle(path: str, query: str) -> Reply | None:
        reply = inner.handle(path, query)
        if reply is not None:
            reply.delay = 1.5
        return reply

    return Site("wolna", look.name, handle, look)


def trap(urls: dict[str, str]) -> Site:
    """Gminny Ośrodek Kultury: an endless calendar, faceted search and session ids."""
    look = Look(
        name="Gminny Ośrodek Kultury w Lipnie",
        menu=[
            ("/", "Start"),
            ("/kalendarz?data=2026-01-01", "Kalendarz wydarzeń"),
            ("/szukaj?kategoria=koncerty&sort=data", "Wyszukiwarka wydarzeń"),
            ("/kontakt?PHPSESSID=abc123", "Kontakt"),
        ],
    )
    pages = {
        "/": ("GOK Lipno", "<p>Zajęcia dla dzieci i seniorów.</p>"),
        "/kontakt": ("Kontakt", "<p>ul. Parkowa 3, 63-000 Lipno, tel. 61 333 44 55</p>"),
    }

    def extra(path: str, query: str) -> Reply | None:
        params = parse_qs(query)
        if path == "/kalendarz":
            try:
                day = dt.date.fromisoformat(params.get("data", ["2026-01-01"])[0])
            except ValueError:
                day = dt.date(2026, 1, 1)
            prev_day, next_day = day - dt.timedelta(days=1), day + dt.timedelta(days=1)
            body = (
                f"<p>Wydarzenia dnia {pl_date(day)}: brak.</p>"
                f'<a href="/kalendarz?data={prev_day.isoformat()}">Poprzedni dzień</a> '
                f'<a href="/kalendarz?data={next_day.isoformat()}">Następny dzień</a> '
                f'<a href="/kalendarz/{day.year}/{day.month:02d}?sid=x{day.day}">Miesiąc</a>'
            )
            return html_reply(render(look, f"Kalendarz {pl_date(day)}", body))
        if path.startswith("/kalendarz/"):
            return html_reply(
                render(look, "Kalendarz miesiąca", '<a href="/kalendarz?data=2026-02-01">luty</a>')
            )
        if path == "/szukaj":
            page = int(params.get("strona", ["1"])[0])
            cat = params.get("kategoria", ["koncerty"])[0]
            links = "".join(
                f'<a href="/szukaj?kategoria={c}&sort={s}&strona={page + 1}">{esc(c)} {s}</a> '
                for c in ("koncerty", "warsztaty", "kino")
                for s in ("data", "nazwa")
            )
            return html_reply(render(look, f"Wyniki: {cat}, strona {page}", links))
        return None

    return _pages_site("pulapka", look, pages, extra=extra)


def pdf_home(urls: dict[str, str]) -> Site:
    """Wspólnota Mieszkaniowa Klonowa 3: its "website" is a PDF notice."""
    body = text_pdf(
        [
            "Wspolnota Mieszkaniowa Klonowa 3",
            "Zarzadca: tel. 61 444 55 66",
            "Ogloszenia dla mieszkancow",
        ]
    )

    def handle(path: str, query: str) -> Reply | None:
        if path == "/":
            return Reply(200, {"Content-Type": "application/pdf"}, body)
        return None

    return Site("pdf-glowna", "Wspólnota Mieszkaniowa Klonowa 3", handle)


def legacy(urls: dict[str, str]) -> Site:
    """Zakład Gospodarki Komunalnej w Żółkwi: an old site in windows-1250."""
    look = Look(
        name="Zakład Gospodarki Komunalnej w Żółkwi",
        charset="windows-1250",
        skip_link=False,
        menu=[
            ("/", "Strona główna"),
            ("/kontakt.php", "Kontakt"),
            ("/oplaty.php", "Opłaty za wodę i ścieki"),
            ("/awarie.php", "Awarie"),
        ],
    )
    pages = {
        "/": (
            "Zakład Gospodarki Komunalnej w Żółkwi",
            "<p>Zażółć gęślą jaźń – ZGK dba o wodę i ścieki w gminie Żółkiew.</p>",
        ),
        "/kontakt.php": (
            "Kontakt",
            "<p>ul. Źródlana 4, 22-300 Żółkiew, tel. 84 681 22 33. "
            "Godziny pracy: pon.–pt. 7:00–15:00.</p>",
        ),
        "/oplaty.php": (
            "Opłaty za wodę i ścieki",
            "<p>Cennik: woda 6,20 zł/m³, ścieki 9,80 zł/m³.</p>",
        ),
        "/awarie.php": ("Awarie", "<p>Pogotowie wodociągowe całodobowe: 994.</p>"),
    }
    return _pages_site("windows-1250", look, pages)


SPA_SCRIPT = """
document.addEventListener('DOMContentLoaded', async () => {
  const nav = document.getElementById('menu');
  const response = await fetch('/api/menu.json');
  const items = await response.json();
  for (const item of items) {
    const a = document.createElement('a');
    a.href = item.href; a.textContent = item.text;
    const li = document.createElement('li'); li.appendChild(a); nav.appendChild(li);
  }
  document.getElementById('tresc').textContent = 'Witamy na stronie Zarządu Dróg Powiatowych.';
});
"""


def spa(urls: dict[str, str]) -> Site:
    """Zarząd Dróg Powiatowych: a single-page app; its links exist only after scripts run."""
    shell = (
        '<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Zarząd Dróg Powiatowych w Nadrzecu</title>"
        '<script src="/app.js"></script></head><body><header><nav aria-label="Menu">'
        '<ul id="menu"></ul></nav></header><main><h1>Zarząd Dróg Powiatowych</h1>'
        '<p id="tresc">Ładowanie…</p></main></body></html>'
    )
    menu = (
        '[{"href": "/#/kontakt-spa", "text": "Kontakt (kotwica)"},'
        '{"href": "/kontakt", "text": "Kontakt"},'
        '{"href": "/zglos-uszkodzenie", "text": "Zgłoś uszkodzenie drogi"}]'
    )
    sub = {
        "/kontakt": "<p>ul. Drogowa 2, 64-500 Nadrzec, tel. 67 210 50 00, zdp@nadrzec.example.pl</p>",
        "/zglos-uszkodzenie": "<p>Zgłoś awarię lub uszkodzenie nawierzchni: tel. 67 210 50 50.</p>",
    }

    def handle(path: str, query: str) -> Reply | None:
        if path == "/":
            return html_reply(shell)
        if path == "/app.js":
            return Reply(200, {"Content-Type": "text/javascript"}, SPA_SCRIPT.encode())
        if path == "/api/menu.json":
            return Reply(200, {"Content-Type": "application/json"}, menu.encode(), delay=0.2)
        if path in sub:
            return html_reply(shell.replace('<p id="tresc">Ładowanie…</p>', sub[path]))
        return None

    return Site("spa", "Zarząd Dróg Powiatowych w Nadrzecu", handle)


def redirector(urls: dict[str, str]) -> Site:
    """A site whose links redirect to internal addresses (what the SSRF guard must stop)."""
    secret = urls["sekret"]

    def handle(path: str, query: str) -> Reply | None:
        if path == "/":
            page = (
                '<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>Osiedle'
                "</title></head><body><main><h1>Administracja Osiedla Pogodnego</h1>"
                '<a href="/kontakt">Kontakt</a> <a href="/do-sekretu">Dokumenty</a> '
                '<a href="/do-metadanych">Regulamin</a>'
                f'<img src="{secret}piksel.gif" alt=""></main></body></html>'
            )
            return html_reply(page)
        if path == "/kontakt":
            return html_reply(
                '<!DOCTYPE html><html lang="pl"><title>Kontakt</title><p>tel. 61 555 66 77</p>'
            )
        if path == "/do-sekretu":
            return Reply(302, {"Location": f"{secret}tajne"}, b"")
        if path == "/do-metadanych":
            return Reply(302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"")
        if path == "/start-wewnetrzny":
            return Reply(302, {"Location": f"{secret}"}, b"")
        return None

    return Site("przekierowania", "Administracja Osiedla Pogodnego", handle)


def secret(urls: dict[str, str]) -> Site:
    """An "internal" service: any request reaching it means the SSRF guard failed."""

    def handle(path: str, query: str) -> Reply | None:
        return Reply(200, {"Content-Type": "text/plain"}, b"WEWNETRZNE-DANE")

    return Site("sekret", "Usługa wewnętrzna", handle)
