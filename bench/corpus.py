"""A generated corpus of realistic Polish municipal pages on loopback, for benchmarks.

Each site lives on its own loopback address (127.0.0.41, .42, …), port chosen free, and
is served by this module run as a separate process (`python -m bench.corpus HOSTS PAGES`)
so that the server's memory is not counted against the tool being measured.
"""

from __future__ import annotations

import json
import random
import sys

from tests.website.loopback import LoopbackServer, QuietHandler

PLACES = [
    "Brzozowa Wola",
    "Dębowiec",
    "Lipnica Wielka",
    "Nowe Sioło",
    "Stare Bystre",
    "Jaworze Dolne",
    "Kamienna Góra Mała",
    "Olszynka",
    "Wrzosowo",
    "Zagórze Śląskie",
    "Bukowina Polska",
    "Sosnowe Pole",
]
RESIDENT_PAGES = [
    ("kontakt", "Kontakt"),
    ("godziny-pracy", "Godziny pracy urzędu"),
    ("deklaracja-dostepnosci", "Deklaracja dostępności"),
    ("rodo", "Ochrona danych osobowych"),
    ("e-uslugi", "E-usługi"),
    ("e-doreczenia", "E-Doręczenia"),
    ("skargi-i-wnioski", "Skargi i wnioski"),
    ("struktura", "Struktura organizacyjna"),
    ("awarie", "Zgłoś awarię"),
    ("statut", "Statut"),
    ("cennik", "Cennik opłat"),
    ("jak-zalatwic-sprawe", "Jak załatwić sprawę"),
]
SENTENCES = [
    "Urząd przypomina o terminie płatności podatku od nieruchomości.",
    "Mieszkańcy mogą składać wnioski także przez platformę ePUAP.",
    "Rada Gminy podjęła uchwałę w sprawie budżetu obywatelskiego.",
    "Trwa nabór wniosków o dofinansowanie wymiany źródeł ciepła.",
    "Harmonogram odbioru odpadów komunalnych jest dostępny w zakładce Odpady.",
    "W czwartek nastąpi przerwa w dostawie wody na ulicy Ogrodowej.",
    "Zapraszamy na konsultacje społeczne dotyczące planu zagospodarowania.",
    "Biuro obsługi mieszkańców czynne jest od poniedziałku do piątku.",
    "Sołtysi otrzymali nowe tablice ogłoszeń w każdej miejscowości.",
    "Szczegółowe informacje można uzyskać pod numerem telefonu 61 123 45 67.",
]
IMAGE = (
    "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='640' height='240'>"
    "<rect width='640' height='240' fill='%23cde'/><circle cx='120' cy='120' r='80' fill='%23369'/>"
    "</svg>"
)


def site_pages(index: int, pages_per_site: int) -> dict[str, tuple[str, str]]:
    rng = random.Random(index)
    place = PLACES[index % len(PLACES)]
    pages: dict[str, tuple[str, str]] = {}
    news_count = max(0, pages_per_site - 1 - len(RESIDENT_PAGES))
    news = [
        (f"aktualnosci/wpis-{n}", f"{rng.choice(SENTENCES)[:-1]} ({n + 1})")
        for n in range(news_count)
    ]
    nav = "".join(f'<li><a href="/{slug}">{title}</a></li>' for slug, title in RESIDENT_PAGES[:6])
    foot = "".join(f'<a href="/{slug}">{title}</a> ' for slug, title in RESIDENT_PAGES[6:])

    def frame(title: str, body: str) -> str:
        return (
            f'<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title} – Gmina {place}</title><style>body{{font-family:sans-serif;"
            f"max-width:62rem;margin:auto;padding:0 1rem}}nav ul{{display:flex;gap:1rem;"
            f"list-style:none;padding:0}}.karta{{border:1px solid #ccc;padding:1rem;"
            f"margin:1rem 0}}table{{border-collapse:collapse}}td,th{{border:1px solid #999;"
            f"padding:.3rem}}footer{{margin-top:2rem;border-top:1px solid #999}}</style></head>"
            f'<body><a href="#tresc" class="skip">Przejdź do treści</a><header>'
            f'<img src="{IMAGE}" alt="Herb gminy {place}" width="64" height="24">'
            f'<nav aria-label="Menu główne"><ul><li><a href="/">Start</a></li>{nav}</ul></nav>'
            f'</header><main id="tresc"><h1>{title}</h1>{body}</main><footer><p>{foot}</p>'
            f"<p>Urząd Gminy {place}, ul. Główna {index + 1}, 00-{100 + index:03d} {place}, "
            f"tel. 61 {100 + index} 45 67</p></footer></body></html>"
        )

    def paragraphs(count: int) -> str:
        return "".join(
            "<p>" + " ".join(rng.choice(SENTENCES) for _ in range(4)) + "</p>" for _ in range(count)
        )

    listing = "".join(f'<li><a href="/{slug}">{title}</a></li>' for slug, title in news)
    pages["/"] = (
        f"Gmina {place}",
        f'<img src="{IMAGE}" alt="Panorama gminy" width="640" height="240">'
        f"{paragraphs(2)}<h2>Aktualności</h2><ul>{listing}</ul>",
    )
    for slug, title in RESIDENT_PAGES:
        table = "".join(
            f"<tr><td>Referat {n}</td><td>61 {100 + index} 45 {60 + n}</td>"
            f"<td>referat{n}@gmina.example.pl</td></tr>"
            for n in range(5)
        )
        pages[f"/{slug}"] = (
            title,
            paragraphs(3) + f"<table><caption>{title}</caption>"
            f"<tr><th>Komórka</th><th>Telefon</th><th>E-mail</th></tr>{table}"
            "</table>" + '<form><label for="q">Szukaj</label>'
            '<input id="q" type="search"><button>Szukaj</button></form>',
        )
    for slug, title in news:
        pages[f"/{slug}"] = (
            title,
            f'<div class="karta">{paragraphs(5)}</div>'
            f'<img src="{IMAGE}" alt="Zdjęcie ilustracyjne" width="640" height="240">',
        )
    return {path: frame(title, body) for path, (title, body) in pages.items()}


def serve(hosts: int, pages_per_site: int, first_octet: int = 41) -> None:
    """Serve the corpus; print one JSON line {"sites": [base urls], "urls": [...]}."""
    sites, urls, servers = [], [], []
    for index in range(hosts):
        pages = site_pages(index, pages_per_site)

        class Handler(QuietHandler):
            protocol_version = "HTTP/1.1"
            content = pages

            def do_GET(self) -> None:  # noqa: N802
                body = self.content.get(self.path.split("?")[0])
                status = 200 if body is not None else 404
                data = (body or "<!DOCTYPE html><title>404</title><p>Nie znaleziono</p>").encode()
                self.send_html(data, status=status)

        servers.append(LoopbackServer(Handler, f"127.0.0.{first_octet + index}"))
        base = servers[-1].origin
        sites.append(base + "/")
        urls.extend(base + path for path in pages)
    print(json.dumps({"sites": sites, "urls": urls}), flush=True)
    sys.stdin.read()  # serve until the parent closes our stdin


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]))
