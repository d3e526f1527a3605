"""Panels for the annealing lecture (notebooks/02-annealing.ipynb).

Each panel only wires controls to the library: `nn.train` or
`annealing.anneal_on_plateau_run` for the numbers, adaptive_lr.plotting for
the pictures (see adaptive_lr.widgets.Panel for how a panel redraws).
"""

import functools

import ipywidgets
import numpy

from .. import data as datasets
from .. import functions as test_functions
from .. import nn, plotting
from ..annealing import anneal_on_plateau_run
from ..gd import gd
from ..momentum import momentum
from ..plateau import reduce_on_plateau
from ..plotting import annealing as annealing_plots
from ..plotting import geometry as geometry_plots
from ..runner import divergence_expected, run
from . import Panel, keep_contours, log_slider, new_figure, steps_slider, surface_dropdown
from .geometry import cleared, keep_decades

OSCILLATING_SURFACES = (test_functions.nonsmooth, test_functions.ill_conditioned, test_functions.rotated)
FIXED, ANNEALED = "fixed rate", "cut on plateau"


def _patience_slider(value):
    return ipywidgets.IntSlider(value=value, min=1, max=10, description="patience",
                                style={"description_width": "initial"})


def _factor_slider(value):
    return ipywidgets.FloatSlider(value=value, min=0.05, max=0.9, step=0.05, description="factor",
                                  readout_format=".2f", style={"description_width": "initial"})


def training_panel(data, sizes=(64, 16, 16, 10), lr=0.2, mu=0.9, patience=3, factor=0.1, epochs=20,
                   batch_size=64, seed=0):
    r"""A real training run with a fixed rate and the same run annealed on validation plateaus.

    The network `nn.mlp(sizes, "relu")` starts from He-initialised weights
    and is trained by momentum(lr, mu) on minibatches of `data`; the second
    run uses reduce_on_plateau(factor, patience) on the validation loss.
    Controls: patience (first), factor and lr. Left: training (dashed) and
    validation (solid) loss with the cuts dotted; middle: validation
    accuracy; right: the rate in force in each epoch.

    data: a Split, standardised by the caller; load it once and pass it in.
    Keep `epochs` small: every redraw trains the annealed run again (the
    fixed-rate run is remembered for each lr).
    """
    if not isinstance(data, datasets.Split):
        raise TypeError(f"data must be a Split such as adaptive_lr.data.digits(), got {type(data).__name__}")
    network = nn.mlp(sizes, "relu")
    w0 = nn.init(network, "he", seed=seed)
    figure, (left, middle, right) = new_figure(width=14.0, height=4.4, columns=3)

    def train(lr, plateau=None):
        # a rate far too large blows up: the curves then stop early and the title says so
        with divergence_expected():
            return nn.train(network, w0, momentum(lr, mu), data, epochs, batch_size=batch_size,
                            plateau=plateau, seed=seed)

    @functools.lru_cache(maxsize=16)
    def fixed_run(lr):
        return train(lr)

    def draw(figure, patience, factor, lr):
        histories = {FIXED: fixed_run(lr), ANNEALED: train(lr, reduce_on_plateau(factor, patience))}
        annealing_plots.epoch_losses(cleared(left), histories)
        left.set_title(f"momentum, lr={lr:.2g}: loss per epoch", fontsize="medium", y=1.0)
        annealing_plots.epoch_accuracy(cleared(middle), histories, legend=False)
        final = ", ".join(f"{name} diverged" if h.diverged else f"{name} {h.val_accuracy[-1]:.3f}"
                          for name, h in histories.items())
        middle.set_title(f"final validation accuracy: {final}", fontsize="medium", y=1.0)
        annealing_plots.epoch_rates(cleared(right), histories, lr, legend=False)
        right.set_title("the rate in each epoch", fontsize="medium", y=1.0)

    controls = {"patience": _patience_slider(patience), "factor": _factor_slider(factor),
                "lr": log_slider("lr $\\eta$", lr, 0.01, 1.0)}
    return Panel(controls, draw, figure)


def oscillation_panel(surfaces=OSCILLATING_SURFACES, surface=None, lr=0.13, patience=3, factor=0.1,
                      check_every=10, steps=300):
    r"""Gradient descent that bounces around a minimiser with a fixed rate, and the same run annealed.

    The annealed run is `anneal_on_plateau_run`: every `check_every` steps
    the loss goes to reduce_on_plateau(factor, patience), whose scale cuts
    the rate. Controls: the rate (log slider, first), patience, factor, the
    steps between checks, the number of steps and the surface. Left: both
    paths; middle: their losses, cuts dotted; right: the rate each used.
    """
    surfaces = list(surfaces)
    chooser = surface_dropdown(surfaces, surface or surfaces[0])
    figure, (left, middle, right) = new_figure(width=14.0, height=4.3, columns=3)
    show_contours = keep_contours(left, levels=20, resolution=120)

    def draw(figure, lr, patience, factor, check_every, steps, surface):
        # a rate past 2/curvature diverges on the quadratic valleys: its path ends in a cross
        with divergence_expected():
            paths = {FIXED: run(surface, gd(lr), surface.start, steps),
                     ANNEALED: anneal_on_plateau_run(surface, gd(lr), surface.start, steps,
                                                     reduce_on_plateau(factor, patience), check_every)}
        show_contours(surface)
        plotting.paths(left, paths, legend=False)
        left.legend(loc="lower left", fontsize="small", framealpha=0.8)
        with numpy.errstate(over="ignore"):
            # past 2/curvature a run's loss nears 1e308, and autoscaling its log axis overflows
            keep_decades(plotting.loss_curves(cleared(middle), paths, minimum=surface.minimum))
        annealing_plots.step_cuts(middle, paths)
        middle.set_title("distance to the minimum value", fontsize="medium", y=1.0)
        geometry_plots.rate_per_step(cleared(right), paths, log_steps=False, legend=False)
        right.set_title("the rate used at each step", fontsize="medium", y=1.0)

    controls = {
        "lr": log_slider("lr $\\eta$", lr, 1e-3, 1.0),
        "patience": _patience_slider(patience),
        "factor": _factor_slider(factor),
        "check_every": ipywidgets.IntSlider(value=check_every, min=1, max=50, description="check every",
                                            style={"description_width": "initial"}),
        "steps": steps_slider(steps, high=1000),
        "surface": chooser,
    }
    return Panel(controls, draw, figure)
