"""Reply classes A–G (DOMAIN.md §5(c), after Watchdog Polska's feder).

The probe has already classified each message by its headers (human_reply, auto_reply,
bounce, read_receipt, other) and separated the new text from quotes and signature. Here
that kind is refined with Polish text patterns into the class that decides the clocks:
A substantive answer, B refusal or redirect to the competent body, C holding reply,
D automatic, E unrelated, F bounce, G unknown, H a request for clarification ("prosimy o
podanie adresu": a first response that does not resolve the enquiry, review §6.6).

The text judged is the reply's new text and the text of its attachments (a PDF letter from a
document system is the answer itself, review §2.4 F35); what only restates the enquiry does
not count (answer_key.without_restatement).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rubrics.email.answer_key import AnswerKeyError, match_answer_key, snippet_around
from rubrics.email.extension import extension_notice

SUBSTANTIVE = "A"
REFUSAL = "B"
HOLDING = "C"
AUTOMATIC = "D"
UNRELATED = "E"
BOUNCE = "F"
UNKNOWN = "G"
CLARIFICATION = "H"

LABELS = {
    SUBSTANTIVE: "odpowiedź merytoryczna",
    REFUSAL: "odmowa lub wskazanie właściwego podmiotu",
    HOLDING: "odpowiedź wstępna (sprawa w toku)",
    AUTOMATIC: "wiadomość automatyczna",
    UNRELATED: "wiadomość niezwiązana z pytaniem",
    BOUNCE: "zwrot — wiadomość niedoręczona",
    UNKNOWN: "wiadomość nierozpoznana",
    CLARIFICATION: "prośba o doprecyzowanie pytania",
}

# Outlook client-side rules and some document systems set no auto-reply header (MAIL-NOTES).
AUTO_TEXT = re.compile(
    r"odpowied[źz] automatyczna|automatyczna odpowied[źz]|wiadomo[śs][ćc] (zosta[łl]a )?wygenerowan\w* automatycznie"
    r"|jestem nieobecn\w*|przebywam na (urlopie|zwolnieniu)|out of office|automatic reply"
    r"|nie odpowiadaj(cie)? na t[ęe] wiadomo[śs][ćc]|potwierdzenie (odbioru|odczytania|przyj[ęe]cia)"
    r"|przeczytano:",
    re.IGNORECASE,
)
REFUSAL_TEXT = re.compile(
    r"prosz[ęe] (si[ęe] )?zwr[óo]ci[ćc] (si[ęe] )?do|prosimy (si[ęe] )?zwr[óo]ci[ćc] (si[ęe] )?do"
    r"|w[łl]a[śs]ciw\w* (w tej sprawie |do rozpatrzenia \w+ )?(jest|b[ęe]dzie|s[ąa])\b"
    r"|nie (jeste[śs]my|jest) (organem )?w[łl]a[śs]ciw\w*|nie le[żz]y w (naszej |naszych )?kompetencj\w*"
    r"|nie (posiadamy|dysponujemy|udzielamy) (\w+ )?informacj\w*|odmawia(m|my)\b|odmow\w* udzielenia"
    r"|nale[żz]y (si[ęe] )?skontaktowa[ćc] (si[ęe] )?z",
    re.IGNORECASE,
)
HOLDING_TEXT = re.compile(
    r"przekaza\w* (pani |pana )?(wiadomo[śs][ćc]|pytanie|zapytanie|spraw[ęe]|korespondencj[ęe]|e-?mail)"
    r"|zosta\w* przekazan\w*|przekazano (j[ąa] |je |go )?do|odpowiemy|udzielimy odpowiedzi|odpowied[źz] (zostanie|prze[śs]lemy|udzielona)"
    r"|w (mo[żz]liwie )?najkr[óo]tszym (mo[żz]liwym )?terminie|spraw\w* (jest )?w toku|potwierdzam\w* otrzymanie"
    r"|wkr[óo]tce (si[ęe] )?(odpowiemy|odezwiemy|skontaktujemy)|po (jej |jego )?rozpatrzeniu",
    re.IGNORECASE,
)

CLARIFY_TEXT = re.compile(
    r"(prosz[ęe]|prosimy|uprzejmie prosz[ęe]|uprzejmie prosimy)\s+(te[żz]\s+)?(o\s+)?(podani\w+|poda[ćc]|doprecyzowan\w+|doprecyzowa[ćc]"
    r"|sprecyzowan\w+|sprecyzowa[ćc]|wyja[śs]nieni\w+\s+(nast[ęe]puj\w+\s+)?kwesti\w*|wskazan\w+|wskaza[ćc]|uzupe[łl]nieni\w+|uzupe[łl]ni[ćc]|informacj\w+,?\s+(czy|jak|kt[óo]r|gdzie|jaki)"
    r"|przes[łl]ani\w+\s+(adresu|numeru|informacji|danych))"
    r"|czy\s+(mog[łl]\w+|m[óo]g[łl]\w+)\s+(by\s+)?(pani|pan)\s+(poda[ćc]|wskaza[ćc]|sprecyzowa[ćc]|doprecyzowa[ćc]|napisa[ćc])"
    r"|(aby|[żz]eby|w\s+celu)\s+udzieleni\w*\s+(pe[łl]nej\s+)?(odpowiedzi|informacji)[^.?!]{0,60}(potrzebuj\w+|musimy|prosimy|prosz[ęe]|niezb[ęe]dn\w+|konieczn\w+)"
    r"|zwracamy\s+si[ęe]\s+(z\s+pro[śs]b[ąa]\s+)?o\s+(informacj[ęe]|wyja[śs]nieni\w+|doprecyzowani\w+),?\s+czy"
    # Asked as a question: "Z jakiej ulicy Pani pyta?", "O którą działkę chodzi?"
    r"|\b(z\s+)?(jakiej|kt[óo]rej)\s+ulicy\b[^.?!]{0,40}\?"
    r"|\bo\s+(jak|kt[óo]r)\w+\s+(ulic[ęe]|nieruchomo[śs][ćc]|posesj[ęe]|dzia[łl]k[ęe]|lokalizacj[ęe]|adres|miejscowo[śs][ćc])\s+chodzi",
    re.IGNORECASE,
)
EXTENSION_REASON = "zawiadomienie o przedłużeniu terminu (UDIP art. 13 ust. 2)"
# The reason of a person's reply in which nothing else was recognised (class A by default).
PLAIN_REPLY = "odpowiedź pracownika"


@dataclass(frozen=True)
class ReplyClass:
    code: str  # A–G
    reason: str  # Polish: why this class
    snippet: str  # the text that decided, if text decided


def _text(message: dict[str, Any]) -> str:
    return str(message.get("new_text") or "")


def attachment_text(message: dict[str, Any]) -> str:
    """The text the probe read from the message's attachments (PDF, DOCX, ODT, RTF)."""
    return "\n\n".join(
        str(a.get("text")) for a in message.get("attachments") or () if a.get("text")
    )


