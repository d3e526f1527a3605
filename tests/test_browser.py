"""The course-map panel in a real browser: JupyterLab, headless Chromium, keys on the sliders.

The other notebook tests drive the panels from Python. This one checks what a student sees:
JupyterLab started here on 127.0.0.1 (a free port, no token), the course map opened in
headless Chromium through Playwright, all its cells run, then sliders moved with the keyboard.
It asserts that every key press changes the slider's readout and the figure's pixels, and
that holding a key down (a burst of changes) does not queue redraws: the kernel redraws fewer
times than there were key presses, and the figure on screen settles on the last value, drawn
exactly as a fresh panel set to that value draws it.

It also measures, in the page, the time from each key press to the changed figure on screen
(the keydown event to the new image decoded and one animation frame later), and prints the
median, min and max and writes them to test-artifacts/browser-latency.json. There is no
wall-clock assert here: benchmarks/browser_latency.py holds the target. A screenshot of the
panel goes to test-artifacts/browser-00-course-map.png, whether the test passes or not.

Chromium comes from the system (Debian: `apt-get install chromium`; another path through
ADAPTIVE_LR_CHROMIUM), never from Playwright's own download. Without Chromium or Playwright
the test is skipped with the reason; with ADAPTIVE_LR_REQUIRE_BROWSER=1 (as .ci/run sets) it
fails instead. The server, its kernels and the browser all run with HOME and the Jupyter,
IPython and XDG directories in pytest's temporary directory, on a copy of the notebook (so the
repository's notebook is never saved with outputs), and are stopped at the end.
"""

import base64
import contextlib
import datetime
import hashlib
import io
import json
import os
import pathlib
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

import numpy
import psutil
import pytest
from jupyter_env import isolated_env
from PIL import Image

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "00-course-map.ipynb"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOT = ARTIFACTS / "browser-00-course-map.png"
LATENCY_FILE = ARTIFACTS / "browser-latency.json"
PANEL_CELL = "panel = alr.widgets.comparison_panel("  # how the main panel's cell begins

# Timeouts are generous because `make test` runs this beside the rest of the suite on every
# core; they exist so that a hang fails with the server's log instead of blocking the run.
SERVER_START = 90  # seconds until /api/status answers
PAGE_READY = 90  # seconds until JupyterLab, the notebook and its kernel are up
RUN_ALL = 180  # seconds for all cells
REDRAW = 30  # seconds for one figure change after a key press
STOP_GRACE = 15  # seconds between terminating a process and killing it

# Playwright adds --headless. No sandbox (CI runs as root), no GPU, shared memory in /tmp rather
# than a container's small /dev/shm, and nothing that reaches out to the network or shows a
# first-run page.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 1000}

# The sliders moved, by their names in panel.controls: a method's knob and a start coordinate
# take LATENCY_PRESSES steps one way and back, one key at a time; the other start coordinate
# takes a burst.
LATENCY_SLIDERS, LATENCY_PRESSES = ("gd", "start_x"), 5
BURST_SLIDER, BURST_PRESSES = "start_y", 25
BURST_INTERVAL = 10  # ms between key-repeat events, a fast keyboard's repeat rate

# JupyterLab would otherwise ask, in a notification over the page, whether to fetch news.
SETTINGS_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


# ---------------------------------------------------------------- what the browser needs

def chromium_or_skip():
    """The Chromium to launch, after checking that it and Playwright are there (skip if not)."""
    required = os.environ.get("ADAPTIVE_LR_REQUIRE_BROWSER") == "1"
    give_up = pytest.fail if required else pytest.skip
    chosen = os.environ.get("ADAPTIVE_LR_CHROMIUM")
    if chosen and not os.access(chosen, os.X_OK):
        pytest.fail(f"ADAPTIVE_LR_CHROMIUM={chosen} is not an executable file")
    path = chosen or shutil.which("chromium")
    if not path:
        give_up("no Chromium installed: apt-get install chromium (Debian), "
                "or set ADAPTIVE_LR_CHROMIUM to a Chromium executable")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        give_up("Playwright for Python is not installed: pip install -e '.[test]'")
    return path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(processes):
    """Terminate, then kill whatever is still running after the grace period."""
    alive = []
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.terminate()
            alive.append(process)
    _, alive = psutil.wait_procs(alive, timeout=STOP_GRACE)
    for process in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()
    psutil.wait_procs(alive, timeout=STOP_GRACE)


