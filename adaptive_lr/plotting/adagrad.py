"""Plots for the AdaGrad lecture (notebooks/04-adagrad.ipynb): rates and progress per coordinate.

Each function takes an `ax`, draws Trajectories already computed by `run` or
`compare`, and returns the ax. Colour always says the method (its course
colour); line style says the coordinate: solid for w_1, dashed for w_2.
"""

import numpy

from . import color_of

COORDINATE_STYLES = ("-", "--", ":", "-.")
_TINY = 1e-16  # floor for log-scale plots of gaps that reach exactly zero


def _style(coordinate):
    return COORDINATE_STYLES[coordinate % len(COORDINATE_STYLES)]


def _checked_trajectories(trajectories):
    if not hasattr(trajectories, "items"):
        raise TypeError(f"trajectories must be a dict {{name: Trajectory}}, got {trajectories!r}")
    return trajectories


def rate_curves(ax, trajectories, log_steps=False, legend=True):
    r"""The effective rate of every coordinate of every Trajectory against the step t, on a log scale.

    The effective rate is the factor coordinate i's gradient was multiplied by at
    step t: eta for gradient descent, eta / sqrt(v_i^(t) + eps) for AdaGrad and
    RMSProp. With `log_steps` the step axis is logarithmic too, so a rate that
    decays like 1/sqrt(t) is a straight line of slope -1/2.
    """
    for index, (name, path) in enumerate(_checked_trajectories(trajectories).items()):
        steps = numpy.arange(1, path.steps + 1)
        for i in range(path.rate.shape[1]):
            ax.plot(steps, numpy.abs(path.rate[:, i]), _style(i), color=color_of(name, index),
                    linewidth=1.5, label=f"{name}, $w_{i + 1}$")
    ax.set_yscale("log")
    if log_steps:
        ax.set_xscale("log")
    ax.set_xlabel("step $t$")
    ax.set_ylabel("effective rate")
    if legend and trajectories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def coordinate_gaps(ax, trajectories, target, legend=True):
    r"""The share of the way each coordinate still has to go: |w_i^(t) - w*_i| / |w_i^(0) - w*_i|.

    All coordinates start at 1, so the lines show directly whether a method
    moves every weight at the same pace (lines together) or some much faster
    than others (lines apart). A coordinate that starts exactly at the target
    has no way to go and is left out.
    """
    target = numpy.asarray(target, dtype=float)
    for index, (name, path) in enumerate(_checked_trajectories(trajectories).items()):
        if target.shape != path.w.shape[1:]:
            raise ValueError(
                f"target must have one entry per coordinate, shape {path.w.shape[1:]}, "
                f"got shape {target.shape}: {target.tolist()}"
            )
        gaps = numpy.abs(path.w - target)
        for i in numpy.flatnonzero(gaps[0] > 0):
            ax.plot(numpy.arange(len(gaps)), numpy.maximum(gaps[:, i] / gaps[0, i], _TINY), _style(i),
                    color=color_of(name, index), linewidth=1.5, label=f"{name}, $w_{i + 1}$")
    ax.set_yscale("log")
    ax.set_xlabel("step $t$")
    ax.set_ylabel("share of the way left")
    if legend and trajectories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def inverse_sqrt_guide(ax, first, steps, label=r"$\propto 1/\sqrt{t}$", color="black"):
    r"""A dotted reference line first / sqrt(t) for t = 1, ..., steps.

    This is how AdaGrad's rate decays when a coordinate's gradients keep the
    same size |g|: then v^(t) = t g^2 and the rate is eta / (|g| sqrt(t)).
    """
    if not (numpy.isfinite(first) and first > 0):
        raise ValueError(f"first must be a finite number > 0 (the guide's value at t = 1), got {first!r}")
    t = numpy.arange(1, int(steps) + 1)
    ax.plot(t, first / numpy.sqrt(t), ":", color=color, linewidth=1.8, label=label)
    return ax


def step_lengths(ax, trajectories, log_steps=True, legend=True):
    r"""How far each step moved the weights, ||w^(t) - w^(t-1)||, against t on a log scale.

    A method that is still travelling keeps its steps long; a method whose rates
    have decayed takes ever shorter steps, wherever it is.
    """
    for index, (name, path) in enumerate(_checked_trajectories(trajectories).items()):
        lengths = numpy.linalg.norm(numpy.diff(path.w, axis=0), axis=1)
        ax.plot(numpy.arange(1, len(lengths) + 1), numpy.maximum(lengths, _TINY),
                color=color_of(name, index), linewidth=1.5, label=name)
    ax.set_yscale("log")
    if log_steps:
        ax.set_xscale("log")
    ax.set_xlabel("step $t$")
    ax.set_ylabel(r"step length $\|w^{(t)}-w^{(t-1)}\|$")
    if legend and trajectories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax
