import json
import os
import pathlib
import time

from hypothesis import HealthCheck, settings

# CI runs the same examples every time, so a red build is reproducible.
settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


# The browser test measures the latency a student feels; under pytest-xdist its own output is
# hidden, so the session's summary repeats the figures it wrote (the target is checked by
# benchmarks/browser_latency.py, never by a test).
_LATENCY = pathlib.Path(__file__).resolve().parents[1] / "test-artifacts" / "browser-latency.json"
_SESSION_START = time.time()


def pytest_terminal_summary(terminalreporter):
    if not _LATENCY.exists() or _LATENCY.stat().st_mtime < _SESSION_START:
        return
    figures = json.loads(_LATENCY.read_text())
    burst = figures.get("burst", {})
    terminalreporter.write_line(
        f"browser latency, key press to changed figure on screen ({figures['presses']} presses): "
        f"median {figures['median_ms']:.0f} ms, min {figures['min_ms']:.0f}, max {figures['max_ms']:.0f}; "
        f"held key: {burst.get('presses')} repeats made {burst.get('redraws')} redraws, settled "
        f"{burst.get('settled_ms_after_last_key', float('nan')):.0f} ms after the last key")
