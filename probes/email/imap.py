"""The persona's mailbox over IMAP: incremental polling, IDLE as a doorbell, the Sent folder.

Incremental by (UIDVALIDITY, UID): a poll asks only for `UID last+1:*`, so it costs the same
for 100 or 50,000 messages and fetches nothing old. `UID n:*` always includes the highest
UID even when it is below n, so results are filtered to > last_uid. IDLE only tells us
"something changed"; we then search again (IDLE responses carry sequence numbers).
"""

from __future__ import annotations

import select
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from imapclient import IMAPClient
from imapclient.imapclient import SENT

from probes.email.smtp import MailboxSettings

FETCH_CHUNK = 50
IDLE_MAX_SECONDS = 25 * 60  # re-enter IDLE well before servers' 29-30 minute limit


@dataclass(frozen=True)
class FetchedMessage:
    uidvalidity: int
    uid: int
    internaldate: datetime  # UTC, server arrival time
    raw: bytes


class Mailbox:
    """One IMAP connection to one folder of a persona's mailbox."""

    def __init__(self, settings: MailboxSettings, folder: str = "INBOX", timeout: float = 60):
        self.settings = settings
        self.folder = folder
        self.timeout = timeout
        self.client: IMAPClient | None = None
        self.uidvalidity: int | None = None

    def connect(self) -> None:
        s = self.settings
        context = ssl.create_default_context() if s.imap_tls != "none" else None
        client = IMAPClient(
            s.imap_host,
            port=s.imap_port,
            ssl=s.imap_tls == "ssl",
            ssl_context=context,
            timeout=self.timeout,
        )
        # Dates come back as naive local time unless told otherwise.
        client.normalise_times = False
        if s.imap_tls == "starttls":
            client.starttls(context)
        client.login(s.user, s.password)
        self.client = client
        self.select()

    def select(self) -> None:
        assert self.client is not None
        info = self.client.select_folder(self.folder, readonly=True)
        self.uidvalidity = int(info[b"UIDVALIDITY"])

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.logout()
            except Exception:  # the connection may be gone already; nothing to save
                pass
            self.client = None

    def __enter__(self) -> Mailbox:
        self.connect()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def new_uids(self, last_uid: int) -> list[int]:
        """UIDs above last_uid (one UID SEARCH; nothing fetched)."""
        assert self.client is not None
        uids = self.client.search(["UID", f"{last_uid + 1}:*"])
        return sorted(u for u in uids if u > last_uid)

    def fetch(self, uids: list[int]) -> Iterator[FetchedMessage]:
        assert self.client is not None and self.uidvalidity is not None
        for i in range(0, len(uids), FETCH_CHUNK):
            chunk = uids[i : i + FETCH_CHUNK]
            data = self.client.fetch(chunk, ["INTERNALDATE", "BODY.PEEK[]"])
            for uid in chunk:
                item = data.get(uid)
                if item is None:  # expunged meanwhile
                    continue
                yield FetchedMessage(
                    self.uidvalidity, uid, as_utc(item[b"INTERNALDATE"]), bytes(item[b"BODY[]"])
                )

    def wait_for_change(self, seconds: float, stop: threading.Event | None = None) -> bool:
        """IDLE as a doorbell: True when the server said something within `seconds`.
        Returns early (False) once `stop` is set."""
        assert self.client is not None
        deadline = time.monotonic() + min(seconds, IDLE_MAX_SECONDS)
        rang = False
        self.client.idle()
        try:
            while (remaining := deadline - time.monotonic()) > 0:
                readable, _, _ = select.select([self.client.socket()], [], [], min(remaining, 1.0))
                if readable:
                    rang = True
                    break
                if stop is not None and stop.is_set():
                    break
        finally:
            responses = self.client.idle_done()
        return rang or bool(responses[1])

    # --- the Sent folder, as a mail client uses it -------------------------------------

    def sent_folder(self) -> str:
        assert self.client is not None
        return self.client.find_special_folder(SENT) or "Sent"

    def append_sent(self, raw: bytes, when: datetime) -> None:
        assert self.client is not None
        self.client.append(self.sent_folder(), raw, flags=[b"\\Seen"], msg_time=when)

    def find_in_sent(self, message_id: str) -> datetime | None:
        """INTERNALDATE of our copy with this Message-ID in the Sent folder, if any."""
        assert self.client is not None
        folder = self.sent_folder()
        self.client.select_folder(folder, readonly=True)
        try:
            uids = self.client.search(["HEADER", "Message-ID", message_id])
            if not uids:
                return None
            data = self.client.fetch(uids[:1], ["INTERNALDATE"])
            return as_utc(data[uids[0]][b"INTERNALDATE"])
        finally:
            self.select()


def as_utc(value: datetime) -> datetime:
    if value.tzinfo is None:  # only if a server sends no zone: treat as UTC, do not guess
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
