"""How long judging one site takes: all 33 website criteria over a 50-page hydrated artifact.

Run: .venv/bin/python bench/website_judge.py [pages] [articles per news page]
Prints the cold time (every page parsed for the first time) and the warm time (parses cached,
as when the engine re-scores the same hydrated artifact), per site and per criterion.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from collections import defaultdict

import rubrics.website  # noqa: F401
from rubrics.registry import CRITERIA
from tests.rubrics_website import sites
from tests.rubrics_website.axe_data import FOOTER_LINK, FOOTER_TEXT, axe, rule
from tests.rubrics_website.factory import artifact, ctx, evidence, page

NEWS = """<article><h2>Komunikat nr {i}</h2><p>Opublikowano: <time datetime="2027-03-{d:02d}">{d} marca 2027</time></p>
<p>Informujemy mieszkańców, że w dniu {d:02d}.03.2027 r. nastąpi przerwa w dostawie wody na ulicach Lipowej, Polnej i Leśnej.
Szczegóły w Referacie Gospodarki Komunalnej, tel. 22 761 20 20.</p>{links}</article>"""


def build(n_pages: int, articles: int = 10) -> dict:
    mains = [
        sites.HOME_MAIN,
        sites.KONTAKT_MAIN,
        sites.DOSTEPNOSC_MAIN,
        sites.SPRAWY_MAIN,
        sites.STATEMENT_V2_MAIN,
    ]
    pages = []
    for i in range(n_pages):
        if i < len(mains):
            main = mains[i]
        else:
            links = "".join(
                f'<a href="/aktualnosci/{i}-{k}">Czytaj więcej o sprawie {k}</a> '
                for k in range(60)
            )
            main = "".join(
                NEWS.format(i=i * 10 + k, d=1 + (i + k) % 28, links=links if k == 0 else "")
                for k in range(articles)
            )
        violations = [
            rule("link-name", FOOTER_LINK),
            rule(
                "color-contrast",
                FOOTER_TEXT,
                (f"main p:nth-child({i})", f"<p class='lead'>tekst {i}</p>"),
            ),
            rule("image-alt", (f"main img#f{i}", f'<img id="f{i}" src="/foto/{i}.jpg">')),
        ]
        url = sites.GMINA if i == 0 else f"{sites.GMINA}strona-{i}"
        pages.append(
            page(
                url,
                sites.gmina_layout(f"Strona {i}", main, sites.GMINA_JSONLD if i == 0 else ""),
                depth=0 if i == 0 else 1 + i % 3,
                axe=axe(violations),
            )
        )
    return artifact(pages)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    articles = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    art = build(n, articles)
    c = ctx()
    html_kb = sum(len(p["html"]) for p in art["pages"]) / 1024
    for label in ("cold", "warm"):
        per: dict[str, float] = defaultdict(float)
        t0 = time.perf_counter()
        for cid, fn in sorted(CRITERIA.items()):
            t = time.perf_counter()
            fn(evidence(art), c)
            per[cid] += time.perf_counter() - t
        total = time.perf_counter() - t0
        slowest = sorted(per.items(), key=lambda kv: -kv[1])[:5]
        print(f"{label}: {n} pages ({html_kb:.0f} KiB HTML), {len(CRITERIA)} criteria: {total * 1000:.0f} ms; slowest: "
              + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in slowest))  # fmt: skip
    # Memory apart from timing: tracemalloc slows Python down several times.
    rubrics.website.clear_cache()
    tracemalloc.start()
    for fn in CRITERIA.values():
        fn(evidence(art), c)
    held = tracemalloc.get_traced_memory()
    print(
        f"memory held by the page cache after judging: {held[0] / 2**20:.0f} MiB (peak {held[1] / 2**20:.0f} MiB)"
    )
    rubrics.website.clear_cache()


if __name__ == "__main__":
    main()
