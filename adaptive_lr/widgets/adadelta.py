"""Panels for the AdaDelta lecture (notebooks/06-adadelta.ipynb).

Each panel only wires controls to `compare` and to plot functions; see
adaptive_lr.widgets.Panel for how a panel redraws.
"""

import dataclasses
import functools
import types

import numpy

from .. import functions as test_functions
from .. import plotting
from ..adadelta import adadelta
from ..gd import gd
from ..newton import newton
from ..plotting import adadelta as adadelta_plots
from ..runner import compare, divergence_expected
from . import Panel, log_slider, new_figure, redraw_layers, steps_slider, surface_dropdown

# Each surface of the units panel with the gd rate that suits it in its original units.
UNITS_SURFACES = {test_functions.ill_conditioned: 0.02, test_functions.rotated: 0.02,
                  test_functions.rosenbrock: 1e-3}
NEWTON_STEPS = 20  # Newton has settled long before this on every surface of the panel


def in_original_units(trajectories, factors):
    """Trajectories run on rescaled(f, factors), with their iterates converted back to f's units."""
    factors = numpy.asarray(factors, dtype=float)
    for name, path in trajectories.items():
        if factors.shape != path.w.shape[1:]:
            raise ValueError(f"factors must have one entry per coordinate of trajectories[{name!r}] "
                             f"({path.w.shape[1]}), got {factors.tolist()}")
    return {name: dataclasses.replace(path, w=path.w * factors) for name, path in trajectories.items()}


@functools.lru_cache(maxsize=16)
def _runs(surface, scale, lr, eps, steps):
    """gd, Newton and AdaDelta on `surface` with w_2 measured in units `scale` times larger.

    Returned in the original units. Cached: the panel asks for the scale-1 runs at every redraw.
    """
    factors = [1.0, scale]
    measured = test_functions.rescaled(surface, factors)
    # gd's fixed rate is too large for some units: its run then stops with a cross on its
    # path and the panel's title says so; that failure is what the panel is there to show
    with divergence_expected():
        runs = compare(measured, {"gd": gd(lr), "adadelta": adadelta(eps=eps)}, measured.start, steps)
        runs["newton"] = compare(measured, {"newton": newton()}, measured.start,
                                 min(steps, NEWTON_STEPS))["newton"]
    # read-only, since every later call with these arguments gets this very object
    return types.MappingProxyType(in_original_units(runs, factors))


def units_panel(surfaces=None, surface=None, scale=0.1, eps=1e-6, steps=300):
    r"""The same problem in other units: w_2 is measured in units `scale` times larger (u_2 = w_2 / c).

    Each method runs on alr.functions.rescaled(surface, [1, c]) and its path
    is converted back and drawn in the original units (solid), over the
    paths for c = 1 (dashed). A method whose steps carry the units of w draws
    the same path for every c. Left: paths; right: loss (unit-free).
    Controls: the scale c (log slider, first), the surface, AdaDelta's eps,
    the steps.

    surfaces: {TestFunction: gd learning rate} (default UNITS_SURFACES).
    """
    surfaces = dict(surfaces or UNITS_SURFACES)
    surface = surface or next(iter(surfaces))
    chooser = surface_dropdown(list(surfaces), surface)
    figure, (left, right) = new_figure(width=12.0, height=4.8, columns=2)
    reset_left, reset_right = redraw_layers(left), redraw_layers(right)

    def draw(figure, scale, surface, eps, steps):
        lr = surfaces[surface]
        measured = _runs(surface, scale, lr, eps, steps)
        reference = _runs(surface, 1.0, lr, eps, steps)
        reset_left(surface, lambda ax: plotting.contour(ax, surface))
        plotting.paths(left, measured, legend=False)
        adadelta_plots.reference_paths(left, reference, label="dashed: $c = 1$")
        stopped = [name for name, path in measured.items() if path.diverged]
        left.set_title(f"{surface.name}, $w_2$ in units $c$ = {scale:.3g} times larger (gd: $\\eta$ = {lr:g})"
                       + (f"; {', '.join(stopped)} diverged" if stopped else ""), fontsize="medium")
        reset_right(None, lambda ax: None)
        plotting.loss_curves(right, measured, surface.minimum, legend=False)
        plotting.loss_curves(right, reference, surface.minimum, legend=False, linestyle="--")
        adadelta_plots.add_legend_entry(right, "dashed: $c = 1$")
        right.set_title("distance to the minimum value (the same in any units)", fontsize="medium")

    controls = {
        "scale": log_slider("scale $c$ of $w_2$", scale, 1e-2, 1e2),
        "surface": chooser,
        "eps": log_slider("adadelta $\\epsilon$", eps, 1e-10, 1e-1),
        "steps": steps_slider(steps, high=1000),
    }
    return Panel(controls, draw, figure)
