"""A small multilayer perceptron whose parameters are one flat vector.

Every adaptive_lr optimizer works on a 1-D array w, so the network keeps all
its weights and biases in one: layer 1's W (row by row), then its b, then
layer 2's W and b, and so on. `layers` cuts w into (W, b) pairs, `forward`
computes the scores, and `objective` turns a dataset into a function f(w)
that autograd differentiates. `train` runs any gradient-based optimizer of
the library on minibatches, optionally annealed by `reduce_on_plateau`.

    >>> import numpy
    >>> net = mlp((4, 3, 2), activation="tanh")
    >>> w = init(net, scheme="xavier", seed=0)
    >>> w.shape                      # (4 * 3 + 3) + (3 * 2 + 2)
    (23,)
    >>> forward(net, w, numpy.ones((5, 4))).shape
    (5, 2)
"""

import numbers
import warnings
from typing import NamedTuple

import autograd
import autograd.numpy as anp
import numpy
from autograd.tracer import getval
from threadpoolctl import threadpool_limits

from . import _checks
from .base import Optimizer
from .data import Split
from .plateau import Plateau
from .runner import DivergenceWarning


def _relu(z):
    # z * (z > 0) rather than maximum(z, 0): autograd gives maximum a slope of 1/2 at
    # z = 0, this form gives the textbook 0
    return z * (z > 0)


def _sigmoid(z):
    # the tanh form never overflows exp(-z) for very negative z
    return 0.5 * (anp.tanh(0.5 * z) + 1.0)


ACTIVATIONS = {"relu": _relu, "tanh": anp.tanh, "sigmoid": _sigmoid}


class Network(NamedTuple):
    """The shape of a multilayer perceptron; its parameters live in a separate flat w.

    sizes: (inputs, hidden_1, ..., hidden_k, outputs), e.g. (64, 32, 10).
    activation: the nonlinearity after every layer but the last, one of
        ACTIVATIONS ("relu", "tanh", "sigmoid"). The last layer is linear:
        it outputs scores (logits) for the loss to read.
    """

    sizes: tuple
    activation: str = "relu"

    @property
    def parameter_count(self):
        """The length of w: every layer's fan_in * fan_out weights plus fan_out biases."""
        return sum(fan_in * fan_out + fan_out for fan_in, fan_out in _fans(self.sizes))


def mlp(sizes, activation="relu"):
    """A multilayer perceptron with layer widths `sizes` and the given activation.

    Symbols: `sizes` is a sequence of at least two integers >= 1, the input
    dimension first and the number of classes last; `activation` is "relu",
    "tanh" or "sigmoid".

    Returns a `Network`; `init(network)` gives it parameters.
    """
    try:
        widths = tuple(sizes)
    except TypeError:
        raise TypeError(
            f"sizes must be a sequence of integers >= 1 such as (64, 32, 10), got {sizes!r}"
        ) from None
    if len(widths) < 2 or not all(
        isinstance(n, numbers.Integral) and not isinstance(n, bool) and n >= 1 for n in widths
    ):
        raise ValueError(
            "sizes must be at least two integers >= 1 (inputs, ..., outputs) such as (64, 32, 10), "
            f"got {sizes!r}"
        )
    _choice("activation", activation, ACTIVATIONS)
    return Network(tuple(int(n) for n in widths), activation)


def _fans(sizes):
    """(fan_in, fan_out) of each layer."""
    return list(zip(sizes[:-1], sizes[1:], strict=False))


def _naive_std(fan_in, fan_out):
    return 0.01


def _xavier_std(fan_in, fan_out):
    return numpy.sqrt(2.0 / (fan_in + fan_out))


def _he_std(fan_in, fan_out):
    return numpy.sqrt(2.0 / fan_in)


INIT_SCHEMES = {"naive": _naive_std, "xavier": _xavier_std, "he": _he_std}


