"""Plots for the AdaDelta lecture (notebooks/06-adadelta.ipynb): units, accumulators, sweeps.

Each function takes an `ax`, draws numbers already computed (Trajectories
from `run`/`compare`, or arrays) and returns the ax. Colour says the method
(its course colour) wherever a method is drawn.
"""

import numpy

from . import color_of

_TINY = 1e-16  # floor for log-scale plots of gaps that reach exactly zero
COORDINATE_STYLES = ("-", "--", ":", "-.")


def _legend_with(ax, label, style):
    """Redraw the legend of `ax` with one extra entry: a black line of `style` named `label`."""
    # an empty line carrying the label, so a later call finds this entry among the handles too
    ax.plot([], [], style, color="black", linewidth=1.2, label=label)
    ax.legend(loc="upper right", fontsize="small", framealpha=0.8)


def reference_paths(ax, trajectories, label="reference", legend=True):
    """Each Trajectory's iterates as a thin dashed line in its method's colour, to compare paths against.

    Draw these after adaptive_lr.plotting.paths, which removes the lines already on `ax`.
    """
    limits = ax.get_xlim(), ax.get_ylim()
    for index, (name, path) in enumerate(trajectories.items()):
        ax.plot(path.w[:, 0], path.w[:, 1], "--", color=color_of(name, index), linewidth=1.0, alpha=0.8)
    ax.set_xlim(limits[0])
    ax.set_ylim(limits[1])
    if legend:
        _legend_with(ax, label, "--")
    return ax


def add_legend_entry(ax, label, linestyle="--"):
    """Redraw the legend of `ax` with one more entry: a black line of `linestyle` named `label`.

    For a set of lines drawn without labels, such as reference runs in dashes.
    """
    _legend_with(ax, label, linestyle)
    return ax


def accumulators(ax, s, v, eps, log_steps=True):
    r"""AdaDelta's two moving averages against the step, one line per coordinate, with eps for scale.

    s, v: shape (n, d), the averages held after step t = 1, ..., n: s^(t+1)
        (of squared steps, in the units of w^2) and v^(t) (of squared
        gradients, in the units of g^2), as in the optimizer's state. The step
        is sqrt(s + eps) / sqrt(v + eps) g, so eps decides the step wherever s
        (or v) is not far above the dotted line.
    """
    s, v = numpy.asarray(s, dtype=float), numpy.asarray(v, dtype=float)
    if s.ndim != 2 or s.shape != v.shape:
        raise ValueError(f"s and v must be arrays of the same shape (steps, coordinates), got {s.shape} "
                         f"and {v.shape}")
    if not (numpy.isfinite(eps) and eps > 0):
        raise ValueError(f"eps must be a finite number > 0, got {eps!r}")
    t = numpy.arange(1, len(s) + 1)
    for i in range(s.shape[1]):
        style = COORDINATE_STYLES[i % len(COORDINATE_STYLES)]
        ax.plot(t, numpy.maximum(s[:, i], _TINY), style, color=color_of("adadelta"), linewidth=1.5,
                label=f"$s$ of $w_{i + 1}$ (units of $w^2$)")
        ax.plot(t, numpy.maximum(v[:, i], _TINY), style, color=color_of("rmsprop"), linewidth=1.5,
                label=f"$v$ of $w_{i + 1}$ (units of $g^2$)")
    ax.axhline(eps, linestyle=":", color="black", linewidth=1.4, label=f"$\\epsilon$ = {eps:g}")
    ax.set_yscale("log")
    if log_steps:
        ax.set_xscale("log")
    ax.set_xlabel("step $t$")
    ax.set_ylabel("moving average")
    ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def coordinate_steps(ax, trajectory, name="adadelta", log_steps=True):
    r"""|w_i^(t+1) - w_i^(t)| for each coordinate against the step t, on log axes."""
    steps = numpy.abs(numpy.diff(trajectory.w, axis=0))
    t = numpy.arange(1, len(steps) + 1)
    for i in range(steps.shape[1]):
        ax.plot(t, numpy.maximum(steps[:, i], _TINY), COORDINATE_STYLES[i % len(COORDINATE_STYLES)],
                color=color_of(name), linewidth=1.5, label=f"{name}, $w_{i + 1}$")
    ax.set_yscale("log")
    if log_steps:
        ax.set_xscale("log")
    ax.set_xlabel("step $t$")
    ax.set_ylabel("step length $|w_i^{(t+1)} - w_i^{(t)}|$")
    ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def sweep(ax, settings, gaps, label, color=None, linestyle="-", ceiling=1e4):
    r"""Final distance to the minimum value against a hyperparameter, on log-log axes: one line.

    settings: the hyperparameter of each run (or any positive number that
        describes it, such as the length of its first step).
    gaps: f(w^(N)) - f* of each run. A run that blew up (a gap that is not
        finite or above `ceiling`) is drawn as a cross on the ceiling.
    """
    settings, gaps = numpy.asarray(settings, dtype=float), numpy.asarray(gaps, dtype=float)
    if settings.ndim != 1 or settings.shape != gaps.shape or not numpy.all(settings > 0):
        raise ValueError(f"settings must be numbers > 0, one per gap ({gaps.size}), got {settings.tolist()}")
    color = color or color_of(label)
    blew_up = ~numpy.isfinite(gaps) | (gaps > ceiling)
    shown = numpy.where(blew_up, numpy.nan, numpy.maximum(gaps, _TINY))
    ax.plot(settings, shown, linestyle, marker="o", markersize=4, color=color, linewidth=1.5, label=label)
    if blew_up.any():
        ax.plot(settings[blew_up], numpy.full(blew_up.sum(), ceiling), "X", color=color, markersize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylabel("$f(w^{(N)}) - f^*$")
    return ax
