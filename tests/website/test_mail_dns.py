"""TEC-11 gathered from DNS (the demo world's server on loopback) and judged both ways."""

import datetime as dt

import dns.resolver
import pytest

from demo.sites.dns import start_dns
from probes.website import maildns
from rubrics.registry import CRITERIA
from rubrics.website import criteria_tech  # noqa: F401  (registers TEC-11)

from .conftest import run_probe


def _judge(mail_dns, note=None):
    artifact = {"site": {"mail_dns": mail_dns, "mail_dns_note": note}, "pages": []}
    ctx = {"kind": "gmina_wiejska", "group": None, "now": dt.datetime.now(dt.UTC), "params": {}}
    return CRITERIA["TEC-11"]({"website": artifact, "email": []}, ctx)


@pytest.mark.parametrize(
    ("domain", "status", "dkim"),
    [
        ("zielona-dolina.test", "pass", ["selector1"]),
        ("wodociagi-zielonodolskie.test", "pass", ["google"]),
        ("powiat-nadrzecki.test", "partial", None),
        ("sm-sloneczne-wzgorze.test", "partial", None),
        ("wm-lipowa7.test", "fail", None),
        ("nie-istnieje.test", "fail", None),
    ],
)
def test_records_gathered_and_judged(domain, status, dkim):
    facts = maildns.mail_dns(domain)
    assert facts["domain"] == domain and facts["dkim"] == dkim
    result = _judge(facts)
    assert result.status == status, result.explanation
    assert result.evidence[0]["type"] == "dns" and result.evidence[0]["domain"] == domain


def test_spf_and_dmarc_policies_are_read_from_txt_records():
    facts = maildns.mail_dns("zielona-dolina.test")
    assert facts["spf"] == "v=spf1 mx -all"
    assert facts["dmarc"].startswith("v=DMARC1; p=reject")
    assert facts["mx"] == ["10 poczta.zielona-dolina.test."]


def test_a_resolver_that_does_not_answer_is_our_failure_not_theirs():
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = ["127.0.0.19"]
    resolver.port = 9  # nothing answers there
    resolver.lifetime = resolver.timeout = 0.5
    with pytest.raises(maildns.ResolverFailed):
        maildns.mail_dns("zielona-dolina.test", resolver)
    result = _judge(None, "nasz resolver DNS nie odpowiedział")
    assert result.status == "not_measured" and "resolver" in result.explanation


def test_mail_domain_comes_from_the_registry_then_the_sites_mailto_links():
    links = ["mailto:urzad@gmina.test", "mailto:Sekretariat@Gmina.test?subject=x", "https://x.pl/"]
    assert maildns.mail_domain_of(["biuro@registry.test"], links, "site.test") == "registry.test"
    assert maildns.mail_domain_of([], links, "site.test") == "gmina.test"
    assert maildns.mail_domain_of([], [], "site.test") == "site.test"


@pytest.mark.browser
def test_the_probe_records_the_registry_domain_facts(world, monkeypatch):
    server, address = start_dns("127.0.0.18")
    try:
        monkeypatch.setenv(maildns.ENV_SERVER, address)
        _sink, artifact = run_probe(
            world.urls["gmina"],
            ["sekretariat@zielona-dolina.test"],
            allow_private_networks=True,
            max_pages=2,
        )
    finally:
        server.stop()
    site = artifact["site"]
    assert site["mail_dns"]["domain"] == "zielona-dolina.test"
    assert site["mail_dns"]["spf"] == "v=spf1 mx -all" and site["mail_dns_note"] is None