@contextlib.contextmanager
def jupyter_lab(base, env):
    """JupyterLab serving a copy of the course map; yields (url of the notebook, server log path).

    Kernels run in sessions of their own (jupyter_client starts them so), so stopping the
    server's process group would miss them: the server is asked to stop first (it shuts its
    kernels down), then its children still alive are stopped by pid. (The test then looks for
    any process at all still running from `base`.)
    """
    notebooks = base / "notebooks"
    notebooks.mkdir()
    shutil.copy(NOTEBOOK, notebooks)
    app_settings = base / "lab-settings"
    app_settings.mkdir()
    (app_settings / "overrides.json").write_text(json.dumps(SETTINGS_OVERRIDES))
    port = free_port()
    log_path = base / "jupyter-lab.log"
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--ServerApp.root_dir={notebooks}", "--allow-root", "--IdentityProvider.token=",
               "--expose-app-in-browser", f"--LabApp.app_settings_dir={app_settings}"]
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, cwd=base, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, start_new_session=True)
    started = psutil.Process(server.pid)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + SERVER_START
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status", timeout=5):
                    break
            except (urllib.error.URLError, OSError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer on {url} within {SERVER_START} s "
                                f"(exit status {server.poll()}); its log:\n{log_path.read_text()}")
                time.sleep(0.2)
        # The overrides must have taken, on keys the schema really has (an unknown key is added
        # to the schema silently): a news notification would cover the page.
        for plugin, defaults in SETTINGS_OVERRIDES.items():
            with urllib.request.urlopen(f"{url}/lab/api/settings/{plugin}", timeout=30) as answer:
                properties = json.load(answer)["schema"]["properties"]
            for key, value in defaults.items():
                assert "title" in properties.get(key, {}) and properties[key]["default"] == value, (
                    f"the settings override {plugin} {key} = {value!r} did not take: {properties.get(key)}")
        yield f"{url}/lab/tree/{NOTEBOOK.name}", log_path
    finally:
        children = []
        with contextlib.suppress(psutil.NoSuchProcess):
            children = started.children(recursive=True)
        stop([started])
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=STOP_GRACE)
        _, children = psutil.wait_procs(children, timeout=STOP_GRACE)
        stop(children)


def running_from(base):
    """The processes, other than this one, whose command line names a path under `base`:
    the server (its root dir), its kernels (their connection files) and Chromium (its profile)."""
    found = []
    for process in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            if process.pid != os.getpid() and process.status() != psutil.STATUS_ZOMBIE and any(
                    str(base) in part for part in process.cmdline()):
                found.append(process)
    return found


def server_log_tail(log_path, lines=60):
    return "\n".join(log_path.read_text(errors="replace").splitlines()[-lines:])


# ---------------------------------------------------------------- in the page

# Installed once the panel is on screen. `keys` gets performance.now() at every keydown, seen
# first (capture phase, on window); `changes` gets performance.now() each time the figure's
# image source changes, once the new image is decoded and one animation frame has passed, i.e.
# when the browser paints it.
INSTRUMENT = """
(cellIndex) => {
  const cell = window.__alrNotebook.content.widgets[cellIndex];
  const area = cell.outputArea.node;
  const image = () => area.querySelector('.jp-RenderedImage img');
  const state = {keys: [], changes: [], src: image() ? image().src : null, cell};
  window.addEventListener('keydown', () => state.keys.push(performance.now()), true);
  new MutationObserver(() => {
    const img = image();
    if (!img || img.src === state.src) return;
    state.src = img.src;
    img.decode().catch(() => {})
      .then(() => requestAnimationFrame(() => state.changes.push(performance.now())));
  }).observe(area, {childList: true, subtree: true, attributes: true, attributeFilter: ['src']});
  window.__alr = state;
}
"""

