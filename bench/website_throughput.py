"""Throughput benchmark: our website probe vs pa11y-ci on the same generated corpus.

    .venv/bin/python bench/website_throughput.py [--sites 12] [--pages-per-site 30] [--guarded]

Serves ≥300 realistic pages across ≥10 sites on distinct loopback hosts (bench/corpus.py,
in its own process), then, in the same run:
  * ours: `probe_websites` over every site with the default politeness (2 in flight per
    host, 0.25 s delay), axe-core on every page, our information capture (HTML, text,
    links, timings) and key-page screenshots (desktop + mobile), link checks;
  * with --guarded, ours again with the SSRF guard on as in production (the corpus hosts
    exempt): every request paused for the check, every connection through the pinning proxy;
  * pa11y-ci 4 (axe runner) at concurrency 1, 2 and 4 on the URL list our crawl visited.
Reports pages per minute (wall time of the whole tool process, start-up included) and
peak PSS summed over the tool's whole process tree (sampled from /proc/*/smaps_rollup).
pa11y-ci is installed with npm into --pa11y-dir on first use (PUPPETEER_SKIP_DOWNLOAD=1).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from probes.website.browser import BASE_CHROMIUM_ARGS  # noqa: E402

PA11Y_VERSION = "4.1.1"


# ---------------------------------------------------------------- memory


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def tree_pss_kb(root: int) -> int:
    """PSS of `root` and all its descendants, in kB."""
    tree = _children()
    stack, total = [root], 0
    while stack:
        pid = stack.pop()
        stack.extend(tree.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            pass
    return total


def run_measured(cmd: list[str], env: dict | None = None, cwd: str | None = None) -> dict:
    """Run `cmd`, sampling its process tree's PSS; wall time, peak PSS, stdout."""
    started = time.monotonic()
    process = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd, text=True
    )
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_pss_kb(process.pid))
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    stop.set()
    sampler.join()
    return {
        "seconds": time.monotonic() - started,
        "peak_pss_mb": peak / 1024,
        "stdout": out,
        "stderr": err,
        "returncode": process.returncode,
    }


# ---------------------------------------------------------------- ours (child process)


class DiskSink:
    """Blobs written to disk by hash (as the evidence store does), none kept in memory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def put(self, data: bytes, media_type: str, producer: str) -> str:
        digest = hashlib.sha256(data).hexdigest()
        path = self.root / digest[:2] / digest
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return digest


def ours_child(sites: list[str], blob_dir: str, screenshots: str) -> None:
    sites_in_flight = int(os.environ.get("BENCH_SITES_IN_FLIGHT", "0")) or None
    sys.path.insert(0, str(ROOT))
    from probes.website.crawler import ProbeSettings, probe_websites

    if os.environ.get("BENCH_GUARDED"):
        # The guard on, as in production: the corpus hosts are exempt "public" addresses,
        # so every request pauses for the check and every connection crosses the proxy.
        hosts = tuple(sorted({urlsplit(site).hostname for site in sites}))
        settings = ProbeSettings(
            allow_private_networks=False, exempt_addresses=hosts, screenshots=screenshots
        )
    else:
        settings = ProbeSettings(allow_private_networks=True, screenshots=screenshots)
    artifacts = asyncio.run(
        probe_websites(sites, DiskSink(Path(blob_dir)), settings, concurrency_sites=sites_in_flight)
    )
    pages = [p for a in artifacts for p in a["pages"]]
    print(
        json.dumps(
            {
                "pages": len(pages),
                "with_axe": sum(1 for p in pages if p.get("axe_blob")),
                "screenshots_desktop": sum(1 for p in pages if p.get("screenshot_desktop")),
                "screenshots_mobile": sum(1 for p in pages if p.get("screenshot_mobile")),
                "urls": [p["url"] for p in pages if p.get("status") == 200],
                "outcomes": [a["outcome"] for a in artifacts],
            }
        )
    )


def run_ours(
    sites: list[str], tmp: str, screenshots: str, guarded: bool = False
) -> tuple[dict, list[str]]:
    env = {**os.environ, **({"BENCH_GUARDED": "1"} if guarded else {})}
    blobs = Path(tmp) / ("blobs-guarded" if guarded else "blobs")
    run = run_measured(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--ours-child",
            json.dumps(sites),
            str(blobs),
            screenshots,
        ],
        env=env,
        cwd=ROOT,
    )
    if run["returncode"] != 0:
        raise SystemExit(run["stderr"][-3000:])
    facts = json.loads(run["stdout"].strip().splitlines()[-1])
    return {
        "pages": facts["pages"],
        "pages_with_axe": facts["with_axe"],
        "screenshots_desktop": facts["screenshots_desktop"],
        "screenshots_mobile": facts["screenshots_mobile"],
        "seconds": round(run["seconds"], 1),
        "pages_per_minute": round(facts["with_axe"] / run["seconds"] * 60, 1),
        "peak_pss_mb": round(run["peak_pss_mb"], 1),
    }, facts["urls"]


# ---------------------------------------------------------------- pa11y-ci


def ensure_pa11y(directory: Path) -> Path:
    binary = directory / "node_modules" / ".bin" / "pa11y-ci"
    if not binary.exists():
        directory.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
        subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(directory),
                f"pa11y-ci@{PA11Y_VERSION}",
            ],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
    return binary


def run_pa11y(binary: Path, urls: list[str], concurrency: int, workdir: Path) -> dict:
    config = {
        "defaults": {
            "concurrency": concurrency,
            "runners": ["axe"],
            "timeout": 60000,
            "useIncognitoBrowserContext": False,
            "chromeLaunchConfig": {
                "executablePath": "/usr/bin/chromium",
                "args": BASE_CHROMIUM_ARGS,
            },
        },
        "urls": urls,
    }
    path = workdir / f"pa11y-{concurrency}.json"
    path.write_text(json.dumps(config))
    result = run_measured([str(binary), "--config", str(path), "--json"])
    try:
        report = json.loads(result["stdout"])
        result["pages"] = report.get("total", len(urls))
        result["passes_or_issues"] = report.get("passes", 0) + len(
            [u for u, issues in report.get("results", {}).items() if issues]
        )
        result["errors"] = report.get("errors", 0)
    except ValueError:
        result["pages"] = 0
    return result


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=12)
    parser.add_argument("--pages-per-site", type=int, default=30)
    parser.add_argument("--pa11y-dir", default=str(Path(tempfile.gettempdir()) / "auditor-pa11y"))
    parser.add_argument("--screenshots", default="key", choices=("key", "all", "none"))
    parser.add_argument("--skip-pa11y", action="store_true")
    parser.add_argument(
        "--guarded",
        action="store_true",
        help="ours with the SSRF guard on (Fetch checks and the pinning proxy)",
    )
    parser.add_argument(
        "--ours-child", nargs=3, metavar=("SITES_JSON", "BLOB_DIR", "SHOTS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.ours_child:
        ours_child(json.loads(args.ours_child[0]), args.ours_child[1], args.ours_child[2])
        return

    server = subprocess.Popen(
        [sys.executable, "-m", "bench.corpus", str(args.sites), str(args.pages_per_site)],
        stdout=subprocess.PIPE,
        stdin=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    corpus = json.loads(server.stdout.readline())
    print(f"korpus: {len(corpus['urls'])} stron na {len(corpus['sites'])} hostach", file=sys.stderr)
    report: dict = {
        "corpus_pages": len(corpus["urls"]),
        "sites": len(corpus["sites"]),
        "cores": len(os.sched_getaffinity(0)),
    }
    try:
        with tempfile.TemporaryDirectory() as tmp:
            report["ours"], urls = run_ours(corpus["sites"], tmp, args.screenshots)
            print(f"nasze: {report['ours']}", file=sys.stderr)
            if args.guarded:
                report["ours_guarded"], _ = run_ours(
                    corpus["sites"], tmp, args.screenshots, guarded=True
                )
                print(f"nasze ze strażnikiem: {report['ours_guarded']}", file=sys.stderr)
            if not args.skip_pa11y:
                binary = ensure_pa11y(Path(args.pa11y_dir))
                report["pa11y_ci"] = {}
                for concurrency in (1, 2, 4):
                    run = run_pa11y(binary, urls, concurrency, Path(tmp))
                    report["pa11y_ci"][concurrency] = {
                        "pages": run["pages"],
                        "seconds": round(run["seconds"], 1),
                        "pages_per_minute": round(run["pages"] / run["seconds"] * 60, 1),
                        "peak_pss_mb": round(run["peak_pss_mb"], 1),
                        "exit_code": run["returncode"],
                    }
                    print(
                        f"pa11y-ci c={concurrency}: {report['pa11y_ci'][concurrency]}",
                        file=sys.stderr,
                    )
                best = max(report["pa11y_ci"].values(), key=lambda r: r["pages_per_minute"])
                peak = max(r["peak_pss_mb"] for r in report["pa11y_ci"].values())
                report["ratios"] = {
                    "speed_vs_best_pa11y": round(
                        report["ours"]["pages_per_minute"] / best["pages_per_minute"], 2
                    ),
                    "memory_vs_best_pa11y_run": round(
                        report["ours"]["peak_pss_mb"] / best["peak_pss_mb"], 2
                    ),
                    "memory_vs_pa11y_peak": round(report["ours"]["peak_pss_mb"] / peak, 2),
                    "target": "speed ≥ 1.5, memory ≤ 0.75",
                }
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
