"""Plots for the local-geometry lecture (notebooks/01-local-geometry.ipynb).

Each function takes an `ax`, draws and returns the ax. The 1-D pictures look
at a surface along a line through its minimiser: how steep it is there, and
how long a gradient step of a given rate would be. The others draw
Trajectories already computed by `run`/`compare`, and per-layer gradient
sizes already measured by `nn.gradient_by_layer`.
"""

import numpy

from .. import derivatives
from . import color_of

_TINY = 1e-16  # floor for log-scale plots of values that reach exactly zero
REGION_COLORS = {"flat": "#fdd49e", "steep": "#fc8d59", "near the minimiser": "#9ecae1"}


def _ray(f, toward=None):
    """The unit vector from f's minimiser toward `toward` (default: f's start point)."""
    toward = f.start if toward is None else numpy.asarray(toward, dtype=float)
    direction = toward - f.minimizer
    length = numpy.linalg.norm(direction)
    if not (numpy.isfinite(length) and length > 0):
        raise ValueError(
            f"toward must be a point other than the minimiser {f.minimizer.tolist()}, got {toward.tolist()}"
        )
    return direction / length


def along_ray(f, distances, toward=None):
    r"""f, its slope and its curvature along the ray from f's minimiser w* toward a point.

    With the unit vector u from w* toward `toward` (f's start point by
    default), the slice is phi(s) = f(w* + s u); returns (phi, phi', phi'')
    at each distance s, taken by autograd. Evaluating a function to draw it
    is all this does; it runs no optimiser.
    """
    u = _ray(f, toward)
    distances = numpy.asarray(distances, dtype=float)
    slope_of = derivatives.grad(lambda s: f(f.minimizer + s * u))
    curvature_of = derivatives.grad(slope_of)
    values = numpy.array([f(f.minimizer + s * u) for s in distances])
    slopes = numpy.array([slope_of(s) for s in distances])
    curvatures = numpy.array([curvature_of(s) for s in distances])
    return values, slopes, curvatures


def regions(slopes, curvatures, flat=1e-2):
    r"""Label each point of a slice (given its slope and curvature): "near the minimiser", "steep" or "flat".

    near the minimiser: the convex bowl around s = 0, out to the first
        inflection point (phi'' > 0 all the way from the minimiser);
    flat: |phi'| below `flat` times the steepest slope of the slice;
    steep: everything else.
    """
    slopes, curvatures = numpy.abs(numpy.asarray(slopes)), numpy.asarray(curvatures)
    bowl = numpy.cumprod(curvatures > 0).astype(bool)  # convex from the minimiser outward
    return numpy.where(bowl, "near the minimiser",
                       numpy.where(slopes < flat * slopes.max(), "flat", "steep"))


def _shade(ax, distances, labels, text=True):
    """Shade each run of equal labels along the x axis in its region colour."""
    edges = numpy.flatnonzero(labels[1:] != labels[:-1]) + 1
    starts, stops = numpy.r_[0, edges], numpy.r_[edges, len(labels)]
    for start, stop in zip(starts, stops, strict=True):
        label = labels[start]
        low, high = distances[start], distances[stop - 1]
        ax.axvspan(low, high, color=REGION_COLORS[label], alpha=0.35, linewidth=0)
        if text:
            # mid-height: the profile runs along the top of the flat part and the bottom of the bowl
            ax.text((low + high) / 2, 0.6, label.replace(" the ", " the\n"), ha="center", va="center",
                    transform=ax.get_xaxis_transform(), fontsize="small")


def slice_profile(ax, f, span=2.5, toward=None, resolution=400):
    r"""f along the ray from its minimiser toward its start, with the three kinds of region shaded.

    x: the distance s from the minimiser; y: phi(s) = f(w* + s u). Shading:
    the convex bowl near the minimiser, steep walls, and flat regions whose
    slope is under 1% of the steepest (see `regions`).
    """
    distances = numpy.linspace(0.0, span, resolution)
    values, slopes, curvatures = along_ray(f, distances, toward)
    _shade(ax, distances, regions(slopes, curvatures))
    ax.plot(distances, values, color="black", linewidth=1.8)
    start_distance = numpy.linalg.norm((f.start if toward is None else toward) - f.minimizer)
    if start_distance <= span:
        start_value = f(f.minimizer + start_distance * _ray(f, toward))
        ax.plot(start_distance, start_value, "s", color="black", markersize=6)
        ax.annotate("start", (start_distance, start_value), xytext=(0, -14), textcoords="offset points",
                    ha="center", fontsize="small")
    ax.set_xlim(0.0, span)
    ax.set_xlabel("distance $s$ from the minimiser")
    ax.set_ylabel(r"$f(w^* + s\,u)$")
    return ax


def step_lengths_along(ax, f, rates, span=2.5, toward=None, resolution=400):
    r"""How long one gradient step of each rate would be at each point of the slice, on a log scale.

    A step of rate eta from distance s moves eta |phi'(s)|. Dashed: 2 s, the
    length beyond which the step lands farther from the minimiser than it
    started. Far below the diagonal the method crawls; above the dashed
    line it is thrown away from the minimum.
    """
    distances = numpy.linspace(span / resolution, span, resolution)
    values, slopes, curvatures = along_ray(f, distances, toward)
    _shade(ax, distances, regions(slopes, curvatures), text=False)
    for index, rate in enumerate(rates):
        ax.plot(distances, numpy.maximum(rate * numpy.abs(slopes), _TINY), color=color_of("rate", index),
                linewidth=1.6, label=rf"$\eta$ = {rate:g}")
    ax.plot(distances, 2 * distances, "--", color="black", linewidth=1.2,
            label="$2s$: beyond this, farther than before")
    ax.set_yscale("log")
    ax.set_ylim(1e-6, 1e3)
    ax.set_xlim(0.0, span)
    ax.set_xlabel("distance $s$ from the minimiser")
    ax.set_ylabel(r"length of one step, $\eta\,|\phi'(s)|$")
    ax.legend(loc="lower left", fontsize="small", framealpha=0.8)
    return ax