# Runs code in the notebook's kernel and returns its stdout, or the error it raised. It runs on
# the kernel's main shell, while JupyterLab (4.6, by default) sends widget messages to a subshell
# of their own: such code runs beside the panel's redraws, not after them, and may see a
# control's new value while the redraw for it is still under way.
KERNEL_RUN = """
async ([code, timeoutMs]) => {
  const kernel = window.__alrNotebook.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, silent: false, store_history: false, stop_on_error: false});
  let out = '', error = null;
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') out += msg.content.text;
    if (msg.header.msg_type === 'error') error = msg.content.ename + ': ' + msg.content.evalue;
  };
  const late = new Promise((_, reject) =>
    setTimeout(() => reject(new Error('no reply from the kernel')), timeoutMs));
  await Promise.race([future.done, late]);
  return {out, error};
}
"""

# The kernel's view of the panel: every control's description, where each slider is, the
# number of completed redraws and a digest of the figure's pixels as drawn. A slider's position
# is in the browser's units (noUiSlider's): an index for a SelectionSlider, an exponent for a
# FloatLogSlider, the value for the others; its label is what the readout shows, if known.
PANEL_STATE = """
import hashlib as _hashlib
import json as _json
import math as _math

import ipywidgets as _ipywidgets
import numpy as _numpy


def _alr_digest(_figure):
    _pixels = _numpy.ascontiguousarray(_numpy.asarray(_figure.canvas.buffer_rgba()))
    return [list(_pixels.shape), _hashlib.sha256(_pixels.tobytes()).hexdigest()]


def _alr_slider(_c):
    if isinstance(_c, _ipywidgets.SelectionSlider):
        return {"position": _c.index, "label": _c.label, "value": float(_c.value)}
    if isinstance(_c, _ipywidgets.FloatLogSlider):
        return {"position": _math.log(_c.value, _c.base), "label": None, "value": float(_c.value)}
    if isinstance(_c, (_ipywidgets.FloatSlider, _ipywidgets.IntSlider)):
        return {"position": float(_c.value), "label": None, "value": float(_c.value)}
    return None


print(_json.dumps({
    "descriptions": {_n: _c.description for _n, _c in panel.controls.items()},
    "sliders": {_n: _alr_slider(_c) for _n, _c in panel.controls.items() if _alr_slider(_c)},
    "values": {_n: float(_v) for _n, _v in panel.values.items() if _alr_slider(panel.controls[_n])},
    "redraws": panel.redraws,
    "figure": _alr_digest(panel.figure),
}))
"""

# An observer of one control, registered after the panel's own: traitlets calls observers in
# order and in the thread that set the value, so it runs once the panel has redrawn for that
# value and records what the redraw left, free of the race above.
RECORD = """
_alr_after = []


def _alr_record(_change, _name={name!r}):
    _alr_after.append({{"slider": _alr_slider(panel.controls[_name]), "redraws": panel.redraws,
                        "figure": _alr_digest(panel.figure)}})


panel.controls[{name!r}].observe(_alr_record, names="value")
print(_json.dumps(None))
"""
RECORDED = """print(_json.dumps({"changes": len(_alr_after), "last": _alr_after[-1] if _alr_after else None,
                   "redraws": panel.redraws}))"""
STOP_RECORDING = """panel.controls[{name!r}].unobserve(_alr_record, names="value")
print(_json.dumps(None))"""

