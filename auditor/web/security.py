"""The web interface's own defences: login throttling (django-axes, kept in the database so
it holds across web processes), its entries in the audit log, the client address behind a
proxy, and the refusal to serve pages with the public development key."""

from __future__ import annotations

from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from auditor.config import DEV_SECRET_KEY

LOCKOUT_ACTION = "login.lockout"


class LoginThrottleBackend(AxesStandaloneBackend):
    """Every login made over the web carries its request and is throttled. A login without
    one (tests, the Django shell) never comes from an outsider, so it is let through to the
    next backend instead of failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request: HttpRequest) -> str | None:
    """The address throttling counts: the socket's peer, or, behind our own proxy
    (AUDITOR_BEHIND_PROXY=1), the last address the proxy appended to X-Forwarded-For."""
    if settings.AUDITOR.behind_proxy:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")


def lockout_ends(now=None):
    return (now or timezone.now()) + settings.AXES_COOLOFF_TIME


def locked_out(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """A Polish page (429) instead of django-axes' English text."""
    minutes = int(settings.AXES_COOLOFF_TIME / timedelta(minutes=1))
    return render(
        request,
        "web/locked_out.html",
        {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def _record_lockout(sender, request, username, ip_address, **kwargs) -> None:
    """One audit-log entry per lockout, with its end; repeated failures while locked out
    (which do not extend the lockout) add nothing."""
    from results.models import AuditLogEntry

    now = timezone.now()
    object_id = (username or "")[:100]
    for entry in AuditLogEntry.objects.filter(action=LOCKOUT_ACTION, object_id=object_id)[:20]:
        if (
            entry.details.get("ip") == ip_address
            and entry.details.get("until", "") > now.isoformat()
        ):
            return
    AuditLogEntry.objects.log(
        f"web:{ip_address or '?'}",
        AuditLogEntry.Action.LOGIN_LOCKOUT,
        ("logowanie", object_id),
        ip=ip_address,
        until=lockout_ends(now).isoformat(),
        failures=settings.AXES_FAILURE_LIMIT,
        path=getattr(request, "path", ""),
    )


def connect_signals() -> None:
    from axes.signals import user_locked_out

    receiver(user_locked_out, dispatch_uid="auditor.login.lockout")(_record_lockout)


def refuse_development_key() -> None:
    """The web server does not start outside debug with the public development key:
    anyone could forge sessions with it."""
    if settings.SECRET_KEY == DEV_SECRET_KEY and not settings.DEBUG:
        raise ImproperlyConfigured(
            "Interfejs WWW nie uruchomi się z publicznym kluczem deweloperskim. "
            "Ustaw AUDITOR_SECRET_KEY albo uruchom `auditor init`, które zapisze losowy klucz "
            "w katalogu danych (AUDITOR_DEBUG=1 tylko na komputerze dewelopera)."
        )
