"""Bad input gets a clear error; a diverging run is stopped, kept and flagged."""

import math

import autograd.numpy as anp
import numpy
import pytest

import adaptive_lr as alr

f = alr.functions.ill_conditioned
LR_TAKERS = {
    "gd": alr.gd, "momentum": alr.momentum, "nesterov": alr.nesterov, "adagrad": alr.adagrad,
    "rmsprop": alr.rmsprop, "adam": alr.adam,
}


@pytest.mark.parametrize("name", LR_TAKERS)
@pytest.mark.parametrize("lr", [0, -0.1, math.inf, math.nan])
def test_learning_rate_must_be_positive_and_finite(name, lr):
    with pytest.raises(ValueError, match=rf"lr must be a finite number > 0, got {lr!r}"):
        LR_TAKERS[name](lr)


@pytest.mark.parametrize("name", LR_TAKERS)
@pytest.mark.parametrize("lr", ["0.1", None, True, [0.1]])
def test_learning_rate_must_be_a_number_or_schedule(name, lr):
    with pytest.raises(TypeError,
                       match=r"lr must be a number > 0, a 1-D array of them or a schedule t -> rate, got"):
        LR_TAKERS[name](lr)


@pytest.mark.parametrize("name", LR_TAKERS)
@pytest.mark.parametrize("lr", [numpy.array([0.1, 0.0]), numpy.array([0.1, numpy.nan]), numpy.array([]),
                                numpy.array([[0.1, 0.2]]), numpy.array(0.1)])
def test_an_array_of_learning_rates_must_be_1d_positive_and_finite(name, lr):
    with pytest.raises(ValueError, match=r"lr must be a finite number > 0, or a 1-D array of such numbers "
                                         r"\(one per column\), got array"):
        LR_TAKERS[name](lr)


def test_an_array_of_learning_rates_must_hold_numbers():
    with pytest.raises(TypeError, match=r"lr must be a real number > 0 or an array of them, got array"):
        alr.gd(numpy.array(["a", "b"]))


@pytest.mark.parametrize("make", [
    lambda e: alr.adagrad(0.1, eps=e), lambda e: alr.rmsprop(0.1, eps=e), lambda e: alr.adam(eps=e),
])
def test_an_array_of_eps_must_not_be_negative(make):
    with pytest.raises(ValueError, match=r"eps must be a finite number >= 0, or a 1-D array"):
        make(numpy.array([1e-8, -1e-8]))


def test_an_array_of_adadelta_eps_must_be_positive():
    with pytest.raises(ValueError, match=r"eps must be a finite number > 0, or a 1-D array"):
        alr.adadelta(eps=numpy.array([1e-6, 0.0]))


@pytest.mark.parametrize(("make", "argument"), [
    (lambda v: alr.momentum(0.1, mu=v), "mu"),
    (lambda v: alr.nesterov(0.1, mu=v), "mu"),
    (lambda v: alr.rmsprop(0.1, rho=v), "rho"),
    (lambda v: alr.adadelta(rho=v), "rho"),
    (lambda v: alr.adam(rho1=v), "rho1"),
    (lambda v: alr.adam(rho2=v), "rho2"),
])
@pytest.mark.parametrize("value", [1.0, -0.1, 1.5, math.nan])
def test_decay_rates_must_lie_in_the_unit_interval(make, argument, value):
    with pytest.raises(ValueError, match=rf"{argument} must be in \[0, 1\), got {value!r}"):
        make(value)


@pytest.mark.parametrize("make", [
    lambda e: alr.adagrad(0.1, eps=e), lambda e: alr.rmsprop(0.1, eps=e),
    lambda e: alr.adam(eps=e), lambda e: alr.newton(eps=e), lambda e: alr.diagonal_newton(eps=e),
])
@pytest.mark.parametrize("eps", [-1e-8, -1.0, math.inf])
def test_eps_must_not_be_negative(make, eps):
    with pytest.raises(ValueError, match=rf"eps must be a finite number >= 0, got {eps!r}"):
        make(eps)


def test_adadelta_needs_a_positive_eps_to_move():
    with pytest.raises(ValueError, match=r"eps must be a finite number > 0, got 0"):
        alr.adadelta(eps=0)


