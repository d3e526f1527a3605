"""Plots for the lectures. Every function takes a matplotlib `ax`, draws on it and returns it.

Nothing here computes an optimisation: pass in Trajectories from `run` or
`compare`, or a function to draw. Nothing here reads notebook globals.
"""

import functools
import re
from typing import NamedTuple

import numpy

from .. import derivatives

# One colour per method, everywhere in the course, so a reader can follow a method across figures.
METHOD_COLORS = {
    "gd": "#1f77b4",
    "momentum": "#ff7f0e",
    "nesterov": "#8c564b",
    "newton": "#7f7f7f",
    "diagonal_newton": "#bcbd22",
    "adagrad": "#2ca02c",
    "rmsprop": "#d62728",
    "adadelta": "#9467bd",
    "adam": "#e377c2",
}
_SPARE_COLORS = ("#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173")
_TINY = 1e-16  # floor for log-scale plots of gaps that reach exactly zero


def color_of(name, index=0):
    """The course colour of a method called `name` (its first word), or a spare one."""
    word = re.match(r"[a-z_]*", name.lower()).group()
    return METHOD_COLORS.get(word, _SPARE_COLORS[index % len(_SPARE_COLORS)])


@functools.lru_cache(maxsize=32)
def _grid(f, window, resolution):
    """f on a resolution x resolution grid over window: (X, Y, Z). Cached: surfaces never change."""
    (x0, x1), (y0, y1) = window
    X, Y = numpy.meshgrid(numpy.linspace(x0, x1, resolution), numpy.linspace(y0, y1, resolution))
    points = numpy.stack([X.ravel(), Y.ravel()])
    with numpy.errstate(all="ignore"):
        if derivatives.vectorizes(f, points[:, 0], 3):
            Z = numpy.asarray(f(points), dtype=float)
        else:
            Z = numpy.array([f(p) for p in points.T], dtype=float)
    return X, Y, Z.reshape(X.shape)


def _window_of(f, window):
    window = window if window is not None else getattr(f, "window", None)
    if window is None:
        raise ValueError(
            "window must be ((x_min, x_max), (y_min, y_max)) for a function without its own "
            f"window, got None for {f!r}"
        )
    return tuple(tuple(float(v) for v in pair) for pair in window)


def contour(ax, f, window=None, levels=25, resolution=160, minimizers=True):
    """Contours of a 2-D function over its window, levels spaced by quantile.

    Quantile spacing puts as many lines in a flat plateau as on a steep wall,
    so both stay visible on surfaces whose values span many decades.
    """
    window = _window_of(f, window)
    X, Y, Z = _grid(f, window, resolution)
    finite = Z[numpy.isfinite(Z)]
    lines = numpy.unique(numpy.quantile(finite, numpy.linspace(0, 1, levels + 2)[1:-1] ** 2))
    ax.contour(X, Y, Z, levels=lines, cmap="viridis", linewidths=0.7, alpha=0.8)
    if minimizers and len(getattr(f, "minimizers", ())):
        # A scatter, not a line: `paths` redraws by removing lines, and the minimum must stay.
        ax.scatter(*f.minimizers.T, marker="*", s=180, color="gold", edgecolors="black",
                   label="minimum", zorder=5)
    ax.set_xlim(window[0])
    ax.set_ylim(window[1])
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    return ax


def paths(ax, trajectories, legend=True):
    """Each Trajectory's iterates as a line from its start (square) to its end (dot; a cross if it diverged).

    Lines already on `ax` are replaced, so a panel can redraw paths over contours it keeps.
    The axis limits are kept, so a path that runs off the picture does not shrink it.
    """
    limits = ax.get_xlim(), ax.get_ylim()
    for line in list(ax.lines):
        line.remove()
    for index, (name, path) in enumerate(trajectories.items()):
        color = color_of(name, index)
        ax.plot(path.w[:, 0], path.w[:, 1], "-", color=color, linewidth=1.6, label=name)
        end_marker = "X" if path.diverged else "o"
        ax.plot(*path.w[-1], end_marker, color=color, markersize=6)
    if trajectories:
        start = next(iter(trajectories.values())).w[0]
        ax.plot(*start, "s", color="black", markersize=6, label="start")
    ax.set_xlim(limits[0])
    ax.set_ylim(limits[1])
    if legend:
        ax.legend(loc="upper right", fontsize="small", framealpha=0.8)
    return ax


