"""The AdaGrad lecture (notebooks/04-adagrad.ipynb): its plots, panels, claims and quiz answers."""

import numpy
import pytest
from matplotlib.figure import Figure

import adaptive_lr as alr
import adaptive_lr.widgets.adagrad as panels
from adaptive_lr import quiz
from adaptive_lr.plotting import adagrad as plots

QUESTIONS = quiz._collect()
VALLEY = alr.functions.rotated
ALONG = numpy.array([1.0, 1.0]) / numpy.sqrt(2)
ACROSS = numpy.array([-1.0, 1.0]) / numpy.sqrt(2)
FLOOR_START = VALLEY.minimizer - 2 * ALONG


@pytest.fixture
def ax():
    return Figure().subplots()  # not pyplot: nothing to close, nothing shown


def _pixels(panel):
    return numpy.asarray(panel.figure.canvas.buffer_rgba()).copy()


def _race():
    f = alr.functions.ill_conditioned
    return alr.compare(f, {"gd": alr.gd(0.07), "adagrad": alr.adagrad(0.5)}, f.start, 60)


# --- plots -------------------------------------------------------------------------------------

def test_rate_curves_draw_every_coordinate_of_every_run_with_its_rates(ax):
    race = _race()
    plots.rate_curves(ax, race)
    assert len(ax.lines) == 4
    labels = [line.get_label() for line in ax.lines]
    assert labels == ["gd, $w_1$", "gd, $w_2$", "adagrad, $w_1$", "adagrad, $w_2$"]
    numpy.testing.assert_allclose(ax.lines[3].get_ydata(), race["adagrad"].rate[:, 1])
    numpy.testing.assert_allclose(ax.lines[3].get_xdata(), numpy.arange(1, 61))
    assert ax.lines[2].get_linestyle() == "-" and ax.lines[3].get_linestyle() == "--"
    assert ax.lines[0].get_color() == alr.plotting.color_of("gd")
    assert ax.get_yscale() == "log" and ax.get_xscale() == "linear"


def test_rate_curves_refuse_a_single_trajectory(ax):
    with pytest.raises(TypeError, match="trajectories must be a dict"):
        plots.rate_curves(ax, _race()["gd"])


def test_coordinate_gaps_start_at_one_and_skip_a_coordinate_already_home(ax):
    f = alr.functions.ill_conditioned
    path = alr.run(f, alr.adagrad(0.5), [-2.0, 0.0], 20)  # w_2 starts at the minimiser
    plots.coordinate_gaps(ax, {"adagrad": path}, f.minimizer)
    assert len(ax.lines) == 1
    gaps = ax.lines[0].get_ydata()
    assert gaps[0] == 1.0
    numpy.testing.assert_allclose(gaps, numpy.maximum(numpy.abs(path.w[:, 0]) / 2.0, 1e-16))


def test_coordinate_gaps_name_a_target_of_the_wrong_shape(ax):
    with pytest.raises(ValueError, match=r"target must have one entry per coordinate.*\[0\.0\]"):
        plots.coordinate_gaps(ax, _race(), [0.0])


def test_inverse_sqrt_guide_is_first_over_root_t(ax):
    plots.inverse_sqrt_guide(ax, 0.5, 100)
    line = ax.lines[0]
    numpy.testing.assert_allclose(line.get_ydata(), 0.5 / numpy.sqrt(numpy.arange(1, 101)))
    with pytest.raises(ValueError, match="first must be a finite number > 0"):
        plots.inverse_sqrt_guide(ax, 0.0, 100)


def test_step_lengths_are_the_norms_of_the_steps(ax):
    race = _race()
    plots.step_lengths(ax, race)
    expected = numpy.linalg.norm(numpy.diff(race["gd"].w, axis=0), axis=1)
    numpy.testing.assert_allclose(ax.lines[0].get_ydata(), numpy.maximum(expected, 1e-16))
    assert ax.get_xscale() == "log"


# --- the lecture's claims, computed with the library ------------------------------------------

def test_adagrad_evens_out_progress_on_the_valley():
    race = _race()
    f = alr.functions.ill_conditioned
    spread = {}
    for name, path in race.items():
        share_left = numpy.abs(path.w[-1] - f.minimizer) / numpy.abs(path.w[0] - f.minimizer)
        spread[name] = share_left[0] / share_left[1]  # how far w_1 lags behind w_2
    assert spread["gd"] > 100 * spread["adagrad"]
    # the flat weight gets a larger rate than any stable gd, the steep one a much smaller rate
    rate = race["adagrad"].rate[-1]
    assert rate[0] > 2 / 25 > 0.07 > 5 * rate[1]


def test_adagrad_first_step_moves_every_weight_by_lr():
    f = alr.functions.ill_conditioned
    path = alr.run(f, alr.adagrad(0.5), f.start, 1)
    numpy.testing.assert_allclose(numpy.abs(path.w[1] - path.w[0]), [0.5, 0.5], rtol=1e-6)


def test_adagrad_rates_never_grow_on_any_surface():
    for f in alr.functions.ALL:
        path = alr.run(f, alr.adagrad(0.1), f.start, 200)
        assert numpy.all(numpy.diff(path.rate, axis=0) <= 0), f.name


def test_on_the_pyramid_rates_fall_exactly_like_one_over_root_t():
    pyramid = alr.functions.nonsmooth
    path = alr.run(pyramid, alr.adagrad(0.01), pyramid.start, 3000)
    t = numpy.arange(1, 3001)[:, None]
    numpy.testing.assert_allclose(path.rate * numpy.sqrt(t), [[0.01, 0.0025]] * 3000, rtol=1e-6)
    assert pyramid.distance_to_minimizer(path.w[-1]) > 0.5  # still far after 3000 steps


