"""Synthetic registries for tests and benchmarks: realistic rows, and known malformed ones."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from results.registry.checksums import with_nip_check_digit, with_regon_check_digit

HEADER = (
    "nazwa;rodzaj;liczba_pracownikow;strona_www;email;wojewodztwo;nip;regon;teryt;osoba_kontaktowa"
)
PLACES = [
    "Zielonka",
    "Łomianki",
    "Żabia Wola",
    "Kęty",
    "Ścinawa",
    "Nowa Dęba",
    "Gródek",
    "Sępólno",
    "Oświęcim",
    "Bełchatów",
]
KINDS = [
    ("Gmina wiejska", "ug"),
    ("gmina_miejska", "um"),
    ("Gmina miejsko-wiejska", "umig"),
    ("Powiat", "starostwo"),
    ("Spółka komunalna", "wodociagi"),
    ("Spółdzielnia mieszkaniowa", "sm"),
    ("wspolnota_mieszkaniowa", "wm"),
    ("Urząd", "urzad"),
]
REGIONS = ["mazowieckie", "Łódzkie", "śląskie", "małopolskie", "Woj. pomorskie", "podkarpackie"]
FIRST = ["Anna", "Jan", "Małgorzata", "Piotr", "Zofia", "Łukasz"]
LAST = ["Nowak", "Kowalska", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski"]


def valid_nip(rng: random.Random, used: set[str]) -> str:
    while True:
        nip = with_nip_check_digit(f"{rng.randint(100, 999)}{rng.randint(0, 999999):06d}")
        if nip and nip not in used:
            used.add(nip)
            return nip


def bad_nip(nip: str) -> str:
    return nip[:9] + str((int(nip[9]) + 1) % 10)


@dataclass
class SyntheticRegistry:
    data: bytes
    malformed_lines: set[int] = field(default_factory=set)
    valid_count: int = 0


def row(i: int, rng: random.Random, used: set[str], nip: str | None = None) -> list[str]:
    kind, prefix = KINDS[i % len(KINDS)]
    place = PLACES[i % len(PLACES)]
    host = f"{prefix}-{i}.{place.lower().replace(' ', '').translate(str.maketrans('łąęśćżźóń', 'laesczzon'))}.pl"
    return [
        f"{kind.split()[0].capitalize()} {place} nr {i}",
        kind,
        str(rng.randint(0, 400)),
        f"www.{host}" if i % 2 else f"https://{host}/",
        f"sekretariat@{host}; kontakt@{host}" if i % 3 == 0 else f"biuro@{host}",
        REGIONS[i % len(REGIONS)],
        nip if nip is not None else valid_nip(rng, used),
        with_regon_check_digit(f"{rng.randint(0, 99999999):08d}") if i % 4 == 0 else "",
        "1465011" if i % 5 == 0 else "",
        f"{FIRST[i % 6]} {LAST[i % 6]}",
    ]


def registry_with_malformed(total: int = 1000, seed: int = 7) -> SyntheticRegistry:
    """`total` rows of which exactly 50 are malformed, in known lines (header is line 1)."""
    rng = random.Random(seed)
    used: set[str] = set()
    lines: list[bytes] = [HEADER.encode("utf-8")]
    malformed: set[int] = set()
    # Which data rows get which defect: spread through the file.
    slots = rng.sample(range(total), 50)
    defects = (
        ["bad_url"] * 10
        + ["unknown_kind"] * 10
        + ["negative_employees"] * 8
        + ["bad_nip"] * 8
        + ["duplicate"] * 6
        + ["cp1250"] * 8
    )
    plan = dict(zip(slots, defects, strict=True))
    duplicate_slots = sorted(s for s, d in plan.items() if d == "duplicate")
    dup_nips: dict[int, str] = {}
    for a, b in zip(duplicate_slots[::2], duplicate_slots[1::2], strict=True):
        dup_nips[a] = dup_nips[b] = valid_nip(rng, used)
    bad_urls = [
        "ht tp://gmina.pl",
        "ftp://gmina.pl",
        "http://",
        "http://-zla-.pl/",
        "gmina",
        "mailto:x@y.pl",
    ]
    for i in range(total):
        defect = plan.get(i)
        cells = row(i, rng, used, nip=dup_nips.get(i))
        encoding = "utf-8"
        if defect == "bad_url":
            cells[3] = bad_urls[i % len(bad_urls)]
        elif defect == "unknown_kind":
            cells[1] = "Klub sportowy"
        elif defect == "negative_employees":
            cells[2] = str(-rng.randint(1, 50))
        elif defect == "bad_nip":
            cells[6] = bad_nip(cells[6])
        elif defect == "cp1250":
            cells[0] = f"Spółdzielnia Mieszkaniowa Zażółć nr {i}"
            encoding = "cp1250"
        line_no = i + 2
        if defect:
            malformed.add(line_no)
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="").writerow(cells)
        lines.append(buffer.getvalue().encode(encoding))
    return SyntheticRegistry(
        data=b"\n".join(lines) + b"\n", malformed_lines=malformed, valid_count=total - 50
    )


def write(tmp_path: Path, lines: list[str], name="rejestr.csv", encoding="utf-8") -> Path:
    """A registry table as an organiser saves it: `lines`, one a row, in `encoding`."""
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def import_clean(tmp_path: Path, header: str, rows: list[str]):
    """Import a table whose every row is valid: all of them are created, none rejected."""
    from results.registry.importer import import_registry

    report = import_registry(write(tmp_path, [header, *rows]))
    assert report.created == len(rows) and not report.rejected, report.rejected
    return report
