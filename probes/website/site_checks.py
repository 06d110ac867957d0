"""A site's checks over plain HTTP after its crawl (SiteChecks, mixed into WebsiteProbe):
TLS, http→https, links, PDFs, the mail domain's DNS. Every request to the site goes
through its downloader (probes.website.downloader): the pages' politeness slots, the
guard, the site's time and byte budget."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit, urlunsplit

from probes.netguard import is_ip_literal
from probes.website import maildns
from probes.website.artifact import PRODUCER
from probes.website.downloader import BUDGET, OURS, Downloader
from probes.website.pdf import inspect_pdf
from probes.website.site_state import SiteState
from probes.website.tls import check_tls

SKIPPED_KEPT = 100  # links skipped for robots.txt kept in the artifact (a bound)


class SiteChecks:
    """The checks of one crawled site (uses the probe's settings, guard and sink)."""

    async def _site_checks(self, state: SiteState, artifact: dict) -> None:
        site = artifact["site"]
        home_url = artifact["final_url"] or state.start_url
        parts = urlsplit(home_url)
        downloader = state.downloader
        tls_task = downloader.connect(home_url, check_tls, home_url, self.guard)
        https_task = self._http_to_https(downloader, home_url, state.start_url)
        links_task = self._check_links(state)
        pdf_task = self._check_pdfs(state)
        mail_task = asyncio.to_thread(self._mail_dns, state)
        (
            site["tls"],
            site["http_to_https"],
            (checked, broken, skipped),
            site["pdfs"],
            (site["mail_dns"], site["mail_dns_note"]),
        ) = await asyncio.gather(tls_task, https_task, links_task, pdf_task, mail_task)
        site["links_checked"] = checked
        site["broken_links"] = broken
        site["links_skipped_robots"] = skipped
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

    async def _http_to_https(
        self, downloader: Downloader, home_url: str, start_url: str
    ) -> bool | None:
        parts = urlsplit(home_url)
        if parts.scheme == "https":
            if urlsplit(start_url).scheme == "http":
                return True
            host = parts.hostname or ""
            plain = urlunsplit(
                ("http", f"[{host}]" if ":" in host else host, parts.path or "/", "", "")
            )
            result = await downloader.fetch(plain, timeout=10.0, max_bytes=1)
            if result.status is None:
                return None  # no plain HTTP at all: nothing to redirect
            return urlsplit(result.final_url).scheme == "https"
        return False

    async def _check_links(self, state: SiteState) -> tuple[int, list[dict], list[dict]]:
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
        pending = [(u, f) for u, f in state.internal_links.items() if u not in crawled]
        skipped: list[dict] = []
        if self.settings.respect_robots:
            # Each link is judged by the robots.txt of ITS host (fetched once per host by
            # the downloader); one it disallows is not checked: skipped, never broken.
            pending, skipped = await self._robots_filter(state.downloader, pending)
        budget = max(0, self.settings.max_link_checks - checked)
        done = 0

        # HEAD (a one-byte GET where the host refuses HEAD), in the host's slots like the
        # pages (its delay between starts, `per_host` in flight, backoff on 429/5xx);
        # none starts past the site's time (the downloader's deadline).
        async def check(url: str, source: str) -> None:
            nonlocal done
            result = await state.downloader.fetch(url, method="HEAD", timeout=10.0)
            if result.error in OURS or result.error == "refused_address":
                return  # not checked (ours), or not ours to fetch (the guard's list)
            done += 1
            if result.status is None or result.status >= 400:
                broken.append(
                    {"url": url, "status": result.status, "from": source, "error": result.error}
                )

        await asyncio.gather(*(check(u, f) for u, f in pending[:budget]))
        return checked + done, broken, skipped

    @staticmethod
    async def _robots_filter(
        downloader: Downloader, links: list[tuple[str, str]]
    ) -> tuple[list[tuple[str, str]], list[dict]]:
        """(links their host's robots.txt allows, the others as `links_skipped_robots`
        entries: at most SKIPPED_KEPT, each with its reason)."""
        hosts = {downloader.key(url): url for url, _source in links}
        robots = dict(
            zip(
                hosts,
                await asyncio.gather(*(downloader.robots(url) for url in hosts.values())),
                strict=True,
            )
        )
        allowed, skipped = [], []
        for url, source in links:
            host = downloader.key(url)
            if robots[host].allowed(url):
                allowed.append((url, source))
            elif len(skipped) < SKIPPED_KEPT:
                reason = f"nie sprawdzono: robots.txt hosta {host} zabrania pobierania"
                skipped.append({"url": url, "from": source, "host": host, "reason": reason})
        return allowed, skipped

    async def _check_pdfs(self, state: SiteState) -> list[dict]:
        out = []
        # PDFs linked from key pages first (the documents a resident is sent to).
        ordered = sorted(state.pdf_links.items(), key=lambda item: not item[1]["key"])
        for url, info in ordered[: self.settings.max_pdfs]:
            result = await state.downloader.fetch(url, timeout=20.0)
            if result.error == BUDGET:
                break  # the site's budget is spent: the rest is not checked
            if result.error in OURS:
                continue  # we could not reach it: not checked
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