def init(network, scheme="he", seed=0):
    """Random weights and zero biases for `network`, as one flat vector w.

    Every weight is drawn independently from N(0, sigma^2), with sigma set by
    the layer's fan_in (its number of inputs) and fan_out (its outputs)::

        "naive":  sigma = 0.01                              small random numbers
        "xavier": sigma^2 = 2 / (fan_in + fan_out)          Glorot and Bengio (2010)
        "he":     sigma^2 = 2 / fan_in                      He et al. (2015)

    Xavier keeps the variance of the signal about constant through layers
    whose activation is close to linear near 0 (tanh, sigmoid); He doubles it
    because ReLU zeroes half of its inputs. The naive scale ignores the
    width: in a deep network the signal, and so the gradient of the early
    layers, shrinks layer after layer.

    Symbols: `scheme` is one of INIT_SCHEMES; `seed` is an integer >= 0.
    """
    network = _network(network)
    _choice("scheme", scheme, INIT_SCHEMES)
    seed = _checks.seed(seed)
    rng = numpy.random.default_rng(seed)
    pieces = []
    for fan_in, fan_out in _fans(network.sizes):
        sigma = INIT_SCHEMES[scheme](fan_in, fan_out)
        pieces += [sigma * rng.standard_normal(fan_in * fan_out), numpy.zeros(fan_out)]
    return numpy.concatenate(pieces)


class Layer(NamedTuple):
    """One layer's parameters: scores = inputs @ W + b."""

    W: object  # shape (fan_in, fan_out)
    b: object  # shape (fan_out,)


def layers(network, w):
    """Cut the flat vector w into one `Layer(W, b)` per layer.

    W has shape (fan_in, fan_out) and b shape (fan_out,). When w is a numpy
    array they are views into it, not copies: writing into W changes w. This
    also works when w is an autograd box, which is how `forward` uses it.
    """
    network = _network(network)
    _check_parameters(network, w)
    return _layers(network.sizes, w)


def _layers(sizes, w):
    cut, start = [], 0
    for fan_in, fan_out in _fans(sizes):
        stop = start + fan_in * fan_out
        cut.append(Layer(anp.reshape(w[start:stop], (fan_in, fan_out)), w[stop : stop + fan_out]))
        start = stop + fan_out
    return cut


def forward(network, w, X):
    """The scores (logits) of the network for every row of X.

    With h^(0) = X and layers (W_1, b_1), ..., (W_L, b_L)::

        h^(l) = act(h^(l-1) W_l + b_l)        for l = 1, ..., L - 1
        scores = h^(L-1) W_L + b_L            (no activation: the loss reads scores)

    X has shape (n, sizes[0]); the result has shape (n, sizes[-1]). w may be
    an autograd box, so f(w) = loss(forward(network, w, X), y) can be
    differentiated.
    """
    network = _network(network)
    _check_parameters(network, w)
    X = _inputs(network, X)
    return _forward(network, w, X)


def _forward(network, w, X):
    activation = ACTIVATIONS[network.activation]
    hidden = X
    *inner, last = _layers(network.sizes, w)
    for W, b in inner:
        hidden = activation(anp.dot(hidden, W) + b)
    return anp.dot(hidden, last.W) + last.b


def _shifted(scores):
    """Each row of scores minus its maximum, so that exp never overflows.

    Softmax and cross-entropy do not change when a row is shifted, so the
    shift's own derivative cancels exactly; treating it as a constant (getval
    strips autograd's tracing) gives the same gradient, and skipping the
    derivative of max saves about a third of a training step.
    """
    return scores - numpy.max(getval(scores), axis=1, keepdims=True)


def cross_entropy(scores, y):
    """Mean cross-entropy of integer labels y under the softmax of the scores.

    For n examples with scores s_n (one per class) and labels y_n::

        L = -(1/n) sum_n log softmax(s_n)[y_n],   softmax(s)_k = exp(s_k) / sum_j exp(s_j)
          =  (1/n) sum_n (log sum_k exp(s_nk) - s_n,y_n)

    computed after shifting each row by its maximum (which changes nothing),
    so scores of 1000 give no overflow.
    """
    scores = _scores(scores)
    y = _labels(y, scores)
    shifted = _shifted(scores)
    log_normalizer = anp.log(anp.sum(anp.exp(shifted), axis=1))
    return anp.mean(log_normalizer) - anp.mean(shifted[numpy.arange(len(y)), y])


def squared_error(scores, y):
    """Mean squared error between the softmax probabilities and one-hot targets.

    For n examples, with p_n = softmax(s_n) and e_y the one-hot vector of y::

        L = (1/n) sum_n sum_k (p_nk - [k = y_n])^2

    (the Brier score). This is the "wrong loss" for classification: its
    gradient with respect to the scores passes through the softmax's
    Jacobian diag(p) - p p^T, which vanishes whenever p is nearly one-hot,
    also when the network is confidently wrong, so the worst mistakes are
    learned from most slowly. Cross-entropy has no such factor: its gradient
    with respect to s_n is (p_n - e_y) / n.
    """
    scores = _scores(scores)
    y = _labels(y, scores)
    exps = anp.exp(_shifted(scores))
    probabilities = exps / anp.sum(exps, axis=1, keepdims=True)
    targets = numpy.eye(scores.shape[1])[y]
    return anp.mean(anp.sum((probabilities - targets) ** 2, axis=1))


