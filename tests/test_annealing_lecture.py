"""The annealing lecture: plateau-annealed runs on surfaces, training-curve plots, panels and quiz answers."""

import inspect

import numpy
import pytest
from matplotlib.figure import Figure

import adaptive_lr as alr
from adaptive_lr import quiz
from adaptive_lr.annealing import AnnealedTrajectory, anneal_on_plateau_run, cuts
from adaptive_lr.plotting import annealing as annealing_plots
from adaptive_lr.widgets import annealing as annealing_widgets

QUESTIONS = quiz._collect()
NEVER = alr.reduce_on_plateau(patience=10**9)  # a rule that never cuts


def new_ax():
    return Figure().subplots()


@pytest.fixture(scope="module")
def digits():
    split = alr.data.digits()
    X_train, X_val, X_test = alr.data.standardize(split.X_train, split.X_val, split.X_test)
    return split._replace(X_train=X_train, X_val=X_val, X_test=X_test)


# ---- anneal_on_plateau_run


@pytest.mark.parametrize("optimizer", [alr.gd(1e-3), alr.momentum(1e-3), alr.nesterov(1e-3), alr.adam(0.05)],
                         ids=lambda o: o.name)
def test_without_a_cut_it_is_the_plain_run(optimizer):
    f = alr.functions.rosenbrock
    annealed = anneal_on_plateau_run(f, optimizer, f.start, 60, NEVER, check_every=5)
    plain = alr.run(f, optimizer, f.start, 60)
    assert isinstance(annealed, AnnealedTrajectory) and annealed.status == "finished"
    for field in ("w", "loss", "grad", "rate"):
        assert numpy.allclose(getattr(annealed, field), getattr(plain, field), rtol=1e-12, atol=1e-14), field
    assert numpy.array_equal(annealed.scale, numpy.ones(60))
    assert len(annealed.cuts) == 0


def test_every_cut_multiplies_the_later_steps_by_hand():
    # threshold=10 makes every check after the first a non-improvement; with patience 1 and a check
    # every 2 steps, steps 1-4 use scale 1, steps 5-6 scale 0.1, steps 7-8 scale 0.01
    f = alr.functions.ill_conditioned
    plateau = alr.reduce_on_plateau(factor=0.1, patience=1, threshold=10)
    annealed = anneal_on_plateau_run(f, alr.gd(0.03), f.start, 8, plateau, check_every=2)
    assert annealed.scale == pytest.approx([1, 1, 1, 1, 0.1, 0.1, 0.01, 0.01])
    assert annealed.cuts.tolist() == [5, 7]
    # the same run as gd with the rate cut by hand at those steps
    by_hand = alr.run(f, alr.gd(lambda t: 0.03 * annealed.scale[t - 1]), f.start, 8)
    assert numpy.allclose(annealed.w, by_hand.w, rtol=1e-12)
    assert numpy.allclose(annealed.rate, by_hand.rate)
    assert numpy.allclose(annealed.loss, [f(w) for w in annealed.w])


def test_the_scale_follows_the_plateau_rule_on_the_losses_at_the_checks():
    f = alr.functions.nonsmooth
    plateau = alr.reduce_on_plateau(factor=0.5, patience=2)
    annealed = anneal_on_plateau_run(f, alr.gd(0.13), f.start, 200, plateau, check_every=10)
    state = plateau.init()
    for check in range(1, 20):
        state = plateau.update(float(annealed.loss[10 * check]), state)
        # the scale after check k multiplies steps 10k + 1, ..., 10k + 10
        assert annealed.scale[10 * check : 10 * check + 10] == pytest.approx(state.scale)


def test_cutting_on_plateaus_settles_a_method_that_bounces():
    f = alr.functions.nonsmooth
    fixed = alr.run(f, alr.gd(0.13), f.start, 300)
    annealed = anneal_on_plateau_run(f, alr.gd(0.13), f.start, 300, alr.reduce_on_plateau(0.1, 3), 10)
    assert fixed.loss[-50:].min() > 0.5  # bounces around the kink for ever
    assert annealed.loss[-1] < 1e-5
    assert numpy.all(numpy.diff(annealed.scale) <= 0)