@pytest.mark.parametrize("bad", [0.0, -0.5, math.nan])
def test_a_schedule_that_returns_a_bad_rate_is_caught_at_that_step(bad):
    def schedule(t):
        return 0.1 if t < 3 else bad

    with pytest.raises(ValueError, match=rf"lr schedule returned {bad!r} at step t=3; "
                                         r"a learning rate must be a finite number > 0"):
        alr.run(f, alr.gd(schedule), f.start, 10)


@pytest.mark.parametrize(("w0", "error", "message"), [
    ([[1.0, 2.0]], ValueError, r"w0 must be a non-empty 1-D array, got shape \(1, 2\)"),
    ([], ValueError, r"w0 must be a non-empty 1-D array, got shape \(0,\)"),
    (3.0, ValueError, r"w0 must be a non-empty 1-D array, got shape \(\)"),
    ([1.0, math.nan], ValueError, r"w0 must contain only finite numbers, got \[1.0, nan\]"),
    ([math.inf, 0.0], ValueError, r"w0 must contain only finite numbers, got \[inf, 0.0\]"),
    (["a", "b"], TypeError, r"w0 must be a finite 1-D array of numbers, got \['a', 'b'\]"),
    (None, ValueError, r"w0 must be a non-empty 1-D array, got shape \(\): None"),
    ({"x": 1}, TypeError, r"w0 must be a finite 1-D array of numbers, got \{'x': 1\}"),
])
def test_start_point_must_be_a_finite_1d_array(w0, error, message):
    with pytest.raises(error, match=message):
        alr.run(f, alr.gd(0.1), w0, 10)


@pytest.mark.parametrize(("steps", "error"), [
    (0, ValueError), (-3, ValueError), (2.5, TypeError), ("10", TypeError), (True, TypeError),
    (None, TypeError),
])
def test_steps_must_be_a_positive_integer(steps, error):
    with pytest.raises(error, match=rf"steps must be a positive integer.*got {steps!r}"):
        alr.run(f, alr.gd(0.1), f.start, steps)


def test_steps_accepts_numpy_integers():
    assert alr.run(f, alr.gd(0.1), f.start, numpy.int64(3)).steps == 3


@pytest.mark.parametrize(("bad_f", "error", "message"), [
    (lambda w: anp.log(w[0] - 5.0), ValueError, r"f must be finite at the start point, but "
                                                 r"f\(w0=array\(\[1\., 2\.\]\)\) = .*nan"),
    (lambda w: 1.0 / (w[0] - 1.0), ValueError, r"f must be finite at the start point.*inf"),
    (lambda w: w * 2.0, TypeError, r"f must return a single real number, but at "
                                   r"w0=array\(\[1\., 2\.\]\) it returned array"),
    (lambda w: w[5], ValueError, r"f could not be evaluated at w0=array\(\[1\., 2\.\]\): "
                                 r"IndexError"),
    (lambda w: "high", TypeError, r"f must return a single real number.*'high'"),
])
def test_f_must_return_a_finite_scalar_at_the_start(bad_f, error, message):
    with numpy.errstate(all="ignore"), pytest.raises(error, match=message):
        alr.run(bad_f, alr.gd(0.1), [1.0, 2.0], 5)


def test_f_must_be_callable():
    with pytest.raises(TypeError, match=r"f must be a function of a 1-D array.*got 3"):
        alr.run(3, alr.gd(0.1), [1.0, 2.0], 5)


def test_optimizer_must_be_one_of_ours():
    with pytest.raises(TypeError, match=r"optimizer must be an adaptive_lr optimizer.*got 'adam'"):
        alr.run(f, "adam", f.start, 5)
    with pytest.raises(TypeError, match=r"optimizers\['a'\] must be an adaptive_lr optimizer"):
        alr.compare(f, {"a": 0.1}, f.start, 5)
    with pytest.raises(TypeError, match=r"optimizers must be a non-empty dict"):
        alr.compare(f, {}, f.start, 5)
    with pytest.raises(TypeError, match=r"optimizers must be a non-empty dict"):
        alr.compare(f, [alr.gd(0.1)], f.start, 5)


def test_schedule_arguments_are_checked():
    with pytest.raises(ValueError, match=r"lr0 must be a finite number > 0, got -1"):
        alr.schedules.inverse_time(-1)
    with pytest.raises(ValueError, match=r"factor must be a number in \(0, 1\], got 2"):
        alr.schedules.step_decay(0.1, 2, 10)
    with pytest.raises(ValueError, match=r"every must be a positive integer \(>= 1\), got 0"):
        alr.schedules.step_decay(0.1, 0.5, 0)


