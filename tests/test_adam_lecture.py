"""The Adam lecture: its plots, its panel, and the answers of its questions computed with the library."""

import warnings

import numpy
import pytest
from matplotlib.figure import Figure

import adaptive_lr as alr
from adaptive_lr import quiz
from adaptive_lr.plotting import adam as adam_plots
from adaptive_lr.widgets.adam import adam_panel

QUESTIONS = quiz._collect()


def _axes():
    return Figure().subplots()


def _steady_slope(w):
    """A plane with the same gradient (4, -4) everywhere: every step of Adam sees the same g."""
    return 4.0 * w[0] - 4.0 * w[1]


def _pixels(panel):
    return numpy.asarray(panel.figure.canvas.buffer_rgba()).copy()


def _line(ax, label):
    return next(line for line in ax.lines if line.get_label() == label)


# --- plots -------------------------------------------------------------------------------------

def test_average_weights_are_one_minus_rho_to_the_t():
    ax = adam_plots.average_weights(_axes(), rhos=(0.9, 0.999), steps=50)
    for line, rho in zip(ax.lines[:2], (0.9, 0.999), strict=True):
        t, weight = line.get_data()
        numpy.testing.assert_allclose(weight, 1 - rho ** numpy.asarray(t))
    assert len(ax.lines[0].get_xdata()) == 50


def test_bias_distortion_is_the_measured_ratio_of_uncorrected_to_corrected_steps():
    runs = alr.compare(_steady_slope, {
        "adam": alr.adam(1e-3, 0.9, 0.999, eps=0.0),
        "uncorrected adam": alr.adam(1e-3, 0.9, 0.999, eps=0.0, bias_correction=False),
    }, [0.0, 0.0], steps=30)
    measured = numpy.diff(runs["uncorrected adam"].w[:, 0]) / numpy.diff(runs["adam"].w[:, 0])
    ax = adam_plots.bias_distortion(_axes(), rho1=0.9, rho2s=(0.999,), steps=30)
    numpy.testing.assert_allclose(ax.lines[0].get_ydata(), measured, rtol=1e-9)
    assert ax.lines[0].get_ydata()[0] == pytest.approx(0.1 / numpy.sqrt(0.001))


def test_step_sizes_draw_the_longest_coordinate_move_and_eta():
    f = alr.functions.beale
    runs = alr.compare(f, {"gd": alr.gd(0.01), "adam": alr.adam(0.05)}, f.start, steps=20)
    ax = adam_plots.step_sizes(_axes(), runs, lr=0.05)
    for name, path in runs.items():
        expected = numpy.abs(numpy.diff(path.w, axis=0)).max(axis=1)
        numpy.testing.assert_allclose(_line(ax, name).get_ydata(), expected)
    assert _line(ax, r"$\eta$").get_ydata()[0] == 0.05
    assert ax.get_yscale() == "log"


@pytest.mark.parametrize(("plot", "argument", "value"), [
    (lambda ax, v: adam_plots.average_weights(ax, rhos=(v,)), "rho", 1.0),
    (lambda ax, v: adam_plots.bias_distortion(ax, rho1=v, rho2s=(0.999,)), "rho1", -0.1),
    (lambda ax, v: adam_plots.bias_distortion(ax, rho1=0.9, rho2s=(v,)), "rho2", 1.5),
])
def test_plots_refuse_decay_rates_outside_the_unit_interval(plot, argument, value):
    with pytest.raises(ValueError, match=rf"{argument} must be in \[0, 1\), got {value!r}"):
        plot(_axes(), value)


def test_plots_refuse_a_step_count_that_is_not_positive():
    with pytest.raises(ValueError, match=r"steps must be a positive integer \(>= 1\), got 0"):
        adam_plots.average_weights(_axes(), rhos=(0.9,), steps=0)


# --- panel -------------------------------------------------------------------------------------

def test_panel_runs_adam_beside_rmsprop_with_rho2_and_momentum_with_rho1():
    f = alr.functions.beale
    panel = adam_panel(surface=f, steps=50)
    values = panel.values
    paths_ax = panel.figure.axes[0]
    expected = alr.compare(f, {
        "momentum": alr.momentum(values["momentum_lr"], mu=values["rho1"]),
        "rmsprop": alr.rmsprop(values["lr"], rho=values["rho2"]),
        "adam": alr.adam(values["lr"], values["rho1"], values["rho2"]),
    }, f.start, steps=50)
    for name, path in expected.items():
        numpy.testing.assert_allclose(numpy.column_stack(_line(paths_ax, name).get_data()), path.w)