def test_a_run_that_diverges_stops_like_run_does():
    f = alr.functions.ill_conditioned
    with pytest.warns(alr.DivergenceWarning, match=r"gd\(lr=1.0\) annealed on plateau: diverged at step"):
        annealed = anneal_on_plateau_run(f, alr.gd(1.0), f.start, 400, NEVER, check_every=7)
    with pytest.warns(alr.DivergenceWarning):
        plain = alr.run(f, alr.gd(1.0), f.start, 400)
    assert annealed.diverged and annealed.diverged_at == plain.diverged_at
    assert annealed.status == plain.status
    assert numpy.array_equal(annealed.w, plain.w) and numpy.array_equal(annealed.loss, plain.loss)
    assert len(annealed.w) == len(annealed.loss) == len(annealed.grad) + 1 == len(annealed.scale) + 1
    assert numpy.all(numpy.isfinite(annealed.w)) and numpy.all(numpy.isfinite(annealed.loss))


@pytest.mark.parametrize(("change", "error", "message"), [
    ({"optimizer": "gd"}, TypeError, r"optimizer must be an adaptive_lr optimizer .* got 'gd'"),
    ({"plateau": 0.1}, TypeError, r"plateau must be adaptive_lr.reduce_on_plateau\(...\), got 0.1"),
    ({"steps": 0}, ValueError, r"steps must be a positive integer \(>= 1\), got 0"),
    ({"check_every": 2.5}, TypeError, r"check_every must be a positive integer, got 2.5"),
    ({"w0": [1.0, numpy.nan]}, ValueError, r"w0 must contain only finite numbers"),
    ({"f": 3}, TypeError, r"f must be a function of a 1-D array returning a number, got 3"),
])
def test_bad_arguments_name_the_argument_and_the_value(change, error, message):
    arguments = {"f": alr.functions.nonsmooth, "optimizer": alr.gd(0.1), "w0": [1.0, 1.0], "steps": 10,
                 "plateau": alr.reduce_on_plateau()} | change
    with pytest.raises(error, match=message):
        anneal_on_plateau_run(**arguments)


def test_cuts_are_the_first_positions_with_a_smaller_scale():
    assert cuts([1.0, 1.0, 0.1, 0.1, 0.01]).tolist() == [3, 5]
    assert cuts([1.0, 1.0]).tolist() == []
    with pytest.raises(ValueError, match=r"scale must be a 1-D array of scales, got shape \(2, 2\)"):
        cuts(numpy.ones((2, 2)))


# ---- training-curve plots


@pytest.fixture(scope="module")
def histories(digits):
    network = alr.nn.mlp((64, 8, 10))
    w0 = alr.nn.init(network, seed=0)
    # threshold=10: every check after the first fails to improve, so the scale falls 1, 1, 0.1, 0.01
    plateau = alr.reduce_on_plateau(factor=0.1, patience=1, threshold=10)
    return {"fixed rate": alr.nn.train(network, w0, alr.gd(0.1), digits, epochs=4),
            "cut on plateau": alr.nn.train(network, w0, alr.gd(0.1), digits, epochs=4, plateau=plateau)}


def test_epoch_losses_draws_both_losses_and_a_line_at_each_cut(histories):
    ax = annealing_plots.epoch_losses(new_ax(), histories)
    by_label = {line.get_label(): line for line in ax.lines}
    annealed = histories["cut on plateau"]
    assert numpy.allclose(by_label["cut on plateau: validation"].get_ydata(), annealed.val_loss)
    assert numpy.allclose(by_label["cut on plateau: training"].get_ydata(), annealed.train_loss)
    assert numpy.allclose(by_label["fixed rate: validation"].get_xdata(), [1, 2, 3, 4])
    # the scale is 0.1 from epoch 3 and 0.01 from epoch 4: cuts decided by the checks after epochs 2 and 3
    cut_positions = sorted(line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == ":")
    assert cut_positions == [2, 3]
    assert ax.get_yscale() == "log"


def test_epoch_rates_draws_the_rate_in_force_during_each_epoch(histories):
    ax = annealing_plots.epoch_rates(new_ax(), histories, lr=0.1)
    assert numpy.allclose(ax.lines[1].get_ydata(), [0.1, 0.1, 0.01, 0.001])
    with pytest.raises(ValueError, match=r"lr must be a finite number > 0, got -1"):
        annealing_plots.epoch_rates(new_ax(), histories, lr=-1)


def test_epoch_accuracy_and_a_type_check(histories):
    ax = annealing_plots.epoch_accuracy(new_ax(), histories)
    assert numpy.allclose(ax.lines[0].get_ydata(), histories["fixed rate"].val_accuracy)
    with pytest.raises(TypeError, match=r"histories must be a dict \{name: History\}"):
        annealing_plots.epoch_losses(new_ax(), list(histories.values()))


