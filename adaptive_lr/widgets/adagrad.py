"""Panels for the AdaGrad lecture (notebooks/04-adagrad.ipynb).

Each panel only wires controls to `compare` and to plot functions; see
adaptive_lr.widgets.Panel for how a panel redraws.
"""

import ipywidgets
import numpy

from .. import _checks, plotting
from .. import functions as test_functions
from ..adagrad import adagrad
from ..plotting import adagrad as adagrad_plots
from ..runner import compare, run
from . import (
    Panel,
    clear_lines,
    keep_contours,
    log_slider,
    new_figure,
    rescale,
    start_sliders,
    steps_slider,
    surface_dropdown,
)


def adagrad_panel(surfaces=None, surface=None, lr=0.5, steps=300):
    r"""AdaGrad on a surface: its path, the effective rate of each coordinate, and its loss.

    Controls: the global rate eta (log slider, first), the start point, the
    number of steps and the surface. The middle plot shows
    eta / sqrt(v_i^(t) + eps) for w_1 (solid) and w_2 (dashed), with a dotted
    1/sqrt(t) line through w_1's first rate for comparison.
    """
    surfaces = list(surfaces or test_functions.ALL)
    surface = surface or surfaces[0]
    chooser = surface_dropdown(surfaces, surface)
    start_x, start_y = start_sliders(chooser)
    figure, (left, middle, right) = new_figure(width=13.5, height=4.2, columns=3)
    show_contours = keep_contours(left)
    middle.set_title("effective rate of each weight")
    right.set_title("distance to the minimum value")

    def draw(figure, lr, start_x, start_y, steps, surface):
        paths = compare(surface, {"adagrad": adagrad(lr)}, [start_x, start_y], steps)
        show_contours(surface)
        plotting.paths(left, paths)
        clear_lines(middle)
        adagrad_plots.rate_curves(middle, paths, log_steps=True, legend=False)
        first = paths["adagrad"].rate[0, 0] if paths["adagrad"].steps else lr
        adagrad_plots.inverse_sqrt_guide(middle, first, steps)
        middle.legend(loc="best", fontsize="small", framealpha=0.8)
        rescale(middle)
        clear_lines(right)
        plotting.loss_curves(right, paths, minimum=surface.minimum)
        rescale(right)

    controls = {"lr": log_slider("lr $\\eta$", lr, 1e-3, 10.0), "start_x": start_x, "start_y": start_y,
                "steps": steps_slider(steps, high=2000), "surface": chooser}
    return Panel(controls, draw, figure)


def wall_start(floor_start, wall_direction, height):
    """The point `height` up the wall from `floor_start`, along the unit vector of `wall_direction`."""
    floor_start = numpy.asarray(floor_start, dtype=float)
    wall_direction = numpy.asarray(wall_direction, dtype=float)
    length = numpy.linalg.norm(wall_direction)
    if wall_direction.shape != floor_start.shape or not (numpy.isfinite(length) and length > 0):
        raise ValueError(
            f"wall_direction must be a non-zero vector of shape {floor_start.shape} like floor_start, "
            f"got {wall_direction.tolist()}"
        )
    return floor_start + height * wall_direction / length


def height_up_the_wall(height, max_height):
    """A slider for how far up the steep wall a start lies, from 0 (on the floor) to `max_height`."""
    max_height = _checks.positive("max_height", max_height)
    if not (_checks.non_negative("height", height) <= max_height):
        raise ValueError(f"height must be between 0 and max_height={max_height}, got {height!r}")
    return ipywidgets.FloatSlider(value=height, min=0.0, max=max_height, step=max_height / 100,
                                  description="height up the wall", style={"description_width": "initial"})


def first_gradient_panel(f, floor_start, wall_direction, lr=0.1, height=1.0, max_height=1.5, steps=300):
    r"""AdaGrad from two starts equally far along a valley: one on its floor, one up its steep wall.

    The start up the wall meets a large first gradient g^(1); since
    v^(t) >= (g^(1))^2, every later rate stays below eta / |g^(1)|. Controls:
    the height up the wall (first), eta and the number of steps.
    """
    height_slider = height_up_the_wall(height, max_height)
    figure, (left, middle, right) = new_figure(width=13.5, height=4.2, columns=3)
    plotting.contour(left, f)
    left.set_title(f"{f.name}: two starts")
    middle.set_title("AdaGrad's effective rates")
    right.set_title("distance to the minimum value")

    def draw(figure, height, lr, steps):
        starts = {"floor start": floor_start, "wall start": wall_start(floor_start, wall_direction, height)}
        paths = {label: run(f, adagrad(lr), start, steps) for label, start in starts.items()}
        plotting.paths(left, paths, legend=False)
        # paths() marks only the first run's start; the wall start needs its own square
        left.plot(*starts["wall start"], "s", color="black", markersize=6)
        left.legend(loc="upper right", fontsize="small", framealpha=0.8)
        adagrad_plots.rate_curves(clear_lines(middle), paths)
        rescale(middle)
        plotting.loss_curves(clear_lines(right), paths, minimum=f.minimum)
        rescale(right)

    controls = {
        "height": height_slider,
        "lr": log_slider("lr $\\eta$", lr, 1e-3, 3.0),
        "steps": steps_slider(steps, high=1000),
    }
    return Panel(controls, draw, figure)