def test_panel_sliders_and_checkbox_redraw_the_figure():
    panel = adam_panel(surface=alr.functions.ill_conditioned, steps=50)
    assert panel.sliders[0] is panel.controls["lr"]
    for name, value in [("lr", 0.2), ("rho1", 0.5), ("rho2", 0.999), ("momentum_lr", 1e-2),
                        ("bias_correction", False)]:
        before = _pixels(panel)
        panel.controls[name].value = value
        assert (before != _pixels(panel)).any(), name


def test_unticking_bias_correction_runs_uncorrected_adam():
    f = alr.functions.ill_conditioned
    panel = adam_panel(surface=f, steps=30)
    panel.controls["bias_correction"].value = False
    steps_ax = panel.figure.axes[2]
    labels = [line.get_label() for line in steps_ax.lines]
    assert "uncorrected adam" in labels and "adam" not in labels
    first_move = _line(steps_ax, "uncorrected adam").get_ydata()[0]
    assert first_move == pytest.approx(panel.values["lr"] * 0.1 / numpy.sqrt(1 - panel.values["rho2"]),
                                       rel=1e-3)


def test_panel_draws_a_diverging_run_without_warning():
    panel = adam_panel(surface=alr.functions.rosenbrock, steps=100)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        panel.controls["momentum_lr"].value = 0.1  # far above what Rosenbrock's walls allow
    markers = [line.get_marker() for line in panel.figure.axes[0].lines]
    assert "X" in markers


# --- the questions -----------------------------------------------------------------------------

def test_uncorrected_first_step_answer():
    f = alr.functions.ill_conditioned
    first = {c: alr.run(f, alr.adam(0.01, 0.9, 0.999, bias_correction=c), f.start, 1) for c in (True, False)}
    ratio = numpy.linalg.norm(numpy.diff(first[False].w, axis=0)) / numpy.linalg.norm(
        numpy.diff(first[True].w, axis=0))
    assert quiz.fingerprint("number", ratio) == QUESTIONS["adam-uncorrected-first-step"].fingerprint


def test_true_statements_answer():
    f = alr.functions.rosenbrock

    def first_step(surface, optimizer):
        return numpy.diff(alr.run(surface, optimizer, f.start, 1).w, axis=0)[0]

    eta, rho2 = 0.01, 0.999
    a = numpy.allclose(first_step(f, alr.adam(eta, rho1=0.0, rho2=rho2)),
                       first_step(f, alr.rmsprop(eta, rho=rho2)))
    b = numpy.allclose(first_step(lambda w: 100 * f(w), alr.adam(eta)), first_step(f, alr.adam(eta)),
                       rtol=1e-6)
    c = numpy.allclose(first_step(lambda w: 100 * f(w), alr.momentum(eta)), first_step(f, alr.momentum(eta)))

    long_run = alr.compare(_steady_slope, {
        "adam": alr.adam(0.1, 0.9, rho2, eps=0.0),
        "uncorrected adam": alr.adam(0.1, 0.9, rho2, eps=0.0, bias_correction=False),
    }, [0.0, 0.0], steps=1000)
    last_steps = {name: path.w[-1] - path.w[-2] for name, path in long_run.items()}
    d = abs(last_steps["uncorrected adam"][0] / last_steps["adam"][0] - 1) > 0.1

    g = numpy.array([4.0, -4.0])
    optimizer = alr.adam(0.1, 0.9, rho2)
    m_after_one_step = optimizer.update(g, optimizer.init(numpy.zeros(2))).state.m
    slide_v = rho2 * m_after_one_step + (1 - rho2) * g**2  # the slide's v at t = 2
    e = bool((slide_v < 0).any())

    true = {letter for letter, holds in zip("abcde", (a, b, c, d, e), strict=True) if holds}
    assert quiz.fingerprint("set", true) == QUESTIONS["adam-true-statements"].fingerprint


def test_equal_rhos_answer_is_what_the_panel_shows():
    panel = adam_panel(surface=alr.functions.beale)
    panel.controls["rho1"].value = 0.9
    panel.controls["rho2"].value = 0.9
    panel.controls["bias_correction"].value = False
    moves = _line(panel.figure.axes[2], "uncorrected adam").get_ydata()[:5]
    word = "shorter" if (moves < panel.values["lr"]).all() else "longer"
    assert quiz.fingerprint("word", word) == QUESTIONS["adam-equal-rhos"].fingerprint

