"""reduce_on_plateau: a pure state machine over a monitored loss."""

import numpy
import pytest

import adaptive_lr as alr


def scales(plateau, losses):
    state = plateau.init()
    out = []
    for loss in losses:
        state = plateau.update(loss, state)
        out.append(state.scale)
    return out


def test_cuts_the_rate_after_patience_checks_without_improvement():
    plateau = alr.reduce_on_plateau(factor=0.1, patience=3)
    got = scales(plateau, [1.0, 0.5, 0.5, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4])
    # improvements at checks 1, 2 and 6; three stale checks after each trigger a cut
    assert got == pytest.approx([1, 1, 1, 1, 0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.001])


def test_gd_rate_falls_from_point_one_to_point_zero_one():
    plateau = alr.reduce_on_plateau(factor=0.1, patience=2)
    state = plateau.init()
    for loss in [3.0, 2.0, 2.0, 2.0]:
        state = plateau.update(loss, state)
    assert 0.1 * state.scale == pytest.approx(0.01)


def test_threshold_ignores_tiny_improvements_and_cooldown_pauses_counting():
    plateau = alr.reduce_on_plateau(factor=0.5, patience=1, threshold=0.1, cooldown=2)
    got = scales(plateau, [1.0, 0.95, 0.95, 0.95, 0.95, 0.95])
    # 0.95 is not 10% better than 1.0: cut at once; then two checks of cooldown
    assert got == [1, 0.5, 0.5, 0.5, 0.25, 0.25]


def test_min_scale_is_a_floor():
    plateau = alr.reduce_on_plateau(factor=0.1, patience=1, min_scale=0.05)
    assert scales(plateau, [1.0, 1.0, 1.0, 1.0])[-1] == 0.05


def test_update_is_pure():
    plateau = alr.reduce_on_plateau(patience=1)
    state = plateau.init()
    first = plateau.update(1.0, state)
    assert plateau.update(1.0, state) == first
    assert state == plateau.init()


def test_annealing_settles_an_oscillating_method():
    """gd with too large a rate zig-zags across |x| + 4|y|; cutting it on plateaus settles it."""
    f = alr.functions.nonsmooth
    plateau = alr.reduce_on_plateau(factor=0.1, patience=3)
    state, w = plateau.init(), f.start
    optimizer = alr.gd(0.1)
    opt_state = optimizer.init(w)
    for _ in range(60):  # each check: 10 steps, then look at the loss
        for _ in range(10):
            step = optimizer.update(alr.grad(f)(w), opt_state)
            w, opt_state = w + state.scale * step.delta, step.state
        state = plateau.update(float(f(w)), state)
    fixed = alr.run(f, alr.gd(0.1), f.start, 600)
    assert state.scale < 1e-2
    assert f(w) < 0.01 * numpy.min(fixed.loss[-20:])
