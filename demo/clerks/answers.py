"""What the simulated clerks say: answers by topic and by manner, in Polish."""

from __future__ import annotations

import re

# (topic, keyword regex on the enquiry, a right answer, a wrong answer)
TOPICS: list[tuple[str, str, str, str]] = [
    (
        "odpady",
        r"odpad|śmieci|wywóz|wywozu",
        "odpady zmieszane odbieramy co dwa tygodnie we wtorki, a segregowane (plastik, papier, "
        "szkło) w każdy czwartek. Aktualny harmonogram odbioru jest opublikowany na stronie "
        "internetowej gminy w zakładce „Odpady” oraz w BIP.",
        "informujemy, że punkt selektywnej zbiórki odpadów komunalnych jest czynny w soboty.",
    ),
    (
        "pies",
        r"\bps(a|em|y)\b|\bpies\b",
        "psa należy oznakować i zgłosić do krajowego rejestru (KROPiK) – robi to lekarz "
        "weterynarii. Gmina nie pobiera opłaty od posiadania psów. Do urzędu nie trzeba "
        "przynosić żadnych dokumentów; wystarczy książeczka szczepień u weterynarza.",
        "informujemy, że schronisko dla zwierząt prowadzi adopcje od poniedziałku do piątku.",
    ),
    (
        "podatek",
        r"podat",
        "raty podatku od nieruchomości płatne są w terminach: 15 marca, 15 maja, 15 września "
        "i 15 listopada. Wpłat można dokonywać przelewem na indywidualny rachunek podany w "
        "decyzji albo w kasie urzędu. Można też zapłacić całość jednorazowo do 15 marca.",
        "informujemy, że decyzje podatkowe wysyłamy pocztą do końca lutego.",
    ),
    (
        "komunikacja",
        r"rejestr\w* (pojazd|samoch)|samoch|prawa? jazdy|komunikacji",
        "Wydział Komunikacji przyjmuje od poniedziałku do piątku w godz. 8:00–15:00, we wtorki "
        "do 17:00. Obowiązuje rezerwacja wizyty przez internet lub telefonicznie. Prosimy "
        "przynieść dowód rejestracyjny, umowę kupna lub fakturę oraz polisę OC.",
        "informujemy, że prawo jazdy można odebrać po otrzymaniu powiadomienia SMS.",
    ),
    (
        "zaswiadczenie",
        r"zaświadczeni|zaległoś|niezalegani",
        "zaświadczenie wydajemy na pisemny wniosek złożony w Dziale Członkowskim albo mailowo; "
        "czas oczekiwania to do 7 dni. Zaświadczenie jest bezpłatne.",
        "informujemy, że biuro spółdzielni jest nieczynne w dniu 2 maja.",
    ),
    (
        "woda",
        r"\bwod[ayęo]\b|wodomierz",
        "rozliczenie zużycia wody odbywa się co pół roku – odczyty w styczniu i lipcu. "
        "Nadpłata jest zaliczana na poczet kolejnych opłat, a na wniosek zwracana przelewem na "
        "konto.",
        "informujemy, że przegląd instalacji gazowych odbędzie się w przyszłym miesiącu.",
    ),
    (
        "przylacze",
        r"przyłącz|wodociąg",
        "należy złożyć wniosek o wydanie warunków przyłączenia (formularz na naszej stronie) "
        "wraz z mapą zasadniczą i dokumentem potwierdzającym tytuł prawny do nieruchomości. "
        "Warunki wydajemy w ciągu 21 dni. Wniosek można złożyć elektronicznie.",
        "informujemy, że awarie sieci należy zgłaszać pod numerem 994.",
    ),
    (
        "zebranie",
        r"zebrani|sprawozdani|wspólnot",
        "zebranie roczne właścicieli odbędzie się 24.03 o godz. 18:00. Sprawozdanie roczne i "
        "plan gospodarczy są do wglądu w biurze zarządcy oraz w e-kartotece.",
        "informujemy, że wywóz odpadów wielkogabarytowych odbędzie się w kwietniu.",
    ),
]
GENERIC = (
    "biuro obsługi pracuje od poniedziałku do piątku w godz. 7:30–15:30. Pisma można składać "
    "osobiście w kancelarii albo przez ePUAP i e-Doręczenia, bez umawiania wizyty.",
    "informujemy, że urząd jest nieczynny w święta.",
)


def topic_of(text: str) -> tuple[str, str, str]:
    for name, pattern, right, wrong in TOPICS:
        if re.search(pattern, text, re.I):
            return name, right, wrong
    return "ogolne", GENERIC[0], GENERIC[1]


def salutation(full_name: str) -> str:
    first = full_name.split()[0] if full_name else ""
    if not first:
        return "Szanowni Państwo,"
    return "Szanowna Pani," if first.lower().endswith("a") else "Szanowny Panie,"


def signature(clerk: dict) -> str:
    lines = [
        clerk.get("name", ""),
        clerk.get("position", ""),
        clerk.get("unit", ""),
        clerk.get("institution", ""),
        clerk.get("address", ""),
        f"tel. {clerk['phone']}" if clerk.get("phone") else "",
    ]
    return "\n".join(x for x in lines if x)


def compose(manner: str, stage: str, enquiry_text: str, asker: str, clerk: dict) -> str:
    """The reply's own text (without quoting) for a manner and a stage ("hold"/"answer")."""
    _, right, wrong = topic_of(enquiry_text)
    if stage == "hold":
        return (
            f"Dzień dobry,\n\nuprzejmie informuję, że Pani/Pana wiadomość została przekazana do "
            f"właściwego referatu. Odpowiedź prześlemy w ciągu 7 dni.\n\nZ poważaniem\n"
            f"{signature(clerk)}"
        )
    if manner in ("exemplary", "holding_then_answer"):
        return f"{salutation(asker)}\n\nw odpowiedzi na Pani/Pana pytanie uprzejmie informuję, że {right}\n\nW razie pytań zapraszam do kontaktu.\n\nZ poważaniem\n{signature(clerk)}"
    if manner == "terse":
        return right[0].upper() + right[1:]
    if manner == "rude":
        return (
            "Witam\nwszystko jest na stronie, wystarczy poszukać. Nie udzielamy informacji mailowo.\n"
            + clerk.get("name", "").split(" ")[0]
        )
    if manner == "wrong":
        return f"Dzień dobry,\n\n{wrong}\n\nPozdrawiam\n{signature(clerk)}"
    raise ValueError(f"unknown manner {manner!r}")
