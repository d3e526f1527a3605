"""Plots for the Newton lecture (notebooks/03-newton.ipynb): the local model along a line, and costs.

Each function takes an `ax`, draws and returns the ax. The contour picture of
the second-order Taylor model is adaptive_lr.plotting.taylor_model; here is
its companion along one line, and a log-log plot for measured costs.
"""

import numpy

from .. import derivatives
from . import color_of

_TINY = 1e-16  # floor for log-scale plots of gaps that reach exactly zero


def _newton_step(f, w):
    r"""The Newton step s = -H^{-1} g at w, or None where H is singular.

    With H positive definite s points to the minimiser of the quadratic model;
    otherwise to a saddle or a maximiser of it.
    """
    w = numpy.asarray(w, dtype=float)
    g = derivatives.grad(f)(w)
    H = derivatives.hessian(f)(w)
    try:
        step = numpy.linalg.solve(H, g)
    except numpy.linalg.LinAlgError:
        return None
    return -step if numpy.all(numpy.isfinite(step)) else None


def taylor_slice(ax, f, w, span=(-0.5, 1.75), resolution=200):
    r"""f and its second-order Taylor model along the line through w in the Newton direction.

    With s = -H^{-1} g the line is w + t s, so t = 0 is w and t = 1 is the
    Newton point. Along it the model is

        m(t) = f(w) - q t + 1/2 q t^2,    q = g^T H^{-1} g,

    a parabola whose stationary point is t = 1: its minimum when q > 0, its
    maximum when q < 0 (possible only if H is not positive definite). Where
    H is singular the line follows -g instead and only f is drawn.
    """
    low, high = span
    if not (numpy.isfinite(low) and numpy.isfinite(high) and low < high):
        raise ValueError(f"span must be two finite numbers (low, high) with low < high, got {span!r}")
    w = numpy.asarray(w, dtype=float)
    value, g = derivatives.value_and_grad(f)(w)
    step = _newton_step(f, w)
    t = numpy.linspace(low, high, resolution)
    direction = step if step is not None else -g
    along = numpy.array([f(w + ti * direction) for ti in t])
    ax.plot(t, along, color="black", linewidth=1.6, label="$f(w + t\\,s)$")
    if step is not None:
        q = float(-g @ step)
        ax.plot(t, value - q * t + 0.5 * q * t**2, "--", color="crimson", linewidth=1.6,
                label="model $m(t)$")
        kind = "model's minimum on this line" if q > 0 else "model's maximum on this line"
        ax.plot(1.0, value - 0.5 * q, "D", color="crimson", markersize=6,
                label=f"Newton point: {kind if q != 0 else 'w itself (g = 0)'}")
        ax.set_xlabel("$t$ along the Newton step $s=-H^{-1}g$ ($t=1$: Newton point)")
    else:
        ax.set_xlabel("$t$ along $-g$ (the Hessian is singular: no Newton step)")
    ax.axvline(0.0, color="grey", linewidth=0.8)
    ax.plot(0.0, value, "o", color="crimson", markersize=7)
    # the model runs far off where f does not; keep f's own range in view
    top, bottom = numpy.nanmax(along), numpy.nanmin(along)
    margin = 0.15 * (top - bottom) if top > bottom else 1.0
    ax.set_ylim(min(bottom, value - 0.5 * q if step is not None else bottom) - margin, top + margin)
    ax.set_xlim(low, high)
    ax.set_ylabel("value")
    ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def scaling(ax, sizes, series, ylabel, guides=(), xlabel="dimension $d$", title=None):
    r"""Measured costs against the problem size on log-log axes, with dotted guides c d^k.

    series: {label: values}, one value per size.
    guides: (k, label) pairs; each draws the line c d^k through the last point
        of series[label], so a cost that grows like d^k runs parallel to it.
    """
    sizes = numpy.asarray(sizes, dtype=float)
    if sizes.ndim != 1 or len(sizes) < 2 or not numpy.all(sizes > 0):
        raise ValueError(f"sizes must be at least two numbers > 0, got {sizes.tolist()}")
    for index, (label, values) in enumerate(series.items()):
        values = numpy.asarray(values, dtype=float)
        if values.shape != sizes.shape:
            raise ValueError(
                f"series[{label!r}] must have one value per size ({len(sizes)}), got {len(values)}"
            )
        ax.plot(sizes, values, "o-", color=color_of(label, index), linewidth=1.6, label=label)
    lowest = min(numpy.min(numpy.asarray(values, dtype=float)) for values in series.values()) if series else 0
    for k, label in guides:
        if label not in series:
            raise ValueError(f"guides must name one of the series {list(series)}, got {label!r}")
        anchor = float(numpy.asarray(series[label], dtype=float)[-1])
        guide = anchor * (sizes / sizes[-1]) ** k
        # a steep guide would stretch the axis far below the data: draw only the part beside it
        shown = guide >= lowest / 2
        ax.plot(sizes[shown], guide[shown], ":", color="grey", linewidth=1.2)
        first = numpy.flatnonzero(shown)[0]
        ax.annotate(f"$\\propto d^{{{k}}}$", (sizes[first], guide[first]), fontsize="small", color="grey",
                    xytext=(0, 4), textcoords="offset points")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend(loc="upper left", fontsize="small", framealpha=0.8)
    return ax
