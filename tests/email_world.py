"""E-mail artifacts (schema email/1) for judging tests: realistic Polish replies to an enquiry.

The texts are what the probe stores after splitting a Thunderbird/Gmail/Outlook message
into new text, quoted text and signature.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

SENT = datetime(2027, 3, 1, 9, 13, 5, tzinfo=UTC)  # Monday 10:13:05 in Warsaw
SUBJECT = "Harmonogram odbioru odpadów — ul. Polna"

ANSWER_KEY = {
    "facts": [
        {
            "id": "gdzie",
            "label": "gdzie jest harmonogram",
            "patterns": [
                r"harmonogram\w*.{0,80}(stronie|bip|www|https?://)",
                r"https?://\S*harmonogram",
            ],
        },
        {
            "id": "termin",
            "label": "termin odbioru",
            "patterns": [
                r"co\s+(dwa|2)\s+tygodnie",
                r"w\s+ka[żz]d\w+\s+(poniedzia[łl]ek|wtorek|[śs]rod[ęe]|czwartek|pi[ąa]tek)",
            ],
        },
    ],
    "full_when": 2,
    "referral_patterns": [r"Zak[łl]ad\w* Gospodarki Komunalnej", r"operator\w* odbieraj\w+"],
}

EXEMPLARY = """Szanowna Pani,

dziękujemy za wiadomość. Harmonogram odbioru odpadów na 2027 rok jest dostępny na naszej stronie: https://gmina.example.pl/odpady/harmonogram-2027.
Odpady zmieszane z ul. Polnej odbieramy co dwa tygodnie, w czwartek. Najbliższy odbiór: 11.03.2027.

Papierowy harmonogram można odebrać w pok. 12 na parterze urzędu, w godzinach 7:30–15:30.