def test_a_start_up_the_wall_caps_the_rates_and_slows_adagrad():
    wall = panels.wall_start(FLOOR_START, ACROSS, 1.0)
    paths = {label: alr.run(VALLEY, alr.adagrad(0.1), start, 300)
             for label, start in {"floor": FLOOR_START, "wall": wall}.items()}
    ceiling = 0.1 / numpy.abs(alr.grad(VALLEY)(wall))
    assert numpy.all(paths["wall"].rate <= ceiling * (1 + 1e-9))
    assert numpy.all(paths["floor"].rate[0] > 10 * paths["wall"].rate[0])
    assert paths["wall"].loss[-1] > 1e3 * paths["floor"].loss[-1]
    # both have the same way to go along the floor
    numpy.testing.assert_allclose(FLOOR_START @ ALONG, wall @ ALONG)


# --- panels -----------------------------------------------------------------------------------

def test_wall_start_is_height_up_the_unit_direction():
    point = panels.wall_start([0.0, 0.0], [3.0, 4.0], 2.0)
    numpy.testing.assert_allclose(point, [1.2, 1.6])
    with pytest.raises(ValueError, match=r"wall_direction must be a non-zero vector.*\[0\.0, 0\.0\]"):
        panels.wall_start([0.0, 0.0], [0.0, 0.0], 1.0)


def test_height_slider_refuses_a_height_off_the_wall():
    slider = panels.height_up_the_wall(1.0, 1.5)
    assert (slider.min, slider.max, slider.value) == (0.0, 1.5, 1.0)
    with pytest.raises(ValueError, match="height must be between 0 and max_height=1.5, got 2.0"):
        panels.height_up_the_wall(2.0, 1.5)
    with pytest.raises(ValueError, match="max_height must be a finite number > 0, got 0"):
        panels.height_up_the_wall(0.0, 0)


def test_adagrad_panel_redraws_its_lines_and_keeps_its_contours():
    panel = panels.adagrad_panel(surface=alr.functions.ill_conditioned, lr=0.5, steps=100)
    assert list(panel.controls) == ["lr", "start_x", "start_y", "steps", "surface"]
    left, middle, _ = panel.figure.axes
    contours = list(left.collections)
    before = _pixels(panel)
    panel.controls["lr"].value = 0.05
    assert (before != _pixels(panel)).any()
    assert list(left.collections) == contours
    path = alr.run(alr.functions.ill_conditioned, alr.adagrad(0.05), alr.functions.ill_conditioned.start, 100)
    numpy.testing.assert_allclose(middle.lines[0].get_ydata(), path.rate[:, 0])


def test_adagrad_panel_start_sliders_follow_the_surface():
    panel = panels.adagrad_panel(surface=alr.functions.ill_conditioned)
    rosenbrock = alr.functions.rosenbrock
    panel.controls["surface"].value = rosenbrock
    start_x, start_y = panel.controls["start_x"], panel.controls["start_y"]
    assert (start_x.value, start_y.value) == tuple(rosenbrock.start)
    assert (start_x.min, start_x.max) == rosenbrock.window[0]
    assert (start_y.min, start_y.max) == rosenbrock.window[1]
    assert panel.figure.axes[0].get_title() == "rosenbrock"


def test_first_gradient_panel_draws_both_starts_and_redraws_with_the_height():
    panel = panels.first_gradient_panel(VALLEY, FLOOR_START, ACROSS, lr=0.1, height=1.0, steps=100)
    assert list(panel.controls) == ["height", "lr", "steps"]
    left, middle, right = panel.figure.axes
    labels = [line.get_label() for line in left.lines]
    assert "floor start" in labels and "wall start" in labels
    wall_line = left.lines[labels.index("wall start")]
    numpy.testing.assert_allclose(wall_line.get_xydata()[0], panels.wall_start(FLOOR_START, ACROSS, 1.0))
    before = _pixels(panel)
    panel.controls["height"].value = 0.3
    assert (before != _pixels(panel)).any()
    wall_line = left.lines[[line.get_label() for line in left.lines].index("wall start")]
    numpy.testing.assert_allclose(wall_line.get_xydata()[0], panels.wall_start(FLOOR_START, ACROSS, 0.3))
    assert len(middle.lines) == 4 and len(right.lines) == 2


# --- quiz answers, computed ---------------------------------------------------------------------

def test_rate_ratio_answer_is_what_the_race_gives():
    rate = _race()["adagrad"].rate[-1]
    assert quiz.fingerprint("number", rate[0] / rate[1]) == QUESTIONS["adagrad-rate-ratio"].fingerprint


def test_rate_at_100_answer_is_what_the_run_records():
    pyramid = alr.functions.nonsmooth
    path = alr.run(pyramid, alr.adagrad(0.01), pyramid.start, 100)
    assert quiz.fingerprint("number", path.rate[99, 1]) == QUESTIONS["adagrad-rate-at-100"].fingerprint


def test_rate_ceiling_answer_is_the_largest_rate_of_the_wall_run():
    # the panel's defaults, as the question says
    path = alr.run(VALLEY, alr.adagrad(0.1), panels.wall_start(FLOOR_START, ACROSS, 1.0), 300)
    largest = path.rate[:, 0].max()
    assert largest == path.rate[0, 0]
    assert quiz.fingerprint("number", largest) == QUESTIONS["adagrad-rate-ceiling"].fingerprint