class Race(NamedTuple):
    """The moving artists of a race of several methods, made by `race`, filled in by `show_race`.

    paths, ends, losses: {name: Line2D}; start: the start marker; overlays:
    markers already on the paths' axes that belong above the paths. All are
    animated (left out of a full draw), so a panel can repaint just them; the
    legend, above both axes where no line can cross it, is not.
    """

    paths: dict
    ends: dict
    start: object
    losses: dict
    overlays: list

    def artists(self):
        """Every artist to repaint, in order: lines, their markers, then what sat above the lines
        before (`overlays`: the minimum's star), so a repaint stacks them as a full draw would."""
        return [*self.paths.values(), *self.losses.values(), *self.ends.values(), self.start,
                *self.overlays]


def race(ax_paths, ax_loss, names):
    """Empty artists for a race of the methods `names`: paths over contours on `ax_paths`
    (as `paths` draws them) and f(w^(t)) - f* against t on `ax_loss` (as `loss_curves` does),
    with one legend for both above them (leave the figure a top margin for it).

    Fill them with `show_race`; the axes' limits are left to the caller.
    """
    def empty(ax, style, **settings):
        return ax.plot([], [], style, animated=True, **settings)[0]

    colors = {name: color_of(name, index) for index, name in enumerate(names)}
    paths = {n: empty(ax_paths, "-", color=c, linewidth=1.6, label=n) for n, c in colors.items()}
    ends = {n: empty(ax_paths, "o", color=c, markersize=6) for n, c in colors.items()}
    start = empty(ax_paths, "s", color="black", markersize=6, label="start")
    losses = {n: empty(ax_loss, "-", color=c, linewidth=1.6, label=n) for n, c in colors.items()}
    overlays = [c for c in ax_paths.collections if c.get_zorder() > paths[names[0]].get_zorder()]
    for artist in overlays:
        artist.set_animated(True)
    ax_paths.figure.legend(handles=[*paths.values(), start], loc="upper center", ncols=len(names) + 1,
                           fontsize="small", frameon=False)
    ax_loss.set_yscale("log")
    ax_loss.set_xlabel("step $t$")
    ax_loss.set_ylabel("$f(w^{(t)}) - f^*$")
    return Race(paths, ends, start, losses, overlays)


def show_race(race, trajectories, minimum=None):
    """Put each Trajectory into its artists of `race`; returns the (lowest, highest) loss gap drawn.

    Ends are dots, or crosses for runs that diverged, as in `paths`.
    """
    low, high = numpy.inf, 0.0
    for name, path in trajectories.items():
        race.paths[name].set_data(path.w[:, 0], path.w[:, 1])
        race.ends[name].set_data(path.w[-1:, 0], path.w[-1:, 1])
        race.ends[name].set_marker("X" if path.diverged else "o")
        gap = loss_gap(path, minimum)
        race.losses[name].set_data(numpy.arange(len(gap)), gap)
        low, high = min(low, gap.min()), max(high, gap.max())
    if trajectories:
        race.start.set_data(*next(iter(trajectories.values())).w[:1].T)
    return low, high


def loss_gap(trajectory, minimum=None, ceiling=1e12):
    """What `loss_curves` draws for one Trajectory: f(w^(t)) - f*, cut off at `ceiling`.

    With a known minimum the gap is kept above 1e-16, so a run that reaches the
    minimum exactly still has a point on a log scale.
    """
    if not (numpy.isfinite(ceiling) and ceiling > 0):
        raise ValueError(f"ceiling must be a finite number > 0, got {ceiling!r}")
    if minimum is None:
        return numpy.minimum(trajectory.loss, ceiling)
    return numpy.clip(trajectory.loss - minimum, _TINY, ceiling)


