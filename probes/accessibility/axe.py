"""A thin wrapper running npm axe-core 4.14 in our CDP pages (probes.website.cdp).

axe is added as an init script to the whole browser context, so it is present in every
frame (iframes included) before the site's own scripts, and costs less than an
`evaluate` after load. Results are kept exactly in axe's four buckets; "incomplete" means
a juror must look and is never turned into a violation here.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from probes.website.cdp.connection import CallTimeout

# WCAG 2.1 A/AA is scored; the 2.2 additions (wcag22a/aa, e.g. target-size) are gathered for
# information only: the rubric maps rules to 2.1 success criteria, so they never count.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")
BUCKETS = ("violations", "incomplete", "passes", "inapplicable")
MAX_NODES_PER_RULE = 500  # per rule and page; the rest is counted in `nodesTotal`

# Preload is capped: a broken <video autoplay> otherwise stalls axe for its 10 s default.
# resultTypes: every rule still runs and lands in its bucket, but "passes" keeps one node
# per rule instead of every passing element. Scoring needs only which rules passed; the
# selectors and HTML of thousands of passing nodes were most of axe's time, of the JSON
# through the driver and of the renderer's heap (bench/website_throughput.py).
RUN_SCRIPT = """async ([tags, maxNodes]) => {
  if (typeof axe === 'undefined') return null;
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations', 'incomplete', 'inapplicable'],
    preload: {assets: ['cssom', 'media'], timeout: 3000},
    iframes: true,
  });
  // A page repeating one fault thousands of times keeps the first nodes and the count.
  for (const bucket of ['violations', 'incomplete']) {
    for (const rule of result[bucket]) {
      if (rule.nodes.length > maxNodes) {
        rule.nodesTotal = rule.nodes.length;
        rule.nodes = rule.nodes.slice(0, maxNodes);
      }
    }
  }
  // A node inside a frame has the frame's selector first in its target: it is attributed
  // to that frame's address (of the outermost frame, for frames within frames).
  for (const bucket of ['violations', 'incomplete', 'passes']) {
    for (const rule of result[bucket]) {
      for (const node of rule.nodes) {
        if (Array.isArray(node.target) && node.target.length > 1) {
          let frame = null;
          try { frame = document.querySelector(node.target[0]); } catch (e) {}
          node.frameUrl = frame && frame.src ? frame.src : null;
        }
      }
    }
  }
  return JSON.stringify(result);
}"""


# axe talks to the axe of each child frame by postMessage, by default only within one
# origin: a cross-site frame (a map, a video, a BIP widget) was left out, its faults
# unseen. Every origin is allowed (the results are nobody's secret); each frame's nodes
# are then attributed to the frame's URL by RUN_SCRIPT.
FRAMES_SCRIPT = """
;if (typeof axe !== 'undefined') axe.configure({allowedOrigins: ['<unsafe_all_origins>']});"""


def axe_source_path() -> Path:
    """`<repo>/node_modules/axe-core/axe.min.js`, or AUDITOR_AXE_PATH."""
    override = os.environ.get("AUDITOR_AXE_PATH")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@lru_cache(maxsize=1)
def axe_source() -> str:
    path = axe_source_path()
    if not path.exists():
        raise FileNotFoundError(
            f"brak axe-core w {path}: uruchom `bash scripts/setup.sh` (npm install axe-core)"
        )
    return path.read_text(encoding="utf-8")


def axe_version() -> str:
    package = axe_source_path().parent / "package.json"
    try:
        return json.loads(package.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "unknown"


class AxeRunner:
    """Installs axe into a context and runs it on a page."""

    def __init__(self, tags: tuple[str, ...] = AXE_TAGS) -> None:
        self.tags = list(tags)
        self.version = axe_version()

    async def install(self, context) -> None:
        await context.add_init_script(axe_source() + FRAMES_SCRIPT)

    async def run(self, page, timeout: float | None = None) -> str | None:
        """axe's full result as JSON text (None when axe could not run on this page).

        Past `timeout` seconds axe is stopped in the page and CallTimeout raised: a page
        too heavy for axe in its time is not measured by axe, nothing more."""
        return await page.evaluate(RUN_SCRIPT, [self.tags, MAX_NODES_PER_RULE], timeout)


def axe_not_measured(error: Exception) -> dict:
    """The note kept instead of a result when axe was stopped at its time limit or failed
    on the page (ours: axe not measured there, never the site's fault)."""
    first = (str(error).splitlines() or [""])[0][:300]
    if isinstance(error, CallTimeout):
        detail = f"axe-core nie skończył w wyznaczonym czasie ({first})"
    else:
        detail = f"axe-core nie zadziałał na tej stronie ({first})"
    return {"kind": "not_measured", "detail": detail, "ours": True}


def summarise(result: dict) -> dict:
    """The buckets reduced to rule id, impact and nodes (for `auditor probe accessibility`)."""
    out = {}
    for bucket in BUCKETS:
        out[bucket] = [
            {
                "id": rule.get("id"),
                "impact": rule.get("impact"),
                "nodes": [
                    {
                        "target": node.get("target"),
                        **({"frameUrl": node["frameUrl"]} if "frameUrl" in node else {}),
                        "html": node.get("html"),
                        "impact": node.get("impact"),
                        "failureSummary": node.get("failureSummary"),
                    }
                    for node in rule.get("nodes", [])
                ],
            }
            for rule in result.get(bucket, [])
        ]
    return out