LOSSES = {"cross_entropy": cross_entropy, "squared_error": squared_error}


def objective(network, X, y, loss="cross_entropy"):
    """The training loss as a function of the parameters alone: f(w) = loss(forward(network, w, X), y).

    f takes a flat w and returns a number; autograd can differentiate it, so
    adaptive_lr.grad(f)(w) is the full-batch gradient.
    """
    network = _network(network)
    X, y = _inputs(network, X), _class_labels(network, y, len(X))
    loss_function = _loss(loss)

    def f(w):
        return loss_function(_forward(network, w, X), y)

    return f


def accuracy(network, w, X, y):
    """The fraction of rows of X whose highest score is at their label y."""
    network = _network(network)
    _check_parameters(network, w)
    X = _inputs(network, X)
    y = _class_labels(network, y, len(X))
    with numpy.errstate(all="ignore"):
        return float(numpy.mean(numpy.argmax(_forward(network, w, X), axis=1) == y))


class LayerGradient(NamedTuple):
    """How large the gradient of the loss is on one layer's weights W (biases left out)."""

    layer: int  # 1 for the layer next to the inputs
    shape: tuple  # (fan_in, fan_out)
    mean_abs: float  # mean over the entries of |dL/dW_ij|
    norm: float  # ||dL/dW||, the Frobenius (Euclidean) norm
    weight_norm: float  # ||W||, to compare the gradient with the weights it moves


def _one_blas_thread():
    """numpy's linear algebra on one thread, for the duration of a `with` block.

    The matrices of these networks are small: extra BLAS threads cost more in
    hand-offs than they save (training ran up to 13 times slower with them on 2 cores).
    """
    return threadpool_limits(limits=1, user_api="blas")


def gradient_by_layer(network, w, X, y, loss="cross_entropy"):
    """The size of the full-batch gradient on each layer's weights: a list of `LayerGradient`.

    With the same learning rate for every parameter, a layer whose gradient
    is 1000 times smaller learns 1000 times more slowly. Saturating
    activations (sigmoid) and small initial weights make the gradient shrink
    on its way back to the first layers; per-parameter rates (AdaGrad,
    RMSProp, Adam) divide that difference away.
    """
    network = _network(network)
    w = _check_parameters(network, w)
    with _one_blas_thread():
        g = autograd.grad(objective(network, X, y, loss))(w)
    return [
        LayerGradient(
            layer=i,
            shape=tuple(G.shape),
            mean_abs=float(numpy.mean(numpy.abs(G))),
            norm=float(numpy.linalg.norm(G)),
            weight_norm=float(numpy.linalg.norm(W)),
        )
        for i, ((G, _), (W, _)) in enumerate(
            zip(_layers(network.sizes, g), _layers(network.sizes, w), strict=True), start=1
        )
    ]


class History(NamedTuple):
    """The record of one `train` run.

    Per epoch (entry e - 1 is measured after epoch e; fewer than `epochs`
    entries if the run diverged):

    train_loss: the loss on the whole training set.
    val_loss: the loss on the whole validation set.
    val_accuracy: the fraction of the validation set classified correctly.
    scale: the plateau scale that multiplied every step during the epoch
        (all ones without `plateau`).

    batch_loss: per step, the minibatch loss where its gradient was taken
        (Nesterov's look-ahead point), for every step completed.
    w: the parameters after the last epoch recorded (w0 if there is none).
    status: "finished", or "diverged at epoch e: <reason>".
    """

    train_loss: numpy.ndarray
    val_loss: numpy.ndarray
    val_accuracy: numpy.ndarray
    scale: numpy.ndarray
    batch_loss: numpy.ndarray
    w: numpy.ndarray
    status: str

    @property
    def epochs(self):
        """How many epochs were completed and recorded."""
        return len(self.train_loss)

    @property
    def diverged(self):
        return self.status != "finished"