def answer_text(message: dict[str, Any]) -> str:
    """What the reply says: its new text, then its attachments' text."""
    return "\n\n".join(t for t in (_text(message), attachment_text(message)) if t.strip())


SCAN_IMAGE_BYTES = 50_000  # a photographed or scanned page; logos and icons are smaller
SIGNATURE_IMAGE = re.compile(r"^(image|obraz|logo)\w*\.(png|jpe?g|gif|bmp)$", re.IGNORECASE)


def _is_scan(a: dict[str, Any]) -> bool:
    if a.get("text"):
        return False
    if a.get("text_status") == "scan":
        return True
    media_type = str(a.get("media_type") or "")
    name = str(a.get("filename") or "")
    if media_type.startswith("image/"):
        return (
            bool(name)
            and int(a.get("size") or 0) >= SCAN_IMAGE_BYTES
            and not SIGNATURE_IMAGE.match(name)
        )
    # Artifacts written before attachments were read say only has_text (a PDF without fonts).
    return "text_status" not in a and media_type == "application/pdf" and a.get("has_text") is False


def scanned_attachments(message: dict[str, Any]) -> list[str]:
    """Attachments a person must read: a PDF without a text layer, a scanned page as a
    picture. They are flagged for the jurors, never scored as no answer."""
    return [str(a.get("filename") or "?") for a in message.get("attachments") or () if _is_scan(a)]


