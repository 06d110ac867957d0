"""A site's checks over plain HTTP after its crawl (SiteChecks, mixed into WebsiteProbe):
TLS, http→https, links, PDFs, the mail domain's DNS."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit, urlunsplit

from probes.netguard import is_ip_literal
from probes.website import maildns
from probes.website.artifact import PRODUCER
from probes.website.httpfetch import fetch
from probes.website.pdf import inspect_pdf
from probes.website.site_state import SiteState
from probes.website.tls import check_tls


class SiteChecks:
    """The checks of one crawled site (uses the probe's settings, guard and sink)."""

    async def _site_checks(self, state: SiteState, artifact: dict) -> None:
        site = artifact["site"]
        home_url = artifact["final_url"] or state.start_url
        parts = urlsplit(home_url)
        tls_task = asyncio.to_thread(check_tls, home_url, self.guard)
        https_task = asyncio.to_thread(self._http_to_https, home_url, state.start_url)
        links_task = self._check_links(state)
        pdf_task = self._check_pdfs(state)
        mail_task = asyncio.to_thread(self._mail_dns, state)
        (
            site["tls"],
            site["http_to_https"],
            (checked, broken),
            site["pdfs"],
            (site["mail_dns"], site["mail_dns_note"]),
        ) = await asyncio.gather(tls_task, https_task, links_task, pdf_task, mail_task)
        site["links_checked"] = checked
        site["broken_links"] = broken
        site["hsts"] = (
            state.home_headers.get("strict-transport-security") if parts.scheme == "https" else None
        )

    def _mail_dns(self, state: SiteState) -> tuple[dict | None, str | None]:
        """The mail domain's DNS facts, or None with the reason they were not measured."""
        if not self.settings.mail_dns:
            return None, "wyłączone w ustawieniach edycji"
        hrefs = [link["href"] for page in state.pages for link in page.get("links", [])]
        domain = maildns.mail_domain_of(state.emails, hrefs, state.scope.domain)
        if not domain or is_ip_literal(domain):
            return None, f"brak domeny poczty do sprawdzenia ({domain or 'brak'})"
        try:
            return maildns.mail_dns(domain), None
        except maildns.ResolverFailed as failure:
            return None, f"nasz resolver DNS nie odpowiedział: {failure}"

    def _http_to_https(self, home_url: str, start_url: str) -> bool | None:
        parts = urlsplit(home_url)
        if parts.scheme == "https":
            if urlsplit(start_url).scheme == "http":
                return True
            host = parts.hostname or ""
            plain = urlunsplit(
                ("http", f"[{host}]" if ":" in host else host, parts.path or "/", "", "")
            )
            result = fetch(plain, self.guard, timeout=10.0, max_bytes=1)
            if result.status is None:
                return None  # no plain HTTP at all: nothing to redirect
            return urlsplit(result.final_url).scheme == "https"
        return False

    async def _check_links(self, state: SiteState) -> tuple[int, list[dict]]:
        broken: list[dict] = []
        crawled = {p["url"] for p in state.pages} | {p["final_url"] for p in state.pages}
        checked = 0
        for page in state.pages:
            checked += 1
            status = page.get("status")
            if (status is not None and status >= 400) or (page.get("error") and not status):
                broken.append(
                    {
                        "url": page["url"],
                        "status": status,
                        "from": page["path"][-2] if len(page.get("path") or []) > 1 else None,
                        "error": (page.get("error") or {}).get("kind"),
                    }
                )
        pending = [
            (u, f)
            for u, f in state.internal_links.items()
            if u not in crawled
            and not (self.settings.respect_robots and state.robots and not state.robots.allowed(u))
        ]
        budget = max(0, self.settings.max_link_checks - checked)
        semaphore = asyncio.Semaphore(self.settings.per_host)
        # Checks are not started past the site's time (one page's time more): a site
        # answering slowly cannot hold a sweep with 80 checks of 10 s each.
        stop_at = state.deadline + self.settings.page_timeout_s
        done = 0

        async def check(url: str, source: str) -> None:
            nonlocal done
            async with semaphore:
                if time.monotonic() > stop_at:
                    state.budget_cut = True
                    return
                done += 1
                result = await asyncio.to_thread(
                    fetch, url, self.guard, method="HEAD", timeout=10.0
                )
                if result.status in (405, 501):
                    result = await asyncio.to_thread(
                        fetch, url, self.guard, timeout=10.0, max_bytes=1
                    )
            if result.error == "refused_address":
                return
            if result.status is None or result.status >= 400:
                broken.append(
                    {"url": url, "status": result.status, "from": source, "error": result.error}
                )

        await asyncio.gather(*(check(u, f) for u, f in pending[:budget]))
        return checked + done, broken

    async def _check_pdfs(self, state: SiteState) -> list[dict]:
        out = []
        # PDFs linked from key pages first (the documents a resident is sent to).
        ordered = sorted(state.pdf_links.items(), key=lambda item: not item[1]["key"])
        for url, info in ordered[: self.settings.max_pdfs]:
            if time.monotonic() > state.deadline + self.settings.page_timeout_s:
                state.budget_cut = True
                break
            result = await asyncio.to_thread(fetch, url, self.guard, timeout=20.0)
            entry = {
                "url": url,
                "from": info["from"],
                "link_text": info["link_text"],
                "status": result.status,
                "has_text_layer": None,
                "tagged": None,
                "bytes": len(result.body),
            }
            if result.status == 200 and result.body.startswith(b"%PDF"):
                inspected = await asyncio.to_thread(inspect_pdf, result.body)
                entry.update(
                    has_text_layer=inspected["has_text_layer"],
                    tagged=inspected["tagged"],
                    pages=inspected["pages"],
                    created=inspected["created"],
                )
                entry["blob"] = self.sink.put(result.body, "application/pdf", PRODUCER)
            out.append(entry)
        return out
