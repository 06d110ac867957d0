"""Gmina Zielona Dolina: the exemplary site (every INF criterion present), with its BIP
on another host."""

from __future__ import annotations

from demo.sites.layout import Look, days_ago, esc, pl_date, render
from demo.sites.pdfs import text_pdf
from demo.sites.server import Reply, Site, html_reply

NAME = "Urząd Gminy Zielona Dolina"


def build(urls: dict[str, str]) -> Site:
    bip = urls["gmina-bip"]
    look = Look(
        name=NAME,
        menu=[
            ("/", "Strona główna"),
            ("/urzad/kontakt", "Kontakt"),
            ("/sprawy", "Jak załatwić sprawę"),
            ("/e-uslugi", "E-usługi"),
            ("/aktualnosci", "Aktualności"),
            (bip, "BIP – Biuletyn Informacji Publicznej"),
            ("/en", "English"),
        ],
        footer=[
            ("/deklaracja-dostepnosci", "Deklaracja dostępności"),
            ("/rodo", "Ochrona danych osobowych (RODO)"),
            ("/mapa-strony", "Mapa strony"),
            ("/tekst-latwy-do-czytania", "Tekst łatwy do czytania (ETR)"),
            ("/jezyk-migowy", "Informacja w polskim języku migowym (PJM)"),
            ("https://www.facebook.com/gminazielonadolina", "Facebook"),
            ("/newsletter", "Newsletter i alerty SMS"),
            ("/admin/logowanie", "Panel redaktora"),
        ],
        footer_text=(
            '<div role="dialog" aria-label="Pliki cookies" class="cookies"><p>Używamy plików '
            "cookies niezbędnych do działania serwisu. Analityczne włączymy tylko za Twoją "
            'zgodą.</p><button type="button">Akceptuję</button> <button type="button">Odrzuć'
            "</button></div>"
            "Urząd Gminy Zielona Dolina, ul. Lipowa 1, 62-100 Zielona Dolina, "
            'tel. 61 123 45 67, <a href="mailto:sekretariat@zielonadolina.example.pl">'
            "sekretariat@zielonadolina.example.pl</a>"
        ),
        head_extra=(
            '<link rel="alternate" hreflang="en" href="/en">'
            '<script type="application/ld+json">{"@context":"https://schema.org",'
            '"@type":"GovernmentOrganization","name":"Urząd Gminy Zielona Dolina",'
            '"telephone":"+48 61 123 45 67","email":"sekretariat@zielonadolina.example.pl",'
            '"address":{"@type":"PostalAddress","streetAddress":"ul. Lipowa 1",'
            '"postalCode":"62-100","addressLocality":"Zielona Dolina"}}</script>'
        ),
    )
    review = days_ago(40)
    news = [
        (days_ago(3), "Harmonogram odbioru odpadów na nowy rok", "odpady"),
        (days_ago(12), "Sesja Rady Gminy – porządek obrad", "sesja"),
        (days_ago(25), "Nabór wniosków o dofinansowanie wymiany pieców", "piece"),
        (days_ago(60), "Dożynki gminne – podziękowania", "dozynki"),
        (days_ago(95), "Remont ulicy Klonowej zakończony", "klonowa"),
    ]
    pages: dict[str, tuple[str, str]] = {}
    pages["/"] = (
        "Witamy w Gminie Zielona Dolina",
        "<p>Urząd Gminy Zielona Dolina zaprasza mieszkańców od poniedziałku do piątku. "
        'Sprawy załatwisz także przez internet – zobacz <a href="/e-uslugi">e-usługi</a>.</p>'
        '<form role="search" action="/szukaj"><label for="q">Szukaj w serwisie</label>'
        '<input type="search" id="q" name="q"><button>Szukaj</button></form>'
        "<h2>Aktualności</h2><ul>"
        + "".join(
            f'<li><time datetime="{d.isoformat()}">{pl_date(d)}</time> '
            f'<a href="/aktualnosci/{slug}">{esc(t)}</a></li>'
            for d, t, slug in news[:3]
        )
        + "</ul><h2>Na skróty</h2><ul>"
        '<li><a href="/urzad/godziny-pracy">Godziny pracy urzędu</a></li>'
        '<li><a href="/urzad/struktura">Struktura organizacyjna</a></li>'
        '<li><a href="/skargi-i-wnioski">Skargi, wnioski i petycje</a></li>'
        '<li><a href="/e-doreczenia">E-Doręczenia</a></li>'
        '<li><a href="/faq">Najczęściej zadawane pytania</a></li>'
        '<li><a href="/dostepnosc">Dostępność</a></li>'
        '<li><a href="/sygnalisci">Zgłoszenia sygnalistów</a></li>'
        '<li><a href="/kalendarz">Kalendarz wydarzeń</a></li>'
        "</ul>",
    )
    pages["/urzad/kontakt"] = (
        "Kontakt",
        "<p>Urząd Gminy Zielona Dolina<br>ul. Lipowa 1<br>62-100 Zielona Dolina</p>"
        "<p>Telefon: 61 123 45 67, faks: 61 123 45 68<br>"
        'E-mail: <a href="mailto:sekretariat@zielonadolina.example.pl">'
        "sekretariat@zielonadolina.example.pl</a></p>"
        "<p>Adres do doręczeń elektronicznych: AE:PL-12345-67890-ABCDE-12</p>"
        "<h2>Godziny pracy urzędu</h2><p>poniedziałek 8:00–16:00, wtorek–piątek 7:30–15:30</p>"
        '<h2>Dojazd</h2><iframe src="/mapa-dojazdu" title="Mapa dojazdu do urzędu" '
        'width="400" height="200"></iframe>'
        '<h2>Formularz kontaktowy</h2><form action="/urzad/kontakt/wyslij" method="post">'
        '<label for="imie">Imię i nazwisko</label><input id="imie" name="imie">'
        '<label for="tresc">Wiadomość</label><textarea id="tresc" name="tresc"></textarea>'
        "<p><small>Administratorem Pani/Pana danych osobowych jest Wójt Gminy Zielona Dolina. "
        'Szczegóły: <a href="/rodo">klauzula informacyjna</a>.</small></p>'
        "<button>Wyślij</button></form>",
    )
    pages["/urzad/godziny-pracy"] = (
        "Godziny pracy urzędu",
        "<p>Urząd jest czynny: poniedziałek 8:00–16:00, wtorek, środa, czwartek 7:30–15:30, "
        "piątek 7:30–14:00. Kasa urzędu czynna pon.–pt. 8:00–14:00.</p>",
    )
    pages["/urzad/struktura"] = (
        "Struktura organizacyjna",
        "<table><caption>Wydziały i referaty urzędu</caption><tr><th>Komórka</th><th>Telefon</th>"
        "<th>E-mail</th></tr>"
        "<tr><td>Referat Finansowy</td><td>61 123 45 70</td><td>finanse@zielonadolina.example.pl</td></tr>"
        "<tr><td>Referat Gospodarki Komunalnej</td><td>61 123 45 71</td><td>komunalny@zielonadolina.example.pl</td></tr>"
        "<tr><td>Urząd Stanu Cywilnego</td><td>61 123 45 72</td><td>usc@zielonadolina.example.pl</td></tr>"
        "</table>",
    )
    pages["/sprawy"] = (
        "Jak załatwić sprawę",
        "<p>Wykaz spraw załatwianych w urzędzie. Każda karta usługi opisuje wymagane dokumenty, "
        "opłaty i termin.</p><ul>"
        '<li><a href="/sprawy/dowod-osobisty">Karta usługi: dowód osobisty</a></li>'
        '<li><a href="/sprawy/deklaracja-odpady">Karta usługi: deklaracja o opłacie za odpady</a></li>'
        '<li><a href="/pliki/karta-odpady.pdf">Druk deklaracji o opłacie za odpady (PDF, 42 KB)</a></li>'
        "</ul>",
    )
    pages["/sprawy/dowod-osobisty"] = (
        "Karta usługi: wydanie dowodu osobistego",
        "<p>Wniosek złożysz w urzędzie lub przez internet na "
        '<a href="https://www.gov.pl/web/gov/uzyskaj-dowod-osobisty">gov.pl</a>. '
        "Opłata: bezpłatnie. Termin: do 30 dni.</p>",
    )
    pages["/sprawy/deklaracja-odpady"] = (
        "Karta usługi: deklaracja o wysokości opłaty za gospodarowanie odpadami",
        "<p>Deklarację składa się w ciągu 14 dni od zamieszkania. Druki do pobrania: "
        '<a href="/pliki/karta-odpady.pdf">deklaracja (PDF, 42 KB)</a>.</p>',
    )
    pages["/e-uslugi"] = (
        "E-usługi",
        "<p>Przez internet złożysz wnioski na platformie ePUAP: skrytka urzędu "
        "/zielonadolina/SkrytkaESP. Zobacz też "
        '<a href="https://epuap.gov.pl/wps/portal">ePUAP</a>.</p>',
    )
    pages["/e-doreczenia"] = (
        "E-Doręczenia",
        "<p>Adres do doręczeń elektronicznych urzędu: <strong>AE:PL-12345-67890-ABCDE-12</strong>. "
        "Od 1 stycznia 2025 r. e-Doręczenia są podstawowym kanałem korespondencji.</p>",
    )
    pages["/skargi-i-wnioski"] = (
        "Skargi, wnioski i petycje",
        "<p>Wójt przyjmuje obywateli w sprawie skarg i wniosków w każdy poniedziałek "
        "w godzinach 14:00–17:00 (także po godzinach pracy urzędu).</p>"
        '<p><a href="/petycje">Petycje</a> – rejestr i sposób składania.</p>',
    )
    pages["/petycje"] = (
        "Petycje",
        "<p>Petycje rozpatrywane w bieżącym roku: 2. Zbiorcza informacja o petycjach.</p>",
    )
    pages["/rodo"] = (
        "Ochrona danych osobowych – klauzula informacyjna",
        "<p>Administratorem Pani/Pana danych osobowych jest Wójt Gminy Zielona Dolina. "
        "Inspektor ochrony danych (IOD): Jan Nowak, e-mail "
        '<a href="mailto:iod@zielonadolina.example.pl">iod@zielonadolina.example.pl</a>.</p>',
    )
    pages["/dostepnosc"] = (
        "Dostępność",
        '<ul><li><a href="/deklaracja-dostepnosci">Deklaracja dostępności</a></li>'
        '<li><a href="/dostepnosc/architektoniczna">Dostępność architektoniczna</a></li>'
        '<li><a href="/dostepnosc/koordynator">Koordynator do spraw dostępności</a></li></ul>',
    )
    pages["/dostepnosc/architektoniczna"] = (
        "Dostępność architektoniczna",
        "<p>Do budynku prowadzi podjazd dla wózków. W budynku jest winda i pętla indukcyjna "
        "w biurze obsługi. Przed urzędem wyznaczono miejsce parkingowe dla osób "
        "z niepełnosprawnościami. Do urzędu można wejść z psem asystującym.</p>",
    )
    pages["/dostepnosc/koordynator"] = (
        "Koordynator do spraw dostępności",
        "<p>Koordynator do spraw dostępności: Anna Wiśniewska, tel. 61 123 45 80. "
        'Raport o stanie zapewniania dostępności: <a href="/pliki/raport-dostepnosc.pdf">'
        "raport (PDF, 30 KB)</a>.</p>",
    )
    pages["/tekst-latwy-do-czytania"] = (
        "Tekst łatwy do czytania (ETR)",
        "<p>Urząd Gminy jest w budynku przy ulicy Lipowej 1. Wójt kieruje urzędem. "
        "W urzędzie załatwisz sprawy, na przykład zapłacisz za śmieci.</p>",
    )
    pages["/jezyk-migowy"] = (
        "Informacja w polskim języku migowym (PJM)",
        '<video controls width="320" src="/media/pjm.mp4" aria-label="Nagranie w PJM"></video>'
        "<p>Możesz skorzystać z usługi tłumacza języka migowego online.</p>",
    )
    d1, d2 = days_ago(400), review
    pages["/deklaracja-dostepnosci"] = (
        "Deklaracja dostępności Urzędu Gminy Zielona Dolina",
        f'<p id="a11y-wstep"><span id="a11y-podmiot">Urząd Gminy Zielona Dolina</span> '
        f"zobowiązuje się zapewnić dostępność swojej strony internetowej zgodnie z ustawą z dnia "
        f"4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych "
        f"podmiotów publicznych. Deklaracja dostępności dotyczy "
        f'<a id="a11y-url" href="/">strony internetowej Urzędu Gminy Zielona Dolina</a>.</p>'
        f'<p id="a11y-zakres">Zakres: cały serwis.</p>'
        f'<ul><li>Data publikacji strony internetowej: <time id="a11y-data-publikacja" '
        f'datetime="2019-09-23">23.09.2019</time>.</li><li>Data ostatniej istotnej aktualizacji: '
        f'<time id="a11y-data-aktualizacja" datetime="{d2.isoformat()}">{pl_date(d2)}</time>.</li></ul>'
        f'<h2>Stan dostępności cyfrowej</h2><p id="a11y-status">Strona internetowa jest '
        f"częściowo zgodna z ustawą o dostępności cyfrowej z powodu niezgodności wymienionych "
        f"poniżej.</p><h3>Niedostępne treści</h3><p>Część plików PDF opublikowanych przed 2019 r. "
        f"nie jest dostępna cyfrowo.</p>"
        f"<h2>Przygotowanie deklaracji dostępności</h2><p>Deklarację sporządzono dnia "
        f'<time id="a11y-data-sporzadzenie" datetime="{d1.isoformat()}">{pl_date(d1)}</time>. '
        f'Deklarację ostatnio przejrzano dnia <time id="a11y-data-przeglad" '
        f'datetime="{d2.isoformat()}">{pl_date(d2)}</time>.</p>'
        f'<p id="a11y-ocena">Deklarację sporządzono na podstawie samooceny.</p>'
        f'<h2 id="a11y-kontakt">Informacje zwrotne i dane kontaktowe</h2><p>Osobą kontaktową jest '
        f'Anna Wiśniewska, e-mail <a id="a11y-email" href="mailto:dostepnosc@zielonadolina.example.pl">'
        f'dostepnosc@zielonadolina.example.pl</a>, telefon <span id="a11y-telefon">61 123 45 80</span>.</p>'
        f'<h2 id="a11y-procedura">Obsługa wniosków i skarg związanych z dostępnością</h2>'
        f"<p>Każdy ma prawo wystąpić z żądaniem zapewnienia dostępności cyfrowej. Podmiot publiczny "
        f"zrealizuje żądanie niezwłocznie, nie później niż w ciągu 7 dni; jeżeli nie jest to możliwe, "
        f"poinformuje o tym, kiedy realizacja będzie możliwa, jednak nie później niż w terminie "
        f"2 miesięcy. Po wyczerpaniu procedury można złożyć wniosek do "
        f'<a href="https://bip.brpo.gov.pl/">Rzecznika Praw Obywatelskich</a>.</p>'
        f'<h2 id="a11y-architektura">Dostępność architektoniczna</h2><p>Do budynku prowadzi '
        f"podjazd; winda; pętla indukcyjna; wejście z psem asystującym.</p>"
        f'<h2 id="a11y-komunikacja">Dostępność komunikacyjno-informacyjna</h2><p>Tłumacz polskiego '
        f"języka migowego online dostępny w godzinach pracy urzędu.</p>"
        f'<h2 id="a11y-aplikacje">Aplikacje mobilne</h2><p>Urząd nie udostępnia aplikacji mobilnych.</p>',
    )
    pages["/faq"] = (
        "Najczęściej zadawane pytania (FAQ)",
        "<dl><dt>Jak zapłacić za odpady?</dt><dd>Przelewem na indywidualny rachunek.</dd>"
        "<dt>Gdzie złożyć wniosek o dowód?</dt><dd>W Urzędzie Stanu Cywilnego.</dd></dl>",
    )
    pages["/sygnalisci"] = (
        "Zgłoszenia sygnalistów",
        "<p>Procedura zgłoszeń wewnętrznych: sygnalista może zgłosić naruszenie prawa na adres "
        "sygnalista@zielonadolina.example.pl. Zgłoszenia zewnętrzne przyjmuje Rzecznik Praw Obywatelskich.</p>",
    )
    pages["/newsletter"] = (
        "Newsletter i alerty SMS",
        "<p>Zapisz się na alerty SMS o awariach i utrudnieniach.</p>",
    )
    pages["/en"] = (
        "Zielona Dolina Commune – English",
        '<p lang="en">Welcome to Zielona Dolina.</p>',
    )
    pages["/mapa-strony"] = (
        "Mapa strony",
        "<ul>"
        + "".join(f'<li><a href="{p}">{esc(t)}</a></li>' for p, (t, _b) in pages.items())
        + "</ul>",
    )
    pages["/aktualnosci"] = (
        "Aktualności",
        "<ul>"
        + "".join(
            f'<li><time datetime="{d.isoformat()}">{pl_date(d)}</time> '
            f'<a href="/aktualnosci/{slug}">{esc(t)}</a></li>'
            for d, t, slug in news
        )
        + '</ul><p><a href="/aktualnosci?strona=2">Starsze wiadomości</a></p>',
    )
    for d, t, slug in news:
        pages[f"/aktualnosci/{slug}"] = (
            t,
            f'<p><time datetime="{d.isoformat()}">{pl_date(d)}</time></p>'
            f"<p>{esc(t)}. Szczegóły w Referacie Gospodarki Komunalnej, tel. 61 123 45 71.</p>",
        )
    pages["/kalendarz"] = (
        "Kalendarz wydarzeń",
        "<p>Najbliższe wydarzenia: dożynki, sesja rady.</p>",
    )

    files = {
        "/pliki/karta-odpady.pdf": text_pdf(
            [
                "Deklaracja o wysokosci oplaty za gospodarowanie odpadami komunalnymi",
                "Gmina Zielona Dolina",
                "Wypelnij drukowanymi literami.",
            ]
        ),
        "/pliki/raport-dostepnosc.pdf": text_pdf(
            ["Raport o stanie zapewniania dostepnosci podmiotu publicznego", "Gmina Zielona Dolina"]
        ),
    }

    def handle(path: str, query: str) -> Reply | None:
        if path in files:
            return Reply(200, {"Content-Type": "application/pdf"}, files[path])
        if path == "/media/pjm.mp4":
            return Reply(404, {"Content-Type": "text/plain"}, b"")
        if path == "/robots.txt":
            return Reply(
                200,
                {"Content-Type": "text/plain"},
                b"User-agent: *\nDisallow: /admin/\nSitemap: /sitemap.xml\n".replace(
                    b"/sitemap.xml", f"{urls['gmina']}sitemap.xml".encode()
                ),
            )
        if path == "/sitemap.xml":
            locs = "".join(f"<url><loc>{urls['gmina'].rstrip('/')}{p}</loc></url>" for p in pages)
            body = (
                '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                f'"http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
            )
            return Reply(200, {"Content-Type": "application/xml"}, body.encode())
        if path == "/mapa-dojazdu":  # an embedded map whose image has no alt text
            return html_reply(
                '<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>Mapa</title>'
                '</head><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
                'width="380" height="180"></body></html>'
            )
        if path == "/admin/logowanie":  # robots.txt asks crawlers to keep out
            return html_reply(render(look, "Logowanie redaktora", "<p>Panel redakcyjny.</p>"))
        if path in pages:
            title, body = pages[path]
            return html_reply(render(look, title, body))
        return None

    return Site("gmina", NAME, handle, look)


