"""The main comparison panel: fast redraws that still show exactly what `compare` computes."""

import numpy
import pytest

import adaptive_lr as alr
from adaptive_lr.runner import divergence_expected
from adaptive_lr.widgets import comparison


def step(slider, notches):
    """Move a slider as the keyboard does: `notches` positions (an IntSlider moves by its step)."""
    if hasattr(slider, "index"):
        slider.index = min(max(slider.index + notches, 0), len(slider.options) - 1)
    else:
        slider.value = min(max(slider.value + notches * slider.step, slider.min), slider.max)


def shown_runs(panel):
    """What the figure's moving artists hold now, per method: (path x, path y, loss gap)."""
    race = panel.race
    return {name: (*race.paths[name].get_data(), race.losses[name].get_data()[1]) for name in race.paths}


def fresh_runs(panel):
    """What `compare` gives for the controls' current values, computed from scratch."""
    values = panel.values
    methods = alr.widgets.DEFAULT_METHODS
    optimizers = {name: make(values[name]) for name, (make, *_rest) in methods.items()}
    surface = values["surface"]
    with divergence_expected():
        runs = alr.compare(surface, optimizers, [values["start_x"], values["start_y"]], values["steps"])
    return {name: (run.w[:, 0], run.w[:, 1], alr.plotting.loss_gap(run, surface.minimum))
            for name, run in runs.items()}


def assert_shows_fresh_runs(panel):
    shown, fresh = shown_runs(panel), fresh_runs(panel)
    assert shown.keys() == fresh.keys()
    for name in fresh:
        for got, expected in zip(shown[name], fresh[name], strict=True):
            numpy.testing.assert_allclose(got, expected, rtol=1e-10, atol=0, err_msg=name)


@pytest.fixture
def panel():
    return alr.widgets.comparison_panel(surface=alr.functions.ill_conditioned)


def test_every_move_shows_exactly_the_runs_compare_gives(panel):
    moves = [("gd", 3), ("start_x", 2), ("adam", -4), ("start_y", -12), ("steps", 2), ("rmsprop", 5),
             ("steps", -5), ("adadelta", 7), ("momentum", 9), ("start_x", 25)]
    for name, notches in moves:
        step(panel.controls[name], notches)
        assert_shows_fresh_runs(panel)
    panel.controls["surface"].value = alr.functions.saddle
    assert panel.values["start_x"] == 1.0 and panel.values["start_y"] == 1e-3  # the saddle's own start
    assert_shows_fresh_runs(panel)
    step(panel.controls["adam"], 2)
    assert_shows_fresh_runs(panel)


def test_knob_moves_compute_nothing(panel):
    batches = panel.runs.batches
    for name in alr.widgets.DEFAULT_METHODS:
        for notches in (1, 1, 5, -12):
            step(panel.controls[name], notches)
    assert panel.runs.batches == batches


def test_nearby_starts_compute_nothing(panel):
    batches = panel.runs.batches
    for _ in range(comparison.NEIGHBOURS):
        step(panel.controls["start_x"], 1)
    step(panel.controls["start_y"], -comparison.NEIGHBOURS)  # precomputed from the first start only
    assert panel.runs.batches == batches + 1
    for _ in range(comparison.NEIGHBOURS):
        step(panel.controls["start_y"], 1)
    assert panel.runs.batches == batches + 1
    step(panel.controls["start_y"], 1)  # one position beyond what was precomputed
    assert panel.runs.batches == batches + 2
    assert_shows_fresh_runs(panel)


def test_steps_within_the_horizon_compute_nothing(panel):
    step(panel.controls["steps"], 1)  # 310 steps: runs now reach the next multiple of HORIZON
    batches = panel.runs.batches
    assert panel.runs.horizon == 400
    for notches in (3, 3, -10):
        step(panel.controls["steps"], notches)
    assert panel.runs.batches == batches
    assert_shows_fresh_runs(panel)


