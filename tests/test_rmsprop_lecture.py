"""The RMSProp lecture (notebooks/05-rmsprop.ipynb): its plots, panels, claims and quiz answers."""

import numpy
import pytest
from matplotlib.figure import Figure

import adaptive_lr as alr
import adaptive_lr.widgets.rmsprop as panels
from adaptive_lr import quiz
from adaptive_lr.plotting import rmsprop as plots
from adaptive_lr.widgets.adagrad import wall_start

QUESTIONS = quiz._collect()
BOWL = alr.functions.ill_conditioned
VALLEY = alr.functions.rotated
ALONG = numpy.array([1.0, 1.0]) / numpy.sqrt(2)
ACROSS = numpy.array([-1.0, 1.0]) / numpy.sqrt(2)
FLOOR_START = VALLEY.minimizer - 2 * ALONG


@pytest.fixture
def ax():
    return Figure().subplots()  # not pyplot: nothing to close, nothing shown


def _pixels(panel):
    return numpy.asarray(panel.figure.canvas.buffer_rgba()).copy()


def _annealing_runs():
    """The five runs of the last question, all from the bowl's start for 3000 steps."""
    runs = {
        "a": alr.rmsprop(0.01),
        "b": alr.rmsprop(0.0005),
        "c": alr.rmsprop(alr.schedules.step_decay(0.01, 0.1, 1000)),
        "d": alr.adagrad(0.01),
        "e": alr.adagrad(1.0),
    }
    return alr.compare(BOWL, runs, BOWL.start, 3000)


# --- the moving average -------------------------------------------------------------------------

def test_average_weights_are_what_the_optimizer_accumulates():
    rho = 0.9
    gradients = numpy.random.default_rng(0).normal(size=(25, 3))
    optimizer = alr.rmsprop(0.01, rho=rho)
    state = optimizer.init(numpy.zeros(3))
    for g in gradients:
        state = optimizer.update(g, state).state
    weights = plots.average_weights(rho, len(gradients))
    unrolled = weights @ (gradients[::-1] ** 2)  # weight k goes to the gradient of k steps ago
    numpy.testing.assert_allclose(state.v, unrolled, rtol=1e-12)
    numpy.testing.assert_allclose(weights.sum(), 1 - rho**25)


def test_average_weights_refuse_a_bad_rho_or_horizon():
    with pytest.raises(ValueError, match=r"rho must be in \[0, 1\), got 1.0"):
        plots.average_weights(1.0, 10)
    with pytest.raises(ValueError, match="horizon must be a positive integer"):
        plots.average_weights(0.9, 0)


def test_memory_weights_draw_one_curve_and_one_memory_mark_per_rho(ax):
    plots.memory_weights(ax, [0.5, 0.9, 0.99], horizon=200)
    curves = [line for line in ax.lines if len(line.get_xdata()) == 200]
    marks = [line for line in ax.lines if len(line.get_xdata()) == 2]
    assert len(curves) == 3 and len(marks) == 3
    numpy.testing.assert_allclose(curves[1].get_ydata(), 0.1 * 0.9 ** numpy.arange(200))
    numpy.testing.assert_allclose(sorted(mark.get_xdata()[0] for mark in marks), [2, 10, 100])


def test_distance_curves_measure_to_the_nearest_minimiser(ax):
    himmelblau = alr.functions.himmelblau
    path = alr.run(himmelblau, alr.rmsprop(0.01), himmelblau.start, 50)
    plots.distance_curves(ax, {"rmsprop": path}, himmelblau)
    expected = [himmelblau.distance_to_minimizer(w) for w in path.w]
    numpy.testing.assert_allclose(ax.lines[0].get_ydata(), expected)


def test_distance_curves_need_known_minimisers(ax):
    saddle_free = alr.functions.quadratic([[1.0, 0.0], [0.0, -1.0]])  # unbounded: no minimiser
    path = alr.run(saddle_free, alr.rmsprop(0.01), [1.0, 0.1], 5)
    with pytest.raises(ValueError, match="f must be a TestFunction with known minimizers"):
        plots.distance_curves(ax, {"rmsprop": path}, saddle_free)


# --- the lecture's claims, computed with the library --------------------------------------------

def test_within_its_memory_rmsprop_is_adagrad_with_a_larger_rate():
    rho, lr = 0.999, 0.01
    twins = alr.compare(BOWL, {"rmsprop": alr.rmsprop(lr, rho=rho),
                               "adagrad": alr.adagrad(lr / numpy.sqrt(1 - rho))}, BOWL.start, 3000)
    gap = numpy.abs(twins["rmsprop"].rate / twins["adagrad"].rate - 1).max(axis=1)
    assert gap[99] < 0.06  # 100 steps: a tenth of the memory
    assert gap[2999] > 1  # 3000 steps: three memories; the two have parted


def test_rmsprop_first_step_is_lr_over_root_one_minus_rho():
    for rho in (0.9, 0.999):
        path = alr.run(BOWL, alr.rmsprop(0.01, rho=rho), BOWL.start, 1)
        numpy.testing.assert_allclose(numpy.abs(path.w[1] - path.w[0]), 0.01 / numpy.sqrt(1 - rho),
                                      rtol=1e-5)  # eps shifts it by ~1e-6


