"""The first two steps of every optimizer, worked out by hand.

The surface is f(w) = 1/2 (w_1^2 + 4 w_2^2) from w = (1, 1), whose gradient
is (w_1, 4 w_2): every number below can be checked with pencil and paper.
"""

from math import sqrt

import numpy
import pytest

import adaptive_lr as alr

bowl = alr.functions.quadratic(numpy.diag([1.0, 4.0]))
START = numpy.array([1.0, 1.0])


def two_steps(optimizer, f=bowl, w0=START):
    path = alr.run(f, optimizer, w0, 2)
    assert path.status == "finished"
    return path


def test_gd():
    path = two_steps(alr.gd(0.1))
    # g = (1, 4): w1 = (1 - 0.1, 1 - 0.4); g = (0.9, 2.4): w2 = (0.9 - 0.09, 0.6 - 0.24)
    numpy.testing.assert_allclose(path.w, [[1, 1], [0.9, 0.6], [0.81, 0.36]])
    numpy.testing.assert_allclose(path.grad, [[1, 4], [0.9, 2.4]])
    numpy.testing.assert_allclose(path.rate, [[0.1, 0.1], [0.1, 0.1]])
    numpy.testing.assert_allclose(path.loss, [0.5 * (1 + 4), 0.5 * (0.81 + 4 * 0.36),
                                              0.5 * (0.6561 + 4 * 0.1296)])


def test_gd_with_schedule_uses_t_from_one():
    path = two_steps(alr.gd(alr.schedules.inverse_time(0.2)))
    # step 1 uses 0.2 / 1, step 2 uses 0.2 / 2
    numpy.testing.assert_allclose(path.w, [[1, 1], [0.8, 0.2], [0.8 - 0.08, 0.2 - 0.08]])
    numpy.testing.assert_allclose(path.rate, [[0.2, 0.2], [0.1, 0.1]])


def test_momentum():
    path = two_steps(alr.momentum(0.1, mu=0.5))
    # v1 = -0.1 (1, 4) = (-0.1, -0.4); w1 = (0.9, 0.6)
    # v2 = 0.5 v1 - 0.1 (0.9, 2.4) = (-0.14, -0.44); w2 = (0.76, 0.16)
    numpy.testing.assert_allclose(path.w, [[1, 1], [0.9, 0.6], [0.76, 0.16]])


def test_nesterov_takes_gradient_at_lookahead():
    path = two_steps(alr.nesterov(0.1, mu=0.5))
    # step 1 as momentum (v0 = 0): w1 = (0.9, 0.6), v1 = (-0.1, -0.4)
    # look-ahead w1 + 0.5 v1 = (0.85, 0.4), gradient there (0.85, 1.6)
    # v2 = (-0.05 - 0.085, -0.2 - 0.16) = (-0.135, -0.36); w2 = (0.765, 0.24)
    numpy.testing.assert_allclose(path.w, [[1, 1], [0.9, 0.6], [0.765, 0.24]])
    numpy.testing.assert_allclose(path.grad, [[1, 4], [0.85, 1.6]])


def test_adagrad():
    path = two_steps(alr.adagrad(0.1, eps=0.0))
    # v1 = (1, 16); w1 = (1 - 0.1 * 1 / 1, 1 - 0.1 * 4 / 4) = (0.9, 0.9)
    # g2 = (0.9, 3.6); v2 = (1.81, 28.96)
    w2 = [0.9 - 0.1 * 0.9 / sqrt(1.81), 0.9 - 0.1 * 3.6 / sqrt(28.96)]
    numpy.testing.assert_allclose(path.w, [[1, 1], [0.9, 0.9], w2])
    numpy.testing.assert_allclose(path.rate, [[0.1, 0.1 / 4], [0.1 / sqrt(1.81), 0.1 / sqrt(28.96)]])


def test_adagrad_eps_sits_inside_the_square_root():
    path = two_steps(alr.adagrad(0.1, eps=0.25))
    # v1 = (1, 16); rate = 0.1 / sqrt(v1 + 0.25)
    numpy.testing.assert_allclose(path.rate[0], [0.1 / sqrt(1.25), 0.1 / sqrt(16.25)])
    numpy.testing.assert_allclose(path.w[1], [1 - 0.1 / sqrt(1.25), 1 - 0.4 / sqrt(16.25)])


def test_rmsprop():
    path = two_steps(alr.rmsprop(0.1, rho=0.5, eps=0.0))
    # v1 = 0.5 (1, 16) = (0.5, 8); w1 = (1 - 0.1 / sqrt(0.5), 1 - 0.4 / sqrt(8))
    a, b = 1 - 0.1 / sqrt(0.5), 1 - 0.4 / sqrt(8)
    # g2 = (a, 4b); v2 = 0.5 v1 + 0.5 g2^2
    v2 = [0.25 + 0.5 * a * a, 4 + 0.5 * 16 * b * b]
    w2 = [a - 0.1 * a / sqrt(v2[0]), b - 0.1 * 4 * b / sqrt(v2[1])]
    numpy.testing.assert_allclose(path.w, [[1, 1], [a, b], w2])


