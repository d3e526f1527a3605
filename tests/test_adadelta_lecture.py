"""The AdaDelta lecture's plots, panel and questions (notebooks/06-adadelta.ipynb)."""

import warnings

import matplotlib
import numpy
import pytest
from matplotlib.figure import Figure

import adaptive_lr as alr
import adaptive_lr.widgets.adadelta as adadelta_widgets
from adaptive_lr import quiz
from adaptive_lr.plotting import adadelta as adadelta_plots

matplotlib.use("Agg")
QUESTIONS = quiz._collect()


def _ax():
    return Figure().subplots()


def _pixels(panel):
    return numpy.asarray(panel.figure.canvas.buffer_rgba()).copy()


def _paths_in_units(f, optimizers, factors, steps):
    measured = alr.functions.rescaled(f, factors)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", alr.DivergenceWarning)
        runs = alr.compare(measured, optimizers(), measured.start, steps)
    return adadelta_widgets.in_original_units(runs, factors)


def _methods():
    return {"gd": alr.gd(0.02), "newton": alr.newton(), "adadelta": alr.adadelta()}


# --- the units argument -------------------------------------------------------------------------

def test_in_original_units_multiplies_each_coordinate_back():
    f = alr.functions.ill_conditioned
    measured = alr.functions.rescaled(f, [1.0, 4.0])
    run = alr.run(measured, alr.gd(0.01), measured.start, 3)
    back = adadelta_widgets.in_original_units({"gd": run}, [1.0, 4.0])["gd"]
    numpy.testing.assert_allclose(back.w, run.w * [1.0, 4.0])
    numpy.testing.assert_allclose(back.w[0], f.start)
    numpy.testing.assert_array_equal(back.loss, run.loss)


def test_in_original_units_refuses_factors_of_the_wrong_length():
    f = alr.functions.ill_conditioned
    run = alr.run(f, alr.gd(0.01), f.start, 2)
    with pytest.raises(ValueError, match="one entry per coordinate of trajectories\\['gd'\\] \\(2\\)"):
        adadelta_widgets.in_original_units({"gd": run}, [1.0, 2.0, 3.0])


@pytest.mark.parametrize("c", [0.1, 10.0])
def test_newton_takes_the_same_path_in_any_units_and_gd_and_adadelta_do_not(c):
    f = alr.functions.ill_conditioned
    reference = _paths_in_units(f, _methods, [1.0, 1.0], 50)
    measured = _paths_in_units(f, _methods, [1.0, c], 50)
    numpy.testing.assert_allclose(measured["newton"].w, reference["newton"].w, atol=1e-12)
    for name in ("gd", "adadelta"):
        n = min(len(measured[name].w), len(reference[name].w))
        assert not numpy.allclose(measured[name].w[:n], reference[name].w[:n], atol=1e-6), name


def test_adadelta_in_units_c_times_larger_is_adadelta_with_eps_times_c_squared():
    f = alr.functions.ill_conditioned
    for c in (0.3, 10.0):
        measured = _paths_in_units(f, lambda: {"adadelta": alr.adadelta()}, [c, c], 200)["adadelta"]
        same = alr.run(f, alr.adadelta(eps=1e-6 * c**2), f.start, 200)
        other = alr.run(f, alr.adadelta(eps=1e-6), f.start, 200)
        assert numpy.abs(measured.w - same.w).max() < 1e-3
        assert numpy.abs(measured.w - other.w).max() > 0.1


def test_the_units_panel_redraws_with_the_scale_and_names_a_diverged_gd_without_warnings():
    panel = adadelta_widgets.units_panel()
    before = _pixels(panel)
    panel.controls["scale"].value = 0.3
    assert (before != _pixels(panel)).any()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        panel.controls["scale"].value = 10.0
    assert "gd diverged" in panel.figure.axes[0].get_title()


def test_the_units_panel_keeps_its_contours_and_replaces_its_lines():
    panel = adadelta_widgets.units_panel()
    left, right = panel.figure.axes
    counts = (len(left.get_children()), len(right.get_children()))
    for scale in (0.5, 2.0, 1.0):
        panel.controls["scale"].value = scale
    assert (len(left.get_children()), len(right.get_children())) == counts


def test_the_units_panel_gives_every_surface_its_own_gd_rate():
    surfaces = {alr.functions.rosenbrock: 1e-3, alr.functions.ill_conditioned: 0.05}
    panel = adadelta_widgets.units_panel(surfaces=surfaces)
    assert "0.001" in panel.figure.axes[0].get_title()
    panel.controls["surface"].value = alr.functions.ill_conditioned
    assert "0.05" in panel.figure.axes[0].get_title()


# --- plots --------------------------------------------------------------------------------------

def test_legend_entries_added_one_after_another_are_all_kept():
    ax = _ax()
    ax.plot([0, 1], [0, 1], label="a run")
    adadelta_plots.add_legend_entry(ax, "dashed: one", "--")
    adadelta_plots.add_legend_entry(ax, "dotted: two", ":")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a run", "dashed: one", "dotted: two"]