def train(network, w0, optimizer, data, epochs, batch_size=64, loss="cross_entropy", plateau=None, seed=0):
    """Train `network` from w0 with minibatches of data's training set; return a `History`.

    Each epoch visits the training set once, in an order shuffled by a numpy
    Generator seeded with `seed` (the last batch may be smaller). At every
    step t, with the scale s of the current epoch::

        g^(t)    = grad f_B(w^(t))        f_B: the loss on minibatch B
        u        = optimizer.update(g^(t), state)
        w^(t+1)  = w^(t) + s * u.delta

    For Nesterov, g^(t) is taken at the look-ahead point, whose displacement
    from w is scaled by s as well. After each epoch the losses on the whole
    training and validation sets and the validation accuracy are recorded;
    with `plateau` (from adaptive_lr.reduce_on_plateau) the validation loss
    then updates the plateau state, whose scale applies from the next epoch.
    The test set is never read.

    If a loss, a gradient or w stops being finite, the run stops, keeps the
    epochs completed before it, and warns with a DivergenceWarning.

    Symbols: `optimizer` is any adaptive_lr optimizer that needs only
    gradients (not newton or diagonal_newton); `data` is a `Split`;
    `epochs` and `batch_size` are integers >= 1 (a batch_size at least the
    training set's size means full-batch steps); `loss` is a key of LOSSES;
    `seed` is an integer >= 0.
    """
    network = _network(network)
    w = _check_parameters(network, _checks.start_point("w0", w0))
    _check_optimizer(optimizer)
    if not isinstance(data, Split):
        raise TypeError(
            f"data must be a Split such as adaptive_lr.data.digits(), got {type(data).__name__}: {data!r:.80}"
        )
    X_train = _inputs(network, data.X_train, "data.X_train")
    X_val = _inputs(network, data.X_val, "data.X_val")
    y_train = _class_labels(network, data.y_train, len(X_train), "data.y_train")
    y_val = _class_labels(network, data.y_val, len(X_val), "data.y_val")
    epochs = _checks.positive_int("epochs", epochs)
    batch_size = _checks.positive_int("batch_size", batch_size)
    loss_function = _loss(loss)
    if plateau is not None and not isinstance(plateau, Plateau):
        raise TypeError(
            f"plateau must be None or adaptive_lr.reduce_on_plateau(...), got {plateau!r}"
        )
    rng = numpy.random.default_rng(_checks.seed(seed))

    def batch_objective(w, X, y):
        return loss_function(_forward(network, w, X), y)

    value_and_grad = autograd.value_and_grad(batch_objective)
    state = optimizer.init(w.copy())
    plateau_state = plateau.init() if plateau is not None else None
    scale = 1.0
    record = {"train_loss": [], "val_loss": [], "val_accuracy": [], "scale": []}
    batch_losses = []
    status = "finished"

    with numpy.errstate(all="ignore"), _one_blas_thread():
        for epoch in range(1, epochs + 1):
            batches = ((X_train[rows], y_train[rows]) for rows in _minibatches(rng, len(X_train), batch_size))
            w_next, state, reason = _run_epoch(
                value_and_grad, optimizer, w, state, scale, batches, batch_losses
            )
            if reason is None:
                measured = _evaluate(network, loss_function, w_next, X_train, y_train, X_val, y_val)
                if not (numpy.isfinite(measured["train_loss"]) and numpy.isfinite(measured["val_loss"])):
                    reason = "the training or validation loss is not finite"
            if reason is not None:
                status = f"diverged at epoch {epoch}: {reason}"
                break
            w = w_next
            for key, value in {**measured, "scale": scale}.items():
                record[key].append(value)
            if plateau is not None:
                plateau_state = plateau.update(measured["val_loss"], plateau_state)
                scale = plateau_state.scale

    if status != "finished":
        kept = len(record["train_loss"])
        warnings.warn(
            f"{optimizer.label()}: {status}; kept the {kept} completed epoch{'' if kept == 1 else 's'}",
            DivergenceWarning,
            stacklevel=2,
        )
    return History(
        **{key: numpy.array(values, dtype=float) for key, values in record.items()},
        batch_loss=numpy.array(batch_losses, dtype=float),
        w=w.copy(),
        status=status,
    )


def _minibatches(rng, n, batch_size):
    """The row indices of each minibatch of one epoch: a fresh shuffle, cut into batch_size pieces."""
    order = rng.permutation(n)
    return [order[start : start + batch_size] for start in range(0, n, batch_size)]