def test_step_cuts_marks_only_annealed_trajectories():
    f = alr.functions.ill_conditioned
    plateau = alr.reduce_on_plateau(factor=0.1, patience=1, threshold=10)
    paths = {"fixed rate": alr.run(f, alr.gd(0.03), f.start, 8),
             "cut on plateau": anneal_on_plateau_run(f, alr.gd(0.03), f.start, 8, plateau, check_every=2)}
    ax = annealing_plots.step_cuts(new_ax(), paths)
    # the steps with a new scale are 5 and 7; the decisions were taken at iterates 4 and 6
    assert sorted(line.get_xdata()[0] for line in ax.lines) == [4, 6]


# ---- panels


def test_training_panel_retrains_when_patience_moves(digits):
    panel = annealing_widgets.training_panel(digits, sizes=(64, 8, 10), epochs=3, patience=1)
    annealed_line = next(line for line in panel.figure.axes[0].lines
                         if line.get_label() == "cut on plateau: validation")
    before = annealed_line.get_ydata().copy()
    fixed_before = panel.figure.axes[0].lines[0].get_ydata().copy()
    panel.controls["patience"].value = 10
    lines = {line.get_label(): line for line in panel.figure.axes[0].lines}
    # with patience 10 nothing is cut in 3 epochs, so both runs are the fixed-rate run
    assert numpy.allclose(lines["cut on plateau: validation"].get_ydata(), fixed_before)
    assert numpy.allclose(lines["fixed rate: validation"].get_ydata(), fixed_before)
    assert before.shape == (3,)


def test_training_panel_refuses_data_that_is_not_a_split(digits):
    with pytest.raises(TypeError, match=r"data must be a Split such as .*digits\(\), got tuple"):
        annealing_widgets.training_panel((digits.X_train, digits.y_train))


def test_oscillation_panel_redraws_both_runs():
    panel = annealing_widgets.oscillation_panel(lr=0.13, steps=100)
    panel.controls["lr"].value = 0.01
    left = panel.figure.axes[0]
    f = alr.functions.nonsmooth
    assert numpy.allclose(left.lines[0].get_xydata(), alr.run(f, alr.gd(0.01), f.start, 100).w)
    panel.controls["surface"].value = alr.functions.ill_conditioned
    panel.controls["lr"].value = 1.0  # diverges: drawn without an overflow on the log axis
    assert panel.figure.axes[1].get_ylim()[1] <= 1e30


# ---- the quiz answers, computed


def test_rate_after_the_nine_checks():
    rule = alr.reduce_on_plateau(factor=0.1, patience=2)
    state = rule.init()
    for loss in [0.90, 0.70, 0.71, 0.69, 0.69, 0.70, 0.68, 0.68, 0.68]:
        state = rule.update(loss, state)
    rate = 0.1 * state.scale
    assert quiz.fingerprint("number", rate) == QUESTIONS["annealing-rate-after-checks"].fingerprint


def test_first_cut_is_where_the_panel_draws_it(digits):
    panel = annealing_widgets.training_panel(digits, patience=5)
    defaults = inspect.signature(annealing_widgets.training_panel).parameters
    assert panel.values == {"patience": 5, "factor": defaults["factor"].default, "lr": defaults["lr"].default}
    cut_lines = [line for line in panel.figure.axes[0].lines if line.get_linestyle() == ":"]
    first = min(line.get_xdata()[0] for line in cut_lines)
    assert quiz.fingerprint("number", first) == QUESTIONS["annealing-first-cut"].fingerprint


def test_settled_runs_are_the_two_that_cut_the_rate():
    f, lr = alr.functions.nonsmooth, 0.13
    runs = {
        "a": alr.run(f, alr.gd(lr), f.start, 300),
        "b": alr.run(f, alr.gd(alr.schedules.inverse_time(lr)), f.start, 300),
        "c": alr.run(f, alr.gd(alr.schedules.step_decay(lr, 0.1, every=100)), f.start, 300),
        "d": anneal_on_plateau_run(f, alr.gd(lr), f.start, 300, alr.reduce_on_plateau(0.1, 3),
                                   check_every=10),
    }
    settled = {letter for letter, path in runs.items() if path.loss[-1] - f.minimum < 0.05}
    assert quiz.fingerprint("set", settled) == QUESTIONS["annealing-settled"].fingerprint
