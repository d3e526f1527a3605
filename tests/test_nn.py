"""The neural-network substrate: data, initialisation, losses, gradients and training on digits."""

import math

import numpy
import pytest

import adaptive_lr as alr
from adaptive_lr import data, nn

DIGITS_SIZE = 1797


@pytest.fixture(scope="module")
def split():
    return data.digits()


@pytest.fixture(scope="module")
def standardized(split):
    X_train, X_val, X_test = data.standardize(split.X_train, split.X_val, split.X_test)
    return split._replace(X_train=X_train, X_val=X_val, X_test=X_test)


def tiny_problem(activation, seed=0):
    rng = numpy.random.default_rng(seed)
    network = nn.mlp((3, 4, 3), activation)
    w = rng.standard_normal(network.parameter_count)
    return network, w, rng.standard_normal((5, 3)), numpy.array([0, 2, 1, 2, 0])


# ---- data


def test_digits_split_sizes_partition_the_dataset(split):
    sizes = [len(split.X_train), len(split.X_val), len(split.X_test)]
    assert sum(sizes) == DIGITS_SIZE
    assert [len(split.y_train), len(split.y_val), len(split.y_test)] == sizes
    assert abs(sizes[1] - 0.2 * DIGITS_SIZE) <= 10 and abs(sizes[2] - 0.2 * DIGITS_SIZE) <= 10
    # the digits have no duplicate images, so a partition uses every (image, label) exactly once
    rows = [numpy.column_stack([X, y]) for X, y in zip(split[::2], split[1::2], strict=True)]
    together = numpy.unique(numpy.concatenate(rows), axis=0)
    assert len(together) == DIGITS_SIZE


def test_digits_are_raw_pixels_with_integer_labels(split):
    assert split.X_train.dtype == float and split.X_train.shape[1] == 64
    assert split.X_train.min() == 0 and split.X_train.max() == 16
    assert numpy.issubdtype(split.y_train.dtype, numpy.integer)
    assert set(numpy.unique(split.y_train)) == set(range(10))


def test_digits_split_is_stratified_and_seeded(split):
    for y in (split.y_val, split.y_test):
        assert numpy.bincount(y, minlength=10).min() >= 33  # about 36 of each digit
    again = data.digits()
    other = data.digits(seed=1)
    assert numpy.array_equal(again.X_val, split.X_val)
    assert not numpy.array_equal(other.X_val, split.X_val)


def test_digits_sets_have_the_requested_fractions():
    split = data.digits(validation=0.1, test=0.3, seed=2)
    assert len(split.X_val) == pytest.approx(0.1 * DIGITS_SIZE, abs=10)
    assert len(split.X_test) == pytest.approx(0.3 * DIGITS_SIZE, abs=10)
    assert len(split.X_train) == pytest.approx(0.6 * DIGITS_SIZE, abs=10)


def test_standardize_uses_the_training_statistics_only():
    X_train = numpy.array([[0.0, 5.0, 1.0], [2.0, 5.0, 3.0], [4.0, 5.0, 5.0]])
    X_val = numpy.array([[2.0, 7.0, 3.0], [6.0, 5.0, 9.0]])
    train, val = data.standardize(X_train, X_val)
    std = math.sqrt(8 / 3)
    # column 1 is constant on the training set: centred, divided by 1, never nan
    assert numpy.allclose(val, [[0.0, 2.0, 0.0], [4 / std, 0.0, 6 / std]])
    assert numpy.allclose(train.mean(axis=0), 0)
    assert numpy.allclose(train.std(axis=0), [1, 0, 1])
    # a different validation set leaves the training set's result unchanged
    train_again, _ = data.standardize(X_train, 100 * X_val)
    assert numpy.array_equal(train, train_again)
    assert len(data.standardize(X_train)) == 1


# ---- network shape and initialisation


def test_layers_and_forward_shapes():
    network = nn.mlp((64, 32, 16, 10), "tanh")
    w = nn.init(network, seed=0)
    assert w.shape == (64 * 32 + 32 + 32 * 16 + 16 + 16 * 10 + 10,) == (network.parameter_count,)
    shapes = [(layer.W.shape, layer.b.shape) for layer in nn.layers(network, w)]
    assert shapes == [((64, 32), (32,)), ((32, 16), (16,)), ((16, 10), (10,))]
    assert nn.forward(network, w, numpy.zeros((7, 64))).shape == (7, 10)
    # W is laid out first, row by row, then b
    first = nn.layers(network, numpy.arange(network.parameter_count, dtype=float))[0]
    assert first.W[0, 1] == 1 and first.W[1, 0] == 32 and first.b[0] == 64 * 32


