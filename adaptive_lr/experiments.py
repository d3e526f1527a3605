"""Short training experiments on the digits: many runs, recorded and summarised, never drawn.

The in-practice lecture compares optimizers, initialisations, input scalings
and learning rates by training the same small network again and again. Each
function here is one such experiment built on `nn.train`; plots read the
`History` records it returns (adaptive_lr.plotting.practice).

    >>> import adaptive_lr as alr
    >>> from adaptive_lr import experiments
    >>> data = alr.data.standardized(alr.data.digits())
    >>> sweep = experiments.lr_sweep(alr.nn.mlp((64, 10)), data, alr.gd, [1e-4, 0.1], epochs=2)
    >>> experiments.best_rate(sweep, "val_accuracy")
    0.1

Runs that diverge are part of the measurement: their DivergenceWarning is
silenced on purpose and their `History.status` says what happened.
"""

import math
import numbers
from collections.abc import Mapping

import autograd
import numpy
from threadpoolctl import threadpool_limits

from . import _checks, nn
from .data import Split
from .runner import divergence_expected

# Whether a larger final value of each History measurement is better.
HIGHER_IS_BETTER = {"train_loss": False, "val_loss": False, "val_accuracy": True}


def training_subset(split, size):
    """The split with only the first `size` training examples; validation and test sets unchanged.

    `digits` already shuffles the training set across classes, so its first
    rows are a random sample. A small training set is how a network with too
    much capacity shows that it memorises instead of learning.
    """
    split = _split(split)
    size = _checks.positive_int("size", size)
    if size > len(split.X_train):
        raise ValueError(f"size must be at most the {len(split.X_train)} training examples, got {size}")
    return split._replace(X_train=split.X_train[:size], y_train=split.y_train[:size])


def train_from_scratch(network, optimizer, data, epochs, batch_size=64, scheme="he", loss="cross_entropy",
                       seed=0):
    """Initialise `network` with `scheme` and `seed`, train it with `optimizer`; return the `History`.

    This is nn.train(network, nn.init(network, scheme, seed), optimizer, data,
    epochs, batch_size, loss, seed=seed), except that a run that diverges
    does not warn: its `status` records it, and a sweep expects some.
    """
    w0 = nn.init(network, scheme=scheme, seed=seed)
    with divergence_expected():
        return nn.train(network, w0, optimizer, data, epochs, batch_size=batch_size, loss=loss, seed=seed)


def compare_training(network, optimizers, data, epochs, **settings):
    """Train the same network from the same w0 with each optimizer; return {name: History}.

    optimizers: {name: optimizer}. `settings` (batch_size, scheme, loss,
    seed) are passed to `train_from_scratch` and are the same for every run,
    so the runs differ in their optimizer only.
    """
    if not isinstance(optimizers, Mapping) or not optimizers:
        raise TypeError(f"optimizers must be a non-empty dict {{name: optimizer}}, got {optimizers!r}")
    return {name: train_from_scratch(network, optimizer, data, epochs, **settings)
            for name, optimizer in optimizers.items()}


def lr_sweep(network, data, make_optimizer, rates, epochs, **settings):
    """Train once for every rate in `rates` with make_optimizer(rate); return {rate: History}.

    make_optimizer: a function rate -> optimizer, such as adaptive_lr.adam,
    or `lambda eps: adaptive_lr.adadelta(eps=eps)` to sweep AdaDelta's eps.
    Every run starts from the same w0 and sees the same minibatches, so the
    rate is the only difference. `settings` go to `train_from_scratch`.
    """
    if not callable(make_optimizer):
        raise TypeError(f"make_optimizer must be a function rate -> optimizer such as adaptive_lr.adam, "
                        f"got {make_optimizer!r}")
    rates = _rates(rates)
    return {rate: train_from_scratch(network, make_optimizer(rate), data, epochs, **settings)
            for rate in rates}


def final_values(sweep, measure="val_accuracy"):
    """What a sweep ended at: (rates, values, diverged), three arrays sorted by rate.

    values[i] is the last recorded `measure` of the run at rates[i] (nan for
    a run that diverged in its first epoch); diverged[i] says whether that
    run stopped early.
    """
    _measure(measure)
    rates = sorted(_sweep(sweep))
    values = [getattr(sweep[r], measure)[-1] if sweep[r].epochs else math.nan for r in rates]
    diverged = [sweep[r].diverged for r in rates]
    return numpy.array(rates, dtype=float), numpy.array(values, dtype=float), numpy.array(diverged)


def rates_reaching(sweep, level, measure="val_accuracy"):
    """The rates whose run finished with `measure` at least as good as `level` (sorted).

    "As good as" is >= for accuracies and <= for losses. How many decades
    these rates span is how forgiving a method is about its setting.
    """
    rates, values, diverged = final_values(sweep, measure)
    level = float(level)
    good = values >= level if HIGHER_IS_BETTER[measure] else values <= level
    return [float(r) for r in rates[good & ~diverged]]


