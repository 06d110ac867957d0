"""EML-Q1…EML-Q9: the quality of the reply (DOMAIN.md §5(c) point 2), each with its snippet.

Only a human reply of class A, B or C is judged: the resolution (A/B) if there is one,
otherwise the holding reply. Each criterion is a small detector on the reply's new text
(the probe has cut off quotes) and, where it matters, its signature; it returns a score
0..1 and the snippet that justified it. No reply by the deadline scores 0 on every
criterion (their failure); the median is taken over the participant's enquiries.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from rubrics.email.aggregate import Verdict, judge_enquiries, no_reply
from rubrics.email.answer_key import FULL, PARTIAL, AnswerKeyError, match_answer_key, snippet_around
from rubrics.email.latency import working_days_between
from rubrics.email.replies import CLARIFICATION, answer_text, attachment_text, scanned_attachments
from rubrics.email.timeline import Reply, Timeline
from rubrics.outcome import CriterionResult
from rubrics.registry import criterion

UPPER = "A-ZĄĆĘŁŃÓŚŹŻ"
LOWER = "a-ząćęłńóśźż"

# --- Q1 greeting -----------------------------------------------------------------------------
GREETING_FULL = re.compile(
    rf"^\W*(szanown[aiy]\s+(pani|panie|pa[ńn]stwo)\b(\s+[{UPPER}][{LOWER}]+)?|dzie[ńn] dobry|dobry wiecz[óo]r)",
    re.IGNORECASE,
)
GREETING_HALF = re.compile(r"^\W*(witam|witaj|witamy)\b", re.IGNORECASE)
TITLE_WORD = re.compile(rf"\b(?:Pani|Panie)\s+([{UPPER}][{LOWER}]+)")

# --- Q2 closing ------------------------------------------------------------------------------
CLOSING_FULL = re.compile(
    r"z\s+powa[żz]aniem|z\s+wyrazami\s+szacunku|(serdecznie\s+)?pozdrawiam(y)?\b|[łl][ąa]cz[ęe]\s+(pozdrowienia|wyrazy\s+szacunku)"
    r"|[łl][ąa]czymy\s+(pozdrowienia|wyrazy\s+szacunku)|z\s+pozdrowieniami|z\s+uszanowaniem",
    re.IGNORECASE,
)
CLOSING_HALF = re.compile(
    r"(^|\s)(pozdr\.?|pzdr\.?|pozdrowienia)\s*$", re.IGNORECASE | re.MULTILINE
)

# --- Q3 signature ----------------------------------------------------------------------------
NAME_LINE = re.compile(
    rf"^\s*(?:(?:mgr|dr|in[żz]\.|mgr\s+in[żz]\.)\s+)?([{UPPER}][{LOWER}]+)\s+([{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?)\s*[,]?\s*$",
    re.MULTILINE,
)
NOT_A_NAME = {
    "urząd", "urzędu", "gmina", "gminy", "gminny", "wydział", "referat", "dział", "biuro", "spółdzielnia",
    "spółdzielni", "zakład", "starostwo", "zarząd", "sekretariat", "miasto", "miasta", "miejski", "powiatowy",
    "administracja", "osiedle", "dzień", "szanowna", "szanowny", "szanowni", "pozdrawiam", "pozdrawiamy",
    "główny", "główna", "starszy", "starsza", "kierownik", "inspektor", "specjalista", "podinspektor",
    "referent", "naczelnik", "sekretarz", "dyrektor", "prezes", "administrator", "księgowa", "łączę",
    "serdecznie", "uprzejmie", "dziękuję", "dziękujemy", "przedsiębiorstwo", "spółka", "wspólnota", "zespół",
    "sekcja", "centrum", "ośrodek", "kancelaria", "biuletyn", "informacja", "witam", "wójt", "burmistrz",
    "prezydent", "starosta", "marszałek", "skarbnik", "zastępca", "sołectwo", "rada", "dobry",
}  # fmt: skip
POSITION = re.compile(
    r"\b(inspektor|podinspektor|referent|specjalist|g[łl][óo]wn\w+ specjalist|kierownik|naczelnik|sekretarz"
    r"|dyrektor|prezes|administrator|ksi[ęe]gow|koordynator|zast[ęe]pca|asystent|starsz\w+ specjalist"
    r"|w[óo]jt|burmistrz|prezydent|starost|skarbnik|zarz[ąa]dc)",
    re.IGNORECASE,
)
UNIT = re.compile(
    r"\b(wydzia[łl]\w*|referat\w*|dzia[łl]\w*|biur\w+|zesp[óo][łl]\w*|sekcj\w+|oddzia[łl]\w*|kancelari\w+"
    r"|sekretariat\w*|administracj\w+ osiedl\w*|samodzieln\w+ stanowisk\w*)\b",
    re.IGNORECASE,
)
PHONE = re.compile(r"(?:\+48[\s-]?)?\(?\d{2,3}\)?(?:[\s-]?\d{2,3}){2,3}")
INSTITUTION = re.compile(
    r"\b(urz[ąę]d\w*|starostw\w+|sp[óo][łl]dzielni\w*|zak[łl]ad\w*|przedsi[ęe]biorstw\w+|gmin\w+|miast\w+"
    r"|sp[óo][łl]k\w+|sp\.\s*z\s*o\.\s*o\.|wsp[óo]lnot\w+|zarz[ąa]d\w*|o[śs]rod\w+)\b|\bul\.\s|\b\d{2}-\d{3}\b",
    re.IGNORECASE,
)

# --- Q5 actionable completeness --------------------------------------------------------------
ACTIONABLE = {
    "kroki": re.compile(
        r"\b(nale[żz]y|trzeba|wystarczy|prosz[ęe]\s+(o\s+)?(z[łl]o[żz]\w+|przes[łl]\w+|dostarcz\w+|wype[łl]n\w+|zg[łl]o[śs]\w+|przyni\w+|uda[ćc]))",
        re.IGNORECASE,
    ),
    "dokumenty": re.compile(
        r"\b(wnios\w+|formularz\w*|druk\w*|za[śs]wiadcze\w+|dokument\w*|deklaracj\w+|o[śs]wiadcze\w+|za[łl][ąa]cznik\w*)",
        re.IGNORECASE,
    ),
    "opłaty": re.compile(
        r"(op[łl]at\w+|\d+(?:[,.]\d{2})?\s*(z[łl]|pln)\b|bezp[łl]atn\w+|nieodp[łl]atn\w+|koszt\w*)",
        re.IGNORECASE,
    ),
    "terminy": re.compile(
        r"(termin\w*|do\s+dnia|w\s+ci[ąa]gu\s+\d+|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b|do\s+ko[ńn]ca|"
        r"\b\d{1,2}\s+(stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[śs]nia|pa[źz]dziernika|listopada|grudnia))",
        re.IGNORECASE,
    ),
    "odnośnik": re.compile(r"(https?://\S+|www\.\S+|\bBIP\b|e-?PUAP|gov\.pl)", re.IGNORECASE),
    "miejsce i godziny": re.compile(
        r"(pok(\.|oj\w*|ój)\s*(nr\s*)?\d+|pi[ęe]tr\w+|parter\w*|\bul\.\s|godzin\w*|\b\d{1,2}[:.]\d{2}\b|w\s+siedzibie|kas\w+\b|punkt\w* obs[łl]ugi|biur\w* obs[łl]ugi)",
        re.IGNORECASE,
    ),
}
ACTIONABLE_FULL_AT = 3

# --- Q6 politeness and plain language --------------------------------------------------------
THANKS = re.compile(r"dzi[ęe]kuj\w*|dzi[ęe]ki\b", re.IGNORECASE)
APOLOGY = re.compile(r"przeprasza\w*|przepraszam\w*|wybacz\w*", re.IGNORECASE)
BLAME = re.compile(
    r"jak\s+(ju[żz]\s+)?(wcze[śs]niej\s+)?(wspomniano|informowali[śs]my|pisali[śs]my|wspomina[łl]\w*)|nale[żz]a[łl]o\b"
    r"|powin(ien|na)\s+(pan|pani)\s+(by[łl]|by[łl]a)|prosz[ęe]\s+(uwa[żz]nie|dok[łl]adnie)\s+(przeczyta|zapozna)"
    r"|po\s+raz\s+kolejny|nie\s+(jest\s+naszym\s+obowi[ąa]zkiem|mamy\s+obowi[ąa]zku)|to\s+nie\s+nasza\s+sprawa"
    r"|prosz[ęe]\s+sobie|oczywist\w+\s+jest",
    re.IGNORECASE,
)
JARGON = re.compile(
    r"niniejszym|przedmiotow\w+|uprzejmie\s+informuj\w+|w\s+nawi[ąa]zaniu\s+do|stosownie\s+do|celem\s+\w+"
    r"|w\s+za[łl][ąa]czeniu|w\s+przedmiocie|petent\w*|wnioskodawc\w+|zgodnie\s+z\s+dyspozycj\w+|\bwinien\b"
    r"|przed[łl]o[żz]\w+|\bww\.|\btut\.|tutejsz\w+",
    re.IGNORECASE,
)
LATE_DAYS = 2  # a first response later than this many working days (the one scoring calendar) deserves an apology
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
MIN_SENTENCE_WORDS = 4

# --- Q7 language ------------------------------------------------------------------------------
PL_WORDS = frozenset(
    "i w z na się nie do że jest to o dla od po oraz przez są jak czy może lub też ten ta jako tak które który"
    " która można przy pod proszę dzień dobry pani pana państwa informujemy uprzejmie odpowiedź".split()
)
EN_WORDS = frozenset(
    "the and of to is for you your we in on with this that are be please regards dear thank".split()
)
DIACRITICS = re.compile("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")
MIN_LETTERS_FOR_DIACRITICS = 80

# --- Q8 data minimisation --------------------------------------------------------------------
REQUEST = re.compile(
    r"\b(prosz[ęe]|prosimy|nale[żz]y|konieczn\w*|niezb[ęe]dn\w*|wymagan\w*|musi\w*|trzeba|prosz[ąa]c|"
    r"prze[śs]l\w*|poda[ćcj]\w*|do[łl][ąa]cz\w*|uzupe[łl]n\w*)",
    re.IGNORECASE,
)
SENSITIVE = re.compile(
    r"\bpesel\w*|(skan\w*|kopi\w*|zdj[ęe]ci\w*|fotografi\w*|numer\w*|seri\w*)\s+(i\s+numer\w*\s+)?"
    r"(dowodu\s+osobistego|dowodu\s+to[żz]samo[śs]ci|dokumentu\s+to[żz]samo[śs]ci|paszportu)",
    re.IGNORECASE,
)
PRIVACY_NOTICE = re.compile(
    r"administrator\w*\s+(pani|pana|pa[ńn]stwa)?\s*danych|rodo|przetwarza\w*|inspektor\w*\s+ochrony\s+danych",
    re.IGNORECASE,
)

# --- Q9 form ----------------------------------------------------------------------------------
REPLY_PREFIX = re.compile(
    r"^\s*((re|odp|odp\.|aw|fw|fwd|pd|wg|sv)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE
)
REFERENCE = re.compile(
    r"(znak|nr|sygn)\.?\s*(sprawy|pisma)?\s*[:.]?\s*[A-Z0-9]|\b[A-Z]{1,6}[.\-/]\d{1,6}[.\-/]\d{1,6}([.\-/]\d{2,4})?\b",
    re.IGNORECASE,
)
MIN_BODY_WORDS = 15
# Criteria whose machine "fail" blocks a licence only once a juror confirms it (rubrics/engine).
JUROR_CONFIRMS_BLOCKING = frozenset({"EML-Q4"})


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _letter(reply: Reply) -> str:
    """The attached letter's text when the message itself only covers it (review §2.4 F35)."""
    text = str(reply.message.get("new_text") or "")
    if len(text.split()) < MIN_BODY_WORDS:
        letter = attachment_text(reply.message)
        if len(letter.split()) > len(text.split()):
            return letter
    return ""


