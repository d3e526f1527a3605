"""The runner: what a Trajectory records, and that the fast and plain paths agree."""

import autograd.numpy as anp
import numpy
import pytest

import adaptive_lr as alr
from adaptive_lr import derivatives

f = alr.functions.ill_conditioned


def test_trajectory_shapes_and_contents():
    path = alr.run(f, alr.adagrad(0.5), f.start, 50)
    assert path.status == "finished" and path.diverged_at is None and path.steps == 50
    assert path.w.shape == (51, 2) and path.loss.shape == (51,)
    assert path.grad.shape == (50, 2) and path.rate.shape == (50, 2)
    numpy.testing.assert_allclose(path.loss, [f(w) for w in path.w])
    numpy.testing.assert_allclose(path.grad, [alr.grad(f)(w) for w in path.w[:-1]])
    # AdaGrad's update is exactly -rate * g, coordinate by coordinate
    numpy.testing.assert_allclose(numpy.diff(path.w, axis=0), -path.rate * path.grad)


def test_adagrad_rates_only_decay_and_favour_the_flat_coordinate():
    path = alr.run(f, alr.adagrad(0.5), f.start, 100)
    assert numpy.all(numpy.diff(path.rate, axis=0) <= 0)
    # the steep coordinate (curvature 25) gets the smaller rate
    assert numpy.all(path.rate[:, 1] < path.rate[:, 0])


def test_start_point_is_not_modified():
    w0 = numpy.array([1.0, -2.0])
    alr.run(f, alr.momentum(0.01), w0, 20)
    numpy.testing.assert_array_equal(w0, [1.0, -2.0])


def test_an_optimizer_can_be_reused_across_runs():
    adam = alr.adam(0.1)
    first = alr.run(f, adam, f.start, 30)
    second = alr.run(f, adam, f.start, 30)
    numpy.testing.assert_array_equal(first.w, second.w)


def test_compare_returns_one_trajectory_per_name_in_order():
    paths = alr.compare(f, {"b": alr.gd(0.01), "a": alr.adam(0.1), "c": alr.newton()}, f.start, 5)
    assert list(paths) == ["b", "a", "c"]
    assert all(isinstance(p, alr.Trajectory) for p in paths.values())


def test_library_functions_vectorise_and_a_mixing_function_does_not():
    for fn in alr.functions.ALL:
        assert derivatives.vectorizes(fn, fn.start, 3), fn.name

    def mixes(w):
        return anp.sum(w**2)  # sums every entry: wrong for a batch of columns

    def norm(w):
        return anp.linalg.norm(w)

    def first_rows(w):
        return w[0] ** 2 + anp.max(w)  # has the right shape for a batch, but mixes columns

    assert not derivatives.vectorizes(mixes, numpy.ones(2), 3)
    assert not derivatives.vectorizes(norm, numpy.ones(3), 3)
    assert not derivatives.vectorizes(first_rows, numpy.ones(2), 3)


def test_a_function_that_does_not_vectorise_gives_the_same_runs():
    def bowl(w):
        return 0.5 * anp.dot(w, anp.dot(numpy.diag([1.0, 25.0]), w))

    optimizers = {"gd": alr.gd(0.03), "nesterov": alr.nesterov(0.01), "adam": alr.adam(0.1)}
    plain = alr.compare(bowl, optimizers, f.start, 40)
    batched = alr.compare(f, optimizers, f.start, 40)
    for name in optimizers:
        numpy.testing.assert_allclose(plain[name].w, batched[name].w, rtol=1e-12, atol=1e-14)


def test_newton_runs_through_the_same_loop():
    path = alr.run(alr.functions.rosenbrock, alr.newton(), alr.functions.rosenbrock.start, 8)
    assert path.status == "finished"
    numpy.testing.assert_allclose(path.w[-1], [1.0, 1.0])
    assert path.rate.shape == (8, 2)


def test_labels_name_the_settings():
    assert alr.adam(0.01).label() == "adam(lr=0.01, rho1=0.9, rho2=0.999, eps=1e-08)"
    assert alr.gd(alr.schedules.inverse_time(0.1)).label() == "gd(lr=schedule)"


@pytest.mark.parametrize("fn", alr.functions.ALL, ids=lambda fn: fn.name)
def test_test_functions_know_their_minimisers(fn):
    assert fn(fn.start) > fn.minimum
    for w in fn.minimizers:
        assert fn(w) == pytest.approx(fn.minimum, abs=1e-12)
        if fn.name != "nonsmooth":  # no gradient at the kink
            numpy.testing.assert_allclose(alr.grad(fn)(w), 0.0, atol=1e-9)
    (x0, x1), (y0, y1) = fn.window
    for x, y in [fn.start, *fn.minimizers]:
        assert x0 < x < x1 and y0 < y < y1, "window must show the start and the minima"


def test_quadratic_places_the_minimiser_in_the_middle():
    q = alr.functions.quadratic([[2.0, 0.5], [0.5, 1.0]], [1.0, 1.0])
    expected = numpy.linalg.solve([[2.0, 0.5], [0.5, 1.0]], [1.0, 1.0])
    numpy.testing.assert_allclose(q.minimizer, expected)
    numpy.testing.assert_allclose([sum(q.window[0]) / 2, sum(q.window[1]) / 2], expected)
    assert q.minimum == pytest.approx(q(expected))


def test_an_indefinite_quadratic_has_no_minimiser():
    q = alr.functions.quadratic(numpy.diag([1.0, -1.0]))
    assert q.minimizer is None and q.minimum is None


def test_rescaled_surface_is_the_same_surface_in_new_units():
    f = alr.functions.rosenbrock
    g = alr.functions.rescaled(f, [10.0, 0.5])
    numpy.testing.assert_allclose(g(f.start / [10.0, 0.5]), f(f.start))
    numpy.testing.assert_allclose(g.minimizer, [0.1, 2.0])
    assert g.window == ((-0.2, 0.2), (-2.0, 6.0))
    assert derivatives.vectorizes(g, g.start, 3)
    with pytest.raises(ValueError, match=r"factors must be 2 finite numbers > 0.*got \[1.0, -1.0\]"):
        alr.functions.rescaled(f, [1.0, -1.0])


def test_adam_without_bias_correction_takes_tiny_first_steps():
    g = numpy.array([2.0, -0.5])
    plain = alr.adam(lr=0.1, eps=0.0, bias_correction=False)
    step = plain.update(g, plain.init(numpy.zeros(2))).delta
    # m = 0.1 g and v = 0.001 g^2, so the step is 0.1 * 0.1 g / (sqrt(0.001) |g|) = 0.316 * 0.1 sign(g)
    numpy.testing.assert_allclose(step, -0.1 * 0.1 / numpy.sqrt(0.001) * numpy.sign(g))
    assert plain.label().endswith("bias_correction=False)")
