"""What one rendered page yields: timings, links by region, title, lang, text.

The performance observers are installed by an init script under a per-run random
property name, so nothing a site can see names an audit.
"""

from __future__ import annotations

import secrets

METRICS_KEY = "__pm" + secrets.token_hex(4)

METRICS_INIT_SCRIPT = (
    """(() => {
  const m = {lcp: null, cls: 0};
  Object.defineProperty(window, '__KEY__', {value: m, enumerable: false});
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) m.lcp = e.startTime;
    }).observe({type: 'largest-contentful-paint', buffered: true});
  } catch (e) {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) m.cls += e.value;
    }).observe({type: 'layout-shift', buffered: true});
  } catch (e) {}
})();"""
).replace("__KEY__", METRICS_KEY)

# A hostile or broken page can hold hundreds of MB of markup; what we keep of it is capped
# in the page, so neither the driver nor we ever hold more (the cut is recorded).
MAX_HTML_CHARS = 4_000_000
MAX_TEXT_CHARS = 1_000_000

# One evaluate per page: everything the artifact needs from the DOM, the HTML included
# (serialised as page.content() does: doctype + outerHTML).
EXTRACT_SCRIPT = (
    """async ([maxHtml, maxText]) => {
  const m = window['__KEY__'] || {lcp: null, cls: null};
  if (m.lcp === null) {
    // LCP entries reach observers asynchronously; give a buffered observer one moment.
    await new Promise((resolve) => {
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) m.lcp = e.startTime;
          resolve();
        }).observe({type: 'largest-contentful-paint', buffered: true});
      } catch (e) { resolve(); }
      setTimeout(resolve, 60);
    });
  }
  const nav = performance.getEntriesByType('navigation')[0];
  const round = (x) => (x === null || x === undefined || x <= 0) ? null : Math.round(x);
  let bytes = 0;
  if (nav) bytes += nav.transferSize || nav.encodedBodySize || 0;
  for (const r of performance.getEntriesByType('resource')) bytes += r.transferSize || 0;
  const regionOf = (el) => {
    // Innermost meaning first: a footer's links are "footer" even inside a <nav>.
    if (el.closest('footer,[role=contentinfo]')) return 'footer';
    if (el.closest('nav,[role=navigation]')) return 'nav';
    if (el.closest('header,[role=banner]')) return 'header';
    if (el.closest('main,[role=main],article')) return 'main';
    return 'other';
  };
  const links = [];
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    let text = (a.innerText || a.textContent || '').replace(/\\s+/g, ' ').trim();
    if (!text) {
      const img = a.querySelector('img[alt]');
      text = a.getAttribute('aria-label') || (img && img.getAttribute('alt')) || a.getAttribute('title') || '';
    }
    links.push({href: a.href, text: text.slice(0, 300), region: regionOf(a)});
  }
  for (const f of document.querySelectorAll('iframe[src], frame[src]')) {
    links.push({href: f.src, text: f.title || '', region: regionOf(f), frame: true});
  }
  const scripts = Array.from(document.scripts).map((s) => s.src).filter(Boolean);
  let html = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '';
  if (document.documentElement) html += document.documentElement.outerHTML;
  const text = document.body ? document.body.innerText : '';
  return {
    title: document.title || '',
    // A page stopped at its size cap may have no element yet.
    lang: document.documentElement ? document.documentElement.getAttribute('lang') : null,
    html: html.slice(0, maxHtml),
    html_chars: html.length,
    text: text.slice(0, maxText),
    text_chars: text.length,
    links,
    scripts,
    timings: nav ? {
      ttfb_ms: round(nav.responseStart),
      dcl_ms: round(nav.domContentLoadedEventEnd),
      load_ms: round(nav.loadEventEnd),
      lcp_ms: round(m.lcp),
      cls: m.cls === null ? null : Math.round(m.cls * 10000) / 10000,
    } : {ttfb_ms: null, dcl_ms: null, load_ms: null, lcp_ms: round(m.lcp), cls: m.cls},
    bytes,
  };
}"""
).replace("__KEY__", METRICS_KEY)

HORIZONTAL_SCROLL_SCRIPT = (
    "() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
)

# Accessibility overlays: logged (TEC-12), never credited.
OVERLAY_MARKERS = (
    "userway",
    "acsbapp",
    "accessibe",
    "equalweb",
    "nagich",
    "eye-able",
    "audioeye",
    "reciteme",
    "recite.me",
    "userway.org",
    "enable.co.il",
    "max-access",
    "accessibilityservice",
    "onlineacces",
    "skip-to-content-widget",
    "poprawiacz",
)


def overlay_scripts(script_urls: list[str]) -> list[str]:
    return [u for u in script_urls if any(marker in u.lower() for marker in OVERLAY_MARKERS)]