def _new_text(reply: Reply) -> str:
    """The text a juror reads as the reply: the message, and the letter attached to it."""
    text = str(reply.message.get("new_text") or "")
    letter = _letter(reply)
    return f"{text}\n\n{letter}".strip() if letter else text


def _signature(reply: Reply) -> str:
    return str(reply.message.get("signature") or "")


def _persona_surname(timeline: Timeline) -> str | None:
    name = str(((timeline.enquiry.get("persona") or {}).get("name")) or "").split()
    return name[-1] if len(name) >= 2 else None


# --- the detectors: (timeline, reply, ctx) -> (score, explanation, snippet, details) ----------
Detection = tuple[float | None, str, str | None, dict[str, Any]]


def greeting(t: Timeline, reply: Reply, ctx: dict[str, Any]) -> Detection:
    # A letter opens with its letterhead, date, case sign and addressee before the greeting.
    lines = _lines(str(reply.message.get("new_text") or ""))[:3] + _lines(_letter(reply))[:12]
    for line in lines:
        hit = GREETING_FULL.search(line)
        if hit:
            surname = _persona_surname(t)
            title = TITLE_WORD.search(line)
            if surname and title and _same_name(title.group(1), surname):
                return (
                    0.5,
                    "powitanie z nazwiskiem adresata (niezgodne z etykietą): połowa punktów",
                    line,
                    {},
                )
            return 1.0, "uprzejme powitanie", line, {}
        if GREETING_HALF.search(line):
            return 0.5, "powitanie „Witam” (uważane za mało uprzejme): połowa punktów", line, {}
    return 0.0, "brak powitania", None, {}


