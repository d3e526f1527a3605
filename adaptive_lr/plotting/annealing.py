"""Plots for the annealing lecture (notebooks/02-annealing.ipynb): training curves with the rate cuts marked.

Each function takes an `ax`, draws records already computed (a `nn.History`
from `nn.train`, a Trajectory from `run` or `annealing.anneal_on_plateau_run`)
and returns the ax. A cut of the rate is a dotted vertical line at the last
measurement made with the old rate, so the curve to its right shows what the
smaller rate did.
"""

import numpy

from ..annealing import cuts
from . import color_of


def _checked_histories(histories):
    if not hasattr(histories, "items"):
        raise TypeError(f"histories must be a dict {{name: History}}, got {histories!r}")
    return histories


def cut_lines(ax, positions, color, label="rate cut"):
    """Dotted vertical lines at `positions` on the x axis; only the first is labelled for the legend."""
    for index, x in enumerate(positions):
        ax.axvline(x, color=color, linestyle=":", linewidth=1.6, label=label if index == 0 else None)
    return ax


def epoch_losses(ax, histories, train=True, legend=True):
    r"""Loss per epoch of each training run: validation solid, training dashed, cuts dotted, log scale.

    The point at epoch e is measured after epoch e. A run whose plateau scale
    dropped gets a dotted line at the epoch whose validation loss triggered
    the cut: every later point was trained with the smaller rate.
    """
    for index, (name, history) in enumerate(_checked_histories(histories).items()):
        color = color_of(name, index)
        epochs = numpy.arange(1, history.epochs + 1)
        ax.plot(epochs, history.val_loss, "-", color=color, linewidth=1.8, label=f"{name}: validation")
        if train:
            ax.plot(epochs, history.train_loss, "--", color=color, linewidth=1.3, label=f"{name}: training")
        cut_lines(ax, cuts(history.scale) - 1, color, label=f"{name}: rate cut")
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("cross-entropy loss")
    if legend and histories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def epoch_accuracy(ax, histories, legend=True):
    """Validation accuracy per epoch of each training run, with its cuts dotted."""
    for index, (name, history) in enumerate(_checked_histories(histories).items()):
        color = color_of(name, index)
        ax.plot(numpy.arange(1, history.epochs + 1), history.val_accuracy, color=color, linewidth=1.8,
                label=name)
        cut_lines(ax, cuts(history.scale) - 1, color, label=None)
    ax.set_xlabel("epoch")
    ax.set_ylabel("validation accuracy")
    if legend and histories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def epoch_rates(ax, histories, lr, legend=True):
    r"""The learning rate in force during each epoch, lr times the plateau scale, on a log scale.

    lr: the optimizer's own rate, one number for every run.
    """
    if not (numpy.isfinite(lr) and lr > 0):
        raise ValueError(f"lr must be a finite number > 0, got {lr!r}")
    for index, (name, history) in enumerate(_checked_histories(histories).items()):
        ax.step(numpy.arange(1, history.epochs + 1), lr * history.scale, where="pre",
                color=color_of(name, index), linewidth=1.8, label=name)
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel(r"learning rate $\eta \cdot$ scale")
    if legend and histories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax


def step_cuts(ax, trajectories):
    """Dotted lines where each annealed Trajectory's rate was cut (at the step before the first smaller one).

    Trajectories without a `cuts` attribute (a fixed rate, a schedule) get none.
    """
    for index, (name, path) in enumerate(trajectories.items()):
        cut_lines(ax, numpy.asarray(getattr(path, "cuts", ()), dtype=int) - 1, color_of(name, index),
                  label=None)
    return ax