def loss_curves(ax, trajectories, minimum=None, legend=True, ceiling=1e12, linestyle="-"):
    """f(w^(t)) - f* on a log scale against the step t, one line per Trajectory.

    With `minimum=None` the loss itself is drawn (on a log scale only if it stays positive).
    Values are cut off at `ceiling`, so a run that blows up (losses of 1e300 just
    before it leaves the finite numbers) cannot stretch the axis past what can be
    drawn. `linestyle="--"` draws thinner, unlabelled reference lines beside a first set.
    """
    positive = True
    reference = linestyle != "-"
    for index, (name, path) in enumerate(trajectories.items()):
        gap = loss_gap(path, minimum, ceiling)
        positive &= bool(numpy.all(gap > 0))
        ax.plot(numpy.arange(len(gap)), gap,
                linestyle, color=color_of(name, index), linewidth=1.0 if reference else 1.6,
                label=None if reference else name)
    if positive:
        ax.set_yscale("log")
    ax.set_xlabel("step $t$")
    ax.set_ylabel("$f(w^{(t)}) - f^*$" if minimum is not None else "$f(w^{(t)})$")
    if legend and trajectories:
        ax.legend(loc="upper right", fontsize="small", framealpha=0.8)
    return ax


def rates(ax, trajectory, names=None, title=None):
    """The effective learning rate of each coordinate against the step, on a log scale."""
    steps = numpy.arange(1, trajectory.steps + 1)
    names = names or [f"$w_{i + 1}$" for i in range(trajectory.rate.shape[1])]
    for i, name in enumerate(names):
        ax.plot(steps, numpy.abs(trajectory.rate[:, i]), linewidth=1.6, label=name)
    if trajectory.steps and numpy.all(trajectory.rate != 0):
        ax.set_yscale("log")
    ax.set_xlabel("step $t$")
    ax.set_ylabel("effective learning rate")
    if title:
        ax.set_title(title)
    ax.legend(loc="best", fontsize="small")
    return ax


def taylor_model(ax, f, w, window=None, levels=12, resolution=120):
    """The second-order Taylor model of f around w, and the Newton step to its stationary point.

    Dashed contours: m(d) = f(w) + g^T d + 1/2 d^T H d, drawn at w + d. The
    arrow is the Newton step -H^{-1} g: the minimiser of m when H is positive
    definite, a saddle or maximiser of m otherwise.
    """
    window = _window_of(f, window)
    w = numpy.asarray(w, dtype=float)
    value, g = derivatives.value_and_grad(f)(w)
    H = derivatives.hessian(f)(w)
    (x0, x1), (y0, y1) = window
    X, Y = numpy.meshgrid(numpy.linspace(x0, x1, resolution), numpy.linspace(y0, y1, resolution))
    D = numpy.stack([X - w[0], Y - w[1]])
    model = value + g[0] * D[0] + g[1] * D[1] + 0.5 * numpy.einsum("i...,ij,j...->...", D, H, D)
    ax.contour(X, Y, model, levels=levels, colors="crimson", linestyles="dashed", linewidths=0.9)
    ax.plot(*w, "o", color="crimson", markersize=7, label="expansion point $w$")
    try:
        step = -numpy.linalg.solve(H, g)
    except numpy.linalg.LinAlgError:
        step = None
    if step is not None and numpy.all(numpy.isfinite(step)):
        ax.annotate("", xy=w + step, xytext=w,
                    arrowprops={"arrowstyle": "->", "color": "crimson", "linewidth": 2})
        kind = "minimum" if numpy.all(numpy.linalg.eigvalsh(H) > 0) else "stationary point"
        ax.plot(*(w + step), "D", color="crimson", markersize=6, label=f"Newton step: model's {kind}")
    ax.set_xlim(window[0])
    ax.set_ylim(window[1])
    ax.legend(loc="upper right", fontsize="small", framealpha=0.8)
    return ax


def bars(ax, labels, values, log=True, ylabel=None, title=None, color="#1f77b4"):
    """A bar chart (for per-layer gradient sizes, say), log-scaled by default."""
    ax.bar(range(len(values)), values, color=color)
    ax.set_xticks(range(len(values)), labels)
    if log:
        ax.set_yscale("log")
    if ylabel:
        ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    return ax


def curves(ax, series, xlabel="epoch", ylabel=None, log=False, title=None):
    """Several named 1-D series against their index (training curves, sweeps)."""
    for index, (name, values) in enumerate(series.items()):
        ax.plot(numpy.arange(1, len(values) + 1), values, color=color_of(name, index), linewidth=1.6,
                label=name)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if series:
        ax.legend(loc="best", fontsize="small")
    return ax