def _same_name(word: str, surname: str) -> bool:
    # Vocative and feminine forms differ in the ending only: Kowalski, Kowalska, Nowaku.
    stem = surname[: max(4, len(surname) - 2)].lower()
    return word.lower().startswith(stem)


def closing(t: Timeline, reply: Reply, ctx: dict[str, Any]) -> Detection:
    text = f"{_new_text(reply)}\n{_signature(reply)}"
    hits = list(CLOSING_FULL.finditer(text))
    if hits:
        return 1.0, "grzecznościowe zakończenie", snippet_around(text, hits[-1], 20), {}
    half = CLOSING_HALF.search(text)
    if half:
        return 0.5, "zakończenie skrótowe: połowa punktów", half.group(0).strip(), {}
    return 0.0, "brak zakończenia", None, {}


def signature(t: Timeline, reply: Reply, ctx: dict[str, Any]) -> Detection:
    region = "\n".join(_lines(_new_text(reply))[-8:] + _lines(_signature(reply)))
    found: dict[str, str] = {}
    for m in NAME_LINE.finditer(region):
        if m.group(1).lower() not in NOT_A_NAME and m.group(2).lower() not in NOT_A_NAME:
            found["imię i nazwisko"] = m.group(0).strip()
            break
    for label, pattern in (
        ("stanowisko", POSITION),
        ("komórka", UNIT),
        ("instytucja", INSTITUTION),
    ):
        m = pattern.search(region)
        if m:
            found[label] = snippet_around(region, m, 25)
    for m in PHONE.finditer(region):
        if len(re.sub(r"\D", "", m.group(0))) >= 9:
            found["telefon"] = m.group(0).strip()
            break
    parts = ("imię i nazwisko", "stanowisko", "komórka", "telefon", "instytucja")
    have = [p for p in parts if p in found]
    missing = [p for p in parts if p not in found]
    score = len(have) / len(parts)
    text = f"podpis: {', '.join(have) or 'brak'}" + (
        f"; brakuje: {', '.join(missing)}" if missing and have else ""
    )
    snippet = " | ".join(found[p] for p in have) or None
    return score, text, snippet, {"found": have, "missing": missing}


