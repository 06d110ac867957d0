"""Words and headers by which mail systems and people say what a message is.

Data for probes/email/classify.py, collected from real messages (the labelled corpus in
tests/email/corpus/, see its SOURCES.md files) and from the documented forms of Polish
providers and common servers. Polish, English and German first; a few other languages where
the corpus has them. Patterns are searched case-insensitively in the subject or in the first
`BODY_HEAD` characters of the text.
"""

from __future__ import annotations

import re

BODY_HEAD = 1500


def _any(*alternatives: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.I)


REPLY_PREFIX = re.compile(
    r"^\s*((re|odp|odp\.|aw|sv|antw|vs|r|rif|odpowiedź)\s*(\[\d+\])?\s*:\s*)+", re.I
)
FORWARD_PREFIX = re.compile(r"^\s*(\[?\s*(fwd?|fw|wg|pd|tr|wd|przekaż|doręcz)\s*:)", re.I)

# Senders of delivery reports.
DAEMON_SENDER = re.compile(
    r"^([\w.+-]+-(admin|owner|bounces?)@|owner-[\w.+-]+@|mailer[-_.]?daemon|postmaster|post_master|poostmaster|mail[-_.]?daemon|"
    r"mail\.delivery\.system|mdaemon|mailadm|e500_smtp_mail_service|imss|webshield|"
    r"symantec_antivirus|inetgw\d*|system administrator|\"system administrator\"|"
    r"mail delivery subsystem|noreply@boxbe)(@|$)",
    re.I,
)
DAEMON_NAME = re.compile(
    r"mail delivery|delivery subsystem|mailer-daemon|postmaster|mail deliver system|"
    r"system administrator|administrator poczty|system pocztowy",
    re.I,
)

BOUNCE_SUBJECT = _any(
    r"undeliver(ed|able)",
    r"non[- ]?deliver",
    r"returned mail",
    r"returning message to sender",
    r"mail delivery (failed|failure|problem)",
    r"\bmail (failure|failed)\b",
    r"delivery (status )?notification",
    r"delivery (failed|failure|report|status)",
    r"failure (notice|delivery)",
    r"failed (mail|delivery)",
    r"could not be delivered",
    r"not (been )?delivered",
    r"mail system error",
    r"delivery problem",
    r"message delivery has failed",
    r"error during delivery",
    r"delayed mail",
    r"message delayed",
    r"mail delivery warning",
    r"warning: could not send",
    r"warning: .{0,80}user unknown",
    r"there was an error sending your mail",
    r"mail could not be delivered",
    r"message status - undeliverable",
    r"blocked by our .{0,20}filter",
    r"unsolicited bulk e-?mail",
    r"\bnon remis\b",
    r"^mail error$",
    r"are not (a )?member",
    r"loop alert",
    r"nameserver error report",
    r"^processing error$",
    r"^utilisateur non recens",
    # Polish (Exchange, Gmail, wp.pl, onet, interia, o2, home.pl, Zimbra)
    r"niedostarcz",
    r"niedoręcz",
    r"nie (można|udało się) dostarczyć",
    r"nie (została|zostala|mogła zostać) dostarczon",
    r"wiadomość nie dotarła",
    r"zwrot (wiadomości|poczty)",
    r"błąd (doręczenia|dostarczenia)",
    r"opóźnienie (w )?dostarcz",
    # German, Russian, Japanese, Chinese
    r"unzustellbar",
    r"nicht zustellbar",
    r"zustellung (fehlgeschlagen|verzögert)",
    r"недостав|не доставлено",
    r"配信できません|メールエラー|不達",
    r"退信|邮件.{0,4}失败|\u00ca\u00a7\u00b0\u00dc",
)

BOUNCE_BODY = _any(
    r"could not be delivered",
    r"couldn't be delivered",
    r"wasn't delivered",
    r"was not delivered",
    r"were not delivered",
    r"not (been )?delivered to",
    r"undeliverable",
    r"unable to deliver",
    r"wasn't able to deliver",
    r"was unable to deliver",
    r"delivery (to the following recipients? )?(has )?failed",
    r"delivery has been delayed",
    r"failed permanently",
    r"permanent (fatal )?errors?",
    r"did not reach the following recipient",
    r"following (address(es)?|recipients?) (had|failed|could not)",
    r"the following addresses had",
    r"message (you sent )?could not be sent",
    r"has not yet been delivered",
    r"could not deliver",
    r"there was an error delivering",
    r"had delivery problems",
    r"delivery failed",
    r"mail delivery software",
    r"mail delivery (system|agent|failure)",
    r"delivery status notification",
    r"returned to you because",
    r"(no such|unknown) user",
    r"user unknown",
    r"mailbox (is )?(full|unavailable|not found)",
    r"over (disk )?quota",
    r"quota (exceeded|violation)",
    r"not listed in (the )?(domino directory|public name)",
    r"invalid (final delivery userid|user address|mailbox)",
    r"account (is|has been) (disabled|full)",
    r"doesn't have a .{0,40} account",
    r"failed recipients?",
    r"delivery (was )?aborted",
    r"was (blocked|rejected) by",
    r"considered unsolicited",
    r"giving up on",
    r"no valid recipients",
    r"mail loop detected",
    r"not a valid user",
    r"you are not a member of",
    r"duplicated message-id",
    r"smtp error",
    r"diagnostic[- ]code",
    r"\b5\.\d{1,3}\.\d{1,3}\b",
    r"\b55[0-4]\b",
    # Polish
    r"nie (można|udało się|mogła zostać|została) (było )?(dostarczyć|dostarczona)",
    r"nie została dostarczona",
    r"dostarczanie do (następujących|tych) adresatów",
    r"adres(u)? nie (został )?znalezion",
    r"nie istnieje",
    r"skrzynka (odbiorcy )?(jest )?pełna",
    r"przekroczon\w* (limit|pojemno)",
    r"podany adres (e-mail )?jest (nieprawidłowy|błędny)",
    r"serwer (docelowy )?odrzucił",
    # German, French, Spanish, Russian, Japanese
    r"konnte nicht (zugestellt|übermittelt)",
    r"zustellung .{0,40}fehlgeschlagen",
    r"unzustellbar",
    r"fehler bei der (nachrichten)?zustellung",
    r"n'a pas pu (etre|être) (delivre|délivré|remis)",
    r"n'existe pas",
    r"no pudo ser entregado",
    r"невозможно доставить|не может быть доставлено",
    r"送信できません|配信できません|届きませんでした",
    r"无法发送|无法送达",
)

# Said at the start of a text, these make it a delivery report on their own.
BOUNCE_OPENING = _any(
    r"could(n't| not) be delivered",
    r"(wasn't|was not|were not) delivered",
    r"undeliverable",
    r"unable to deliver",
    r"delivery (to the following recipients? )?(has )?failed",
    r"failed permanently",
    r"not a valid user",
    r"invalid user address",
    r"nie (została|mogła zostać) dostarczona",
    r"konnte nicht zugestellt",
    r"n'a pas pu (etre|être) (delivre|délivré|remis)",
)

# A delivery report that is only a warning: the message is still being retried.
DELAY = _any(
    r"warning message only",
    r"this is a warning only",
    r"no need to resend",
    r"do not need to resend",
    r"will be retried",
    r"still being retried",
    r"will continue trying",
    r"has not yet been delivered",
    r"has been delayed",
    r"delivery (is|has been) delayed",
    r"message (is )?delayed",
    r"delivery delayed",
    r"\(delay\)",
    r"delayed mail",
    r"could not send message for past",
    r"advisory-only",
    r"has been postponed",
    r"opóźni(enie|ona|ony)",
    r"nadal próbuje|będzie ponawian",
    r"zustellung verzögert|wird weiterhin versucht",
)
# A report that is final even if a block of its DSN says "delayed".
FINAL = _any(r"returned to sender", r"returning message to sender", r"^returned mail")

AUTO_SUBJECT = _any(
    r"automatyczna odpowied",
    r"odpowiedź automatyczna",
    r"autoodpowied",
    r"automatic(ally)? (reply|response|generated)",
    r"\bauto[- ]?(reply|respons\w*|antwort)\b",
    r"\bautoreply\b",
    r"out of (the )?office",
    r"^auto:",
    r"abwesenheitsnotiz",
    r"automatische antwort",
    # words an enquiry's own subject may hold: only at the start of the subject
    r"^(abwesend|abwesenheit|nieobecnoś\w*|nieobecn[ya]|urlop)\b",
    r"jestem na urlopie",
    r"empfangsbestätigung",
    r"eingangsbestätigung",
    r"acknowledge?ment of (receipt|request)",
    r"potwierdzenie (otrzymania|wpływu|przyjęcia|doręczenia|złożenia)",
    r"urzędowe poświadczenie (odbioru|przedłożenia)",
    r"^thank you for your (e-?mail|message)$",
    r"vaše emailová zpráva byla převzata",
)
AUTO_BODY = _any(
    r"\bi am (currently )?(out of|away from) (the )?office",
    r"\bi'?m (currently )?(out of|away from) (the )?office",
    r"\bi am (currently )?away\b",
    r"\bi will be (out of|away from) (the )?office",
    r"\bi will be (traveling|travelling|on leave|away)",
    r"\b(i am|i'm|i will be) out of (the )?office (until|till|from|between|on)\b",
    r"\bi am (currently )?on (annual |parental |maternity )?leave\b",
    r"\bi am on holiday",
    r"with (limited|no) access to (my )?e-?mail",
    r"this is an automated (response|reply|message|notification)",
    r"this is an automatic(ally generated)? (reply|response|message)",
    r"automatically generated (message|reply|response)",
    r"note: this is an automated response",
    r"this (email|e-mail|mailbox) (inbox |address )?is no longer (in use|monitored|active)",
    r"i will endeavour to reply",
    r"thank you for (your|you) e-?mail\.\s*i will",
    r"an acknowledge?ment of your (e-?mail|message)",
    r"we have received your (e-?mail|message|request)",
    # Polish
    r"(jestem|będę) nieobecn",
    r"przebywam na (urlopie|zwolnieniu)",
    r"(jestem|będę) na urlopie",
    r"do dnia .{0,40} (nie mam dostępu|jestem nieobecn|przebywam)",
    r"wiadomość (została )?wygenerowana automatycznie",
    r"ta wiadomość jest (generowana|wysyłana) automatycznie",
    r"(prosimy|proszę) (nie odpowiadać|o nieodpowiadanie) na (tę|tą) wiadomość",
    r"potwierdzamy (otrzymanie|wpływ)",
    r"dziękujemy za (przesłanie )?wiadomoś\w+\.? (zostanie|została|odpowiemy)",
    r"urzędowe poświadczenie",
    # German
    r"ich bin (bis|vom|ab|zurzeit|derzeit) .{0,60}(nicht im büro|abwesend|im urlaub|nicht erreichbar)",
    r"(bin|befinde mich) (derzeit |zurzeit )?(im urlaub|außer haus|nicht im büro)",
    r"diese (e-?mail|nachricht) wurde automatisch",
    r"automatisch (erstellt|generiert|versandt)",
    r"ihre (e-?mail|nachricht) (ist|wurde) .{0,30}eingegangen",
    r"vielen dank für ihre (elektronische )?nachricht\. wir werden",
    # Czech, challenge-response robots
    r"byla převzata",
    r"this account is protected by",
)

