"""TEC-01's "present" side through real Chromium: a site served over HTTPS by a local CA."""

import datetime as dt
from urllib.parse import urlsplit

import pytest

from demo.sites import DemoWorld
from demo.sites.catalogue import TLS_SITE
from probes import tlstrust
from rubrics.registry import CRITERIA
from rubrics.website import criteria_tech  # noqa: F401  (registers TEC-01)

from .conftest import run_probe

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def tls_world():
    with DemoWorld(tls=True) as world:
        yield world


@pytest.mark.parametrize("guarded", [False, True], ids=["guard-off", "guard-on"])
def test_https_site_with_trusted_certificate_redirect_and_hsts(tls_world, monkeypatch, guarded):
    """Guard on (the site's address exempt, as a public one): TLS through the pinning proxy,
    and the plain fetches and the certificate check connected to the checked address."""
    monkeypatch.setenv(tlstrust.ENV, tls_world.ca_file)
    url = tls_world.urls[TLS_SITE]
    guard = {"exempt_addresses": (urlsplit(url).hostname,)} if guarded else {}
    _sink, artifact = run_probe(url, allow_private_networks=not guarded, max_pages=4, **guard)
    assert artifact["outcome"] == "ok"
    assert artifact["final_url"] == tls_world.urls[TLS_SITE + ":https"]
    home = artifact["pages"][0]
    assert home["redirects"] == [tls_world.urls[TLS_SITE]] and home["status"] == 200
    site = artifact["site"]
    assert site["tls"]["https"] and site["tls"]["valid"] and site["tls"]["expires"]
    assert site["http_to_https"] is True
    assert site["hsts"] == "max-age=31536000"
    assert all(p["final_url"].startswith("https://") for p in artifact["pages"])

    ctx = {"kind": "wspolnota_mieszkaniowa", "group": None, "now": dt.datetime.now(dt.UTC)}
    tec01 = CRITERIA["TEC-01"]({"website": artifact, "email": []}, {**ctx, "params": {}})
    assert (tec01.status, tec01.score) == ("pass", 1.0), tec01.explanation


def test_untrusted_certificate_is_the_sites_failure_with_proof(tls_world, monkeypatch):
    monkeypatch.delenv(tlstrust.ENV, raising=False)
    _sink, artifact = run_probe(tls_world.urls[TLS_SITE], allow_private_networks=True, max_pages=2)
    assert artifact["outcome"] == "site_failure"
    assert artifact["failure"]["kind"] == "tls" and artifact["failure"]["ours"] is False
    assert "CERT" in artifact["failure"]["detail"].upper()
