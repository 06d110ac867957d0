"""The public verification of a licence certificate: no login; it shows only the name, the
edition and the validity of the certificate a code belongs to."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from results.certificates import normalise_code, public_facts, verify


@require_GET
def certificates(request):
    """A form for the code; a code given in ?kod= goes to its page."""
    typed = request.GET.get("kod", "").strip()
    if typed:
        code = normalise_code(typed)
        if code:
            return redirect("web:certificate", code=code)
        return render(
            request,
            "web/certificate.html",
            {"typed": typed, "facts": None, "bad_format": True},
            status=404,
        )
    return render(request, "web/certificate.html", {"typed": "", "facts": None})


@require_GET
def certificate(request, code: str):
    found = verify(code)
    facts = public_facts(found) if found else None
    return render(
        request,
        "web/certificate.html",
        {"typed": code, "facts": facts, "checked": True},
        status=200 if facts else 404,
    )
