"""The local-geometry lecture: slice plots, run plots, per-layer bars, its panels and its quiz answers."""

import numpy
import pytest
from matplotlib.figure import Figure

import adaptive_lr as alr
from adaptive_lr import quiz
from adaptive_lr.plotting import geometry as geometry_plots
from adaptive_lr.widgets import geometry as geometry_widgets

QUESTIONS = quiz._collect()
PLATEAU = alr.functions.plateau


def new_ax():
    return Figure().subplots()


@pytest.fixture(scope="module")
def digits():
    return alr.data.digits()


# ---- the slice through the minimiser


def test_along_ray_gives_the_values_slopes_and_curvatures_of_the_slice():
    distances = numpy.array([0.0, 0.2, 0.4, 1.0, 1.8])
    values, slopes, curvatures = geometry_plots.along_ray(PLATEAU, distances)
    u = PLATEAU.start / numpy.linalg.norm(PLATEAU.start)
    assert numpy.allclose(values, [PLATEAU(s * u) for s in distances])
    # phi(s) = 1 - exp(-s^2 / (2 sigma^2)) with sigma = 0.4, by hand
    sigma2 = 0.16
    assert numpy.allclose(slopes, distances / sigma2 * numpy.exp(-(distances**2) / (2 * sigma2)))
    assert curvatures[0] == pytest.approx(1 / sigma2)  # 6.25 at the bottom
    assert curvatures[2] == pytest.approx(0.0, abs=1e-12)  # the inflection point at s = sigma


def test_regions_by_hand():
    labels = geometry_plots.regions(slopes=[0.0, 0.5, 1.0, 0.001, 0.0001],
                                    curvatures=[2.0, 1.0, -1.0, -0.1, 0.0])
    assert labels.tolist() == ["near the minimiser", "near the minimiser", "steep", "flat", "flat"]


def test_the_plateau_slice_is_bowl_then_wall_then_plain():
    distances = numpy.linspace(0, 2.5, 251)
    _, slopes, curvatures = geometry_plots.along_ray(PLATEAU, distances)
    labels = geometry_plots.regions(slopes, curvatures)
    order = [label for i, label in enumerate(labels) if i == 0 or label != labels[i - 1]]
    assert order == ["near the minimiser", "steep", "flat"]
    # the bowl ends at the inflection point sigma = 0.4; the start (1.8) is on the plain
    assert distances[labels == "near the minimiser"].max() == pytest.approx(0.4, abs=0.011)
    assert labels[numpy.argmin(abs(distances - 1.8))] == "flat"


def test_step_lengths_along_draws_rate_times_slope_and_the_overshoot_line():
    ax = geometry_plots.step_lengths_along(new_ax(), PLATEAU, rates=[0.1, 10.0], resolution=50)
    *rate_lines, overshoot = ax.lines
    s = rate_lines[0].get_xdata()
    _, slopes, _ = geometry_plots.along_ray(PLATEAU, s)
    assert numpy.allclose(rate_lines[0].get_ydata(), numpy.maximum(0.1 * abs(slopes), 1e-16))
    assert numpy.allclose(rate_lines[1].get_ydata(), numpy.maximum(10.0 * abs(slopes), 1e-16))
    assert numpy.allclose(overshoot.get_ydata(), 2 * s)
    assert ax.get_yscale() == "log"


def test_slice_profile_draws_f_along_the_ray():
    ax = geometry_plots.slice_profile(new_ax(), PLATEAU, span=2.0, resolution=30)
    profile = ax.lines[0]
    u = PLATEAU.start / numpy.linalg.norm(PLATEAU.start)
    assert numpy.allclose(profile.get_ydata(), [PLATEAU(s * u) for s in profile.get_xdata()])
    assert ax.get_xlim() == (0.0, 2.0)


def test_a_ray_needs_a_point_other_than_the_minimiser():
    with pytest.raises(ValueError, match=r"toward must be a point other than the minimiser \[0.0, 0.0\]"):
        geometry_plots.along_ray(PLATEAU, [0.5], toward=[0.0, 0.0])


# ---- plots of runs


@pytest.fixture(scope="module")
def schedule_runs():
    return alr.compare(PLATEAU, {"constant 0.3": alr.gd(0.3),
                                 "56/t": alr.gd(alr.schedules.inverse_time(56.0))}, PLATEAU.start, 300)


def test_distance_to_minimizer_draws_the_norm_of_w_minus_w_star(schedule_runs):
    ax = geometry_plots.distance_to_minimizer(new_ax(), schedule_runs, PLATEAU.minimizer)
    for line, path in zip(ax.lines, schedule_runs.values(), strict=True):
        assert numpy.allclose(line.get_ydata(), numpy.linalg.norm(path.w, axis=1))
    assert ax.get_ylim()[0] == 0.0
    with pytest.raises(ValueError, match=r"minimizer must have shape \(2,\) .* got shape \(3,\)"):
        geometry_plots.distance_to_minimizer(new_ax(), schedule_runs, [0.0, 0.0, 0.0])


def test_rate_per_step_draws_each_schedule(schedule_runs):
    ax = geometry_plots.rate_per_step(new_ax(), schedule_runs)
    constant, inverse = (line.get_ydata() for line in ax.lines)
    assert numpy.allclose(constant, 0.3)
    assert numpy.allclose(inverse, 56.0 / numpy.arange(1, 301))
    assert ax.get_xscale() == ax.get_yscale() == "log"
    assert geometry_plots.rate_per_step(new_ax(), schedule_runs, log_steps=False).get_xscale() == "linear"


