import asyncio
import os
import signal
from pathlib import Path

import pytest

from demo.sites import DemoWorld
from probes.evidence import MemorySink
from probes.website.crawler import ProbeSettings, probe_website, probe_websites


@pytest.fixture(scope="session")
def world():
    with DemoWorld() as demo:
        yield demo


@pytest.fixture(scope="session")
def crawled(world):
    """The demo sites probed once with one browser (private networks allowed: loopback)."""
    keys = [
        "gmina",
        "powiat",
        "wodociagi",
        "wspolnota",
        "pulapka",
        "windows-1250",
        "spa",
        "awaria-5xx",
        "pdf-glowna",
    ]
    sink = MemorySink()
    settings = ProbeSettings(allow_private_networks=True, time_budget_s=90)
    artifacts = asyncio.run(probe_websites([world.urls[k] for k in keys], sink, settings))
    return sink, dict(zip(keys, artifacts, strict=True))


def run_probe(url: str, emails: list[str] | None = None, **settings) -> tuple[MemorySink, dict]:
    sink = MemorySink()
    artifact = asyncio.run(probe_website(url, sink, ProbeSettings(**settings), emails=emails))
    return sink, artifact


def chromium_browser_pids() -> list[int]:
    """Our Chromium browser processes (not their renderers): descendants of this process."""
    me = os.getpid()
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        commands[int(entry.name)] = cmdline

    def descends(pid: int) -> bool:
        seen = 0
        while pid > 1 and seen < 50:
            pid = parents.get(pid, 0)
            if pid == me:
                return True
            seen += 1
        return False

    return [
        pid
        for pid, cmd in commands.items()
        if "chromium" in cmd and "--type=" not in cmd and descends(pid)
    ]


def kill_browser() -> int:
    pids = chromium_browser_pids()
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    return len(pids)