def best_rate(sweep, measure="train_loss"):
    """The rate whose finished run ended with the best `measure` (lowest loss, highest accuracy)."""
    rates, values, diverged = final_values(sweep, measure)
    if diverged.all():
        raise ValueError(f"sweep must have at least one run that finished, but all {len(rates)} diverged")
    scores = numpy.where(diverged, numpy.nan, values if HIGHER_IS_BETTER[measure] else -values)
    return float(rates[numpy.nanargmax(scores)])


def loss_along_line(network, X, y, w_from, w_to, alphas, loss="cross_entropy"):
    """The loss at w(alpha) = (1 - alpha) w_from + alpha w_to for each alpha; an array.

    alpha = 0 is w_from and alpha = 1 is w_to. For a convex loss the values
    for alpha in [0, 1] never rise above the straight line (the chord)
    between the two ends; a bump above it proves the surface is not convex.
    """
    f = nn.objective(network, X, y, loss)
    w_from = _checks.start_point("w_from", w_from)
    w_to = _checks.start_point("w_to", w_to)
    with threadpool_limits(limits=1, user_api="blas"):
        return numpy.array([f((1 - a) * w_from + a * w_to) for a in numpy.asarray(alphas, dtype=float)])


def score_gradient(scores, label, loss="cross_entropy"):
    """The gradient of one example's loss with respect to its scores s (the network's last outputs).

    Every weight's gradient is this vector passed back through the network,
    so when it is tiny the whole network learns slowly from that example.
    For cross-entropy it is softmax(s) - e_label; for squared error on the
    softmax it is that error multiplied by the softmax's Jacobian
    diag(p) - p p^T, which is nearly zero when p is nearly one-hot, right or wrong.
    """
    scores = numpy.asarray(scores, dtype=float)
    if scores.ndim != 1 or scores.size < 2:
        raise ValueError(f"scores must be a 1-D array of at least two class scores, got shape {scores.shape}")
    if loss not in nn.LOSSES:
        raise ValueError(f"loss must be one of {sorted(nn.LOSSES)}, got {loss!r}")
    loss_function = nn.LOSSES[loss]
    labels = numpy.array([label])

    def example_loss(s):
        return loss_function(s[None, :], labels)

    return autograd.grad(example_loss)(scores)


def dead_units(network, w, X):
    """How many units of each hidden layer output exactly 0 for every row of X: a list, one count per layer.

    A ReLU unit whose input is negative for every example passes back no
    gradient, so nothing can revive it: it is dead for good. One huge step
    (a learning rate far too large, or raw inputs of size 16) can kill most
    of a layer at once, and the network then sits at chance without ever
    diverging.
    """
    *hidden_layers, _ = nn.layers(network, w)  # checks network and w
    activation = nn.ACTIVATIONS[network.activation]
    hidden = numpy.asarray(X, dtype=float)
    counts = []
    for W, b in hidden_layers:
        hidden = activation(hidden @ W + b)
        counts.append(int(numpy.sum(numpy.all(hidden == 0, axis=0))))
    return counts


def input_curvature(X):
    """The eigenvalues of the inputs' second moment (1/n) X^T X, largest first.

    For a linear model with squared error this matrix is the Hessian; for a
    network it sets how curved the loss is along each direction of the first
    layer's weights. Gradient descent is stable along the steepest direction
    only while eta < 2 / lambda_max, and a lambda_max far above the other
    eigenvalues is the narrow valley of `functions.ill_conditioned` in 64
    dimensions. Raw pixels (all >= 0, mean about 5) put one huge eigenvalue
    along their mean; standardising removes it.
    """
    X = numpy.asarray(X, dtype=float)
    if X.ndim != 2 or len(X) == 0:
        raise ValueError(f"X must be a 2-D array (examples x features) with at least one row, "
                         f"got shape {X.shape}")
    return numpy.linalg.eigvalsh(X.T @ X / len(X))[::-1]


# ---- argument checks


def _split(split):
    if not isinstance(split, Split):
        raise TypeError(
            f"split must be a Split such as adaptive_lr.data.digits(), got {type(split).__name__}")
    return split


def _rates(rates):
    try:
        values = list(rates)
    except TypeError:
        raise TypeError(
            f"rates must be a list of numbers > 0 such as [1e-3, 1e-2, 1e-1], got {rates!r}") from None
    if not values:
        raise ValueError("rates must hold at least one number > 0, got an empty list")
    for value in values:
        if not isinstance(value, numbers.Real) or isinstance(value, bool) or not 0 < value < math.inf:
            raise ValueError(f"rates must all be finite numbers > 0, got {value!r} in {values!r}")
    if len(set(values)) != len(values):
        raise ValueError(f"rates must not repeat a value, got {values!r}")
    return [float(v) for v in values]


def _sweep(sweep):
    if not isinstance(sweep, Mapping) or not sweep or not all(
            isinstance(h, nn.History) for h in sweep.values()):
        raise TypeError(
            f"sweep must be a non-empty dict {{rate: History}} such as lr_sweep returns, got {sweep!r:.80}")
    return sweep


def _measure(measure):
    if measure not in HIGHER_IS_BETTER:
        raise ValueError(f"measure must be one of {sorted(HIGHER_IS_BETTER)}, got {measure!r}")
    return measure