# A new panel, never shown, set to the shown panel's values: what a redraw with the final
# values draws, whatever the shown panel drew before.
REPLAY = """
_alr_fresh = alr.widgets.comparison_panel(surface=panel.controls["surface"].value)
for _n, _c in panel.controls.items():
    _alr_fresh.controls[_n].value = _c.value
print(_json.dumps({"shown": _alr_digest(panel.figure), "replayed": _alr_digest(_alr_fresh.figure)}))
del _alr_fresh
"""


def kernel_json(page, code, timeout=REDRAW):
    """Run `code` in the notebook's kernel; the JSON it printed last."""
    answer = page.evaluate(KERNEL_RUN, [code, timeout * 1000])
    assert answer["error"] is None, f"the kernel raised {answer['error']} running:\n{code}"
    return json.loads(answer["out"].strip().splitlines()[-1])


def label_key(text):
    """A slider's description as the browser shows it and as Python holds it, compared alike.

    The browser typesets "start $w_1$" with MathJax, whose text is "start w1".
    """
    return re.sub(r"[\s$\\_{}]", "", text.replace("\u2212", "-"))


def shown_pixels(page):
    """The figure as the browser has it: the PNG in the <img>, decoded to an RGBA array."""
    src = page.evaluate(
        "() => window.__alr.cell.outputArea.node.querySelector('.jp-RenderedImage img').src")
    header, _, data = src.partition(",")
    assert header == "data:image/png;base64", f"the figure is not a PNG data URL: {header[:60]}"
    return numpy.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGBA"))


def digest(pixels):
    return [list(pixels.shape), hashlib.sha256(numpy.ascontiguousarray(pixels).tobytes()).hexdigest()]


def readout_matches(text, slider):
    """Whether a readout shows the kernel's slider: its label exactly, or its value to the digits shown."""
    text = text.strip().replace("\u2212", "-")
    if slider["label"] is not None:
        return text == slider["label"]
    mantissa, _, exponent = text.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    half_unit = 0.5 * 10.0 ** (int(exponent or 0) - decimals)
    return abs(float(text) - slider["value"]) <= half_unit * (1 + 1e-9)


def handle(row):
    """A slider's handle as the browser has it: position, step and range in noUiSlider's units."""
    return row.locator(".noUi-target").evaluate(
        """(target) => {
          const slider = target.noUiSlider;
          return {position: Number(slider.get(true)), step: Number(slider.options.step),
                  min: Number(slider.options.range.min), max: Number(slider.options.range.max)};
        }""")


def direction(place, presses):
    """The arrow key that moves a handle `presses` steps and stays in its range, or None."""
    if place["position"] + presses * place["step"] <= place["max"] + 1e-9 * place["step"]:
        return "ArrowRight"
    if place["position"] - presses * place["step"] >= place["min"] - 1e-9 * place["step"]:
        return "ArrowLeft"
    return None


def wait_until(condition, timeout, message, interval=0.1):
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(message())
        time.sleep(interval)


