"""The Newton lecture's plots, panels and questions (notebooks/03-newton.ipynb)."""

import warnings

import matplotlib
import numpy
import pytest
from matplotlib.figure import Figure

import adaptive_lr as alr
from adaptive_lr import quiz
from adaptive_lr.plotting import newton as newton_plots
from adaptive_lr.widgets import newton as newton_widgets

matplotlib.use("Agg")
QUESTIONS = quiz._collect()


def _ax():
    return Figure().subplots()


def _pixels(panel):
    return numpy.asarray(panel.figure.canvas.buffer_rgba()).copy()


# --- taylor_slice -------------------------------------------------------------------------------

def test_the_model_along_the_newton_line_is_the_function_itself_on_a_quadratic():
    f = alr.functions.rotated
    ax = newton_plots.taylor_slice(_ax(), f, [1.0, -0.5])
    along, model = ax.lines[0].get_ydata(), ax.lines[1].get_ydata()
    numpy.testing.assert_allclose(model, along, rtol=1e-10, atol=1e-10)
    # the Newton point (t = 1) of a quadratic is its minimum
    t, value = ax.lines[2].get_data()
    assert t[0] == 1.0 and value[0] == pytest.approx(f.minimum, abs=1e-12)


def test_the_model_and_the_function_agree_to_second_order_near_the_expansion_point():
    f = alr.functions.rosenbrock
    ax = newton_plots.taylor_slice(_ax(), f, f.start, span=(-1e-2, 1e-2), resolution=5)
    along, model = ax.lines[0].get_ydata(), ax.lines[1].get_ydata()
    assert along[2] == pytest.approx(model[2], abs=1e-12)  # t = 0
    assert numpy.max(numpy.abs(along - model)) < 1e-3 * numpy.max(numpy.abs(along - along[2]))


@pytest.mark.parametrize("surface, kind", [(alr.functions.rosenbrock, "minimum"),
                                           (alr.functions.himmelblau, "maximum"),
                                           (alr.functions.saddle, "minimum")])
def test_the_newton_point_is_named_by_the_curvature_along_the_line(surface, kind):
    labels = newton_plots.taylor_slice(_ax(), surface, surface.start).get_legend_handles_labels()[1]
    assert any(f"model's {kind} on this line" in label for label in labels), labels


def test_a_singular_hessian_slices_along_minus_the_gradient():
    flat_valley = alr.functions.quadratic(numpy.diag([1.0, 0.0]))
    ax = newton_plots.taylor_slice(_ax(), flat_valley, [1.0, 1.0])
    assert "$-g$" in ax.get_xlabel()
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["$f(w + t\\,s)$"], labels  # f only: no model, no Newton point


def test_taylor_slice_refuses_an_empty_span():
    with pytest.raises(ValueError, match="span must be .* low < high, got \\(1.0, 1.0\\)"):
        newton_plots.taylor_slice(_ax(), alr.functions.rosenbrock, [0.0, 0.0], span=(1.0, 1.0))


# --- scaling and loss curves ---------------------------------------------------------------------

def test_a_scaling_guide_has_its_slope_and_passes_through_the_last_point_of_its_series():
    sizes = [2, 8, 32, 128]
    ax = newton_plots.scaling(_ax(), sizes, {"a": [1.0, 2.0, 3.0, 4.0], "b": [1e-3, 1e-2, 1e-1, 1.0]},
                              "seconds", guides=[(2, "b")])
    guide = ax.lines[2]
    x, y = numpy.asarray(guide.get_xdata(), float), numpy.asarray(guide.get_ydata(), float)
    assert y[-1] == pytest.approx(1.0)
    numpy.testing.assert_allclose(numpy.diff(numpy.log(y)) / numpy.diff(numpy.log(x)), 2.0)
    assert ax.get_xscale() == ax.get_yscale() == "log"


def test_a_steep_guide_is_cut_where_it_would_stretch_the_axis_below_the_data():
    ax = newton_plots.scaling(_ax(), [1, 10, 100, 1000], {"flat": [1.0, 1.0, 1.0, 1.0]}, "s",
                              guides=[(3, "flat")])
    assert min(ax.lines[1].get_ydata()) >= 0.5


@pytest.mark.parametrize("series, guides, message", [
    ({"a": [1.0, 2.0]}, (), "series\\['a'\\] must have one value per size \\(3\\), got 2"),
    ({"a": [1.0, 2.0, 3.0]}, [(1, "b")], "guides must name one of the series \\['a'\\], got 'b'"),
])
def test_scaling_refuses_series_it_cannot_draw(series, guides, message):
    with pytest.raises(ValueError, match=message):
        newton_plots.scaling(_ax(), [1, 2, 3], series, "s", guides=guides)


def test_loss_curves_cut_a_run_that_blows_up_at_the_ceiling():
    f = alr.functions.ill_conditioned
    with pytest.warns(alr.DivergenceWarning):
        runs = alr.compare(f, {"gd": alr.gd(1.0), "newton": alr.newton()}, f.start, 400)
    assert runs["gd"].loss.max() > 1e100
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow while autoscaling the log axis
        ax = alr.plotting.loss_curves(_ax(), runs, f.minimum, ceiling=1e6)
        ax.figure.canvas.draw()
    assert max(line.get_ydata().max() for line in ax.lines) == 1e6
    assert ax.get_ylim()[1] < 1e8


# --- valley and the panels ----------------------------------------------------------------------

@pytest.mark.parametrize("degrees", [0, 20, 45, 90])
def test_the_valley_has_eigenvalues_one_and_the_condition_number_at_any_angle(degrees):
    surface = newton_widgets.valley(degrees, 25.0)
    H = alr.hessian(surface)(surface.start)
    numpy.testing.assert_allclose(numpy.linalg.eigvalsh(H), [1.0, 25.0])
    numpy.testing.assert_allclose(surface.minimizer, [0.0, 0.0], atol=1e-12)


def test_the_valley_is_axis_aligned_only_at_0_and_90_degrees():
    off_diagonal = {d: abs(alr.hessian(v)(v.start)[0, 1])
                    for d in (0, 45, 90) for v in [newton_widgets.valley(d, 25.0)]}
    assert off_diagonal[0] < 1e-12 and off_diagonal[90] < 1e-12
    assert off_diagonal[45] == pytest.approx(12.0)


def test_the_valley_refuses_a_condition_number_below_one():
    with pytest.raises(ValueError, match="condition must be a finite number >= 1, got 0.5"):
        newton_widgets.valley(10, 0.5)


def test_the_taylor_panel_redraws_when_the_point_moves_and_follows_the_surface():
    panel = newton_widgets.taylor_panel()
    before = _pixels(panel)
    panel.controls["w1"].value = 0.3
    assert (before != _pixels(panel)).any()
    panel.controls["surface"].value = alr.functions.himmelblau
    assert [panel.controls["w1"].value, panel.controls["w2"].value] == pytest.approx(
        alr.functions.himmelblau.start)
    assert "negative definite" in panel.figure.axes[1].get_title()


def test_the_taylor_panel_replaces_the_model_instead_of_piling_up_drawings():
    panel = newton_widgets.taylor_panel()
    left, right = panel.figure.axes
    counts = (len(left.get_children()), len(right.get_children()))
    for w1 in (-1.0, 0.0, 0.5):
        panel.controls["w1"].value = w1
    assert (len(left.get_children()), len(right.get_children())) == counts


def test_the_rotation_panel_turns_the_valley_and_reports_a_diverging_gd_without_warnings():
    panel = newton_widgets.rotation_panel()
    before = _pixels(panel)
    panel.controls["degrees"].value = 45
    assert (before != _pixels(panel)).any()
    assert "[[13, -12], [-12, 13]]" in panel.figure.axes[0].get_title()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        panel.controls["lr"].value = 1.0
    assert "gd diverging" in panel.figure.axes[1].get_title()


# --- the questions ------------------------------------------------------------------------------

def _right(name, kind, answer):
    return quiz.fingerprint(kind, answer, QUESTIONS[name].digits) == QUESTIONS[name].fingerprint


def test_newton_saddle_answer_is_where_newton_stops():
    f = alr.functions.saddle
    end = alr.run(f, alr.newton(), f.start, 10).w[-1]
    options = {"a": [0.0, 1.0], "b": [0.0, -1.0], "c": [0.0, 0.0]}
    answer = {letter for letter, point in options.items() if numpy.linalg.norm(end - point) < 1e-6}
    if not numpy.all(numpy.isfinite(end)) or numpy.linalg.norm(end) > 1e6:
        answer.add("d")
    assert answer == {"c"}
    assert _right("newton-saddle", "set", answer)


def test_newton_rosenbrock_steps_answer_is_read_off_the_loss():
    f = alr.functions.rosenbrock
    loss = alr.run(f, alr.newton(), f.start, 10).loss
    steps = int(numpy.flatnonzero(loss - f.minimum < 1e-10)[0])
    assert _right("newton-rosenbrock-steps", "number", steps)
    assert not _right("newton-rosenbrock-steps", "number", steps - 1)


def test_newton_diagonal_angles_answer_is_where_one_step_suffices():
    options = {"a": 0, "b": 30, "c": 45, "d": 60, "e": 90}
    answer = set()
    for letter, degrees in options.items():
        surface = newton_widgets.valley(degrees, 25.0)
        first = alr.run(surface, alr.diagonal_newton(), surface.start, 1).w[1]
        if numpy.linalg.norm(first - surface.minimizer) < 0.01:
            answer.add(letter)
    assert _right("newton-diagonal-angles", "set", answer)
