"""Chromium keeps only the last --disable-features: ours must carry Playwright's list too."""

import re
from pathlib import Path

import playwright

from probes.website.browser import (
    PLAYWRIGHT_DISABLED_FEATURES,
    PLAYWRIGHT_ENABLED_FEATURES,
    launch_args,
)


def _driver_list(name: str) -> set[str]:
    bundle = Path(playwright.__file__).parent / "driver" / "package" / "lib" / "coreBundle.js"
    source = bundle.read_text(encoding="utf-8")
    match = re.search(name + r" = (?:\(\) => )?\[(.*?)\]", source, re.S)
    assert match, f"{name} not found in Playwright's driver"
    body = re.sub(r"//[^\n]*", "", match.group(1))
    return set(re.findall(r'"(\w+)"', body))


def test_our_copy_of_playwrights_feature_lists_matches_the_installed_driver():
    assert _driver_list("disabledFeatures") <= set(PLAYWRIGHT_DISABLED_FEATURES)
    assert _driver_list("enabledFeatures") <= set(PLAYWRIGHT_ENABLED_FEATURES)


def test_one_merged_switch_each_with_playwrights_and_the_operators_features():
    args = launch_args(["--disable-features=Foo", "--enable-features=Bar,Baz", "--mute-audio"])
    disabled = [a for a in args if a.startswith("--disable-features=")]
    enabled = [a for a in args if a.startswith("--enable-features=")]
    assert len(disabled) == 1 and len(enabled) == 1
    disabled_names = disabled[0].split("=", 1)[1].split(",")
    assert {"HttpsUpgrades", "SpareRendererForSitePerProcess", "Foo"} <= set(disabled_names)
    assert len(disabled_names) == len(set(disabled_names))
    assert {"CDPScreenshotNewSurface", "Bar", "Baz"} <= set(enabled[0].split("=", 1)[1].split(","))
    assert "--mute-audio" in args


# Playwright's switches we leave out on purpose: popups stay blocked (a new window would
# escape the guard), and the rest concern Edge, Windows or macOS.
NOT_OURS = {
    "--disable-popup-blocking",
    "--disable-edgeupdater",
    "--disable-updater-scheduler",
    "--edge-skip-compat-layer-relaunch",
    "--do-not-de-elevate",
}


def test_we_launch_with_playwrights_switches_but_its_windows_and_popup_ones():
    bundle = Path(playwright.__file__).parent / "driver" / "package" / "lib" / "coreBundle.js"
    source = bundle.read_text(encoding="utf-8")
    match = re.search(r"chromiumSwitches = \(options\) => \[(.*?)\]\.filter", source, re.S)
    assert match, "chromiumSwitches not found in Playwright's driver"
    body = re.sub(r"//[^\n]*", "", match.group(1))
    theirs = {s for s in re.findall(r'"(--[\w-]+(?:=[^"]*)?)"', body) if "features=" not in s}
    assert len(theirs) > 20
    assert theirs - NOT_OURS <= set(launch_args([]))
    assert not NOT_OURS & set(launch_args([]))