def open_and_run(page, url):
    """Open the notebook, wait for its kernel, run all cells; the index of the panel's cell."""
    page.goto(url)
    page.wait_for_function(
        """(name) => {
          const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
          if (!widget || !widget.sessionContext || widget.context?.path !== name) return false;
          window.__alrNotebook = widget;
          widget.sessionContext.ready.then(() => { window.__alrSessionReady = true; });
          return true;
        }""", arg=NOTEBOOK.name, timeout=PAGE_READY * 1000)
    # The status bar says "idle" before the kernel is connected: wait on the session itself.
    page.wait_for_function(
        """() => {
          const kernel = window.__alrSessionReady && window.__alrNotebook.sessionContext.session?.kernel;
          return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
        }""", timeout=PAGE_READY * 1000)
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    # Done when the kernel is idle with no cell running, and either every code cell has run or
    # one failed (JupyterLab then drops the cells queued after it, which would never run).
    page.wait_for_function(
        """() => {
          const notebook = window.__alrNotebook;
          const code = notebook.content.widgets.filter((cell) => cell.model.type === 'code');
          const failed = code.some(
            (cell) => cell.model.outputs.toJSON().some((o) => o.output_type === 'error'));
          const running = code.some((cell) => cell.model.executionState === 'running'
                                               || (cell.promptNode?.textContent ?? '').includes('*'));
          return notebook.sessionContext.session.kernel.status === 'idle' && !running
            && (failed || code.every((cell) => cell.model.executionCount !== null));
        }""", timeout=RUN_ALL * 1000, polling=200)
    errors = page.evaluate(
        """() => window.__alrNotebook.content.widgets.flatMap((cell, index) =>
             cell.model.type !== 'code' ? [] : cell.model.outputs.toJSON()
               .filter((output) => output.output_type === 'error')
               .map((output) => `cell ${index}: ${output.ename}: ${output.evalue}`))""")
    assert not errors, "cells raised errors in the browser:\n" + "\n".join(errors)
    index = page.evaluate(
        "(start) => window.__alrNotebook.content.widgets.findIndex("
        "(cell) => cell.model.sharedModel.getSource().startsWith(start))", PANEL_CELL)
    assert index >= 0, f"no cell starting with {PANEL_CELL!r} in {NOTEBOOK.name}"
    return index


def show_panel(page, index):
    """Scroll the panel's cell to the top of the notebook, so the sliders and figure are on screen."""
    page.evaluate(
        """async (index) => {
          const notebook = window.__alrNotebook.content;
          notebook.activeCellIndex = index;
          await notebook.scrollToItem(index, 'start');
          notebook.widgets[index].node.scrollIntoView({block: 'start'});
        }""", index)


def slider_row(page, index, description):
    """The ipywidgets slider row (label, noUiSlider, readout) whose label shows `description`."""
    page.evaluate(
        """(index) => {
          const cell = window.__alrNotebook.content.widgets[index];
          for (const row of cell.node.querySelectorAll('.widget-slider')) {
            const label = row.querySelector('.widget-label');
            const text = label ? label.textContent : '';
            row.dataset.alrLabel = text.replace(/[\\s$\\\\_{}]/g, '').replace('\\u2212', '-');
          }
        }""", index)
    row = page.locator(f'[data-alr-label="{label_key(description)}"]')
    labels = page.locator("[data-alr-label]").evaluate_all("rows => rows.map((r) => r.dataset.alrLabel)")
    assert row.count() == 1, f"{row.count()} slider rows labelled {description!r}; labels: {labels}"
    return row


# ---------------------------------------------------------------- the test

def test_course_map_sliders_redraw_in_a_real_browser(tmp_path):
    chromium = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    env = isolated_env(tmp_path / "home")
    profile = tmp_path / "chromium-profile"  # a fresh one
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        with jupyter_lab(tmp_path, env) as (url, log_path), sync_playwright() as playwright:
            browser = playwright.chromium.launch_persistent_context(
                profile, executable_path=chromium, headless=True, args=CHROMIUM_ARGS, env=env,
                viewport=VIEWPORT)
            try:
                page = browser.pages[0] if browser.pages else browser.new_page()
                page.set_default_timeout(PAGE_READY * 1000)
                page_errors = []
                page.on("pageerror", lambda error: page_errors.append(str(error)))
                try:
                    exercise_panel(page, url, chromium, browser.browser.version if browser.browser else "")
                except BaseException:
                    # pytest shows a failed test's output: what the page and the server said.
                    print(f"page errors: {page_errors}\nJupyterLab log (tail):\n{server_log_tail(log_path)}")
                    raise
                finally:
                    with contextlib.suppress(Exception):
                        page.screenshot(path=SCREENSHOT)
            finally:
                browser.close()
    finally:
        # Everything started here has been stopped (Playwright closed its browser, the server its
        # kernels); whatever still runs from tmp_path was missed, and is stopped now.
        _, left = psutil.wait_procs(running_from(tmp_path), timeout=STOP_GRACE)
        described = [f"{process.pid} {process.name()}" for process in left]
        stop(left)
        assert not left, f"processes left running after the test: {described}"


