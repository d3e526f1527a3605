"""Hessians and Hessian diagonals from autograd, checked against each other."""

import autograd.numpy as anp
import numpy
import pytest
from autograd import elementwise_grad
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import adaptive_lr as alr

coefficients = st.floats(-2, 2, allow_nan=False)


@st.composite
def smooth_functions(draw):
    """A random smooth function of w with coupled coordinates, and a point."""
    d = draw(st.integers(2, 5))
    B = draw(arrays(float, (d, d), elements=coefficients))
    a = draw(arrays(float, d, elements=coefficients))
    c = draw(arrays(float, d, elements=st.floats(-0.5, 0.5)))
    w = draw(arrays(float, d, elements=st.floats(-1.5, 1.5)))

    def f(v):
        return anp.sum(a * anp.sin(v)) + 0.1 * anp.dot(v, anp.dot(B, v)) ** 2 + anp.exp(anp.dot(c, v))

    return f, w


@given(smooth_functions())
def test_exact_hessian_diag_is_the_diagonal_of_the_hessian(problem):
    f, w = problem
    H = alr.hessian(f)(w)
    numpy.testing.assert_allclose(alr.hessian_diag(f, w), numpy.diag(H), rtol=1e-9, atol=1e-9)


def test_exact_hessian_diag_is_not_the_row_sums():
    """Stacking elementwise_grad twice gives H @ 1, which is wrong when H has off-diagonals."""
    def f(v):
        return v[0] ** 2 * v[1] + anp.sin(v[0] * v[1])

    w = numpy.array([0.7, -1.3])
    H = alr.hessian(f)(w)
    row_sums = elementwise_grad(elementwise_grad(f))(w)
    numpy.testing.assert_allclose(row_sums, H @ numpy.ones(2))  # the trap is real here
    assert not numpy.allclose(row_sums, numpy.diag(H))
    numpy.testing.assert_allclose(alr.hessian_diag(f, w), numpy.diag(H), rtol=1e-12)


def test_hutchinson_mean_converges_to_the_exact_diagonal():
    f = alr.functions.rosenbrock
    w = numpy.array([-0.5, 1.2])
    H = alr.hessian(f)(w)
    exact = numpy.diag(H)
    off_diagonal = numpy.sqrt(numpy.sum(H**2, axis=1) - exact**2)  # std of one probe
    errors = []
    for samples in (16, 256, 4096):
        estimate = alr.hessian_diag(f, w, method="hutchinson", samples=samples, seed=1)
        error = numpy.abs(estimate - exact)
        # within 4 standard errors of the mean, coordinate by coordinate
        assert numpy.all(error <= 4 * off_diagonal / numpy.sqrt(samples) + 1e-12)
        errors.append(error.max())
    assert errors[-1] < errors[0]


def test_hutchinson_is_reproducible_with_a_seed_and_random_without():
    f = alr.functions.rotated
    w = f.start
    one = alr.hessian_diag(f, w, method="hutchinson", samples=3, seed=7)
    numpy.testing.assert_array_equal(one, alr.hessian_diag(f, w, method="hutchinson", samples=3,
                                                           seed=7))
    draws = {tuple(alr.hessian_diag(f, w, method="hutchinson")) for _ in range(40)}
    assert len(draws) > 1


def test_hessian_diag_rejects_unknown_method():
    with pytest.raises(ValueError, match=r"method must be one of .*'exact'.*got 'diag'"):
        alr.hessian_diag(alr.functions.beale, [1.0, 1.0], method="diag")


@pytest.mark.parametrize("samples", [0, -2, 1.5])
def test_hessian_diag_rejects_bad_sample_counts(samples):
    with pytest.raises((ValueError, TypeError), match=rf"samples must be a positive integer.*{samples}"):
        alr.hessian_diag(alr.functions.beale, [1.0, 1.0], method="hutchinson", samples=samples)


def test_grad_and_hessian_are_autograd_s():
    f = alr.functions.quadratic([[3.0, 1.0], [1.0, 2.0]], [1.0, -1.0])
    w = numpy.array([0.5, 2.0])
    numpy.testing.assert_allclose(alr.grad(f)(w), [3 * 0.5 + 2.0 - 1.0, 0.5 + 4.0 + 1.0])
    numpy.testing.assert_allclose(alr.hessian(f)(w), [[3.0, 1.0], [1.0, 2.0]])