def answered(t: Timeline, reply: Reply, ctx: dict[str, Any]) -> Detection:
    """Facts of the answer key given with their values, in the message or its attachments;
    what restates the enquiry does not count. A juror confirms every full or zero."""
    # Every human reply in time counts: clerks sometimes answer in two messages.
    replies = t.human_replies or (reply,)
    text = "\n\n".join(answer_text(r.message) for r in replies)
    asked = str(t.enquiry.get("body") or "")
    key = match_answer_key(t.enquiry.get("answer_key"), text, asked)  # AnswerKeyError: ours
    scans = [name for r in replies for name in scanned_attachments(r.message)]
    clarification = next((r for r in replies if r.code == CLARIFICATION), None)
    details = {
        "level": key.level,
        "facts_found": [f.label for f in key.found],
        "facts_with_values": {f.label: f.value for f in key.valued},
        "facts_missing": list(key.missing),
        "referral": key.referral,
        "full_when": key.full_when,
        "restated_not_counted": list(key.restated),
        "from_attachments": any(attachment_text(r.message) for r in replies),
        "scans": scans,
        "juror_may_correct": True,
        "juror_confirms": key.level in (FULL,) or not key.found,
    }
    snippets = [f.snippet for f in key.found] + ([key.referral] if key.referral else [])
    snippet = " | ".join(snippets) or None
    if key.level == FULL:
        return 1.0, f"pełna odpowiedź: {_with_values(key)}", snippet, details
    if clarification is not None and not key.valued:
        details["level"] = "clarification"
        return (
            0.5,
            "urzędnik poprosił o doprecyzowanie pytania zamiast odpowiedzieć: połowa punktów "
            "do potwierdzenia przez jurora",
            clarification.cls.snippet or snippet,
            details,
        )
    if key.level == PARTIAL:
        if key.found:
            no_value = [f.label for f in key.found if not f.value]
            return (
                0.5,
                (
                    f"odpowiedź częściowa: podano {', '.join(details['facts_found'])}"
                    + (f" (bez konkretów: {', '.join(no_value)})" if no_value else "")
                    + (f"; brakuje: {', '.join(key.missing)}" if key.missing else "")
                ),
                snippet,
                details,
            )
        return 0.5, "wskazano właściwy podmiot (odesłanie): połowa punktów", snippet, details
    if scans:
        return (
            None,
            f"odpowiedź w załączniku bez tekstu do odczytania (skan: {', '.join(scans)}) — "
            "ocenia juror",
            None,
            details,
        )
    missing = ", ".join(key.missing)
    restated = " (powtórzenie pytania nie jest odpowiedzią)" if key.restated else ""
    return 0.0, f"brak odpowiedzi na pytanie{restated} (brakuje: {missing})", None, details


