"""A hostile site on loopback for the website and accessibility probes (issue 18, family 2).

One server, a scenario per path prefix; every request path is recorded in `hits` and the
bytes of each streamed body in `sent`. Scenarios:

- `/alert/`: alert, confirm and prompt while the page loads, a beforeunload handler, a link on.
- `/jsdownload/`: a script sends the tab to `/jsdownload/plik.bin` (attachment, octet-stream).
- `/huge/`: an HTML page of `huge_bytes` (50 MB by default), served at loopback speed.
- `/gzbomb/`: `Content-Encoding: gzip`, ~10 MB on the wire decoding to 10 GiB of zeros
  (the body is streamed and never ends on its own).
- `/links/`: a page with 10,000 links.
- `/framed/`: a page embedding `frame_url` (another origin) in an iframe.
- `/bad/`: a page with accessibility faults (the child of `/framed/`).
"""

from __future__ import annotations

import zlib
from collections import defaultdict

from tests.website.loopback import LoopbackServer, QuietHandler

HEAD = '<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>{title}</title></head>'

PAGES = {
    "/alert/": HEAD.format(title="Gmina z alertami")
    + "<body><h1>Gmina</h1><script>alert('Witamy'); confirm('Na pewno?'); prompt('Imię?');"
    "window.addEventListener('beforeunload', e => { e.preventDefault(); e.returnValue = ''; });"
    "</script><main><p>Kontakt: tel. 22 123 45 67</p>"
    '<a href="/alert/kontakt">Kontakt</a></main></body></html>',
    "/alert/kontakt": HEAD.format(title="Kontakt")
    + "<body><main><h1>Kontakt</h1><p>ul. Polna 1</p></main></body></html>",
    "/jsdownload/": HEAD.format(title="Pobieranie")
    + '<body><main><h1>Pobieranie</h1><a href="/jsdownload/o-nas">O nas</a></main>'
    "<script>location.href = '/jsdownload/plik.bin';</script></body></html>",
    "/jsdownload/o-nas": HEAD.format(title="O nas")
    + "<body><main><h1>O nas</h1></main></body></html>",
    "/links/": HEAD.format(title="Dziesięć tysięcy linków")
    + "<body><main><h1>Linki</h1>"
    + "".join(f'<a href="/links/s/{n}">strona {n}</a> ' for n in range(10_000))
    + "</main></body></html>",
    "/bad/": '<!doctype html><html><head><meta charset="utf-8"><title>Ramka</title></head>'
    '<body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
    '<button></button><input type="text"><a href="#"></a>'
    '<p style="color:#777;background:#888">słaby kontrast</p></body></html>',
}

ZEROS = bytes(1 << 20)


def _gzip_bomb_parts() -> tuple[bytes, bytes]:
    """The gzip header with the first MiB of zeros, and the block that repeats every MiB.

    A full flush resets the compressor, so every further MiB of zeros compresses to the
    same bytes: the stream is made once and repeated (about 1 KB a MiB on the wire)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    first = compressor.compress(ZEROS) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(ZEROS) + compressor.flush(zlib.Z_FULL_FLUSH)
    return first, block


class HostileServer(LoopbackServer):
    def __init__(
        self,
        address: str = "127.0.0.1",
        frame_url: str = "",
        huge_bytes: int = 50 << 20,
        bomb_decoded: int = 10 << 30,
    ) -> None:
        self.hits: list[str] = []
        self.sent: dict[str, int] = defaultdict(int)
        hits, sent = self.hits, self.sent
        first, block = _gzip_bomb_parts()

        class Handler(QuietHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self):  # noqa: N802 - http.server's naming
                hits.append(self.path)
                try:
                    self._answer()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading: that is the point of some cases

            def _answer(self) -> None:
                path = self.path
                if path in PAGES:
                    return self.send_html(PAGES[path].encode())
                if path == "/framed/":
                    body = HEAD.format(title="Strona z ramką") + (
                        f'<body><main><h1>Mapa</h1><iframe src="{frame_url}" title="mapa">'
                        "</iframe></main></body></html>"
                    )
                    return self.send_html(body.encode())
                if path == "/jsdownload/plik.bin":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/octet-stream")
                    self.send_header("Content-Disposition", 'attachment; filename="plik.bin"')
                    self.send_header("Content-Length", str(1 << 16))
                    self.end_headers()
                    self.wfile.write(bytes(1 << 16))
                    return None
                if path == "/huge/":
                    return self._stream(path, "text/html; charset=utf-8", self._huge())
                if path == "/gzbomb/":
                    return self._stream(path, "text/html", self._bomb(), gzip=True)
                self.send_error(404)
                return None

            def _huge(self):
                yield HEAD.format(title="Ogromna strona").encode() + b"<body><h1>Gmina</h1>"
                line = b"<p>" + b"Lorem ipsum dolor sit amet. " * 36 + b"</p>\n"
                for _ in range(huge_bytes // len(line)):
                    yield line
                yield b"</body></html>"

            def _bomb(self):
                yield first
                for _ in range(bomb_decoded >> 20):
                    yield block

            def _stream(self, path: str, content_type: str, chunks, gzip: bool = False) -> None:
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                if gzip:
                    self.send_header("Content-Encoding", "gzip")
                self.end_headers()
                for chunk in chunks:
                    self.wfile.write(chunk)
                    sent[path] += len(chunk)

        super().__init__(Handler, address)
        self.url = self.origin
