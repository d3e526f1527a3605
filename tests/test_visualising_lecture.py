"""The visualising lecture: the animated race, its plots, and the answers of its questions."""

import base64
import io
import re
import warnings

import matplotlib
import numpy
import pytest
from matplotlib.animation import FuncAnimation, HTMLWriter
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

import adaptive_lr as alr
from adaptive_lr import quiz
from adaptive_lr.plotting import color_of
from adaptive_lr.plotting.animation import animate, coordinate_curves, frame_steps

QUESTIONS = quiz._collect()
F = alr.functions


def _axes():
    figure = Figure(figsize=(5, 4), dpi=50, layout="constrained")
    FigureCanvasAgg(figure)
    return figure.subplots()


def _frames(animation, html_file=None, dpi=None):
    """Every frame of the animation as an RGB array, as an HTML player shows them.

    With `html_file`, the animation is saved there at `dpi` instead of shown with to_jshtml.
    """
    with matplotlib.rc_context({"animation.frame_format": "png"}):
        if html_file is None:
            html = animation.to_jshtml()
        else:
            animation.save(html_file, writer=HTMLWriter(embed_frames=True), dpi=dpi)
            html = html_file.read_text()
    encoded = re.findall(r"data:image/png;base64,([^\"]+)\"", html)
    return [numpy.asarray(Image.open(io.BytesIO(base64.b64decode(e.replace("\\n", ""))))) for e in encoded]


def _race(steps=40):
    f = F.saddle
    return f, alr.compare(f, {"gd": alr.gd(0.05), "adam": alr.adam(0.05)}, f.start, steps)


# --- the animation -----------------------------------------------------------------------------

def test_frame_steps_run_evenly_from_the_start_to_the_longest_run():
    f = F.rosenbrock
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", alr.DivergenceWarning)
        runs = alr.compare(f, {"gd": alr.gd(3e-3), "adam": alr.adam(0.05)}, f.start, 90)
    assert runs["gd"].steps < 90  # gd diverged and stopped early
    shown = frame_steps(runs, 10)
    assert shown[0] == 0 and shown[-1] == 90 and len(shown) == 10
    assert (numpy.diff(shown) > 0).all()


def test_animation_grows_each_path_and_ends_on_the_whole_path():
    f, runs = _race()
    ax = _axes()
    animation = animate(ax, f, runs, frames=5, interval=50)
    assert isinstance(animation, FuncAnimation)
    frames = _frames(animation)
    assert len(frames) == 5
    assert not numpy.array_equal(frames[0], frames[-1])
    for name, path in runs.items():
        line = next(line for line in ax.lines if line.get_label() == name)
        numpy.testing.assert_allclose(numpy.column_stack(line.get_data()), path.w)
    assert ax.title.get_text() == "saddle: step 40"


def test_contours_are_drawn_once_not_per_frame():
    f, runs = _race()
    ax = _axes()
    animation = animate(ax, f, runs, frames=4)
    artists = len(ax.get_children())
    visible = [artist for artist in ax.get_children() if artist.get_visible()]
    _frames(animation)
    assert len(ax.get_children()) == artists  # frames move lines, they add nothing
    # Only the paths, their heads and the title are drawn again: the contours live in the backdrop.
    assert not any(isinstance(artist, matplotlib.collections.Collection) for artist in visible)
    assert {artist.get_label() for artist in visible if artist.get_label()[:1] != "_"} >= set(runs)


def test_frozen_background_shows_the_contours_where_the_paths_are_drawn():
    f, runs = _race()
    ax = _axes()
    last = _frames(animate(ax, f, runs, frames=2))[-1][..., :3].astype(int)
    assert last.std() > 20  # a picture with contours, not a blank
    # The gold star of the minimum no path reaches, (0, -1), is part of the frozen picture:
    # it must sit exactly where the axes that draw the paths put (0, -1).
    x, y = ax.transData.transform(f.minimizers[1])
    red, green, blue = last[int(round(last.shape[0] - y)), int(round(x))]
    assert red > 200 and green > 150 and blue < 100