def _with_values(key) -> str:
    return ", ".join(f"{f.label} ({f.value})" for f in key.valued)


def actionable(t: Timeline, reply: Reply, ctx: dict[str, Any]) -> Detection:
    text = _new_text(reply)
    found = {}
    for label, pattern in ACTIONABLE.items():
        m = pattern.search(text)
        if m:
            found[label] = snippet_around(text, m, 30)
    score = min(1.0, len(found) / ACTIONABLE_FULL_AT)
    explanation = (
        f"konkretne wskazówki: {', '.join(found)}"
        if found
        else "brak konkretnych wskazówek (co, gdzie, kiedy, ile)"
    )
    return score, explanation, " | ".join(found.values()) or None, {"found": list(found)}


def politeness(t: Timeline, reply: Reply, ctx: dict[str, Any]) -> Detection:
    text = _new_text(reply)
    tenths = 0
    notes: list[str] = []
    snippets: list[str] = []
    thanks = THANKS.search(text)
    if thanks:
        tenths += 3
        snippets.append(snippet_around(text, thanks, 25))
    else:
        notes.append("brak podziękowania")
    blame = BLAME.search(text)
    if blame:
        notes.append("ton pouczający lub obwiniający")
        snippets.append(snippet_around(text, blame, 25))
    else:
        tenths += 3
    # Greeting and closing lines are not sentences; counting them would hide long ones.
    sentences = [s for s in SENTENCE.findall(text) if len(s.split()) >= MIN_SENTENCE_WORDS]
    mean_words = statistics.mean(len(s.split()) for s in sentences) if sentences else 0.0
    if mean_words <= 20:
        tenths += 2
    elif mean_words <= 30:
        tenths += 1
        notes.append(f"długie zdania (średnio {mean_words:.0f} słów)")
    else:
        notes.append(f"bardzo długie zdania (średnio {mean_words:.0f} słów)")
    jargon = sorted({m.group(0).lower() for m in JARGON.finditer(text)})
    if not jargon:
        tenths += 2
    else:
        tenths += 1 if len(jargon) == 1 else 0
        notes.append(f"urzędowy żargon: {', '.join(jargon)}")
    # Late: the first response after LATE_DAYS working days, or the answer judged after the
    # regime's 14-day statutory deadline (possible only under an art. 13 ust. 2 extension).
    late = _first_response_days(t, ctx) > LATE_DAYS or (
        t.statutory_deadline_at is not None and reply.received_at > t.statutory_deadline_at
    )
    if late and not APOLOGY.search(text):
        tenths = max(0, tenths - 2)
        notes.append("brak przeprosin za późną odpowiedź")
    explanation = "uprzejmie i prostym językiem" if not notes else "; ".join(notes)
    details = {"mean_sentence_words": round(mean_words, 1), "jargon": jargon, "late": late}
    return tenths / 10, explanation, " | ".join(snippets) or None, details


def _first_response_days(t: Timeline, ctx: dict[str, Any]) -> float:
    if t.first is None or t.sent_at is None:
        return 0.0
    # The one scoring calendar (EML-LAT's uniform hours, holidays, Wigilia, the edition's
    # days off), never the participant's own hours and never a second calendar.
    return working_days_between(t.sent_at, t.first.received_at, ctx)