def test_the_quick_redraw_paints_what_a_full_redraw_paints(panel):
    for name, notches in [("gd", 2), ("start_x", 1), ("steps", 1), ("adam", -1)]:
        step(panel.controls[name], notches)
    assert panel.blit.full_draws == 1 and panel.blit.partial_draws >= 1
    quick = numpy.asarray(panel.figure.canvas.buffer_rgba()).copy()
    for artist in panel.blit.artists:
        artist.set_animated(False)
    panel.figure.canvas.draw()
    full = numpy.asarray(panel.figure.canvas.buffer_rgba())
    differ = numpy.any(quick != full, axis=-1)
    # Only where a line crosses an axes' frame: a full draw paints the frame over the lines.
    frames = numpy.zeros_like(differ)
    for ax in panel.figure.axes:
        x0, y0, x1, y1 = ax.bbox.extents.round().astype(int)
        height = differ.shape[0]
        for x in (x0, x1):
            frames[height - y1 - 2:height - y0 + 2, x - 2:x + 2] = True
        for y in (height - y0, height - y1):
            frames[y - 2:y + 2, x0 - 2:x1 + 2] = True
    assert not (differ & ~frames).any(), f"{(differ & ~frames).sum()} pixels differ from a full redraw"
    assert differ.sum() < 100


def test_the_figure_changes_when_a_control_moves(panel):
    before = numpy.asarray(panel.figure.canvas.buffer_rgba()).copy()
    step(panel.controls["rmsprop"], 4)
    assert (numpy.asarray(panel.figure.canvas.buffer_rgba()) != before).any()


def test_knob_values_step_by_equal_ratios_through_the_default():
    values = comparison.knob_values(0.05, 1e-4, 1.0)
    assert 0.05 in values and min(values) >= 1e-4 and max(values) <= 1.0
    numpy.testing.assert_allclose(numpy.diff(numpy.log10(values)), 1 / 8)
    assert min(values) / 1e-4 < 10 ** (1 / 8) and 1.0 / max(values) < 10 ** (1 / 8)


def test_start_values_step_evenly_through_the_start():
    values = comparison.start_values(1e-3, -1.5, 1.5)
    assert 1e-3 in values and min(values) >= -1.5 and max(values) <= 1.5
    numpy.testing.assert_allclose(numpy.diff(values), 3.0 / comparison.START_POSITIONS)
    assert len(values) == comparison.START_POSITIONS  # the start is not on the window's grid


def test_grid_slider_labels_tell_every_value_apart():
    values = comparison.start_values(1e-3, -1.5, 1.5)
    slider = comparison.grid_slider("w", values, 1e-3, digits=3)
    labels = [label for label, _ in slider.options]
    assert len(set(labels)) == len(labels)
    assert slider.value == 1e-3


@pytest.mark.parametrize(("low", "high", "limits"), [
    (3e-7, 20.0, (1e-7, 100.0)), (1e-16, 1e-16, (1e-16, 1e-15)), (0.5, 0.5, (0.1, 1.0)),
    (1.0, 10.0, (1.0, 10.0)),
])
def test_decade_limits(low, high, limits):
    assert comparison.decade_limits(low, high) == pytest.approx(limits)


def test_hold_keeps_changes_from_redrawing(panel):
    redraws = panel.redraws
    with panel.hold():
        step(panel.controls["gd"], 1)
        step(panel.controls["adam"], 1)
    assert panel.redraws == redraws
    panel.refresh()
    assert panel.redraws == redraws + 1
    assert_shows_fresh_runs(panel)


def test_a_surface_without_a_known_minimum_is_refused():
    unbounded = alr.functions.quadratic([[1.0, 0.0], [0.0, -1.0]], name="unbounded")
    with pytest.raises(ValueError, match=r"every surface needs a window and a known minimum .* "
                                         r"got <TestFunction unbounded"):
        alr.widgets.comparison_panel(surfaces=[unbounded])
