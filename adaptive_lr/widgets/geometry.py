"""Panels for the local-geometry lecture (notebooks/01-local-geometry.ipynb).

Each panel only wires controls to the library: `compare` or
`nn.gradient_by_layer` for the numbers, adaptive_lr.plotting for the
pictures (see adaptive_lr.widgets.Panel for how a panel redraws).
"""


import ipywidgets
import numpy

from .. import data as datasets
from .. import functions as test_functions
from .. import nn, plotting, schedules
from ..gd import gd
from ..plotting import geometry as geometry_plots
from ..runner import compare, divergence_expected
from . import Panel, keep_contours, log_slider, new_figure, start_sliders, steps_slider, surface_dropdown

GEOMETRY_SURFACES = (test_functions.plateau, test_functions.ill_conditioned, test_functions.nonsmooth)


def cleared(ax):
    """`ax` cleared for new curves (a curve axis is cheap enough to rebuild; contours are kept elsewhere)."""
    ax.clear()
    return ax


def _quiet_compare(surface, optimizers, start, steps):
    """compare() with divergence warnings silenced: the figure marks a diverged run with a cross."""
    # a rate too large for a steep wall is one of the lessons; the path ends in a cross
    with divergence_expected():
        return compare(surface, optimizers, start, steps)


def keep_decades(ax, decades=4, ceiling=1e30):
    """Give a log axis at least `decades` decades below its top, some room above it, and a ceiling.

    Autoscaling would blow up a loss that barely moves (a crawl on a plateau)
    into a full-height line; a fixed minimum range shows it as the flat line it is.
    A diverging run climbs towards 1e308, where the axis itself would overflow:
    it is cut off at `ceiling`.
    """
    bottom, top = ax.get_ylim()
    top = min(3 * top, ceiling)
    ax.set_ylim(min(bottom, top / 10**decades), top)
    return ax


def _status(path):
    if path.diverged:
        return f"diverged at step {path.diverged_at}"
    return f"after {path.steps} steps: $f - f^*$ = {path.loss[-1]:.2g}"


def gd_panel(surfaces=GEOMETRY_SURFACES, surface=None, lr=0.1, steps=300):
    r"""Gradient descent with one fixed rate on a surface you pick: its path, its loss, its step lengths.

    Controls: the rate eta (log slider, first), the start point, the number
    of steps and the surface. On `plateau` a small rate crawls and a large
    one is thrown out of the well; on `ill_conditioned` past 2/25 it
    diverges; on `nonsmooth` it never stops bouncing around the minimum.
    """
    surfaces = list(surfaces)
    chooser = surface_dropdown(surfaces, surface or surfaces[0])
    start_x, start_y = start_sliders(chooser)
    figure, (left, middle, right) = new_figure(width=14.0, height=4.3, columns=3)
    show_contours = keep_contours(left, levels=20, resolution=120)

    def draw(figure, lr, start_x, start_y, steps, surface):
        paths = _quiet_compare(surface, {f"gd, lr={lr:.2g}": gd(lr)}, [start_x, start_y], steps)
        (path,) = paths.values()
        show_contours(surface)
        plotting.paths(left, paths, legend=False)
        left.legend(loc="lower left", fontsize="small", framealpha=0.8)
        left.set_title(surface.name, y=1.0)
        with numpy.errstate(over="ignore"):
            # a diverged run's loss nears 1e308, and autoscaling its log axis overflows
            # before keep_decades puts a ceiling on it
            keep_decades(plotting.loss_curves(cleared(middle), paths, minimum=surface.minimum, legend=False))
            keep_decades(geometry_plots.step_sizes(cleared(right), paths, legend=False))
        middle.set_title(_status(path), fontsize="medium", y=1.0)
        right.set_title("how far each step moved", fontsize="medium", y=1.0)

    controls = {"lr": log_slider("lr $\\eta$", lr, 1e-3, 100.0), "start_x": start_x, "start_y": start_y,
                "steps": steps_slider(steps, high=3000), "surface": chooser}
    return Panel(controls, draw, figure)