def test_plateau_arguments_are_checked():
    with pytest.raises(ValueError, match=r"factor must be a number in \(0, 1\), got 1"):
        alr.reduce_on_plateau(factor=1)
    with pytest.raises(ValueError, match=r"patience must be a positive integer \(>= 1\), got 0"):
        alr.reduce_on_plateau(patience=0)
    with pytest.raises(ValueError, match=r"threshold must be a finite number >= 0, got -0.1"):
        alr.reduce_on_plateau(threshold=-0.1)
    plateau = alr.reduce_on_plateau()
    with pytest.raises(ValueError, match=r"loss must be a finite number, got nan"):
        plateau.update(math.nan, plateau.init())


def test_quadratic_checks_its_matrix():
    with pytest.raises(ValueError, match=r"A must be symmetric, got \[\[1.0, 2.0\], \[0.0, 1.0\]\]"):
        alr.functions.quadratic([[1.0, 2.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match=r"b must have shape \(2,\) to match A, got shape \(3,\)"):
        alr.functions.quadratic(numpy.eye(2), [1.0, 2.0, 3.0])


# --- divergence -------------------------------------------------------------------------------

def test_a_diverging_run_stops_at_the_first_bad_step_and_keeps_the_finite_rows():
    # gd with lr = 1 on f = 1/2 (x^2 + 25 y^2) multiplies y by (1 - 25) = -24 every step,
    # so from y = 1.5 the loss 12.5 y^2 first overflows at t = 112, where 1.5 * 24^t > 2.8e153.
    with pytest.warns(alr.DivergenceWarning, match=r"gd: diverged at step (\d+)"):
        path = alr.run(f, alr.gd(1.0), f.start, 1000)
    t = path.diverged_at
    assert path.diverged and t == 112
    assert path.status.startswith(f"diverged at step {t}: ")
    assert path.w.shape == (t, 2) and path.loss.shape == (t,)
    assert path.grad.shape == (t - 1, 2) and path.rate.shape == (t - 1, 2)
    for array in (path.w, path.loss, path.grad, path.rate):
        assert numpy.all(numpy.isfinite(array))
    # the kept rows are exactly the run's: y_t = 1.5 (-24)^t
    numpy.testing.assert_allclose(path.w[:, 1], 1.5 * (-24.0) ** numpy.arange(t))


def test_divergence_of_one_optimizer_does_not_stop_the_others():
    with pytest.warns(alr.DivergenceWarning) as caught:
        paths = alr.compare(f, {"calm": alr.gd(0.03), "wild": alr.gd(1.0)}, f.start, 400)
    assert [str(w.message).split(":")[0] for w in caught] == ["wild"]
    assert paths["calm"].status == "finished" and paths["calm"].w.shape == (401, 2)
    assert paths["wild"].diverged


def test_a_non_finite_gradient_stops_the_run():
    def cone(w):
        return anp.sqrt(w[0] ** 2 + w[1] ** 2)  # gradient is nan at the tip

    with pytest.warns(alr.DivergenceWarning, match=r"diverged at step 2: the gradient is not finite"):
        path = alr.run(cone, alr.gd(0.5), [0.5, 0.0], 10)  # lands exactly on the tip
    assert path.w.shape == (2, 2)
    assert numpy.all(numpy.isfinite(path.w))


def test_a_singular_newton_system_stops_the_run():
    flat = alr.functions.quadratic(numpy.zeros((2, 2)), [1.0, 0.0])
    with pytest.warns(alr.DivergenceWarning, match=r"stopped at step 1: the Hessian"):
        path = alr.run(flat, alr.newton(eps=0.0), [0.0, 0.0], 3)
    assert path.w.shape == (1, 2) and path.steps == 0


def test_divergence_expected_silences_the_warning_but_not_the_status():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with alr.divergence_expected():
            path = alr.run(f, alr.gd(1.0), f.start, 1000)
    assert path.diverged and path.status.startswith("diverged at step 112")
    with pytest.warns(alr.DivergenceWarning):
        alr.run(f, alr.gd(1.0), f.start, 1000)
