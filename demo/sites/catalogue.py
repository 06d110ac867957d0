"""The demo world's sites, in address order (127.0.0.21, .22, …)."""

from __future__ import annotations

from demo.sites import gmina, others

BUILDERS = (
    ("gmina", gmina.build),
    ("gmina-bip", gmina.build_bip),
    ("powiat", others.powiat),
    ("wodociagi", others.wodociagi),
    ("spoldzielnia", others.spoldzielnia),
    ("wspolnota", others.wspolnota),
    ("awaria-5xx", others.failing),
    ("wolna", others.slow),
    ("pulapka", others.trap),
    ("pdf-glowna", others.pdf_home),
    ("windows-1250", others.legacy),
    ("spa", others.spa),
    ("przekierowania", others.redirector),
    ("sekret", others.secret),
    ("tracker", others.tracker),
    ("wspolnota-ogrodowa", others.wspolnota_ogrodowa),
)

# Served only with DemoWorld(tls=True): the good community's site again, over HTTPS.
TLS_SITE = "ogrodowa-https"
TLS_BUILDER = others.wspolnota_ogrodowa

# Participant kinds (rubrics/kinds.py) of the demo sites, for `auditor probe website --kind`.
KINDS = {
    "gmina": "gmina_wiejska",
    "powiat": "powiat",
    "wodociagi": "spolka_komunalna",
    "spoldzielnia": "spoldzielnia_mieszkaniowa",
    "wspolnota": "wspolnota_mieszkaniowa",
    "awaria-5xx": "spolka_komunalna",
    "wolna": "urzad",
    "pulapka": "urzad",
    "pdf-glowna": "wspolnota_mieszkaniowa",
    "windows-1250": "spolka_komunalna",
    "spa": "urzad",
    "przekierowania": "spoldzielnia_mieszkaniowa",
    "wspolnota-ogrodowa": "wspolnota_mieszkaniowa",
    TLS_SITE: "wspolnota_mieszkaniowa",
}
