"""The lecture notebooks: stored clean, linted, executed top to bottom, sliders that redraw."""

import json
import pathlib

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 120  # seconds; a runaway cell fails the test instead of hanging it

# Appended to each executed notebook: move every panel's first slider and see whether the
# figure's pixels change. Runs in the notebook's own kernel, after all its cells.
SLIDER_PROBE = """
import json as _json
import numpy as _np
import adaptive_lr.widgets as _widgets
_report, _seen = [], set()
for _name, _panel in list(globals().items()):
    # IPython's output history (_, __, _3...) holds the same panels again: skip it
    if _name.startswith("_") or not isinstance(_panel, _widgets.Panel) or id(_panel) in _seen:
        continue
    _seen.add(id(_panel))
    if not _panel.sliders:
        continue
    _slider = _panel.sliders[0]
    _before = _np.asarray(_panel.figure.canvas.buffer_rgba()).copy()
    _options = getattr(_slider, "options", None)
    if _options:
        _labels = [o[1] if isinstance(o, tuple) else o for o in _options]
        _slider.value = next(v for v in _labels if v != _slider.value)
    else:
        _slider.value = _slider.min + 0.37 * (_slider.max - _slider.min)
    _after = _np.asarray(_panel.figure.canvas.buffer_rgba())
    _report.append({"panel": _name, "slider": _slider.description,
                    "changed": bool((_before.shape != _after.shape) or (_before != _after).any())})
print(_json.dumps(_report))
"""


def test_there_are_lecture_notebooks():
    assert len(NOTEBOOKS) >= 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, (
                f"{path.name} has outputs; clear them before committing")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_and_its_sliders_redraw(path, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(SLIDER_PROBE))
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()

    images = 0
    for cell in notebook.cells[:-1]:
        for output in cell.get("outputs", []):
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                f"{path.name} wrote to stderr: {output.text[:500]}")
            images += "image/png" in output.get("data", {})
    assert images >= 1, f"{path.name} shows no figure when executed headless"

    report = json.loads(notebook.cells[-1].outputs[-1].text)
    assert report, f"{path.name} creates no panel with a slider"
    for entry in report:
        assert entry["changed"], f"{path.name}: moving {entry['slider']!r} of {entry['panel']} " \
                                 "did not change the figure"