RECEIPT_SUBJECT = _any(
    r"^(przeczytano|przeczytane|przeczytana|odczytano|read|gelesen|lu|leído|letto|"
    r"not read|nieprzeczytane|ungelesen)\s*:",
    r"potwierdzenie (odczytania|przeczytania|odczytu)",
    r"(return|read)[- ]receipt",
    r"lesebestätigung",
    r"^disposition notification$",
)

# Signs that a person wrote the text as an answer.
QUOTE_HEADER = _any(
    r"^\s*>?\s*on .{0,200}wrote:\s*$",
    r"^\s*>?\s*(w dniu|dnia) .{0,200}(pisze|napisał\(a\)|napisał|napisała):\s*$",
    r"^\s*>?\s*am .{0,200}schrieb .{0,200}:\s*$",
    r"^\s*-+\s*original message\s*-+",
    r"^\s*-+\s*(wiadomość oryginalna|ursprüngliche nachricht|oryginalna wiadomość)\s*-+",
    r"^\s*(from|od|von):\s.{0,200}\n\s*(sent|wysłano|wysłane|gesendet|date|data):",
    r"^\s*>?\s*\S.{0,120}(a écrit|escribió|ha scritto|написал|пользователь .{0,60}написал)",
    r"^\s*.{0,60}you wrote:\s*$",
    r"^\s*>?\s*\S.{0,150}\b(wrote|schrieb|napisał\(a\)|napisał|napisała|pisze):\s*$",
)
ANSWER = _any(
    r"\b(your|the) (foi |freedom of information )?(request|enquiry|inquiry|e-?mail enquiry|"
    r"application|question)\b",
    r"thank(s| you) for your (e-?mail|message|request|enquiry)",
    r"in (response|reply|answer) to",
    r"please find .{0,40}attached|attached (are|is|please find)|a reply is attached|herewith",
    r"w odpowiedzi na",
    r"uprzejmie inform",
    r"(pana|pani|państwa) (zapytanie|pytanie|wniosek|wiadomoś)",
    r"informuj(ę|emy),? że",
    r"ihre[rnm]? (anfrage|antrag|anträge|anliegen|nachricht|e-?mail)",
    r"\bbescheid\b",
    r"\bin der anlage\b|\banbei\b|als anlage",
    r"em atenção ao solicitado|informamos",
    r"here is (some|the) information",
)
# Said at the very start, these make a letter an answer on their own.
ANSWER_OPENING = _any(
    r"thank(s| you) for your (e-?mail|message|request|enquiry|letter)",
    r"in (response|reply|answer) to your",
    r"w odpowiedzi na",
    r"(odpowiadając|nawiązując) do",
    r"please find .{0,40}attached",
    r"here is (some|the) information",
    r"bezugnehmend auf|in beantwortung",
)
ANSWER_SUBJECT = _any(
    r"\bresponse\b",
    r"\breply to your\b",
    r"odpowied[źz] na",
    r"\bantwort auf\b",
    r"\bbescheid\b",
)
CLOSING = _any(
    r"mit freundlichen grü(ß|ss)en",
    r"z (poważaniem|wyrazami szacunku)",
    r"\bpozdrawiam",
    r"yours (sincerely|faithfully|truly)",
    r"(kind|best) regards",
    r"atenciosamente",
)
GREETING = _any(
    r"^\s*(dear|hello|hi|good (morning|afternoon))\b",
    r"^\s*(szanown|dzień dobry|witam)",
    r"^\s*(sehr geehrte|guten tag|hallo|liebe)",
    r"^\s*(senhor|estimad|bonjour|i nderuar)",
)
# An office's signature: a phone or fax number.
CONTACT = _any(r"\b(tel\.?|telefon|phone|fax|faks)\s*(\.|:)?\s*[+\d(]")
