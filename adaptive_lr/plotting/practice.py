"""Plots for the in-practice lecture: training curves, sweeps and gradient sizes of real networks.

Each function takes an `ax`, draws records made by adaptive_lr.experiments
(nn.History, lr_sweep's {rate: History}, nn.gradient_by_layer's lists) and
returns the ax. Nothing here trains anything.
"""

import numpy

from ..experiments import final_values
from . import color_of

MEASURE_LABELS = {
    "train_loss": "training loss",
    "val_loss": "validation loss",
    "val_accuracy": "validation accuracy",
}


def epoch_curves(ax, histories, measure="val_loss", log=False, chance=None, color=None, legend=True):
    """One History measurement against the epoch, one line per run; a cross ends a run that diverged.

    histories: {name: History}. `measure` is "train_loss", "val_loss" or
    "val_accuracy". `chance` draws a dotted line at the accuracy (or loss)
    of guessing, 1/classes (or log(classes)), to show a run that learned nothing.
    `color` draws every run in that one colour (a reference in grey, say)
    instead of each method's course colour.
    """
    for index, (name, history) in enumerate(histories.items()):
        values = getattr(history, measure)
        epochs = numpy.arange(1, len(values) + 1)
        line_color = color or color_of(name, index)
        label = f"{name} (diverged)" if history.diverged else name
        ax.plot(epochs, values, "-", color=line_color, linewidth=1.6, label=label)
        if history.diverged and len(values):
            ax.plot(epochs[-1], values[-1], "X", color=line_color, markersize=9)
    if chance is not None:
        ax.axhline(chance, color="black", linewidth=0.8, linestyle=":", label="chance")
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel(MEASURE_LABELS.get(measure, measure))
    if legend and histories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def fit_curves(ax, histories, log=True, color=None, legend=True):
    """Training loss (solid) and validation loss (dashed) against the epoch, one colour per run.

    A gap that opens between the two lines is overfitting: the network
    learns its training examples better than it learns the digits. Two lines
    that stay high together are underfitting. A run that diverged ends in a
    cross. `color` draws every run in that one colour.
    """
    for index, (name, history) in enumerate(histories.items()):
        line_color = color or color_of(name, index)
        epochs = numpy.arange(1, history.epochs + 1)
        ax.plot(epochs, history.train_loss, "-", color=line_color, linewidth=1.6, label=f"{name}: training")
        ax.plot(epochs, history.val_loss, "--", color=line_color, linewidth=1.6,
                label=f"{name}: validation")
        if history.diverged and history.epochs:
            ax.plot(epochs[-1], history.val_loss[-1], "X", color=line_color, markersize=9)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    if legend and histories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def sweep_curves(ax, sweeps, measure="val_accuracy", chance=None, dashed=(), legend=True):
    """Where each run of a sweep ended, against its rate (log x axis); diverged runs as crosses at `chance`.

    sweeps: {name: {rate: History}} as returned by experiments.lr_sweep.
    Every finished run is a dot on its method's line. A run that diverged has
    no final value to plot: it is drawn as a cross at the `chance` level (or
    at its last recorded value when chance is None), because that is all a
    diverged network is worth. Methods named in `dashed` get dashed lines
    (AdaDelta, whose x is eps rather than a learning rate).
    """
    for index, (name, sweep) in enumerate(sweeps.items()):
        rates, values, diverged = final_values(sweep, measure)
        color = color_of(name, index)
        ax.plot(rates[~diverged], values[~diverged], "--" if name in dashed else "-", marker="o",
                markersize=5, color=color, linewidth=1.6, label=name)
        fallen = values[diverged] if chance is None else numpy.full(diverged.sum(), float(chance))
        ax.plot(rates[diverged], fallen, "X", color=color, markersize=10, markeredgecolor="black",
                markeredgewidth=0.6)
    if chance is not None:
        ax.axhline(chance, color="black", linewidth=0.8, linestyle=":")
    if any(final_values(sweep, measure)[2].any() for sweep in sweeps.values()):
        ax.plot([], [], "X", color="gray", markersize=10, markeredgecolor="black", markeredgewidth=0.6,
                label="diverged" + (" (drawn at chance)" if chance is not None else ""))
    ax.set_xscale("log")
    ax.set_xlabel(r"learning rate $\eta$")
    ax.set_ylabel(f"final {MEASURE_LABELS.get(measure, measure)}")
    if legend and sweeps:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def gradient_sizes(ax, stats, title=None, legend=True):
    """The mean |dL/dW| of each layer against its depth (log y), one line per network.

    stats: {name: [LayerGradient, ...]} from nn.gradient_by_layer. Layer 1
    reads the inputs, the last layer writes the scores. With one learning
    rate for all weights, a layer whose gradient is 10^4 times smaller learns
    10^4 times more slowly.
    """
    for index, (name, layers) in enumerate(stats.items()):
        ax.plot([s.layer for s in layers], [s.mean_abs for s in layers], "-o", color=color_of(name, index),
                linewidth=1.6, label=name)
    ax.set_yscale("log")
    first = next(iter(stats.values()), [])
    ax.set_xticks([s.layer for s in first])
    ax.set_xlabel("layer (1 = next to the inputs)")
    ax.set_ylabel(r"mean $|\partial L / \partial W_{ij}|$")
    if title:
        ax.set_title(title)
    if legend and stats:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def iteration_curves(ax, histories, log=True, legend=True):
    """Training cost against the iteration: every minibatch loss (thin) and the whole training set (dots).

    The minibatch losses are what each step saw, noisy because every batch
    is a different sample; the dots are the loss on the whole training set at
    the end of each epoch, placed at that epoch's last step.
    """
    for index, (name, history) in enumerate(histories.items()):
        color = color_of(name, index)
        steps = numpy.arange(1, len(history.batch_loss) + 1)
        ax.plot(steps, history.batch_loss, "-", color=color, linewidth=0.8, alpha=0.55)
        if history.epochs:
            per_epoch = len(history.batch_loss) // history.epochs if not history.diverged else None
            if per_epoch:
                ends = per_epoch * numpy.arange(1, history.epochs + 1)
                ax.plot(ends, history.train_loss, "o-", color=color, markersize=4, linewidth=1.6, label=name)
                continue
        ax.plot([], [], "-", color=color, label=name)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("iteration (minibatch step)")
    ax.set_ylabel("training cost")
    if legend and histories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def line_profile(ax, alphas, losses, labels=("$w_A$", "$w_B$")):
    """The loss along the straight line between two parameter vectors, with the chord between its ends.

    alphas and losses as from experiments.loss_along_line: alpha = 0 is the
    first vector, alpha = 1 the second. A convex loss stays on or below the
    dashed chord between alpha = 0 and 1; a bump above it shows it is not convex.
    """
    alphas = numpy.asarray(alphas, dtype=float)
    losses = numpy.asarray(losses, dtype=float)
    ax.plot(alphas, losses, "-", color="#1f77b4", linewidth=1.8, label="loss along the line")
    ends = [numpy.interp(a, alphas, losses) for a in (0.0, 1.0)]
    ax.plot([0.0, 1.0], ends, "--", color="black", linewidth=1.0, label="chord (a convex loss stays below)")
    for a, value, label in zip((0.0, 1.0), ends, labels, strict=True):
        ax.plot(a, value, "o", color="crimson", markersize=7)
        ax.annotate(label, (a, value), textcoords="offset points", xytext=(0, 8), ha="center")
    ax.set_xlabel(r"$\alpha$ in $(1-\alpha)\,w_A + \alpha\,w_B$")
    ax.set_ylabel("training loss")
    ax.legend(loc="upper right", fontsize="small", framealpha=0.8)
    return ax