def _first(pattern: re.Pattern[str], *texts: str) -> str | None:
    for text in texts:
        hit = pattern.search(text)
        if hit:
            return snippet_around(text, hit)
    return None


def is_permanent_bounce(message: dict[str, Any]) -> bool:
    bounce = message.get("bounce") or {}
    if bounce.get("permanent") is not None:
        return bool(bounce["permanent"])
    return bounce.get("action", "failed") == "failed"


def classify_reply(
    message: dict[str, Any], answer_key: dict[str, Any] | None, enquiry: str = ""
) -> ReplyClass:
    """The A–H class of one message of an enquiry's thread (`enquiry`: the text we sent)."""
    kind = message.get("kind")
    text = answer_text(message)
    subject = str(message.get("subject") or "")
    if kind == "bounce":
        if is_permanent_bounce(message):
            status = (message.get("bounce") or {}).get("status") or ""
            return ReplyClass(BOUNCE, f"trwały zwrot (status {status})".replace(" ()", ""), "")
        return ReplyClass(
            UNKNOWN, "powiadomienie o opóźnieniu doręczenia — to jeszcze nie błąd", ""
        )
    if kind == "auto_reply":
        return ReplyClass(
            AUTOMATIC, "odpowiedź automatyczna (nagłówki)", _first(AUTO_TEXT, subject, text) or ""
        )
    if kind == "read_receipt":
        return ReplyClass(AUTOMATIC, "potwierdzenie przeczytania", "")
    if not text.strip():
        if message.get("attachments"):
            scans = scanned_attachments(message)
            why = "odpowiedź wyłącznie w załączniku" + (
                f" bez tekstu do odczytania (skan: {', '.join(scans)}) — do oceny jurora"
                if scans
                else ""
            )
            return ReplyClass(SUBSTANTIVE, why, "")
        return ReplyClass(UNKNOWN, "wiadomość bez treści", "")
    auto = _first(AUTO_TEXT, subject, _text(message))
    if auto:
        return ReplyClass(AUTOMATIC, "treść wiadomości automatycznej", auto)
    if kind != "human_reply":
        return ReplyClass(UNRELATED, "wiadomość niebędąca odpowiedzią na pytanie", text[:120])
    notice = extension_notice(text)
    if notice is not None:
        # "The answer will be given by …": a holding reply, whatever dates it names.
        return ReplyClass(HOLDING, EXTENSION_REASON, notice.snippet)
    try:
        key = match_answer_key(answer_key, text, enquiry)
    except AnswerKeyError:
        key = None
    if key is not None and key.valued:
        return ReplyClass(
            SUBSTANTIVE, "odpowiedź zawiera fakty z klucza odpowiedzi", key.valued[0].snippet
        )
    clarify = _first(CLARIFY_TEXT, text)
    if clarify:
        return ReplyClass(CLARIFICATION, "urzędnik prosi o doprecyzowanie pytania", clarify)
    if key is not None and key.found:
        return ReplyClass(
            SUBSTANTIVE, "odpowiedź zawiera fakty z klucza odpowiedzi", key.found[0].snippet
        )
    if key is not None and key.referral:
        return ReplyClass(REFUSAL, "wskazanie właściwego podmiotu", key.referral)
    refusal = _first(REFUSAL_TEXT, text)
    if refusal:
        return ReplyClass(REFUSAL, "odmowa lub odesłanie gdzie indziej", refusal)
    holding = _first(HOLDING_TEXT, text)
    if holding:
        return ReplyClass(HOLDING, "odpowiedź wstępna — sprawa w toku", holding)
    return ReplyClass(SUBSTANTIVE, PLAIN_REPLY, "")


def leaves_question_open(cls: ReplyClass) -> bool:
    """A reply after which the persona may answer a request for a detail: a request for
    clarification (H), or a person's text in which no fact of the answer key, no refusal
    and no holding words were found ("prosimy o kontakt telefoniczny z referatem")."""
    return cls.code == CLARIFICATION or (cls.code == SUBSTANTIVE and cls.reason == PLAIN_REPLY)