def test_step_sizes_draws_how_far_each_step_moved(schedule_runs):
    ax = geometry_plots.step_sizes(new_ax(), schedule_runs)
    path = schedule_runs["constant 0.3"]
    expected = numpy.linalg.norm(path.w[1:] - path.w[:-1], axis=1)
    assert numpy.allclose(ax.lines[0].get_ydata(), numpy.maximum(expected, 1e-16))


def test_layer_gradients_draws_one_bar_per_layer_and_setting(digits):
    network = alr.nn.mlp((64, 8, 8, 10), "sigmoid")
    stats = {scheme: alr.nn.gradient_by_layer(network, alr.nn.init(network, scheme, seed=0),
                                              digits.X_train[:50], digits.y_train[:50])
             for scheme in ("naive", "he")}
    ax = geometry_plots.layer_gradients(new_ax(), stats)
    heights = [patch.get_height() for patch in ax.patches]
    assert heights == [s.mean_abs for scheme in ("naive", "he") for s in stats[scheme]]
    spread = max(heights[:3]) / min(heights[:3])
    assert ax.get_legend().get_texts()[0].get_text() == f"naive (largest / smallest = {spread:.3g})"
    assert ax.get_yscale() == "log"
    with pytest.raises(ValueError, match=r"measure must be 'mean_abs' or 'norm', got 'max'"):
        geometry_plots.layer_gradients(new_ax(), stats, measure="max")


# ---- panels


def test_gd_panel_redraws_the_run_for_the_new_rate():
    panel = geometry_widgets.gd_panel(surface=alr.functions.ill_conditioned, lr=0.05, steps=50)
    path_line = panel.figure.axes[0].lines[0]
    before = path_line.get_xydata().copy()
    panel.controls["lr"].value = 0.01
    after = panel.figure.axes[0].lines[0].get_xydata()
    expected = alr.run(alr.functions.ill_conditioned, alr.gd(0.01), alr.functions.ill_conditioned.start, 50)
    assert numpy.allclose(after, expected.w)
    assert not numpy.allclose(before, after)


def test_gd_panel_says_when_the_run_diverged():
    panel = geometry_widgets.gd_panel(surface=alr.functions.ill_conditioned, lr=5.0, steps=400)
    assert panel.figure.axes[1].get_title().startswith("diverged at step ")


def test_a_crawl_is_drawn_as_a_flat_line_not_blown_up():
    panel = geometry_widgets.gd_panel(surface=PLATEAU, lr=0.1, steps=50)
    bottom, top = panel.figure.axes[1].get_ylim()
    assert top / bottom >= 1e4


def test_schedule_panel_starts_at_the_chosen_distance():
    panel = geometry_widgets.schedule_panel(steps=50)
    panel.controls["distance"].value = 1.0
    distance_lines = panel.figure.axes[0].lines
    assert [line.get_ydata()[0] for line in distance_lines] == pytest.approx([1.0, 1.0])


def test_layer_gradient_panel_draws_three_schemes_for_every_layer(digits):
    panel = geometry_widgets.layer_gradient_panel(digits, depth=2, width=16)
    assert len(panel.figure.axes[0].patches) == 3 * 3
    panel.controls["depth"].value = 4
    assert len(panel.figure.axes[0].patches) == 3 * 5
    with pytest.raises(TypeError, match=r"data must be a Split such as .*digits\(\), got tuple"):
        geometry_widgets.layer_gradient_panel((digits.X_train, digits.y_train))


# ---- the quiz answers, computed


def test_plateau_limit_is_two_over_the_curvature_at_the_bottom():
    curvature = numpy.linalg.eigvalsh(alr.hessian(PLATEAU)(PLATEAU.minimizer)).max()
    limit = 2 / curvature
    assert quiz.fingerprint("number", limit) == QUESTIONS["geometry-plateau-limit"].fingerprint
    # and gradient descent agrees: just below the limit it settles, just above it does not
    inside_the_well = 0.1 * PLATEAU.start / numpy.linalg.norm(PLATEAU.start)
    below = alr.run(PLATEAU, alr.gd(0.98 * limit), inside_the_well, 2000)
    above = alr.run(PLATEAU, alr.gd(1.02 * limit), inside_the_well, 2000)
    assert below.loss[-1] < 1e-12
    assert above.loss[-1] > 1e-3


def test_even_activations_are_what_the_panel_shows(digits):
    (X,) = alr.data.standardize(digits.X_train)
    even = set()
    for activation in alr.nn.ACTIVATIONS:
        network = alr.nn.mlp((64, 64, 64, 64, 64, 10), activation)
        spreads = []
        for scheme in alr.nn.INIT_SCHEMES:
            sizes = [s.mean_abs for s in alr.nn.gradient_by_layer(network, alr.nn.init(network, scheme, 0),
                                                                  X, digits.y_train)]
            spreads.append(max(sizes) / min(sizes))
        if max(spreads) < 10:
            even.add(activation)
    assert quiz.fingerprint("set", even) == QUESTIONS["geometry-even-activations"].fingerprint


def test_one_step_rate_is_one_over_the_curvature_of_w2():
    f = alr.functions.ill_conditioned
    rate = 1 / alr.hessian_diag(f, f.start)[1]
    assert quiz.fingerprint("number", rate) == QUESTIONS["geometry-one-step-rate"].fingerprint
    # one step with that rate on w_2 lands on the minimiser's w_2 from any start
    for start in ([-2.0, 1.5], [0.3, -7.0]):
        w2 = start[1] - rate * alr.grad(f)(numpy.array(start))[1]
        assert w2 == pytest.approx(0.0, abs=1e-12)