def test_on_the_pyramid_rmsprop_rates_level_off_where_adagrads_decay():
    pyramid = alr.functions.nonsmooth
    paths = alr.compare(pyramid, {"adagrad": alr.adagrad(0.01), "rmsprop": alr.rmsprop(0.01)},
                        pyramid.start, 3000)
    numpy.testing.assert_allclose(paths["rmsprop"].rate[-1], [0.01, 0.0025], rtol=1e-6)
    assert numpy.all(paths["adagrad"].rate[-1] < paths["rmsprop"].rate[-1] / 50)
    assert pyramid.distance_to_minimizer(paths["rmsprop"].w[200]) < 0.02
    assert pyramid.distance_to_minimizer(paths["adagrad"].w[-1]) > 0.5


def test_rmsprop_forgets_a_start_up_the_wall():
    start = wall_start(FLOOR_START, ACROSS, 1.0)
    paths = alr.compare(VALLEY, {"adagrad": alr.adagrad(0.03), "rmsprop": alr.rmsprop(0.03, rho=0.9)},
                        start, 300)
    assert numpy.all(paths["rmsprop"].rate[-1] > 10 * paths["rmsprop"].rate[0])  # recovered
    assert numpy.all(paths["adagrad"].rate[-1] < paths["adagrad"].rate[0])  # never can
    assert VALLEY.distance_to_minimizer(paths["rmsprop"].w[-1]) < 0.05
    assert VALLEY.distance_to_minimizer(paths["adagrad"].w[-1]) > 1


@pytest.mark.parametrize("lr", [1e-2, 1e-3])
def test_with_a_constant_rate_rmsprop_hovers_lr_over_root_two_away(lr):
    path = alr.run(BOWL, alr.rmsprop(lr), BOWL.start, 3000)
    distances = [BOWL.distance_to_minimizer(w) for w in path.w[-100:]]
    numpy.testing.assert_allclose(distances, lr / numpy.sqrt(2), rtol=0.05)


# --- panels -------------------------------------------------------------------------------------

def test_rho_panel_redraws_with_rho_and_shows_rmsprop_rates():
    panel = panels.rho_panel(surface=BOWL, rho=0.9, lr=0.01, steps=100)
    assert list(panel.controls)[:2] == ["rho", "lr"]
    _, middle, _ = panel.figure.axes
    before = _pixels(panel)
    panel.controls["rho"].value = 0.0
    assert (before != _pixels(panel)).any()
    signed = alr.run(BOWL, alr.rmsprop(0.01, rho=0.0), BOWL.start, 100)
    labels = [line.get_label() for line in middle.lines]
    numpy.testing.assert_allclose(middle.lines[labels.index("rmsprop, $w_1$")].get_ydata(),
                                  signed.rate[:, 0])


def test_rho_slider_spans_no_memory_to_a_thousand_steps():
    slider = panels.rho_slider()
    assert (slider.min, slider.max, slider.value) == (0.0, 0.999, 0.9)
    with pytest.raises(ValueError, match="rho must be between 0 and 0.999 for the slider, got 0.9995"):
        panels.rho_slider(0.9995)
    with pytest.raises(ValueError, match=r"rho must be in \[0, 1\), got -0.1"):
        panels.rho_slider(-0.1)


def test_wall_start_panel_runs_both_methods_from_the_wall():
    panel = panels.wall_start_panel(VALLEY, FLOOR_START, ACROSS, lr=0.03, height=1.0, steps=100)
    assert list(panel.controls) == ["height", "lr", "rho", "steps"]
    left, middle, right = panel.figure.axes
    starts = {line.get_label(): line.get_xydata()[0] for line in left.lines if line.get_label() != "start"
              and not line.get_label().startswith("_")}
    for point in starts.values():
        numpy.testing.assert_allclose(point, wall_start(FLOOR_START, ACROSS, 1.0))
    assert set(starts) == {"adagrad", "rmsprop"}
    before = _pixels(panel)
    panel.controls["height"].value = 0.2
    assert (before != _pixels(panel)).any()
    assert len(middle.lines) == 4 and len(right.lines) == 2


# --- quiz answers, computed ---------------------------------------------------------------------

def test_recent_share_answer_is_the_weight_of_the_last_five_gradients():
    weights = plots.average_weights(0.9, 1000)  # a long run: the total is 1 - 0.9^1000 = 1
    share = weights[:5].sum() / weights.sum()
    assert quiz.fingerprint("number", share) == QUESTIONS["rmsprop-recent-share"].fingerprint


def test_rho_zero_step_answer_is_the_step_the_run_takes():
    path = alr.run(BOWL, alr.rmsprop(0.01, rho=0.0), BOWL.start, 50)
    moves = numpy.abs(numpy.diff(path.w, axis=0))
    canonical = {quiz.canonical("number", move) for move in moves.ravel()}
    assert len(canonical) == 1  # every coordinate, every step: the same length
    assert quiz.fingerprint("number", moves[0, 0]) == QUESTIONS["rmsprop-rho-zero-step"].fingerprint


def test_annealing_answer_is_the_runs_that_end_within_1e_3():
    close = {name for name, path in _annealing_runs().items()
             if BOWL.distance_to_minimizer(path.w[-1]) <= 1e-3}
    assert quiz.fingerprint("set", close) == QUESTIONS["rmsprop-annealing"].fingerprint