def ray(ax, f, span=2.5, toward=None):
    """The slice's ray on a contour plot: from the minimiser toward the start, `span` long."""
    end = f.minimizer + span * _ray(f, toward)
    ax.plot(*numpy.stack([f.minimizer, end]).T, ":", color="black", linewidth=1.4, label="slice")
    return ax


def step_sizes(ax, trajectories, legend=True):
    r"""How far each step moved, ||w^(t) - w^(t-1)||, against the step t, on a log scale.

    A crawl shows as tiny steps; bouncing around a minimiser shows as steps
    that stay long while the loss does not fall.
    """
    for index, (name, path) in enumerate(trajectories.items()):
        lengths = numpy.linalg.norm(numpy.diff(path.w, axis=0), axis=1)
        ax.plot(numpy.arange(1, len(lengths) + 1), numpy.maximum(lengths, _TINY),
                color=color_of(name, index), linewidth=1.4, label=name)
    ax.set_yscale("log")
    ax.set_xlabel("step $t$")
    ax.set_ylabel(r"step length $\|w^{(t)}-w^{(t-1)}\|$")
    if legend and trajectories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def distance_to_minimizer(ax, trajectories, minimizer, log=False, legend=True):
    r"""How far each Trajectory's iterate is from the minimiser, ||w^(t) - w*||, against the step t.

    On a surface that is symmetric around w* (the plateau) every gradient path
    runs along one ray, so this one number tells the whole story: a crawl is
    a flat line, a throw out of the well a jump upwards, settling a fall to zero.
    """
    minimizer = numpy.asarray(minimizer, dtype=float)
    for index, (name, path) in enumerate(trajectories.items()):
        if minimizer.shape != path.w.shape[1:]:
            raise ValueError(f"minimizer must have shape {path.w.shape[1:]} like the iterates of {name!r}, "
                             f"got shape {minimizer.shape}")
        distance = numpy.linalg.norm(path.w - minimizer, axis=1)
        ax.plot(numpy.arange(len(distance)), numpy.maximum(distance, _TINY) if log else distance,
                color=color_of(name, index), linewidth=1.6, label=name)
    if log:
        ax.set_yscale("log")
    else:
        ax.set_ylim(bottom=0.0)
    ax.set_xlabel("step $t$")
    ax.set_ylabel(r"distance to the minimiser $\|w^{(t)} - w^*\|$")
    if legend and trajectories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def rate_per_step(ax, trajectories, log_steps=True, legend=True):
    r"""The learning rate each Trajectory used at every step (its first coordinate's), on a log scale.

    With `log_steps` the step axis is logarithmic too: a constant rate is a
    flat line, lr0 / t a line of slope -1.
    """
    for index, (name, path) in enumerate(trajectories.items()):
        ax.plot(numpy.arange(1, path.steps + 1), numpy.abs(path.rate[:, 0]), color=color_of(name, index),
                linewidth=1.6, label=name)
    if log_steps:
        ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("step $t$")
    ax.set_ylabel(r"learning rate $\eta_t$")
    if legend and trajectories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def layer_gradients(ax, stats_by_setting, measure="mean_abs", legend=True, title=None):
    r"""Per-layer gradient sizes as grouped bars on a log axis: one group per layer, one colour per setting.

    stats_by_setting: {label: list of nn.LayerGradient}, e.g. one entry per
    initialisation scheme. `measure` is "mean_abs" (mean |dL/dW_ij|) or
    "norm". With one learning rate for all weights, bars 100 times shorter
    mean weights that move 100 times more slowly.
    """
    if measure not in ("mean_abs", "norm"):
        raise ValueError(f"measure must be 'mean_abs' or 'norm', got {measure!r}")
    settings = list(stats_by_setting.items())
    width = 0.8 / max(len(settings), 1)
    for index, (label, stats) in enumerate(settings):
        sizes = [getattr(s, measure) for s in stats]
        offsets = numpy.arange(len(stats)) + (index - (len(settings) - 1) / 2) * width
        spread = max(sizes) / min(sizes) if min(sizes) > 0 else numpy.inf
        ax.bar(offsets, sizes, width=width, color=color_of(label, index),
               label=f"{label} (largest / smallest = {spread:.3g})")
    if settings:
        layers = [s.layer for s in settings[0][1]]
        ax.set_xticks(range(len(layers)), [f"layer {n}" for n in layers])
    ax.set_yscale("log")
    ax.set_ylabel(r"mean $|\partial L / \partial W_{ij}|$" if measure == "mean_abs"
                  else r"$\|\partial L / \partial W\|$")
    ax.set_xlabel("layer (1 = next to the inputs)")
    if title:
        ax.set_title(title)
    if legend and settings:
        ax.legend(loc="upper left", fontsize="small", framealpha=0.8)
    return ax