def test_the_picture_follows_the_canvas_when_saved_at_another_dpi(tmp_path):
    f, runs = _race()
    ax = _axes()
    assert ax.figure.dpi == 50
    last = _frames(animate(ax, f, runs, frames=2), tmp_path / "race.html", dpi=100)[-1]
    assert last.shape[:2] == (400, 500)
    x, y = 2 * ax.transData.transform(f.minimizers[1])  # the axes at dpi 50, the frame at dpi 100
    red, green, blue = last[int(round(last.shape[0] - y)), int(round(x)), :3].astype(int)
    assert red > 200 and green > 150 and blue < 100


def test_a_diverged_run_ends_in_a_cross():
    f = F.rosenbrock
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", alr.DivergenceWarning)
        runs = alr.compare(f, {"gd": alr.gd(3e-3), "adam": alr.adam(0.05)}, f.start, 60)
    assert runs["gd"].diverged
    ax = _axes()
    _frames(animate(ax, f, runs, frames=3))
    heads = {line.get_color(): line.get_marker() for line in ax.lines if line.get_linestyle() == "None"}
    assert heads[color_of("gd")] == "X"
    assert heads[color_of("adam")] == "o"


def test_animate_works_on_a_figure_without_a_canvas():
    f, runs = _race(5)
    assert len(_frames(animate(Figure().subplots(), f, runs, frames=2))) == 2


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"trajectories": {}}, TypeError, r"trajectories must be a non-empty dict"),
    ({"frames": 1}, ValueError, r"frames must be at least 2 \(the start and one more\), got 1"),
    ({"frames": 2.5}, TypeError, r"frames must be a positive integer, got 2.5"),
    ({"interval": 0}, ValueError, r"interval must be a finite number > 0, got 0"),
])
def test_animate_refuses_bad_arguments(kwargs, error, message):
    f, runs = _race(5)
    arguments = {"trajectories": runs, **kwargs}
    with pytest.raises(error, match=message):
        animate(_axes(), f, **arguments)


def test_coordinate_curves_draw_the_distance_along_one_axis():
    f, runs = _race()
    ax = coordinate_curves(_axes(), runs, index=1)
    for line, path in zip(ax.lines, runs.values(), strict=True):
        numpy.testing.assert_allclose(line.get_ydata(), numpy.abs(path.w[:, 1]))
    with pytest.raises(ValueError, match=r"index must be a coordinate of w, 0 to 1, got 2"):
        coordinate_curves(_axes(), runs, index=2)


# --- the questions (each race with the settings the notebook states) ---------------------------

def test_near_saddle_answer():
    f = F.saddle
    race = alr.compare(f, {
        "gd": alr.gd(0.05), "momentum": alr.momentum(0.01, mu=0.9), "nesterov": alr.nesterov(0.01, mu=0.9),
        "adagrad": alr.adagrad(0.05), "rmsprop": alr.rmsprop(0.01), "adadelta": alr.adadelta(),
        "adam": alr.adam(0.05), "newton": alr.newton(),
    }, f.start, 150)
    near = {name for name, path in race.items() if numpy.linalg.norm(path.w, axis=1).min() < 0.1}
    assert quiz.fingerprint("set", near) == QUESTIONS["visualising-near-saddle"].fingerprint


def test_escape_factor_answer():
    f = F.saddle
    steps = {name: alr.run(f, optimizer, f.start, 1).w for name, optimizer in
             {"gd": alr.gd(0.05), "adam": alr.adam(0.05)}.items()}
    factor = abs(steps["adam"][1, 1] - steps["adam"][0, 1]) / abs(steps["gd"][1, 1] - steps["gd"][0, 1])
    assert quiz.fingerprint("number", factor) == QUESTIONS["visualising-escape-factor"].fingerprint


def test_valley_finishers_answer():
    f = F.rosenbrock
    race = alr.compare(f, {
        "gd": alr.gd(1e-3), "momentum": alr.momentum(1e-3, mu=0.9), "nesterov": alr.nesterov(1e-3, mu=0.9),
        "adagrad": alr.adagrad(1.0), "rmsprop": alr.rmsprop(0.01), "adadelta": alr.adadelta(),
        "adam": alr.adam(0.1),
    }, f.start, 500)
    finishers = {name for name, path in race.items() if f.distance_to_minimizer(path.w[-1]) < 0.5}
    assert quiz.fingerprint("set", finishers) == QUESTIONS["visualising-valley-finishers"].fingerprint