def build_bip(urls: dict[str, str]) -> Site:
    name = "Biuletyn Informacji Publicznej Gminy Zielona Dolina"
    look = Look(
        name=name,
        logo_alt="Biuletyn Informacji Publicznej – logo BIP",
        menu=[
            ("/", "Strona główna BIP"),
            ("/redakcja", "Redakcja"),
            ("/instrukcja", "Instrukcja obsługi"),
            ("/rejestr-zmian", "Rejestr zmian"),
            ("/raport-dostepnosc", "Raport o stanie zapewniania dostępności"),
            ("/koordynator", "Koordynator ds. dostępności"),
        ],
        footer=[(urls["gmina"], "Strona podmiotowa gminy")],
    )
    pages = {
        "/": (
            "Biuletyn Informacji Publicznej",
            '<form role="search" action="/szukaj">'
            '<label for="s">Wyszukiwarka</label><input type="search" id="s" name="q"></form>'
            "<p>Menu przedmiotowe: Organy gminy, Prawo lokalne, Budżet, Przetargi.</p>",
        ),
        "/redakcja": (
            "Redakcja BIP",
            "<p>Redaktor: Piotr Zieliński, tel. 61 123 45 90, "
            "faks 61 123 45 68, e-mail bip@zielonadolina.example.pl</p>",
        ),
        "/instrukcja": (
            "Instrukcja obsługi BIP",
            "<p>Jak korzystać z Biuletynu. Informacje "
            "nieudostępnione w BIP udostępnia się na wniosek.</p>",
        ),
        "/rejestr-zmian": ("Rejestr zmian", "<p>Rejestr zmian: 12 ostatnich modyfikacji.</p>"),
        "/raport-dostepnosc": (
            "Raport o stanie zapewniania dostępności",
            "<p>Raport o stanie zapewniania dostępności podmiotu publicznego za rok 2024.</p>",
        ),
        "/koordynator": (
            "Koordynator do spraw dostępności",
            "<p>Koordynator do spraw dostępności: Anna Wiśniewska.</p>",
        ),
    }

    def handle(path: str, query: str) -> Reply | None:
        if path in pages:
            title, body = pages[path]
            return html_reply(render(look, title, body))
        return None

    return Site("gmina-bip", name, handle, look)