def test_reference_paths_draw_dashed_and_keep_the_picture():
    f = alr.functions.ill_conditioned
    ax = alr.plotting.contour(_ax(), f)
    limits = ax.get_xlim(), ax.get_ylim()
    runaway = alr.run(f, alr.gd(0.079), f.start, 200)  # oscillates far outside the window
    adadelta_plots.reference_paths(ax, {"gd": runaway}, label="dashed: c = 1")
    assert (ax.get_xlim(), ax.get_ylim()) == limits
    assert ax.lines[0].get_linestyle() == "--"
    assert ax.lines[0].get_color() == alr.plotting.color_of("gd")


def test_accumulators_draw_s_and_v_per_coordinate_and_the_eps_line():
    s = numpy.array([[1e-6, 2e-6], [2e-6, 3e-6], [3e-6, 4e-6]])
    ax = adadelta_plots.accumulators(_ax(), s, 100 * s, eps=1e-6)
    assert len(ax.lines) == 5  # s and v of two coordinates, and eps
    assert list(ax.lines[-1].get_ydata()) == [1e-6, 1e-6]


def test_accumulators_refuse_mismatched_averages():
    with pytest.raises(ValueError, match="same shape .* got \\(3, 2\\) and \\(3, 1\\)"):
        adadelta_plots.accumulators(_ax(), numpy.ones((3, 2)), numpy.ones((3, 1)), eps=1e-6)


def test_the_first_adadelta_step_is_sqrt_eps_over_one_minus_rho_in_every_coordinate():
    f = alr.functions.ill_conditioned
    path = alr.run(f, alr.adadelta(), f.start, 5)
    ax = adadelta_plots.coordinate_steps(_ax(), path)
    first = [line.get_ydata()[0] for line in ax.lines]
    numpy.testing.assert_allclose(first, numpy.sqrt(1e-6 / 0.05), rtol=1e-2)


def test_a_sweep_draws_blown_up_runs_as_crosses_on_the_ceiling():
    ax = adadelta_plots.sweep(_ax(), [1e-3, 1e-2, 1e-1, 1.0], [1.0, 1e-3, 1e9, numpy.inf], "adadelta",
                              ceiling=1e4)
    line, crosses = ax.lines
    assert numpy.isnan(line.get_ydata()[2:]).all() and not numpy.isnan(line.get_ydata()[:2]).any()
    numpy.testing.assert_array_equal(crosses.get_xdata(), [1e-1, 1.0])
    numpy.testing.assert_array_equal(crosses.get_ydata(), [1e4, 1e4])


def test_a_sweep_refuses_settings_that_do_not_match_the_gaps():
    with pytest.raises(ValueError, match="settings must be numbers > 0, one per gap \\(2\\)"):
        adadelta_plots.sweep(_ax(), [1e-3, 0.0], [1.0, 2.0], "adadelta")


# --- the questions ------------------------------------------------------------------------------

def _right(name, kind, answer):
    return quiz.fingerprint(kind, answer, QUESTIONS[name].digits) == QUESTIONS[name].fingerprint


def test_adadelta_first_step_answer_is_the_first_step_in_w2():
    f = alr.functions.ill_conditioned
    path = alr.run(f, alr.adadelta(rho=0.9, eps=1e-8), f.start, 1)
    answer = float(abs(path.w[1, 1] - path.w[0, 1]))
    assert _right("adadelta-first-step", "number", answer)
    assert not _right("adadelta-first-step", "number", numpy.sqrt(1e-6 / 0.05))  # the defaults' step


def test_adadelta_same_path_answer_is_what_the_units_panel_shows():
    f = alr.functions.ill_conditioned
    lr = adadelta_widgets.UNITS_SURFACES[f]
    reference = _paths_in_units(f, lambda: {"gd": alr.gd(lr), "newton": alr.newton(),
                                            "adadelta": alr.adadelta()}, [1.0, 1.0], 300)
    unchanged = set(reference)
    for c in (0.1, 10.0):
        measured = _paths_in_units(f, lambda: {"gd": alr.gd(lr), "newton": alr.newton(),
                                               "adadelta": alr.adadelta()}, [1.0, c], 300)
        unchanged &= {name for name in reference if measured[name].w.shape == reference[name].w.shape
                      and numpy.allclose(measured[name].w, reference[name].w, atol=1e-8)}
    assert _right("adadelta-same-path", "set", unchanged)


def test_adadelta_units_eps_answer_is_the_eps_whose_path_matches():
    f = alr.functions.ill_conditioned
    measured = _paths_in_units(f, lambda: {"adadelta": alr.adadelta()}, [0.1, 0.1], 300)["adadelta"]
    candidates = 10.0 ** numpy.arange(-12, -1)
    distance = [numpy.abs(alr.run(f, alr.adadelta(eps=eps), f.start, 300).w - measured.w).max()
                for eps in candidates]
    best = float(candidates[int(numpy.argmin(distance))])
    assert min(distance) < 1e-3
    assert _right("adadelta-units-eps", "number", best)
