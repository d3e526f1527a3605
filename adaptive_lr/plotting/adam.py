"""Plots for the Adam lecture: what zero-started averages weigh, and how long the steps are."""

import numpy

from .. import _checks
from . import _TINY, color_of


def average_weights(ax, rhos, steps=100):
    r"""The total weight a zero-started moving average has put on real gradients, against t (log scale).

    With a^(0) = 0 and a^(t) = rho a^(t-1) + (1 - rho) x^(t), a^(t) is a weighted
    sum of x^(1), ..., x^(t) whose weights add up to

        (1 - rho) (1 + rho + ... + rho^(t-1)) = 1 - rho^t,

    not to 1: the missing rho^t is the weight left on the starting zero.
    Adam's bias correction divides by exactly this number.
    """
    steps = _checks.positive_int("steps", steps)
    t = numpy.arange(1, steps + 1)
    for rho in rhos:
        rho = _checks.unit_interval("rho", rho)
        ax.plot(t, 1 - rho**t, linewidth=1.6, label=rf"$1-\rho^t$, $\rho={rho:g}$")
    ax.axhline(1.0, color="black", linewidth=0.8, linestyle=":")
    ax.set_ylim(0, 1.05)
    ax.set_xscale("log")  # a fast and a slow average both fit: 0.9 fills in tens of steps, 0.999 thousands
    ax.set_xlabel("step $t$")
    ax.set_ylabel("total weight on real gradients")
    ax.legend(loc="lower right", fontsize="small")
    return ax


def bias_distortion(ax, rho1, rho2s, steps=10_000):
    r"""How much longer Adam's step is without bias correction than with it, against t (log scales).

    For a gradient that stays the same (and eps negligible), the corrected
    step is eta and the uncorrected one is eta (1 - rho1^t) / sqrt(1 - rho2^t):
    m is short by the factor 1 - rho1^t, sqrt(v) by sqrt(1 - rho2^t). One curve
    per rho2 in `rho2s`; above the dotted line the uncorrected step is too long.
    """
    rho1 = _checks.unit_interval("rho1", rho1)
    steps = _checks.positive_int("steps", steps)
    t = numpy.arange(1, steps + 1)
    for rho2 in rho2s:
        rho2 = _checks.unit_interval("rho2", rho2)
        ax.plot(t, (1 - rho1**t) / numpy.sqrt(1 - rho2**t), linewidth=1.6,
                label=rf"$\rho_2={rho2:g}$")
    ax.axhline(1.0, color="black", linewidth=0.8, linestyle=":")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("step $t$")
    ax.set_ylabel("uncorrected step / corrected step")
    ax.set_title(rf"steady gradient, $\rho_1={rho1:g}$")
    ax.legend(loc="best", fontsize="small")
    return ax


def step_sizes(ax, trajectories, lr=None, legend=True):
    r"""The longest coordinate move of each step, max_i |w_i^(t+1) - w_i^(t)|, against t (log scale).

    Adam and RMSProp move each coordinate by about eta once their averages are
    warm, whatever the size of the gradient; gradient descent and momentum
    move in proportion to it. `lr` draws eta as a dotted line to compare with.
    """
    for index, (name, path) in enumerate(trajectories.items()):
        moves = numpy.abs(numpy.diff(path.w, axis=0)).max(axis=1, initial=0.0)
        ax.plot(numpy.arange(1, path.steps + 1), numpy.maximum(moves, _TINY),
                color=color_of(name, index), linewidth=1.6, label=name)
    if lr is not None:
        ax.axhline(lr, color="black", linewidth=0.8, linestyle=":", label=r"$\eta$")
    ax.set_yscale("log")
    ax.set_xlabel("step $t$")
    ax.set_ylabel(r"$\max_i |w_i^{(t+1)} - w_i^{(t)}|$")
    if legend and trajectories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax
