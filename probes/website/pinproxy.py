"""A SOCKS5 proxy on loopback through which a guarded browser context makes every
connection, to an address the NetGuard approved.

Why: Chromium resolves names itself. Checking a URL in the Fetch stage and letting
Chromium connect leaves a gap (DNS rebinding: the name answers a public address to our
check and a private one to Chromium's own lookup), and the Fetch stage never sees
WebSockets. With a SOCKS5 proxy Chromium does not resolve at all: it hands us the name,
and we connect to `NetGuard.addresses_for(name)`, the addresses already checked.

Chromium reports every refused SOCKS connection as one error
(net::ERR_SOCKS_CONNECTION_FAILED), so the proxy remembers why each host failed
(`failure_for`: a failure kind of probes.failures and Chromium's own wording): a
participant's DNS failure stays "theirs" and scored (probes.website.failures), a refused
address stays refused, and an IPv6 address we have no route to is ours.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket

from probes.netguard import NetGuard, RefusedAddress
from probes.website.failures import connect_failure_kind

# RFC 1928 reply codes.
SUCCEEDED = 0
NOT_ALLOWED = 2
HOST_UNREACHABLE = 4
CONNECTION_REFUSED = 5
COMMAND_NOT_SUPPORTED = 7
ADDRESS_NOT_SUPPORTED = 8

# Why a connection failed (a failure kind) → the net error Chromium would have shown
# without a proxy (the failure's detail begins with it).
NET_ERRORS = {
    "dns": "net::ERR_NAME_NOT_RESOLVED",
    "refused": "net::ERR_CONNECTION_REFUSED",
    "timeout": "net::ERR_CONNECTION_TIMED_OUT",
    "other": "net::ERR_ADDRESS_UNREACHABLE",
    "refused_address": "net::ERR_BLOCKED_BY_CLIENT",
}
CHUNK = 65536


class PinningProxy:
    """One per guarded site context; `url` goes to Target.createBrowserContext."""

    def __init__(
        self, guard: NetGuard, refused: list[dict] | None = None, connect_timeout: float = 15.0
    ) -> None:
        self.guard = guard
        self.connect_timeout = connect_timeout
        self.failures: dict[str, tuple[str, str]] = {}  # host → (kind, detail)
        self.refused = refused if refused is not None else []
        self._server: asyncio.Server | None = None
        self._streams: set[asyncio.StreamWriter] = set()

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        host, port = self._server.sockets[0].getsockname()[:2]
        return f"socks5://{host}:{port}"

    async def start(self) -> PinningProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            for writer in list(self._streams):
                writer.close()
            await self._server.wait_closed()
            self._server = None

    def failure_for(self, host: str | None) -> tuple[str, str] | None:
        """`(kind, detail)` of the last failed connection to `host`, in Chromium's words
        where it has some; None when the proxy saw none."""
        failure = self.failures.get((host or "").strip("[]").lower())
        if failure is None:
            return None
        kind, detail = failure
        wording = NET_ERRORS.get(kind)
        return kind, f"{wording} ({detail})" if wording else detail

    # ------------------------------------------------------------ one client

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._streams.add(writer)
        upstream: asyncio.StreamWriter | None = None
        try:
            target = await self._handshake(reader, writer)
            if target is None:
                return
            host, port = target
            upstream_reader, upstream = await self._connect(host, port, writer)
            if upstream is None:
                return
            self._streams.add(upstream)
            await asyncio.gather(
                _pipe(reader, upstream), _pipe(upstream_reader, writer), return_exceptions=True
            )
        except (asyncio.IncompleteReadError, OSError):
            pass  # the browser hung up mid-handshake, or the socket broke: nothing to report
        finally:
            for stream in (upstream, writer):
                if stream is not None:
                    stream.close()
                    self._streams.discard(stream)

    async def _handshake(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> tuple[str, int] | None:
        version, count = await reader.readexactly(2)
        if version != 5:
            return None  # not SOCKS5 at all: hang up
        methods = await reader.readexactly(count)
        if 0 not in methods:  # 0: no authentication
            writer.write(b"\x05\xff")
            return None
        writer.write(b"\x05\x00")
        version, command, _reserved, address_type = await reader.readexactly(4)
        if address_type == 1:
            host = socket.inet_ntop(socket.AF_INET, await reader.readexactly(4))
        elif address_type == 3:
            length = (await reader.readexactly(1))[0]
            host = (await reader.readexactly(length)).decode("ascii", "replace")
        elif address_type == 4:
            host = socket.inet_ntop(socket.AF_INET6, await reader.readexactly(16))
        else:
            await self._reply(writer, ADDRESS_NOT_SUPPORTED)
            return None
        port = int.from_bytes(await reader.readexactly(2), "big")
        if command != 1:  # CONNECT only
            await self._reply(writer, COMMAND_NOT_SUPPORTED)
            return None
        return host.lower(), port

    async def _connect(
        self, host: str, port: int, writer: asyncio.StreamWriter
    ) -> tuple[asyncio.StreamReader | None, asyncio.StreamWriter | None]:
        try:
            addresses = await asyncio.to_thread(self.guard.addresses_for, host)
        except RefusedAddress as refused:
            self.refused.append({"url": f"{host}:{port}", "reason": refused.reason})
            return await self._fail(writer, host, "refused_address", refused.reason, NOT_ALLOWED)
        if not addresses:
            return await self._fail(writer, host, "dns", f"{host}: brak adresu", HOST_UNREACHABLE)
        failures: list[tuple[str, str, int]] = []  # one per address tried (at least one)
        # One budget for all addresses: Chromium gives up on a SOCKS connect after 30 s.
        deadline = asyncio.get_running_loop().time() + self.connect_timeout
        for address in addresses:
            try:
                async with asyncio.timeout_at(deadline):
                    upstream_reader, upstream = await asyncio.open_connection(address, port)
            except TimeoutError:
                failures.append(("timeout", f"{address}:{port}", HOST_UNREACHABLE))
            except ConnectionRefusedError:
                failures.append(("refused", f"{address}:{port}", CONNECTION_REFUSED))
            except OSError as error:
                kind = connect_failure_kind(error, address) or "other"
                failures.append((kind, f"{address}:{port}: {error}", HOST_UNREACHABLE))
            else:
                self.failures.pop(host, None)
                bound = upstream.get_extra_info("sockname") or ("0.0.0.0", 0)
                await self._reply(writer, SUCCEEDED, bound[0], bound[1])
                return upstream_reader, upstream
        # The site's own failure wins over our missing IPv6 route: with an IPv4 address
        # that failed, the site is down; with only IPv6 ones we could not reach, we are.
        theirs = [f for f in failures if f[0] != "our_ipv6_route"]
        return await self._fail(writer, host, *(theirs or failures)[-1])

    async def _fail(
        self, writer: asyncio.StreamWriter, host: str, kind: str, detail: str, code: int
    ) -> tuple[None, None]:
        self.failures[host] = (kind, detail)
        await self._reply(writer, code)
        return None, None

    @staticmethod
    async def _reply(
        writer: asyncio.StreamWriter, code: int, address: str = "0.0.0.0", port: int = 0
    ) -> None:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        kind = b"\x01" if ip.version == 4 else b"\x04"
        writer.write(b"\x05" + bytes([code, 0]) + kind + ip.packed + port.to_bytes(2, "big"))
        with contextlib.suppress(ConnectionError):
            await writer.drain()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(CHUNK):
            writer.write(chunk)
            await writer.drain()
    finally:
        if writer.can_write_eof():
            with contextlib.suppress(OSError):
                writer.write_eof()