def language(t: Timeline, reply: Reply, ctx: dict[str, Any]) -> Detection:
    text = _new_text(reply)
    words = re.findall(rf"[{LOWER}a-z]+", text.lower())
    pl = sum(w in PL_WORDS for w in words)
    en = sum(w in EN_WORDS for w in words)
    letters = len(re.findall(rf"[{LOWER}{UPPER}a-zA-Z]", text))
    details = {"polish_words": pl, "english_words": en}
    if pl <= en or pl == 0:
        return 0.0, "odpowiedź nie po polsku, choć pytanie było po polsku", text[:80], details
    diacritic = DIACRITICS.search(text)
    if diacritic is None and letters >= MIN_LETTERS_FOR_DIACRITICS:
        return 0.5, "po polsku, ale bez polskich znaków: połowa punktów", text[:80], details
    snippet = snippet_around(text, diacritic, 20) if diacritic else text[:80]
    return 1.0, "po polsku, z polskimi znakami", snippet, details


def data_minimisation(t: Timeline, reply: Reply, ctx: dict[str, Any]) -> Detection:
    text = _new_text(reply)
    for sentence in SENTENCE.findall(text):
        if PRIVACY_NOTICE.search(sentence):
            continue  # an information clause (RODO footer) is acceptable
        if SENSITIVE.search(sentence) and REQUEST.search(sentence):
            return (
                0.0,
                "prośba o PESEL lub dokument tożsamości przy prostym pytaniu",
                sentence.strip(),
                {},
            )
    return 1.0, "nie żąda zbędnych danych osobowych", None, {}


def form(t: Timeline, reply: Reply, ctx: dict[str, Any]) -> Detection:
    subject = str(reply.message.get("subject") or "")
    asked = _normalise_subject(str(t.enquiry.get("subject") or ""))
    got = _normalise_subject(subject)
    tenths = 0
    notes: list[str] = []
    if asked and asked in got:
        tenths += 4
        notes.append("temat zachowany")
    elif REFERENCE.search(subject):
        tenths += 4
        notes.append("temat ze znakiem sprawy")
    else:
        notes.append("temat zmieniony bez znaku sprawy")
    attachments = reply.message.get("attachments") or []
    words = len(str(reply.message.get("new_text") or "").split())
    if words >= MIN_BODY_WORDS:
        tenths += 3
        notes.append("odpowiedź w treści wiadomości")
    elif attachment_text(reply.message):
        tenths += 2  # a letter with a text layer: readable, one step more for the reader
        notes.append("odpowiedź tylko w załączniku (z tekstem)")
    elif attachments:
        notes.append("odpowiedź tylko w załączniku")
    else:
        tenths += 1
        notes.append("bardzo krótka treść")
    scans = scanned_attachments(reply.message)
    if scans:
        notes.append(f"załącznik bez warstwy tekstowej (skan): {', '.join(scans)}")
    else:
        tenths += 3
    details = {"subject": subject, "attachments": len(attachments), "scans": scans}
    return tenths / 10, "; ".join(notes), subject or None, details


def _normalise_subject(subject: str) -> str:
    return " ".join(REPLY_PREFIX.sub("", subject).lower().split())


def _quality(
    criterion_id: str, detector: Callable[[Timeline, Reply, dict[str, Any]], Detection]
) -> Callable[[dict[str, Any], dict[str, Any]], CriterionResult]:
    def judge(timeline: Timeline, ctx: dict[str, Any]) -> Verdict:
        reply = timeline.judged
        if reply is None:
            return no_reply(timeline)
        try:
            score, explanation, snippet, details = detector(timeline, reply, ctx)
        except AnswerKeyError as exc:
            return Verdict(timeline.enquiry_id, None, f"{exc} (po naszej stronie)")
        proof = reply.proof(timeline.enquiry_id, snippet or "")
        return Verdict(timeline.enquiry_id, score, explanation, (proof,), details)

    def evaluate(evidence: dict[str, Any], ctx: dict[str, Any]) -> CriterionResult:
        result = judge_enquiries(criterion_id, evidence, ctx, judge)
        if criterion_id in JUROR_CONFIRMS_BLOCKING:
            # Review §2.4 F36: the machine alone never blocks a licence on this criterion.
            result = replace(result, details={**result.details, "blocking_needs_juror": True})
        return result

    evaluate.__name__ = f"email_{detector.__name__}"
    evaluate.__doc__ = detector.__doc__
    return criterion(criterion_id)(evaluate)


email_greeting = _quality("EML-Q1", greeting)
email_closing = _quality("EML-Q2", closing)
email_signature = _quality("EML-Q3", signature)
email_answered = _quality("EML-Q4", answered)
email_actionable = _quality("EML-Q5", actionable)
email_politeness = _quality("EML-Q6", politeness)
email_language = _quality("EML-Q7", language)
email_data_minimisation = _quality("EML-Q8", data_minimisation)
email_form = _quality("EML-Q9", form)
