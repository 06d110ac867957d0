import os

# Tests reach the demo world on loopback.
os.environ.setdefault("AUDITOR_ALLOW_PRIVATE_NETWORKS", "1")

# Mail-domain DNS (TEC-11) is asked of the demo world's DNS on loopback, never of the
# machine's resolver: one server per test process, for as long as the process lives.
if "AUDITOR_DNS_SERVER" not in os.environ:
    from demo.sites.dns import start_dns

    _DNS, os.environ["AUDITOR_DNS_SERVER"] = start_dns("127.0.0.19")
