"""Template filters for Polish pages: `{% load polish %}`.

{{ n|plural:"problem,problemy,problemów" }}  → "5 problemów"
{{ o.status|status_pl }}                     → "spełnione"
{{ moment|local }}                           → "2027-03-02 13:40" (Europe/Warsaw)
{{ 0.833|percent }}                          → "83,3 %"
{{ e.action|action_pl }}                     → "wydanie certyfikatu"
"""

from __future__ import annotations

from typing import Any

from django import template

from results import polish

register = template.Library()


@register.filter
def plural(n: Any, forms: str) -> str:
    try:
        value = int(n) if float(n).is_integer() else float(n)
    except (TypeError, ValueError):
        return str(n)
    return polish.plural(value, forms)


@register.filter
def plural_word(n: Any, forms: str) -> str:
    """Only the word: `{{ n }} {{ n|plural_word:"reguła,reguły,reguł" }}`."""
    try:
        value = int(n)
    except (TypeError, ValueError):
        return forms.split(",")[-1]
    one, few, many = (forms.split(",") + ["", "", ""])[:3]
    return polish.plural_form(value, one, few, many)


@register.filter
def status_pl(code: Any) -> str:
    return polish.status_word(code)


@register.filter
def local(value: Any, seconds: str = "") -> str:
    return polish.local_time(value, seconds=bool(seconds))


@register.filter
def percent(share: Any) -> str:
    if share is None or share == "":
        return "—"
    return polish.percent(float(share))


@register.filter
def num(value: Any, decimals: Any = None) -> str:
    if value is None or value == "":
        return "—"
    return polish.number(value, None if decimals is None else int(decimals))


@register.filter
def object_pl(code: str) -> str:
    return polish.audit_object(code)


@register.filter
def detail_label(key: str) -> str:
    return polish.audit_detail_label(key)


@register.filter
def detail_value(value: Any) -> str:
    return polish.audit_detail_value(value)


@register.filter
def bounce_pl(action: Any) -> str:
    return polish.BOUNCE_ACTIONS.get(str(action or "").lower(), str(action or "—"))