def schedule_panel(f=test_functions.plateau, lr=0.3, lr0=56.0, steps=1000):
    r"""A constant rate and lr0/t on one surface, from a start you slide along the ray through f's start.

    Controls: the constant rate (log slider, first), lr0 of the 1/t
    schedule, the start's distance from the minimiser and the number of
    steps. Left: each iterate's distance to the minimiser (on the plateau
    every path runs along the ray, so this says where it is); middle: the
    losses; right: the rates used. Neither schedule looks at the surface,
    so a setting that works from one start fails from another.
    """
    start_distance = float(numpy.linalg.norm(f.start - f.minimizer))
    direction = (f.start - f.minimizer) / start_distance
    farthest = 1.5 * start_distance  # far enough out on a plain for gradients to vanish
    figure, (left, middle, right) = new_figure(width=14.0, height=4.3, columns=3)

    def draw(figure, lr, lr0, distance, steps):
        optimizers = {f"constant {lr:.2g}": gd(schedules.constant(lr)),
                      f"{lr0:.3g}/t": gd(schedules.inverse_time(lr0))}
        paths = _quiet_compare(f, optimizers, f.minimizer + distance * direction, steps)
        geometry_plots.distance_to_minimizer(cleared(left), paths, f.minimizer)
        left.set_title(f"{f.name}: where the iterate is", fontsize="medium", y=1.0)
        with numpy.errstate(over="ignore"):  # as in gd_panel: a diverged run's loss nears 1e308
            keep_decades(plotting.loss_curves(cleared(middle), paths, minimum=f.minimum, legend=False))
        middle.set_title("distance to the minimum value", fontsize="medium", y=1.0)
        geometry_plots.rate_per_step(cleared(right), paths, legend=False)
        right.set_title("the rate each schedule used", fontsize="medium", y=1.0)

    controls = {
        "lr": log_slider("constant lr", lr, 1e-2, 1e3),
        "lr0": log_slider("1/t: lr0", lr0, 1.0, 1e3),
        "distance": ipywidgets.FloatSlider(value=start_distance, min=0.1 * start_distance, max=farthest,
                                           step=0.01,
                                           description="start distance",
                                           style={"description_width": "initial"}),
        "steps": steps_slider(steps, high=3000),
    }
    return Panel(controls, draw, figure)


INPUTS = ("standardised", "raw pixels")


def layer_gradient_panel(data, depth=4, width=64, activation="sigmoid", inputs="standardised", seed=0):
    r"""The size of the gradient on each layer of an MLP on the digits, for three initialisations.

    Bars: mean |dL/dW_ij| per layer for the naive, Xavier and He schemes, at
    the initial weights, on the whole training set. Controls: the number of
    hidden layers (first), their width, the activation, raw or standardised
    inputs and the seed of the initial weights.

    data: a Split from adaptive_lr.data.digits() (load it once and pass it in).
    """
    if not isinstance(data, datasets.Split):
        raise TypeError(f"data must be a Split such as adaptive_lr.data.digits(), got {type(data).__name__}")
    (standardised,) = datasets.standardize(data.X_train)
    inputs_by_name = {"standardised": standardised, "raw pixels": data.X_train}
    figure, (ax,) = new_figure(width=10.0, height=4.3)
    figure.subplots_adjust(bottom=0.14)

    def draw(figure, depth, width, activation, inputs, seed):
        network = nn.mlp((data.X_train.shape[1],) + (width,) * depth + (10,), activation)
        X = inputs_by_name[inputs]
        stats = {scheme: nn.gradient_by_layer(network, nn.init(network, scheme, seed), X, data.y_train)
                 for scheme in nn.INIT_SCHEMES}
        geometry_plots.layer_gradients(cleared(ax), stats)
        ax.set_title(f"{activation}, {depth} hidden layers of {width}, {inputs} inputs",
                     fontsize="medium", y=1.0)

    controls = {
        "depth": ipywidgets.IntSlider(value=depth, min=1, max=8, description="hidden layers",
                                      style={"description_width": "initial"}),
        "width": ipywidgets.SelectionSlider(options=[16, 32, 64, 128], value=width, description="width"),
        "activation": ipywidgets.Dropdown(options=sorted(nn.ACTIVATIONS), value=activation,
                                          description="activation"),
        "inputs": ipywidgets.Dropdown(options=INPUTS, value=inputs, description="inputs"),
        "seed": ipywidgets.IntSlider(value=seed, min=0, max=9, description="seed"),
    }
    return Panel(controls, draw, figure)
