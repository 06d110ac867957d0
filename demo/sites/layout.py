"""The HTML frame shared by the demo sites; each site chooses what it does well or badly."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field


@dataclass
class Look:
    """How a site is built: the accessibility and technical traits it exhibits."""

    name: str
    lang: str | None = "pl"
    viewport: bool = True
    skip_link: bool = True
    menu: list[tuple[str, str]] = field(default_factory=list)
    footer: list[tuple[str, str]] = field(default_factory=list)
    footer_text: str = ""
    head_extra: str = ""
    fixed_width: bool = False  # a 1200 px table layout: scrolls sideways on a phone
    logo_alt: str | None = "Herb"
    charset: str = "utf-8"
    semantic: bool = True  # header/nav/main/footer landmarks


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def days_ago(days: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=days)


def pl_date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def render(look: Look, title: str, body: str, head: str = "") -> str:
    lang = f' lang="{look.lang}"' if look.lang else ""
    viewport = (
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        if look.viewport
        else ""
    )
    width = "width:1200px;" if look.fixed_width else "max-width:60rem;"
    style = (
        "<style>body{font-family:sans-serif;margin:0 auto;__W__ padding:0 1rem;color:#1a1a1a}"
        "a{color:#0b4f9c}.skip{position:absolute;left:-999px}.skip:focus{left:1rem}"
        "nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1rem}"
        "footer{border-top:1px solid #999;margin-top:2rem;padding:1rem 0}</style>".replace(
            "__W__", width
        )
    )
    logo = (
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="48" height="48"'
        + (f' alt="{esc(look.logo_alt)}"' if look.logo_alt is not None else "")
        + ">"
    )
    menu = "".join(f'<li><a href="{href}">{esc(text)}</a></li>' for href, text in look.menu)
    footer = " | ".join(f'<a href="{href}">{esc(text)}</a>' for href, text in look.footer)
    skip = '<a class="skip" href="#tresc">Przejdź do treści</a>' if look.skip_link else ""
    if look.semantic:
        frame = (
            f"{skip}<header>{logo}<p><strong>{esc(look.name)}</strong></p>"
            f'<nav aria-label="Menu główne"><ul>{menu}</ul></nav></header>'
            f'<main id="tresc"><h1>{esc(title)}</h1>{body}</main>'
            f"<footer><p>{footer}</p><p>{look.footer_text}</p></footer>"
        )
    else:
        frame = (
            f'<div class="top">{logo}<b>{esc(look.name)}</b><div class="menu">{menu and "<ul>" + menu + "</ul>"}</div></div>'
            f'<div class="content"><font size="5"><b>{esc(title)}</b></font>{body}</div>'
            f'<div class="bottom">{footer}<br>{look.footer_text}</div>'
        )
    return (
        f'<!DOCTYPE html><html{lang}><head><meta charset="{look.charset}">{viewport}'
        f"<title>{esc(title)} – {esc(look.name)}</title>{style}{look.head_extra}{head}</head>"
        f"<body>{frame}</body></html>"
    )
