"""How quickly the main comparison panel redraws after a control moves, against the straightforward redraw.

What is measured
    The panel of lecture 00 (`alr.widgets.comparison_panel`, five methods, 300
    steps, contours with paths and loss curves) on SURFACES. A scripted session
    moves each slider in turn by NOTCHES single positions, as the arrow key
    does: start w_1, start w_2, steps, then each method's knob.

    Candidate: from setting the slider's new value to the PNG the notebook
    shows, in this process: the panel's redraw (runs from its cache, or one
    batched `sweep` when the cache lacks them; only the moving artists
    repainted) and `panel.image()`, the PNG encoding the display update sends.

    Baseline: the straightforward redraw for the same control values: each
    method recomputed by `alr.run` (one autograd call per step and method),
    then the figure rebuilt from scratch (a new figure, contours, paths and
    loss curves by adaptive_lr.plotting, a full draw) and encoded the same way.

    Candidate and baseline alternate move by move, so a slow patch of the
    machine hits both. Before timing, the candidate's drawn runs are checked
    against the baseline's (the script stops with an error if they differ).

Figures
    For each surface: the median candidate time over all moves, and per
    control; how many moves ran a batch (cache misses) and what those cost;
    the median baseline time; the ratio of the medians.

Target
    median candidate time <= 60 ms and ratio >= 4, on every surface.
    Exit status 1 if one is missed.
"""

import gc
import statistics
import sys
import time
import warnings

import numpy

import adaptive_lr as alr
from adaptive_lr.runner import DivergenceWarning
from adaptive_lr.widgets import new_figure

SURFACES = (alr.functions.ill_conditioned, alr.functions.beale)
NOTCHES = 6
TARGET_MS = 60.0
TARGET_RATIO = 4.0


def step(slider):
    if hasattr(slider, "index"):
        slider.index = min(slider.index + 1, len(slider.options) - 1)
    else:
        slider.value = min(slider.value + slider.step, slider.max)


def straightforward(values, methods):
    """Recompute every method alone, rebuild the figure from nothing, encode it: the naive redraw."""
    surface = values["surface"]
    start = [values["start_x"], values["start_y"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        runs = {name: alr.run(surface, make(values[name]), start, values["steps"])
                for name, (make, *_rest) in methods.items()}
    figure, (left, right) = new_figure(columns=2)
    alr.plotting.contour(left, surface)
    left.set_title(surface.name)
    alr.plotting.paths(left, runs)
    alr.plotting.loss_curves(right, runs, minimum=surface.minimum)
    right.set_title("distance to the minimum value")
    figure.canvas.draw()
    return runs, alr.widgets.figure_png(figure)


def check_same_runs(panel, runs):
    race = panel.race
    for name, run in runs.items():
        x, y = race.paths[name].get_data()
        numpy.testing.assert_allclose(x, run.w[:, 0], rtol=1e-10, err_msg=name)
        numpy.testing.assert_allclose(y, run.w[:, 1], rtol=1e-10, err_msg=name)


def session(surface):
    methods = alr.widgets.DEFAULT_METHODS
    panel = alr.widgets.comparison_panel(surface=surface)
    check_same_runs(panel, straightforward(panel.values, methods)[0])
    order = ["start_x", "start_y", "steps", *methods]
    fast, naive, misses = {name: [] for name in order}, [], []
    for name in order:
        for _ in range(NOTCHES):
            gc.collect()
            batches = panel.runs.batches
            start = time.perf_counter()
            step(panel.controls[name])
            panel.image()
            elapsed = 1e3 * (time.perf_counter() - start)
            fast[name].append(elapsed)
            if panel.runs.batches != batches:
                misses.append(elapsed)
            gc.collect()
            start = time.perf_counter()
            runs, _ = straightforward(panel.values, methods)
            naive.append(1e3 * (time.perf_counter() - start))
    check_same_runs(panel, runs)
    return fast, naive, misses


def main():
    print(f"panel_speed: the comparison panel, each slider moved {NOTCHES} positions in turn; "
          "kernel time from a new value to the encoded PNG (milliseconds)")
    passed = True
    for surface in SURFACES:
        fast, naive, misses = session(surface)
        every = [t for times in fast.values() for t in times]
        median, baseline = statistics.median(every), statistics.median(naive)
        ratio = baseline / median
        print(f"  {surface.name}: median {median:.1f} ms per move over {len(every)} moves; "
              f"straightforward {baseline:.0f} ms; ratio {ratio:.1f}x")
        print("    per control (median): " + ", ".join(
            f"{name} {statistics.median(times):.0f}" for name, times in fast.items()))
        if misses:
            print(f"    {len(misses)} moves computed a batch (cache misses): "
                  + ", ".join(f"{t:.0f}" for t in misses) + " ms")
        passed &= median <= TARGET_MS and ratio >= TARGET_RATIO
    print(("PASS" if passed else "FAIL") + f": target median <= {TARGET_MS:.0f} ms and ratio >= "
          f"{TARGET_RATIO:.0f}x on every surface")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