def test_activations_by_hand():
    z = numpy.array([-1000.0, -2.0, 0.0, 3.0])
    assert numpy.array_equal(nn.ACTIVATIONS["relu"](z), [0.0, 0.0, 0.0, 3.0])
    sigmoid = [0.0, 1 / (1 + math.exp(2)), 0.5, 1 / (1 + math.exp(-3))]
    assert numpy.allclose(nn.ACTIVATIONS["sigmoid"](z), sigmoid)
    assert numpy.allclose(nn.ACTIVATIONS["tanh"](z), numpy.tanh(z))


def test_forward_by_hand():
    # one hidden unit: h = relu(x1 - x2 + 0.5); scores = (2h, -h + 1)
    network = nn.mlp((2, 1, 2), "relu")
    w = numpy.array([1.0, -1.0, 0.5, 2.0, -1.0, 0.0, 1.0])
    X = numpy.array([[3.0, 1.0], [0.0, 4.0]])
    assert numpy.allclose(nn.forward(network, w, X), [[5.0, -1.5], [0.0, 1.0]])


@pytest.mark.parametrize(("scheme", "variance"), [
    ("naive", lambda fan_in, fan_out: 0.01**2),
    ("xavier", lambda fan_in, fan_out: 2 / (fan_in + fan_out)),
    ("he", lambda fan_in, fan_out: 2 / fan_in),
])
def test_init_draws_weights_with_the_stated_variance_and_zero_biases(scheme, variance):
    network = nn.mlp((300, 200, 100))
    w = nn.init(network, scheme=scheme, seed=1)
    for W, b in nn.layers(network, w):
        fan_in, fan_out = W.shape
        # the sample variance of m normal draws has relative standard error sqrt(2 / m) < 1%
        assert W.var() == pytest.approx(variance(fan_in, fan_out), rel=0.05)
        assert abs(W.mean()) < 4 * math.sqrt(variance(fan_in, fan_out) / W.size)
        assert numpy.all(b == 0)
    assert numpy.array_equal(w, nn.init(network, scheme=scheme, seed=1))
    assert not numpy.array_equal(w, nn.init(network, scheme=scheme, seed=2))


# ---- losses


def test_cross_entropy_is_minus_log_softmax_by_hand():
    scores = numpy.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    y = numpy.array([2, 0])
    by_hand = (-math.log(math.exp(3) / (math.exp(1) + math.exp(2) + math.exp(3))) + math.log(3)) / 2
    assert nn.cross_entropy(scores, y) == pytest.approx(by_hand, rel=1e-12)
    # scores far beyond exp's range: still finite, and shifting a row changes nothing
    assert nn.cross_entropy(scores + 1000.0, y) == pytest.approx(by_hand, rel=1e-9)


def test_squared_error_compares_softmax_with_one_hot_by_hand():
    # equal scores: p = (1/2, 1/2) against (1, 0): (1/2)^2 + (1/2)^2 = 1/2
    assert nn.squared_error(numpy.array([[0.0, 0.0]]), numpy.array([0])) == pytest.approx(0.5)
    # p = (1/3, 2/3) for scores (0, log 2), label 1: (1/3)^2 + (1/3)^2 = 2/9; mean with 1/2
    scores = numpy.array([[0.0, 0.0], [0.0, math.log(2)]])
    assert nn.squared_error(scores, numpy.array([0, 1])) == pytest.approx((0.5 + 2 / 9) / 2)


@pytest.mark.parametrize("activation", sorted(nn.ACTIVATIONS))
@pytest.mark.parametrize("loss", sorted(nn.LOSSES))
def test_gradient_of_the_objective_matches_finite_differences(activation, loss):
    network, w, X, y = tiny_problem(activation)
    f = nn.objective(network, X, y, loss)
    g = alr.grad(f)(w)
    h = 1e-6
    central = numpy.array([(f(w + h * e) - f(w - h * e)) / (2 * h) for e in numpy.eye(w.size)])
    assert numpy.allclose(g, central, rtol=1e-5, atol=1e-8)
    assert numpy.abs(g).max() > 1e-3  # not trivially zero


def test_accuracy_counts_the_highest_scores():
    network = nn.mlp((2, 2), "relu")
    w = numpy.array([1.0, 0.0, 0.0, 1.0, 0.0, 0.0])  # W = identity: the scores are the inputs
    X = numpy.array([[1.0, 0.0], [0.0, 1.0], [3.0, 2.0], [0.0, 5.0]])
    assert nn.accuracy(network, w, X, numpy.array([0, 1, 1, 1])) == 0.75


def test_gradient_by_layer_spreads_over_orders_of_magnitude_with_sigmoid_and_naive_init(standardized):
    network = nn.mlp((64, 64, 64, 64, 10), "sigmoid")
    w = nn.init(network, scheme="naive", seed=0)
    stats = nn.gradient_by_layer(network, w, standardized.X_train, standardized.y_train)
    assert [s.layer for s in stats] == [1, 2, 3, 4]
    assert [s.shape for s in stats] == [(64, 64), (64, 64), (64, 64), (64, 10)]
    mean_abs = [s.mean_abs for s in stats]
    # the gradient shrinks on its way back to the inputs (measured: about 2e4 times)
    assert all(earlier < later for earlier, later in zip(mean_abs, mean_abs[1:], strict=False))
    assert mean_abs[-1] > 100 * mean_abs[0]
    g = alr.grad(nn.objective(network, standardized.X_train, standardized.y_train))(w)
    assert stats[0].norm == pytest.approx(numpy.linalg.norm(nn.layers(network, g)[0].W))


# ---- training


def test_adam_learns_the_digits_within_three_epochs(standardized):
    network = nn.mlp((64, 32, 10))
    w0 = nn.init(network, scheme="he", seed=0)
    history = nn.train(network, w0, alr.adam(lr=0.01), standardized, epochs=3, batch_size=32)
    assert history.status == "finished" and history.epochs == 3
    assert history.val_accuracy[-1] > 0.9
    assert history.val_loss[-1] < history.val_loss[0]
    assert numpy.array_equal(history.scale, numpy.ones(3))
    assert len(history.batch_loss) == 3 * math.ceil(len(standardized.X_train) / 32)
    assert history.val_loss[-1] == pytest.approx(
        nn.objective(network, standardized.X_val, standardized.y_val)(history.w)
    )
    assert nn.accuracy(network, history.w, standardized.X_val, standardized.y_val) == history.val_accuracy[-1]
    assert numpy.array_equal(w0, nn.init(network, scheme="he", seed=0))  # w0 is not modified


def test_training_is_reproducible_and_never_reads_the_test_set(standardized):
    network = nn.mlp((64, 16, 10), "tanh")
    w0 = nn.init(network, scheme="xavier", seed=3)
    poisoned = standardized._replace(X_test=numpy.full_like(standardized.X_test, numpy.nan))
    first = nn.train(network, w0, alr.nesterov(0.05), poisoned, epochs=2, seed=4)
    second = nn.train(network, w0, alr.nesterov(0.05), standardized, epochs=2, seed=4)
    assert first.status == "finished"
    assert numpy.array_equal(first.w, second.w)
    assert numpy.array_equal(first.batch_loss, second.batch_loss)


def test_plateau_cuts_the_scale_of_a_too_large_gd_rate(standardized):
    network = nn.mlp((64, 32, 10))
    plateau = alr.reduce_on_plateau(factor=0.1, patience=1)
    history = nn.train(network, nn.init(network, seed=0), alr.gd(2.0), standardized, epochs=8,
                       plateau=plateau)
    assert history.status == "finished"
    assert history.scale[0] == 1.0
    assert history.scale[-1] < 1.0
    assert numpy.all(numpy.diff(history.scale) <= 0)
    exponents = numpy.log10(history.scale)
    assert numpy.allclose(exponents, numpy.round(exponents))  # 1, 0.1, 0.01, ...
    # the scale in force at epoch e+1 is what the plateau made of the validation losses up to e
    state = plateau.init()
    for epoch, val_loss in enumerate(history.val_loss[:-1]):
        state = plateau.update(val_loss, state)
        assert history.scale[epoch + 1] == pytest.approx(state.scale)


def test_the_plateau_scale_multiplies_every_step(standardized):
    # threshold=10 makes every check after the first a non-improvement: scales 1, 1, 0.1
    plateau = alr.reduce_on_plateau(factor=0.1, patience=1, threshold=10)
    network = nn.mlp((64, 16, 10))
    w0 = nn.init(network, seed=0)
    annealed = nn.train(network, w0, alr.gd(0.1), standardized, epochs=3, plateau=plateau)
    assert numpy.allclose(annealed.scale, [1.0, 1.0, 0.1])
    # the same run with the rate cut by hand for the third epoch's steps
    steps_per_epoch = math.ceil(len(standardized.X_train) / 64)
    cut = alr.gd(lambda t: 0.1 if t <= 2 * steps_per_epoch else 0.01)
    by_hand = nn.train(network, w0, cut, standardized, epochs=3)
    assert numpy.allclose(annealed.w, by_hand.w, rtol=1e-10, atol=1e-12)
    assert numpy.allclose(annealed.batch_loss, by_hand.batch_loss)


def test_nesterov_takes_its_gradient_at_the_look_ahead_point(standardized):
    network = nn.mlp((64, 16, 10))
    w0 = nn.init(network, seed=0)
    heavy_ball = nn.train(network, w0, alr.momentum(0.05), standardized, epochs=1)
    nesterov = nn.train(network, w0, alr.nesterov(0.05), standardized, epochs=1)
    # the first step starts with zero velocity, so the look-ahead point is w itself
    assert nesterov.batch_loss[0] == heavy_ball.batch_loss[0]
    assert not numpy.allclose(nesterov.batch_loss[1:], heavy_ball.batch_loss[1:])


def test_squared_error_trains_too(standardized):
    network = nn.mlp((64, 32, 10))
    history = nn.train(network, nn.init(network, seed=0), alr.adam(0.01), standardized, epochs=1,
                       loss="squared_error")
    assert history.status == "finished" and history.val_loss[0] < 0.9  # 0.9 is the loss of p = 1/10


def test_divergence_is_flagged_and_the_history_stays_finite(standardized):
    network = nn.mlp((64, 32, 10))
    w0 = nn.init(network, seed=0)
    with pytest.warns(alr.DivergenceWarning, match=r"gd\(lr=100000000.0\): diverged at epoch 2"):
        history = nn.train(network, w0, alr.gd(1e8), standardized, epochs=5)
    assert history.status.startswith("diverged at epoch 2: ") and history.diverged
    assert history.epochs == 1
    for values in (history.train_loss, history.val_loss, history.val_accuracy, history.scale,
                   history.batch_loss, history.w):
        assert numpy.all(numpy.isfinite(values))
    # w is where the last recorded epoch ended
    assert history.val_loss[-1] == pytest.approx(
        nn.objective(network, standardized.X_val, standardized.y_val)(history.w)
    )


def test_a_step_to_infinity_stops_the_run_before_its_first_epoch(standardized):
    def init(w):
        return ()

    def update(g, state):
        return alr.Update(delta=numpy.full_like(g, numpy.inf), rate=numpy.inf, state=state)

    network = nn.mlp((64, 10))
    w0 = nn.init(network, seed=0)
    with pytest.warns(alr.DivergenceWarning, match=r"kept the 0 completed epochs"):
        history = nn.train(network, w0, alr.Optimizer("to_infinity", init, update), standardized, epochs=2)
    assert history.status == "diverged at epoch 1: w is not finite after step 1"
    assert history.epochs == 0 and len(history.batch_loss) == 0
    assert numpy.array_equal(history.w, w0)


# ---- bad arguments


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda: data.digits(validation=0), ValueError, r"validation must be a fraction in \(0, 1\), got 0"),
    (lambda: data.digits(test=1.5), ValueError, r"test must be a fraction in \(0, 1\), got 1.5"),
    (lambda: data.digits(test="0.2"), TypeError, r"test must be a fraction in \(0, 1\), got '0.2'"),
    (lambda: data.digits(0.5, 0.5), ValueError, r"validation \+ test must be < 1"),
    (lambda: data.digits(seed=-1), ValueError, r"seed must be an integer >= 0, got -1"),
    (lambda: data.standardize(numpy.ones(3)), ValueError, r"X_train must be a 2-D array"),
    (lambda: data.standardize(numpy.ones((3, 2)), numpy.ones((3, 4))), ValueError,
     r"others\[0\] must have as many features \(columns\) as X_train, 2"),
    (lambda: nn.mlp((64,)), ValueError, r"sizes must be at least two integers >= 1 .* got \(64,\)"),
    (lambda: nn.mlp((64, 0, 10)), ValueError, r"sizes must be at least two integers >= 1"),
    (lambda: nn.mlp((64, 10), "softplus"), ValueError,
     r"activation must be one of \['relu', 'sigmoid', 'tanh'\], got 'softplus'"),
    (lambda: nn.mlp((64, 10), ["relu"]), ValueError, r"activation must be one of .* got \['relu'\]"),
    (lambda: nn.init(nn.mlp((4, 2)), scheme="glorot"), ValueError,
     r"scheme must be one of \['he', 'naive', 'xavier'\], got 'glorot'"),
    (lambda: nn.init((4, 2)), TypeError, r"network must be a Network such as mlp"),
    (lambda: nn.forward(nn.mlp((4, 2)), numpy.zeros(9), numpy.ones((1, 4))), ValueError,
     r"w must have shape \(10,\) for a network of sizes \(4, 2\), got shape \(9,\)"),
    (lambda: nn.forward(nn.mlp((4, 2)), numpy.zeros(10), numpy.ones((1, 3))), ValueError,
     r"X must have shape \(n, 4\)"),
    (lambda: nn.cross_entropy(numpy.zeros((2, 3)), numpy.array([0, 3])), ValueError,
     r"y must hold class labels 0 .. 2 .* got values from 0 to 3"),
    (lambda: nn.cross_entropy(numpy.zeros((2, 3)), numpy.array([0.0, 1.0])), ValueError,
     r"y must be a 1-D array of 2 integer labels"),
    (lambda: nn.objective(nn.mlp((4, 2)), numpy.ones((1, 4)), numpy.array([0]), "hinge"), ValueError,
     r"loss must be one of \['cross_entropy', 'squared_error'\], got 'hinge'"),
])
def test_bad_arguments_name_the_argument_and_the_value(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.fixture(scope="module")
def small():
    network = nn.mlp((64, 10))
    return network, nn.init(network, seed=0)


@pytest.mark.parametrize(("change", "error", "message"), [
    ({"epochs": 0}, ValueError, r"epochs must be a positive integer \(>= 1\), got 0"),
    ({"epochs": 2.5}, TypeError, r"epochs must be a positive integer, got 2.5"),
    ({"batch_size": "64"}, TypeError, r"batch_size must be a positive integer, got '64'"),
    ({"optimizer": "adam"}, TypeError, r"optimizer must be an adaptive_lr optimizer .* got 'adam'"),
    ({"optimizer": alr.newton()}, TypeError,
     r"optimizer newton\(eps=.*\) needs second-order .* Newton-type methods are not supported"),
    ({"optimizer": alr.diagonal_newton()}, TypeError, r"optimizer diagonal_newton\(.*Newton-type"),
    ({"data": (1, 2)}, TypeError, r"data must be a Split such as adaptive_lr.data.digits\(\), got tuple"),
    ({"w0": numpy.zeros(3)}, ValueError, r"w must have shape \(650,\) .* got shape \(3,\)"),
    ({"w0": [numpy.nan] * 650}, ValueError, r"w0 must contain only finite numbers"),
    ({"loss": "mse"}, ValueError, r"loss must be one of"),
    ({"plateau": 0.1}, TypeError, r"plateau must be None or adaptive_lr.reduce_on_plateau"),
    ({"seed": 1.5}, TypeError, r"seed must be an integer >= 0, got 1.5"),
])
def test_train_rejects_bad_arguments(standardized, small, change, error, message):
    network, w0 = small
    arguments = {"network": network, "w0": w0, "optimizer": alr.adam(), "data": standardized,
                 "epochs": 1} | change
    with pytest.raises(error, match=message):
        nn.train(**arguments)


def test_train_checks_the_data_against_the_network(standardized, small):
    network, w0 = small
    wrong_width = standardized._replace(X_val=standardized.X_val[:, :10])
    with pytest.raises(ValueError, match=r"data.X_val must have shape \(n, 64\)"):
        nn.train(network, w0, alr.adam(), wrong_width, epochs=1)
    wrong_labels = standardized._replace(y_train=standardized.y_train + 1)
    with pytest.raises(ValueError, match=r"data.y_train must hold class labels 0 .. 9"):
        nn.train(network, w0, alr.adam(), wrong_labels, epochs=1)


def test_standardized_split_scales_every_set_by_training_statistics():
    split = alr.data.digits()
    scaled = alr.data.standardized(split)
    numpy.testing.assert_allclose(scaled.X_train.mean(axis=0), 0.0, atol=1e-12)
    numpy.testing.assert_array_equal(scaled.X_val, alr.data.standardize(split.X_train, split.X_val)[1])
    numpy.testing.assert_array_equal(scaled.y_test, split.y_test)
    with pytest.raises(TypeError, match="split must be a Split"):
        alr.data.standardized((split.X_train, split.y_train))
