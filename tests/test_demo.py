"""The README's main job, end to end: `auditor init` + `auditor demo` in a fresh data dir.

Runs the real thing (Chromium on the demo websites, e-mails through the local mail world,
the ranking, the XLSX and reports) as a newcomer would, so a broken main job fails CI.
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.mail, pytest.mark.browser]

AUDITOR = str(Path(sys.executable).parent / "auditor")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_demo_sweep_ends_with_the_ranking_and_the_evidence(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "AUDITOR_DNS_SERVER", "DJANGO_SETTINGS_MODULE")
    }
    env.update(AUDITOR_DATA_DIR=str(tmp_path), AUDITOR_ALLOW_PRIVATE_NETWORKS="1")
    env.setdefault("AUDITOR_MAIL_PASSWORD", "haslo-testowe")
    subprocess.run([AUDITOR, "init"], env=env, check=True, timeout=300, capture_output=True)
    # Not the default port: the registry must follow the sites (a past bug).
    demo = subprocess.run(
        [AUDITOR, "demo", "--port", str(_free_port()), "--reply-wait", "60"],
        env=env,
        timeout=1200,
        capture_output=True,
        text=True,
    )
    assert demo.returncode == 0, demo.stderr[-4000:]
    assert "Gdzie obejrzeć dowody" in demo.stdout
    assert (tmp_path / "ranking-2027.xlsx").stat().st_size > 5000
    assert len(list((tmp_path / "raporty").iterdir())) >= 13

    exported = subprocess.run(
        [AUDITOR, "export", "ranking", "--edition", "2027", "--format", "json"],
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    )
    participants = {p["name"]: p for p in json.loads(exported.stdout)["participants"]}
    assert len(participants) == 13
    gmina = {c["id"]: c for c in participants["Urząd Gminy Zielona Dolina"]["criteria"]}
    # Websites were really probed, e-mails really answered, DNS really asked (TEC-11).
    assert gmina["INF-01"]["status"] == "pass", gmina["INF-01"]["explanation"]
    assert gmina["TEC-11"]["status"] == "pass", gmina["TEC-11"]["explanation"]
    assert gmina["EML-LAT"]["status"] in ("pass", "partial"), gmina["EML-LAT"]["explanation"]
    lipowa = {c["id"]: c for c in participants["Wspólnota Mieszkaniowa Lipowa 7"]["criteria"]}
    assert lipowa["TEC-11"]["status"] == "fail", lipowa["TEC-11"]["explanation"]
