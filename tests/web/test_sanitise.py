"""HTML e-mails with hostile content come out inert: nothing runs, loads or links out."""

import re

import pytest

from auditor.web.demo_evidence import HOSTILE_HTML, HOSTILE_MAIL_HTML
from auditor.web.sanitize import sanitise_email_html
from auditor.web.snapshot import defuse_snapshot


def assert_inert(html: str) -> None:
    lowered = html.lower()
    for bad in ("<script", "<iframe", "<svg", "<style", "<object", "<embed", "<link", "<meta"):
        assert bad not in lowered, bad
    assert not re.search(r"\son\w+\s*=", lowered), "event handler left"
    assert "javascript:" not in lowered
    assert "url(" not in lowered
    assert "style=" not in lowered
    assert "<img" not in lowered
    assert "href=" not in lowered and "src=" not in lowered


def test_hostile_mail_is_inert_but_readable():
    out = sanitise_email_html(HOSTILE_MAIL_HTML)
    assert_inert(out)
    assert "harmonogram odbioru odpadów" in out
    assert "Anna Nowak, inspektor" in out
    # The tracking pixel is a visible placeholder naming its address.
    assert "[obraz zablokowany — http://evil.example/tracking-pixel.gif]" in out
    assert "[obraz zablokowany: Logo gminy — cid:logo@gmina]" in out
    # A link keeps its text and shows its address, not clickable.
    assert "Harmonogram" in out and "⟨http://evil.example/track?id=1⟩" in out
    assert "<blockquote>" in out


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        "<svg><script>alert(1)</script></svg>",
        '<svg onload="alert(1)"></svg>',
        '<iframe src="http://evil.example/"></iframe>',
        '<div style="background:url(http://evil.example/x.png)">x</div>',
        "<style>@import url(http://evil.example/x.css);</style>",
        '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
        '<p onclick="alert(1)">x</p>',
        '<object data="http://evil.example/x.swf"></object>',
        '<form action="http://evil.example/"><input></form>',
        '<img srcset="http://evil.example/a.png 1x">',
        '<table background="http://evil.example/bg.png"><tr><td>x</td></tr></table>',
        '<video poster="http://evil.example/p.png"></video>',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<base href="http://evil.example/">',
        '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
    ],
)
def test_each_hostile_construct_is_defused(hostile):
    out = sanitise_email_html(hostile)
    assert_inert(out)
    assert "alert(1)" not in out or "⟨" in out  # only ever visible as a defused address


def test_data_image_is_replaced_too():
    out = sanitise_email_html('<img src="data:image/png;base64,iVBORw0KGgo=" alt="wykres">')
    assert "<img" not in out and "[obraz zablokowany: wykres — dane osadzone]" in out


def test_snapshot_is_defused_of_navigation():
    out = defuse_snapshot(HOSTILE_HTML.encode()).decode()
    lowered = out.lower()
    assert "<script" not in lowered and "<iframe" not in lowered and "<base" not in lowered
    assert 'http-equiv="refresh"' not in lowered and "<link" not in lowered
    assert not re.search(r"<a [^>]*\shref=", lowered)
    assert not re.search(r"<form [^>]*\saction=", lowered)
    assert "Urząd Gminy Przykładowo" in out