def exercise_panel(page, url, chromium, version):
    index = open_and_run(page, url)
    show_panel(page, index)
    page.wait_for_selector(".jp-RenderedImage img", timeout=REDRAW * 1000)
    state = kernel_json(page, PANEL_STATE)
    page.evaluate(INSTRUMENT, index)
    rows = {name: slider_row(page, index, state["descriptions"][name])
            for name in (*LATENCY_SLIDERS, BURST_SLIDER)}

    def counts():
        return page.evaluate("() => [window.__alr.changes.length, window.__alr.keys.length]")

    def press(name, key):
        """One key press on a slider, then wait for the figure to change; the latency in ms."""
        changes, keys = counts()
        rows[name].locator(".noUi-handle").focus()
        page.keyboard.press(key)
        page.wait_for_function("(n) => window.__alr.changes.length > n", arg=changes, timeout=REDRAW * 1000)
        latency = page.evaluate("([c, k]) => window.__alr.changes[c] - window.__alr.keys[k]", [changes, keys])
        # The next press waits until the kernel has finished with this one (ipywidgets sends no new
        # value before), so each latency is that of one change alone.
        page.wait_for_function("() => window.__alrNotebook.sessionContext.session.kernel.status === 'idle'",
                               timeout=REDRAW * 1000)
        return latency

    # -------- one key at a time: the readout and the figure's pixels change; latency measured
    latencies = []
    pixels = shown_pixels(page)
    for name in LATENCY_SLIDERS:
        there = direction(handle(rows[name]), LATENCY_PRESSES)
        assert there, f"{name!r} has no room for {LATENCY_PRESSES} steps either way"
        back = "ArrowLeft" if there == "ArrowRight" else "ArrowRight"
        for key in [there] * LATENCY_PRESSES + [back] * LATENCY_PRESSES:  # there and back
            readout = rows[name].locator(".widget-readout")
            before = readout.inner_text()
            latencies.append(press(name, key))
            after = readout.inner_text()
            assert after != before, f"{key} on {name!r}: the readout stayed at {before!r}"
            new_pixels = shown_pixels(page)
            assert new_pixels.shape != pixels.shape or (new_pixels != pixels).any(), (
                f"{key} on {name!r} (readout {before} -> {after}): the figure's pixels did not change")
            pixels = new_pixels
    moved = kernel_json(page, PANEL_STATE)
    assert digest(pixels) == moved["figure"], "the browser does not show the figure the kernel drew last"

    # -------- a burst: the key held down
    row = rows[BURST_SLIDER]
    place = handle(row)
    key = direction(place, BURST_PRESSES)
    assert key, f"{BURST_SLIDER!r} has no room for {BURST_PRESSES} steps either way"
    final = place["position"] + (1 if key == "ArrowRight" else -1) * BURST_PRESSES * place["step"]
    readout_before = row.locator(".widget-readout").inner_text()
    kernel_json(page, RECORD.format(name=BURST_SLIDER))
    changes_before, keys_before = counts()
    row.locator(".noUi-handle").focus()
    for _ in range(BURST_PRESSES):
        page.keyboard.down(key)  # a key already down: repeat events, as a held key sends
        page.wait_for_timeout(BURST_INTERVAL)
    page.keyboard.up(key)
    keys = page.evaluate("(k) => window.__alr.keys.slice(k)", keys_before)
    assert len(keys) == BURST_PRESSES, f"{len(keys)} keydown events for {BURST_PRESSES} key presses"
    # The browser has the final position at once; only the kernel's side can lag.
    tolerance = 1e-6 * place["step"]
    assert abs(handle(row)["position"] - final) <= tolerance, (
        f"the handle is at {handle(row)['position']} after {BURST_PRESSES} steps from {place['position']}, "
        f"expected {final}")
    readout = row.locator(".widget-readout").inner_text()
    assert readout != readout_before, f"the readout stayed at {readout!r} through the burst"

    def settled():
        """The kernel's record once it has redrawn for the final position and the browser shows that."""
        now = kernel_json(page, RECORDED)
        last = now["last"]
        if last and abs(last["slider"]["position"] - final) <= tolerance:
            return now if digest(shown_pixels(page)) == last["figure"] else None
        return None

    done = wait_until(settled, 2 * REDRAW, lambda: (
        f"the figure never settled on {BURST_SLIDER} at position {final} after the burst; "
        f"the kernel's record: {kernel_json(page, RECORDED)}"))
    shown_changes = page.evaluate("(c) => window.__alr.changes.slice(c)", changes_before)
    # Nothing is left queued: a while later there is no further change and no further redraw.
    page.wait_for_timeout(500)
    later = kernel_json(page, RECORDED)
    kernel_json(page, STOP_RECORDING.format(name=BURST_SLIDER))
    assert later == done, f"the panel went on after it had settled on the final value: {done} then {later}"
    assert page.evaluate("() => window.__alr.changes.length") == changes_before + len(shown_changes), (
        "the figure on screen went on changing after it had settled on the final value")
    redraws = done["last"]["redraws"] - moved["redraws"]
    assert shown_changes, "the figure on screen never changed during the burst"
    # ipywidgets' frontend keeps at most one update per widget in flight and, when it returns,
    # sends only the latest value. So a held key makes fewer redraws than key repeats as long as
    # one round trip (to the kernel, a redraw, the PNG back) outlasts the interval between
    # repeats: a few times over here, where a single press takes 50 ms or more.
    assert 1 <= redraws < BURST_PRESSES, (
        f"{BURST_PRESSES} changes in a burst made {redraws} redraws: the changes were queued, not coalesced")
    slider = done["last"]["slider"]
    assert readout_matches(readout, slider), f"the readout shows {readout!r}, the kernel's slider: {slider}"
    value_used = kernel_json(page, PANEL_STATE)["values"][BURST_SLIDER]
    assert value_used == slider["value"], (
        f"panel.values has {BURST_SLIDER} = {value_used}, its slider: {slider}")
    replay = kernel_json(page, REPLAY)
    assert replay["shown"] == replay["replayed"] == done["last"]["figure"], (
        "the panel's last redraw did not use the final values: its figure differs from a fresh panel's")
    settle_ms = shown_changes[-1] - keys[-1]

    # -------- report
    show_panel(page, index)
    summary = {
        "measured": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "chromium": f"{chromium} {version}".strip(),
        "presses": len(latencies),
        "median_ms": round(statistics.median(latencies), 1),
        "min_ms": round(min(latencies), 1),
        "max_ms": round(max(latencies), 1),
        "latencies_ms": [round(value, 1) for value in latencies],
        "burst": {"slider": BURST_SLIDER, "presses": BURST_PRESSES, "interval_ms": BURST_INTERVAL,
                  "changes_received": done["changes"], "redraws": redraws,
                  "figure_changes_shown": len(shown_changes),
                  "settled_ms_after_last_key": round(settle_ms, 1)},
    }
    LATENCY_FILE.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\nkey press -> changed figure on screen, {len(latencies)} presses on "
          f"{' and '.join(LATENCY_SLIDERS)}: median {summary['median_ms']} ms "
          f"(min {summary['min_ms']}, max {summary['max_ms']})")
    print(f"burst of {BURST_PRESSES} key repeats on {BURST_SLIDER} ({BURST_INTERVAL} ms apart): "
          f"the kernel received {done['changes']} changes and redrew {redraws} times; "
          f"the figure settled on the last value {settle_ms:.0f} ms after the last key press")
