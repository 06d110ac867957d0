"""The crawl frontier: pages a resident looks for first, news archives last.

Priority comes from words in the link text and URL (kontakt, godziny, deklaracja
dostępności, BIP, RODO, e-usługi …), lowered for depth and for archive-like URLs.
"""

from __future__ import annotations

import heapq
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

# Word stems (accents stripped, lower case) and their weight. Kept broad: a page is
# fetched earlier, never judged, for matching.
RESIDENT_TOPICS: tuple[tuple[str, int], ...] = (
    ("deklaracja", 100),
    ("dostepnosc", 90),
    ("kontakt", 95),
    ("godzin", 85),
    ("bip", 85),
    ("biuletyn", 85),
    ("rodo", 80),
    ("ochrona danych", 80),
    ("prywatnos", 60),
    ("e-uslug", 75),
    ("euslug", 75),
    ("e-dorecz", 75),
    ("edorecz", 75),
    ("epuap", 70),
    ("skarg", 70),
    ("wnios", 60),
    ("petycj", 60),
    ("struktur", 70),
    ("awari", 75),
    ("pogotowi", 70),
    ("statut", 70),
    ("regulamin", 60),
    ("cennik", 70),
    ("taryf", 70),
    ("oplat", 55),
    ("zalatw", 70),
    ("karta uslug", 70),
    ("sprawy", 50),
    ("druk", 55),
    ("formularz", 55),
    ("urzad", 45),
    ("o nas", 45),
    ("o firmie", 45),
    ("spoldziel", 40),
    ("uchwal", 55),
    ("sprawozdan", 55),
    ("lustracj", 60),
    ("walne", 55),
    ("zarzad", 45),
    ("sygnalis", 55),
    ("migow", 60),
    ("latwy do czytania", 60),
    ("tekst latwy", 60),
    ("etr", 40),
    ("pjm", 50),
    ("koordynator", 55),
    ("architektonicz", 55),
    ("faq", 45),
    ("pytania", 40),
    ("dane rejestrowe", 55),
    ("krs", 45),
    ("odpad", 50),
    ("harmonogram", 45),
    ("mapa strony", 40),
    ("redakcj", 40),
    ("instrukcj", 40),
)
ARCHIVE_WORDS = re.compile(
    r"(aktualnosc|news|wiadomosc|archiwum|archive|galeri|gallery|wydarzen|kalendarz|blog|"
    r"komunikat|ogloszeni)"
)


def fold(text: str) -> str:
    """Lower case without Polish diacritics (ł → l), for keyword matching."""
    text = text.lower().replace("ł", "l")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def priority(url: str, link_text: str = "", depth: int = 0) -> int:
    """Higher is fetched first."""
    haystack = f"{fold(link_text)} {fold(url.replace('-', ' ').replace('_', ' '))} {fold(url)}"
    score = max((weight for word, weight in RESIDENT_TOPICS if word in haystack), default=0)
    if ARCHIVE_WORDS.search(haystack):
        score -= 40
    return score - 10 * depth


@dataclass(order=True)
class FrontierEntry:
    sort_key: tuple[int, int]
    url: str = field(compare=False)
    depth: int = field(compare=False)
    path: list[str] = field(compare=False)
    link_text: str = field(compare=False, default="")


class Frontier:
    """A priority queue of URLs, each admitted once."""

    def __init__(self) -> None:
        self._heap: list[FrontierEntry] = []
        self._seen: set[str] = set()
        self._order = itertools.count()

    def __len__(self) -> int:
        return len(self._heap)

    def seen(self, url: str) -> bool:
        return url in self._seen

    def mark_seen(self, url: str) -> None:
        self._seen.add(url)

    def push(self, url: str, depth: int, path: list[str], link_text: str = "") -> bool:
        if url in self._seen:
            return False
        self._seen.add(url)
        score = priority(url, link_text, depth)
        heapq.heappush(
            self._heap, FrontierEntry((-score, next(self._order)), url, depth, path, link_text)
        )
        return True

    def pop(self) -> FrontierEntry | None:
        return heapq.heappop(self._heap) if self._heap else None