def test_adadelta_uses_previous_s_and_current_v():
    eps = 0.01
    path = two_steps(alr.adadelta(rho=0.5, eps=eps))
    # v1 = (0.5, 8); s1 = 0, so the rate is sqrt(0 + eps) / sqrt(v1 + eps)
    d1 = [-0.1 / sqrt(0.51) * 1, -0.1 / sqrt(8.01) * 4]
    a, b = 1 + d1[0], 1 + d1[1]
    # s2 = 0.5 * 0 + 0.5 d1^2; g2 = (a, 4b); v2 = 0.5 v1 + 0.5 g2^2
    s2 = [0.5 * d1[0] ** 2, 0.5 * d1[1] ** 2]
    v2 = [0.25 + 0.5 * a * a, 4 + 8 * b * b]
    rate2 = [sqrt(s2[0] + eps) / sqrt(v2[0] + eps), sqrt(s2[1] + eps) / sqrt(v2[1] + eps)]
    numpy.testing.assert_allclose(path.w, [[1, 1], [a, b], [a - rate2[0] * a, b - rate2[1] * 4 * b]])
    numpy.testing.assert_allclose(path.rate[1], rate2)


def test_adam_with_corrected_second_moment():
    path = two_steps(alr.adam(lr=0.1, rho1=0.5, rho2=0.75, eps=0.0))
    # step 1: mhat = g, vhat = g^2, so w1 = w0 - 0.1 sign(g) = (0.9, 0.9)
    # step 2: g2 = (0.9, 3.6)
    #   m2 = 0.5 * 0.5 (1, 4) + 0.5 (0.9, 3.6) = (0.7, 2.8)
    #   v2 = 0.75 * 0.25 (1, 16) + 0.25 (0.81, 12.96) = (0.39, 6.24)
    #   mhat2 = m2 / (1 - 0.25), vhat2 = v2 / (1 - 0.5625)
    mhat = [0.7 / 0.75, 2.8 / 0.75]
    vhat = [0.39 / 0.4375, 6.24 / 0.4375]
    w2 = [0.9 - 0.1 * mhat[0] / sqrt(vhat[0]), 0.9 - 0.1 * mhat[1] / sqrt(vhat[1])]
    numpy.testing.assert_allclose(path.w, [[1, 1], [0.9, 0.9], w2])
    # The slide's misprint (rho2 m^(t-1) in v) would give v2 = 0.75 (0.5, 2) + 0.25 g2^2.
    wrong_vhat = [(0.375 + 0.2025) / 0.4375, (1.5 + 3.24) / 0.4375]
    assert not numpy.allclose(path.w[2], [0.9 - 0.1 * mhat[0] / sqrt(wrong_vhat[0]),
                                          0.9 - 0.1 * mhat[1] / sqrt(wrong_vhat[1])])


quartic = alr.functions.TestFunction(
    "quartic", lambda w: w[0] ** 4 + w[1] ** 2, None, START, numpy.zeros((1, 2)), 0.0, "x^4 + y^2"
)


def test_newton_on_a_quartic():
    path = two_steps(alr.newton(), f=quartic)
    # g = (4, 2), H = diag(12, 2): w1 = (1 - 4/12, 1 - 2/2) = (2/3, 0)
    # g = (32/27, 0), H = diag(16/3, 2): w2 = (2/3 - 2/9, 0) = (4/9, 0)
    numpy.testing.assert_allclose(path.w, [[1, 1], [2 / 3, 0], [4 / 9, 0]], atol=1e-15)
    numpy.testing.assert_allclose(path.rate, [[1 / 12, 1 / 2], [3 / 16, 1 / 2]])


coupled = alr.functions.quadratic([[2.0, 1.0], [1.0, 2.0]])


def test_newton_with_eps_uses_the_full_matrix():
    path = alr.run(coupled, alr.newton(eps=1.0), [1.0, 0.0], 1)
    # g = (2, 1); (H + I)^-1 = [[3, -1], [-1, 3]] / 8; step = (5/8, 1/8)
    numpy.testing.assert_allclose(path.w[1], [3 / 8, -1 / 8])
    numpy.testing.assert_allclose(path.rate[0], [3 / 8, 3 / 8])


def test_diagonal_newton_ignores_the_coupling():
    path = alr.run(coupled, alr.diagonal_newton(eps=0.0), [1.0, 0.0], 2)
    # h = (2, 2). g = (2, 1): w1 = (0, -1/2). g = (-1/2, -1): w2 = (1/4, 0)
    numpy.testing.assert_allclose(path.w, [[1, 0], [0, -0.5], [0.25, 0]], atol=1e-15)
    numpy.testing.assert_allclose(path.rate, [[0.5, 0.5], [0.5, 0.5]])


def test_diagonal_newton_on_a_quartic_with_eps():
    path = two_steps(alr.diagonal_newton(eps=1.0), f=quartic)
    # h = (12, 2): w1 = (1 - 4/13, 1 - 2/3) = (9/13, 1/3)
    numpy.testing.assert_allclose(path.w[1], [9 / 13, 1 / 3])


@pytest.mark.parametrize("method", ["exact", "hutchinson"])
def test_diagonal_newton_methods_agree_on_a_separable_function(method):
    # For a diagonal Hessian every Rademacher probe z gives z * Hz = diag(H) exactly.
    path = alr.run(quartic, alr.diagonal_newton(eps=0.0, method=method, seed=3), START, 2)
    numpy.testing.assert_allclose(path.w[1], [2 / 3, 0], atol=1e-15)


@pytest.mark.parametrize("make", [alr.newton, alr.diagonal_newton])
def test_newton_and_diagonal_newton_with_eps_on_the_bowl(make):
    path = two_steps(make(eps=1.0))
    # H = diag(1, 4), so (H + I)^-1 = diag(1/2, 1/5) at every point.
    # g = (1, 4): w1 = (1 - 1/2, 1 - 4/5) = (0.5, 0.2); g = (0.5, 0.8): w2 = (0.25, 0.04)
    numpy.testing.assert_allclose(path.w, [[1, 1], [0.5, 0.2], [0.25, 0.04]])
    numpy.testing.assert_allclose(path.rate, [[0.5, 0.2], [0.5, 0.2]])
