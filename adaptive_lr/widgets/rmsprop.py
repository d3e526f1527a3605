"""Panels for the RMSProp lecture (notebooks/05-rmsprop.ipynb).

Each panel only wires controls to `compare` and to plot functions; see
adaptive_lr.widgets.Panel for how a panel redraws.
"""

import ipywidgets

from .. import _checks, plotting
from .. import functions as test_functions
from ..adagrad import adagrad
from ..plotting import adagrad as adagrad_plots
from ..rmsprop import rmsprop
from ..runner import compare
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
from .adagrad import height_up_the_wall, wall_start


def rho_slider(value=0.9):
    """RMSProp's decay rate rho, from 0 (no memory) to 0.999 (a window of about 1000 steps)."""
    if not (_checks.unit_interval("rho", value) <= 0.999):
        raise ValueError(f"rho must be between 0 and 0.999 for the slider, got {value!r}")
    return ipywidgets.FloatSlider(value=value, min=0.0, max=0.999, step=0.001, readout_format=".3f",
                                  description="rho $\\rho$", continuous_update=True)


def _adagrad_and_rmsprop(lr, rho):
    return {"adagrad": adagrad(lr), "rmsprop": rmsprop(lr, rho=rho)}


def rho_panel(surfaces=None, surface=None, rho=0.9, lr=0.01, steps=300):
    r"""RMSProp with the decay rate rho and the rate eta you choose, beside AdaGrad with the same eta.

    Left: both paths. Middle: the effective rates eta / sqrt(v_i^(t) + eps),
    w_1 solid and w_2 dashed: with rho = 0 they jump with every gradient
    (a step of about eta * sign(g)); with rho near 1 they are smooth and slow
    to adapt, and for t much less than 1 / (1 - rho) they fall like
    AdaGrad's. Right: the loss. Controls: rho (first), eta, the start, the
    number of steps and the surface.
    """
    surfaces = list(surfaces or test_functions.ALL)
    surface = surface or surfaces[0]
    chooser = surface_dropdown(surfaces, surface)
    start_x, start_y = start_sliders(chooser)
    figure, (left, middle, right) = new_figure(width=13.5, height=4.2, columns=3)
    show_contours = keep_contours(left)
    middle.set_title("effective rate of each weight")
    right.set_title("distance to the minimum value")

    def draw(figure, rho, lr, start_x, start_y, steps, surface):
        paths = compare(surface, _adagrad_and_rmsprop(lr, rho), [start_x, start_y], steps)
        show_contours(surface)
        plotting.paths(left, paths)
        adagrad_plots.rate_curves(clear_lines(middle), paths, legend=False)
        middle.legend(loc="lower left", fontsize="small", framealpha=0.8, ncols=2)
        rescale(middle)
        plotting.loss_curves(clear_lines(right), paths, minimum=surface.minimum)
        rescale(right)

    controls = {"rho": rho_slider(rho), "lr": log_slider("lr $\\eta$", lr, 1e-4, 1.0),
                "start_x": start_x, "start_y": start_y, "steps": steps_slider(steps, high=2000),
                "surface": chooser}
    return Panel(controls, draw, figure)


def wall_start_panel(f, floor_start, wall_direction, lr=0.03, rho=0.9, height=1.0, max_height=1.5, steps=300):
    r"""AdaGrad and RMSProp, same eta, both from a start `height` up the steep wall of a valley.

    Both see the same large first gradient. AdaGrad keeps it in its sum for
    ever; RMSProp's average lets it fade like rho^t, so its rates recover
    within about 1 / (1 - rho) steps. Controls: the height (first), eta, rho
    and the number of steps.
    """
    height_slider = height_up_the_wall(height, max_height)
    figure, (left, middle, right) = new_figure(width=13.5, height=4.2, columns=3)
    plotting.contour(left, f)
    left.set_title(f"{f.name}: a start up the wall")
    middle.set_title("effective rates")
    right.set_title("distance to the minimum value")

    def draw(figure, height, lr, rho, steps):
        paths = compare(f, _adagrad_and_rmsprop(lr, rho), wall_start(floor_start, wall_direction, height),
                        steps)
        plotting.paths(left, paths)
        adagrad_plots.rate_curves(clear_lines(middle), paths, legend=False)
        middle.legend(loc="lower right", fontsize="small", framealpha=0.8, ncols=2)
        rescale(middle)
        plotting.loss_curves(clear_lines(right), paths, minimum=f.minimum)
        rescale(right)

    controls = {
        "height": height_slider,
        "lr": log_slider("lr $\\eta$", lr, 1e-3, 1.0),
        "rho": rho_slider(rho),
        "steps": steps_slider(steps, high=1000),
    }
    return Panel(controls, draw, figure)