def _run_epoch(value_and_grad, optimizer, w, state, scale, batches, batch_losses):
    """One step per minibatch; returns (w, state, reason) with reason None unless a number left the finite.

    Appends each step's minibatch loss to batch_losses.
    """
    for X, y in batches:
        if optimizer.lookahead is None:
            point = w
        else:
            # the look-ahead anticipates the next step, and that step will be scaled
            point = w + scale * (optimizer.lookahead(w, state) - w)
        value, g = value_and_grad(point, X, y)
        step = len(batch_losses) + 1
        if not (numpy.isfinite(value) and numpy.isfinite(g).all()):
            return w, state, f"the minibatch loss or its gradient is not finite at step {step}"
        update = optimizer.update(g, state)
        w_next = w + scale * update.delta
        if not numpy.isfinite(w_next).all():
            return w, state, f"w is not finite after step {step}"
        batch_losses.append(float(value))
        w, state = w_next, update.state
    return w, state, None


def _evaluate(network, loss_function, w, X_train, y_train, X_val, y_val):
    """The end-of-epoch measurements, on the whole training and validation sets."""
    val_scores = _forward(network, w, X_val)
    return {
        "train_loss": float(loss_function(_forward(network, w, X_train), y_train)),
        "val_loss": float(loss_function(val_scores, y_val)),
        "val_accuracy": float(numpy.mean(numpy.argmax(val_scores, axis=1) == y_val)),
    }


# ---- argument checks: each names the argument, repeats the value and says what is allowed


def _network(network):
    if not isinstance(network, Network):
        raise TypeError(f"network must be a Network such as mlp((64, 32, 10)), got {network!r}")
    # a Network built by hand skips mlp's checks; run them here
    return mlp(network.sizes, network.activation)


def _check_parameters(network, w):
    """w must be a 1-D array (or autograd box) of exactly network.parameter_count entries."""
    shape = getattr(w, "shape", None)
    if shape is None:
        raise TypeError(f"w must be a flat numpy array such as init(network), got {type(w).__name__}")
    if shape != (network.parameter_count,):
        raise ValueError(
            f"w must have shape ({network.parameter_count},) for a network of sizes {network.sizes}, "
            f"got shape {shape}"
        )
    return w


def _inputs(network, X, name="X"):
    try:
        array = numpy.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a 2-D array of numbers, got {type(X).__name__}") from None
    if array.ndim != 2 or array.shape[1] != network.sizes[0] or array.shape[0] == 0:
        raise ValueError(
            f"{name} must have shape (n, {network.sizes[0]}) with n >= 1 to match sizes={network.sizes}, "
            f"got shape {array.shape}"
        )
    return array


def _class_labels(network, y, n, name="y"):
    return _labels(y, numpy.empty((n, network.sizes[-1])), name)


def _scores(scores):
    """A 2-D array (examples x classes), left alone when it is an autograd box."""
    if not hasattr(scores, "shape"):
        scores = numpy.asarray(scores, dtype=float)
    if len(scores.shape) != 2:
        raise ValueError(f"scores must be a 2-D array (examples x classes), got shape {scores.shape}")
    return scores


def _labels(y, scores, name="y"):
    """Integer labels, one per row of scores, each in 0 .. classes - 1."""
    array = numpy.asarray(y)
    n, classes = numpy.shape(scores)
    if array.shape != (n,) or not numpy.issubdtype(array.dtype, numpy.integer):
        raise ValueError(
            f"{name} must be a 1-D array of {n} integer labels, one per row of the scores, "
            f"got {array.dtype} array of shape {array.shape}"
        )
    if n and (array.min() < 0 or array.max() >= classes):
        raise ValueError(
            f"{name} must hold class labels 0 .. {classes - 1} (one per output), "
            f"got values from {array.min()} to {array.max()}"
        )
    return array


def _loss(loss):
    return LOSSES[_choice("loss", loss, LOSSES)]


def _choice(name, value, options):
    """One of the names in `options` (a dict keyed by name)."""
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {sorted(options)}, got {value!r}")
    return value


def _check_optimizer(optimizer):
    if not isinstance(optimizer, Optimizer):
        raise TypeError(
            f"optimizer must be an adaptive_lr optimizer such as adaptive_lr.adam(lr=1e-3), got {optimizer!r}"
        )
    if optimizer.curvature is not None:
        raise TypeError(
            f"optimizer {optimizer.label()} needs second-order information (a Hessian or its diagonal); "
            "Newton-type methods are not supported for training networks, whose Hessian has one row "
            "per parameter. Use a gradient-based optimizer such as adam, rmsprop or gd."
        )