Z poważaniem"""

EXEMPLARY_SIGNATURE = """Katarzyna Wiśniewska
Podinspektor
Referat Gospodarki Komunalnej i Ochrony Środowiska
Urząd Gminy Przykładowo
ul. Główna 1, 00-950 Przykładowo
tel. 12 345 67 89"""

TERSE = "harmonogram jest na stronie"

RUDE = """Witam,
jak już informowaliśmy wielokrotnie, harmonogram jest w BIP i na stronie www. Należało sprawdzić przed napisaniem maila.
Pozdr."""

HOLDING = """Dzień dobry,
Pani zapytanie zostało przekazane do Referatu Gospodarki Komunalnej. Odpowiedź prześlemy w możliwie najkrótszym terminie.
Z poważaniem
Sekretariat Urzędu Gminy Przykładowo"""

REFERRAL = """Dzień dobry,
odbiór odpadów w naszej gminie prowadzi Zakład Gospodarki Komunalnej sp. z o.o. Proszę zwrócić się bezpośrednio do ZGK, tel. 12 300 40 50.
Pozdrawiam
Jan Nowak"""

VACATION = "Jestem nieobecna do 15 marca. W pilnych sprawach proszę o kontakt z sekretariatem: 12 345 67 00."

RECEIPT_ACK = """Potwierdzamy otrzymanie wiadomości. Nadano jej numer sprawy: KOR.0123.45.2027.
Odpowiemy w ciągu 7 dni roboczych.
Wiadomość wygenerowana automatycznie — prosimy na nią nie odpowiadać."""

PESEL_REQUEST = """Dzień dobry,
w celu udzielenia informacji prosimy o podanie numeru PESEL oraz przesłanie skanu dowodu osobistego.
Z poważaniem"""

RODO_FOOTER = """Dzień dobry,
harmonogram jest dostępny na stronie https://gmina.example.pl/odpady, odbiór co dwa tygodnie we wtorek.
Administratorem Pani danych osobowych jest Wójt Gminy Przykładowo; przetwarzamy dane takie jak imię, nazwisko, adres e-mail oraz numer PESEL, jeśli je Pani poda.
Z poważaniem"""

NO_DIACRITICS = """Dzien dobry,
harmonogram odbioru odpadow jest dostepny na stronie internetowej gminy w zakladce odpady. Odbior z ulicy Polnej odbywa sie co dwa tygodnie w czwartek.
Pozdrawiam"""

ENGLISH = """Dear Madam,
thank you for your message. The schedule is available on our website and the waste is collected every two weeks.
Best regards"""

JARGON = """Szanowna Pani,
uprzejmie informuję, iż w nawiązaniu do przedmiotowej korespondencji, stosownie do obowiązujących przepisów prawa miejscowego oraz zgodnie z dyspozycją uchwały Rady Gminy w przedmiocie regulaminu utrzymania czystości i porządku na terenie gminy, harmonogram odbioru odpadów komunalnych, który został przyjęty przez tutejszy organ po przeprowadzeniu stosownego postępowania, jest dostępny na stronie BIP tut. Urzędu, zaś odbiór następuje co dwa tygodnie.
Z poważaniem"""


def message(
    text: str,
    *,
    after: timedelta,
    kind: str = "human_reply",
    subject: str = f"Re: {SUBJECT}",
    signature: str = "",
    uid: int = 1,
    bounce: dict | None = None,
    attachments: list | None = None,
) -> dict:
    return {
        "uid": uid,
        "raw_blob": f"{uid:064x}",
        "received_at": (SENT + after).isoformat().replace("+00:00", "Z"),
        "date_header": None,
        "from": "k.wisniewska@gmina.example.pl",
        "subject": subject,
        "kind": kind,
        "bounce": bounce,
        "matched_by": "in_reply_to",
        "new_text": text,
        "quoted_text": "> " + SUBJECT,
        "signature": signature,
        "attachments": attachments or [],
        "charset_repaired": False,
    }


def artifact(
    *messages: dict,
    enquiry_id: int = 17,
    state: str = "sent",
    sent_at: datetime | None = SENT,
    office_hours: dict | None = None,
    answer_key: dict | None = ANSWER_KEY,
    smtp_response: str = "250 2.0.0 Ok: queued as 4XyZ",
) -> dict:
    return {
        "schema": "email/1",
        "enquiry": {
            "id": enquiry_id,
            "template_id": "gmina.odpady.harmonogram",
            "wording": 2,
            "subject": SUBJECT,
            "body": "Dzień dobry, chciałabym zapytać, kiedy odbierane są odpady z ul. Polnej? Anna Kowalska",
            "to": ["sekretariat@gmina.example.pl"],
            "persona": {"name": "Anna Kowalska", "gender": "f"},
            "message_id": f"<{enquiry_id}.abc@persona.example>",
            "state": state,
            "sent_at": sent_at.isoformat().replace("+00:00", "Z") if sent_at else None,
            "smtp_response": smtp_response,
            "deadline_at": ((sent_at or SENT) + timedelta(days=14))
            .isoformat()
            .replace("+00:00", "Z"),
            "answer_key": answer_key,
        },
        "office_hours": office_hours,
        "messages": list(messages),
    }


AFTER_DEADLINE = {"now": SENT + timedelta(days=15)}

OUTLOOK = """Dzień dobry,

w odpowiedzi na Pani zapytanie informuję, że odpady z ul. Polnej odbierane są w każdy wtorek. Harmonogram na cały rok znajduje się na stronie www.gmina.example.pl w zakładce Odpady.

Z wyrazami szacunku"""

OUTLOOK_SIGNATURE = """Anna Zielińska
Starszy referent
Wydział Ochrony Środowiska
Urząd Miejski w Przykładowie
tel. +48 12 345 67 89

Klauzula informacyjna: Administratorem Pani/Pana danych osobowych jest Burmistrz Przykładowa. Prosimy nie przesyłać numeru PESEL ani skanów dowodu osobistego pocztą elektroniczną."""
