"""Plots for the RMSProp lecture (notebooks/05-rmsprop.ipynb): what the moving average remembers.

Per-coordinate rates and progress are drawn with adaptive_lr.plotting.adagrad;
this module adds the weights of the moving average and the distance to the
minimiser.
"""

import numpy

from .. import _checks
from . import color_of

_TINY = 1e-16  # floor for log-scale plots of distances that reach exactly zero


def average_weights(rho, horizon):
    r"""The weight (1 - rho) rho^k that v^(t) gives to the squared gradient of k steps ago, k = 0..horizon-1.

    Unrolling v^(t) = rho v^(t-1) + (1 - rho) (g^(t))^2 from v^(0) = 0 gives
    v^(t) = sum_{k=0}^{t-1} (1 - rho) rho^k (g^(t-k))^2: the weights fall
    geometrically, sum to 1 - rho^t, and about 1 / (1 - rho) of them matter.
    """
    rho = _checks.unit_interval("rho", rho)
    horizon = _checks.positive_int("horizon", horizon)
    return (1 - rho) * rho ** numpy.arange(horizon)


def memory_weights(ax, rhos, horizon=100, floor=1e-4):
    r"""The weights (1 - rho) rho^k of the moving average against k, one line per rho, on a log scale.

    A dotted vertical line marks each rho's effective memory 1 / (1 - rho)
    steps; weights below `floor` are cut off the picture.
    """
    for index, rho in enumerate(rhos):
        color = color_of(f"rho={rho}", index)
        weights = average_weights(rho, horizon)
        ax.plot(numpy.arange(horizon), weights, "o-", color=color, markersize=2.5, linewidth=1.2,
                label=rf"$\rho={rho}$: memory $1/(1-\rho)\approx{1 / (1 - rho):.0f}$")
        if 1 / (1 - rho) < horizon:
            ax.axvline(1 / (1 - rho), color=color, linestyle=":", linewidth=1.2)
    ax.set_yscale("log")
    ax.set_ylim(floor, 1.0)
    ax.set_xlim(-1, horizon)
    ax.set_xlabel("$k$: how many steps ago the gradient was seen")
    ax.set_ylabel(r"its weight in $v^{(t)}$: $(1-\rho)\,\rho^k$")
    ax.legend(loc="upper right", fontsize="small", framealpha=0.8)
    return ax


def distance_curves(ax, trajectories, f, legend=True):
    """The distance from each iterate to the nearest global minimiser of f against the step, log scale."""
    if len(getattr(f, "minimizers", ())) == 0:
        raise ValueError(f"f must be a TestFunction with known minimizers, got {f!r}")
    for index, (name, path) in enumerate(trajectories.items()):
        gaps = numpy.min(numpy.linalg.norm(path.w[:, None, :] - f.minimizers[None], axis=2), axis=1)
        ax.plot(numpy.arange(len(gaps)), numpy.maximum(gaps, _TINY), color=color_of(name, index),
                linewidth=1.5, label=name)
    ax.set_yscale("log")
    ax.set_xlabel("step $t$")
    ax.set_ylabel(r"distance to the minimiser $\|w^{(t)}-w^*\|$")
    if legend and trajectories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax
