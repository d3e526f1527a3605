"""The in-practice lecture: experiments on the digits, their plots and panels, and its quiz answers."""

import math
import warnings

import numpy
import pytest
from matplotlib.figure import Figure

import adaptive_lr as alr
from adaptive_lr import experiments, nn, quiz
from adaptive_lr.plotting import practice as practice_plots
from adaptive_lr.widgets import practice as practice_widgets

QUESTIONS = quiz._collect()


@pytest.fixture(scope="module")
def split():
    return alr.data.digits()


@pytest.fixture(scope="module")
def data(split):
    return alr.data.standardized(split)


def history(val_accuracy, val_loss=None, status="finished"):
    """A History by hand: only the per-epoch records matter to the summaries."""
    val_accuracy = numpy.asarray(val_accuracy, dtype=float)
    val_loss = numpy.asarray(val_loss if val_loss is not None else 1 - val_accuracy, dtype=float)
    epochs = len(val_accuracy)
    return nn.History(train_loss=val_loss / 2, val_loss=val_loss, val_accuracy=val_accuracy,
                      scale=numpy.ones(epochs), batch_loss=numpy.ones(3 * epochs), w=numpy.zeros(3),
                      status=status)


@pytest.fixture
def ax():
    return Figure().subplots()  # not pyplot: nothing to close, nothing shown


# ---- data helpers


def test_standardized_uses_the_training_statistics_for_every_set(split, data):
    X_train, X_val, X_test = alr.data.standardize(split.X_train, split.X_val, split.X_test)
    assert numpy.array_equal(data.X_train, X_train) and numpy.array_equal(data.X_test, X_test)
    assert numpy.array_equal(data.X_val, X_val)
    varying = split.X_train.std(axis=0) > 0
    assert numpy.allclose(data.X_train.mean(axis=0), 0, atol=1e-12)
    assert numpy.allclose(data.X_train.std(axis=0)[varying], 1)
    # the validation set's own mean is not removed: it is shifted by the training mean
    assert not numpy.allclose(data.X_val.mean(axis=0), 0, atol=1e-3)
    assert numpy.array_equal(data.y_train, split.y_train) and numpy.array_equal(data.y_val, split.y_val)


def test_training_subset_keeps_the_first_rows_and_the_other_sets(data):
    few = experiments.training_subset(data, 100)
    assert few.X_train.shape == (100, 64) and numpy.array_equal(few.y_train, data.y_train[:100])
    assert few.X_val is data.X_val and few.X_test is data.X_test
    assert len(set(few.y_train.tolist())) == 10  # the digits are shuffled across classes


# ---- training


def test_train_from_scratch_is_nn_train_from_the_named_initialisation(data):
    network = nn.mlp((64, 8, 10), "tanh")
    ours = experiments.train_from_scratch(network, alr.momentum(0.05), data, 2, batch_size=128,
                                          scheme="xavier", seed=3)
    w0 = nn.init(network, scheme="xavier", seed=3)
    theirs = nn.train(network, w0, alr.momentum(0.05), data, 2, batch_size=128, seed=3)
    assert numpy.array_equal(ours.w, theirs.w)
    assert numpy.array_equal(ours.batch_loss, theirs.batch_loss)


def test_a_diverging_run_is_recorded_without_a_warning(data):
    network = nn.mlp((64, 32, 10))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        diverged = experiments.train_from_scratch(network, alr.gd(1e8), data, 5)
    assert diverged.diverged and diverged.status.startswith("diverged at epoch")
    with pytest.warns(alr.DivergenceWarning):  # the filter is restored afterwards
        nn.train(network, nn.init(network), alr.gd(1e8), data, 5)


def test_compare_training_starts_every_optimizer_from_the_same_point(data):
    network = nn.mlp((64, 10))
    runs = experiments.compare_training(network, {"gd": alr.gd(0.1), "momentum": alr.momentum(0.1)}, data,
                                        1, batch_size=256)
    assert list(runs) == ["gd", "momentum"]
    # momentum's first step equals gd's (zero velocity), so their first two minibatch losses agree
    assert numpy.array_equal(runs["gd"].batch_loss[:2], runs["momentum"].batch_loss[:2])
    assert runs["gd"].batch_loss[2] != runs["momentum"].batch_loss[2]


def test_lr_sweep_trains_once_per_rate_and_flags_divergence(data):
    network = nn.mlp((64, 32, 10))
    sweep = experiments.lr_sweep(network, data, alr.gd, [0.1, 1e8, 1e-3], epochs=3)
    assert list(sweep) == [0.1, 1e8, 1e-3]
    assert sweep[1e8].diverged and not sweep[0.1].diverged and not sweep[1e-3].diverged
    assert sweep[0.1].val_accuracy[-1] > sweep[1e-3].val_accuracy[-1]
    single = experiments.train_from_scratch(network, alr.gd(0.1), data, 3)
    assert numpy.array_equal(sweep[0.1].w, single.w)


# ---- summaries of a sweep


def test_final_values_are_sorted_by_rate_with_nan_for_a_run_with_no_epoch():
    sweep = {1.0: history([0.5, 0.1], status="diverged at epoch 3: x"), 0.01: history([0.2, 0.6]),
             10.0: history([], status="diverged at epoch 1: x")}
    rates, values, diverged = experiments.final_values(sweep)
    assert rates.tolist() == [0.01, 1.0, 10.0]
    assert values[:2].tolist() == [0.6, 0.1] and math.isnan(values[2])
    assert diverged.tolist() == [False, True, True]


def test_rates_reaching_and_best_rate_skip_diverged_runs():
    sweep = {1e-3: history([0.5]), 1e-2: history([0.92]), 1e-1: history([0.95]),
             1.0: history([0.97], status="diverged at epoch 2: x")}
    assert experiments.rates_reaching(sweep, 0.9) == [1e-2, 1e-1]
    assert experiments.rates_reaching(sweep, 0.06, "val_loss") == [1e-1]  # losses 0.08, 0.05: lower is better
    assert experiments.best_rate(sweep, "val_accuracy") == 1e-1
    assert experiments.best_rate(sweep, "val_loss") == 1e-1
    assert experiments.best_rate({1.0: history([0.2], [3.0]), 2.0: history([0.1], [2.0])}, "val_loss") == 2.0


# ---- diagnostics


def test_the_loss_of_logistic_regression_stays_under_its_chord(data):
    # logistic regression's cross-entropy is convex in w: the convexity test must pass here
    network = nn.mlp((64, 10))
    w_from, w_to = nn.init(network, seed=0), nn.init(network, seed=1) * 5
    alphas = numpy.linspace(0, 1, 11)
    along = experiments.loss_along_line(network, data.X_train, data.y_train, w_from, w_to, alphas)
    f = nn.objective(network, data.X_train, data.y_train)
    assert along[0] == pytest.approx(f(w_from)) and along[-1] == pytest.approx(f(w_to))
    chord = (1 - alphas) * along[0] + alphas * along[-1]
    assert numpy.all(along <= chord + 1e-12)


def test_score_gradient_by_hand():
    scores = numpy.array([0.0, math.log(3.0)])  # p = (1/4, 3/4)
    p, onehot = numpy.array([0.25, 0.75]), numpy.array([1.0, 0.0])
    assert numpy.allclose(experiments.score_gradient(scores, 0), p - onehot)
    jacobian = numpy.diag(p) - numpy.outer(p, p)
    assert numpy.allclose(experiments.score_gradient(scores, 0, "squared_error"), 2 * jacobian @ (p - onehot))
    # confidently wrong: the squared error's gradient all but vanishes, cross-entropy's does not
    wrong = numpy.array([0.0, 12.0])
    assert numpy.abs(experiments.score_gradient(wrong, 0)).max() > 0.99
    assert numpy.abs(experiments.score_gradient(wrong, 0, "squared_error")).max() < 1e-4


def test_dead_units_counts_units_silent_on_every_input():
    network = nn.mlp((2, 3, 2), "relu")
    w = nn.init(network, seed=0)
    first = nn.layers(network, w)[0]
    first.W[:] = [[1.0, 0.0, -1.0], [0.0, 1.0, -1.0]]
    first.b[:] = [0.0, -10.0, 0.0]
    X = numpy.array([[1.0, 2.0], [3.0, 0.5]])
    # unit 1 is x1 > 0; unit 2 is x2 - 10 < 0 always; unit 3 is -(x1 + x2) < 0 always
    assert experiments.dead_units(network, w, X) == [2]
    assert experiments.dead_units(nn.mlp((2, 3, 2), "sigmoid"), w, X) == [0]


def test_input_curvature_is_the_spectrum_of_the_second_moment():
    X = numpy.array([[1.0, 0.0], [1.0, 2.0], [1.0, -2.0], [1.0, 0.0]])
    # (1/n) X^T X = diag(1, 2)
    assert numpy.allclose(experiments.input_curvature(X), [2.0, 1.0])


def test_standardising_flattens_the_digits_curvature(split, data):
    raw, flat = experiments.input_curvature(split.X_train), experiments.input_curvature(data.X_train)
    assert raw[0] > 10 * raw[1]  # one direction, the mean image, towers over the rest
    assert flat[0] < 2 * flat[1]
    assert raw[0] > 100 * flat[0]


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda d: alr.data.standardized((1, 2)), TypeError, r"split must be a Split .* got tuple"),
    (lambda d: experiments.training_subset(d, 0), ValueError,
     r"size must be a positive integer \(>= 1\), got 0"),
    (lambda d: experiments.training_subset(d, 5000), ValueError, r"size must be at most the 1079 training"),
    (lambda d: experiments.lr_sweep(nn.mlp((64, 10)), d, "adam", [0.1], 1), TypeError,
     r"make_optimizer must be a function rate -> optimizer .* got 'adam'"),
    (lambda d: experiments.lr_sweep(nn.mlp((64, 10)), d, alr.gd, [], 1), ValueError,
     r"rates must hold at least one number > 0, got an empty list"),
    (lambda d: experiments.lr_sweep(nn.mlp((64, 10)), d, alr.gd, [0.1, -1.0], 1), ValueError,
     r"rates must all be finite numbers > 0, got -1.0 in \[0.1, -1.0\]"),
    (lambda d: experiments.lr_sweep(nn.mlp((64, 10)), d, alr.gd, [0.1, 0.1], 1), ValueError,
     r"rates must not repeat a value"),
    (lambda d: experiments.lr_sweep(nn.mlp((64, 10)), d, alr.gd, 0.1, 1), TypeError,
     r"rates must be a list of numbers > 0 .* got 0.1"),
    (lambda d: experiments.compare_training(nn.mlp((64, 10)), {}, d, 1), TypeError,
     r"optimizers must be a non-empty dict"),
    (lambda d: experiments.final_values({0.1: history([0.5])}, "accuracy"), ValueError,
     r"measure must be one of \['train_loss', 'val_accuracy', 'val_loss'\], got 'accuracy'"),
    (lambda d: experiments.final_values({}), TypeError, r"sweep must be a non-empty dict \{rate: History\}"),
    (lambda d: experiments.best_rate({0.1: history([0.5], status="diverged at epoch 2: x")}), ValueError,
     r"sweep must have at least one run that finished, but all 1 diverged"),
    (lambda d: experiments.score_gradient(numpy.zeros(3), 0, "hinge"), ValueError,
     r"loss must be one of \['cross_entropy', 'squared_error'\], got 'hinge'"),
    (lambda d: experiments.score_gradient(numpy.zeros((2, 3)), 0), ValueError,
     r"scores must be a 1-D array of at least two class scores, got shape \(2, 3\)"),
    (lambda d: experiments.input_curvature(numpy.zeros(3)), ValueError, r"X must be a 2-D array"),
])
def test_bad_arguments_name_the_argument_and_the_value(data, call, error, message):
    with pytest.raises(error, match=message):
        call(data)


# ---- plots


def test_sweep_curves_draw_diverged_runs_as_crosses_at_chance(ax):
    sweeps = {"gd": {1e-2: history([0.5, 0.8]), 1e-1: history([0.9]),
                     1.0: history([0.3], status="diverged at epoch 2: x")},
              "adam": {1e-2: history([0.95]), 1e-1: history([0.96])}}
    assert practice_plots.sweep_curves(ax, sweeps, chance=0.1) is ax
    assert ax.get_xscale() == "log"
    gd_line, gd_crosses, adam_line, adam_crosses = ax.lines[:4]
    assert gd_line.get_xdata().tolist() == [1e-2, 1e-1] and gd_line.get_ydata().tolist() == [0.8, 0.9]
    assert gd_crosses.get_marker() == "X" and gd_crosses.get_xydata().tolist() == [[1.0, 0.1]]
    assert len(adam_crosses.get_xdata()) == 0
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["gd", "adam", "diverged (drawn at chance)"]


def test_sweep_curves_leave_diverged_out_of_the_legend_when_none_diverged(ax):
    practice_plots.sweep_curves(ax, {"gd": {0.1: history([0.9])}}, "val_loss")
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["gd"]
    assert ax.get_ylabel() == "final validation loss"


def test_epoch_and_fit_curves_draw_one_point_per_epoch(ax):
    runs = {"gd": history([0.2, 0.5, 0.7]), "adam": history([0.4, 0.2], status="diverged at epoch 3: x")}
    practice_plots.epoch_curves(ax, runs, "val_accuracy", chance=0.1)
    gd, adam, cross = ax.lines[:3]
    assert gd.get_xdata().tolist() == [1, 2, 3] and gd.get_ydata().tolist() == [0.2, 0.5, 0.7]
    assert cross.get_marker() == "X" and cross.get_xydata().tolist() == [[2.0, 0.2]]
    assert "adam (diverged)" in [text.get_text() for text in ax.get_legend().get_texts()]
    ax.clear()
    practice_plots.fit_curves(ax, {"gd": runs["gd"]}, color="gray")
    assert [line.get_linestyle() for line in ax.lines] == ["-", "--"]
    assert ax.lines[0].get_color() == "gray" and ax.get_yscale() == "log"


def test_gradient_sizes_and_iteration_curves(ax, data):
    network = nn.mlp((64, 8, 8, 10), "sigmoid")
    stats = {scheme: nn.gradient_by_layer(network, nn.init(network, scheme), data.X_train[:200],
                                          data.y_train[:200]) for scheme in ("naive", "he")}
    practice_plots.gradient_sizes(ax, stats)
    assert ax.lines[0].get_ydata().tolist() == [s.mean_abs for s in stats["naive"]]
    assert ax.get_yscale() == "log"
    ax.clear()
    run = history([0.5, 0.6])
    practice_plots.iteration_curves(ax, {"adam": run})
    # the whole-training-set losses sit at the last step of each epoch
    assert ax.lines[1].get_xdata().tolist() == [3, 6]
    assert ax.lines[1].get_ydata().tolist() == run.train_loss.tolist()


def test_line_profile_draws_the_chord_between_the_ends(ax):
    alphas = numpy.linspace(-0.5, 1.5, 9)
    practice_plots.line_profile(ax, alphas, alphas**2)
    chord = ax.lines[1]
    assert chord.get_xdata().tolist() == [0.0, 1.0] and chord.get_ydata().tolist() == [0.0, 1.0]


# ---- panels


def pixels(panel):
    return numpy.asarray(panel.figure.canvas.buffer_rgba()).copy()


def test_momentum_panel_redraws_when_its_first_slider_moves():
    panel = practice_widgets.momentum_panel()
    assert panel.sliders[0] is panel.controls["lr"]
    before = pixels(panel)
    panel.controls["lr"].value = 1e-3
    assert (pixels(panel) != before).any()
    contour_count = len(panel.figure.axes[0].collections)
    panel.controls["mu"].value = 0.5  # the contours are kept, only the paths are redrawn
    assert len(panel.figure.axes[0].collections) == contour_count


def test_training_panel_trains_what_its_controls_say(split):
    panel = practice_widgets.training_panel(split, epochs=2)
    assert panel.sliders[0] is panel.controls["rate"]
    left, right = panel.figure.axes
    assert "gd(lr=0.1)" in [text.get_text() for text in right.get_legend().get_texts()]
    before = pixels(panel)
    panel.controls["method"].value = "adadelta"
    assert "adadelta(eps=0.1)" in [text.get_text() for text in right.get_legend().get_texts()]
    panel.controls["rate"].value = 1e-6
    assert (pixels(panel) != before).any()
    panel.controls["inputs"].value = "raw pixels"
    assert "raw pixels inputs" in left.get_title()
    assert panel.error.value == ""


def test_every_method_of_the_training_panel_builds_from_one_knob():
    for name, make in practice_widgets.METHODS.items():
        optimizer = make(0.01)
        assert optimizer.name == name
        assert 0.01 in optimizer.hyperparams.values()


# ---- quiz answers, computed with the library


def test_vanishing_decades_answer_is_what_the_gradient_plot_shows(data):
    network = nn.mlp((64, 32, 32, 32, 10), "sigmoid")
    stats = nn.gradient_by_layer(network, nn.init(network, "naive"), data.X_train, data.y_train)
    decades = round(math.log10(stats[-1].mean_abs / stats[0].mean_abs))
    assert quiz.fingerprint("number", decades, 1) == QUESTIONS["practice-vanishing-decades"].fingerprint


def test_adadelta_eps_answer_is_the_ratio_of_first_steps():
    g, w = numpy.array([1.0]), numpy.zeros(1)
    first_steps = [abs(opt.update(g, opt.init(w)).delta[0]) for opt in (alr.adadelta(eps=1e-8),
                                                                       alr.adadelta(eps=1e-6))]
    ratio = first_steps[1] / first_steps[0]
    assert quiz.fingerprint("number", ratio, 2) == QUESTIONS["practice-adadelta-eps"].fingerprint


def test_chance_runs_answer_is_what_training_gives(split, data):
    runs = {
        "a": experiments.train_from_scratch(nn.mlp((64, 2, 10)), alr.adam(0.01), data, 10),
        "b": experiments.train_from_scratch(nn.mlp((64, 32, 32, 32, 10)), alr.momentum(0.1), data, 10,
                                            scheme="naive"),
        "c": experiments.train_from_scratch(nn.mlp((64, 32, 10)), alr.gd(1.0), split, 10),
        "d": experiments.train_from_scratch(nn.mlp((64, 32, 10)), alr.gd(0.1), data, 10,
                                            loss="squared_error"),
        "e": experiments.train_from_scratch(nn.mlp((64, 32, 10)), alr.adadelta(), data, 10),
    }
    at_chance = {letter for letter, run in runs.items() if run.val_accuracy[-1] < 0.15}
    assert all(run.val_accuracy[-1] > 0.3 for letter, run in runs.items() if letter not in at_chance)
    assert quiz.fingerprint("set", at_chance) == QUESTIONS["practice-chance-runs"].fingerprint
