"""Expected autograding results of assignment 1, `implement-optimizers` (read by tests/test_assignments.py).

Five solution cells, one function each: `diagonal_newton_step`, `adagrad_update`,
`rmsprop_update`, `adadelta_update`, `adam_update`. Each has two locked autograded test cells,
`test_<method>_visible` (1 point: visible checks, plus a hidden call with the library's optimizers
switched off) and `test_<method>_hidden` (hidden exact checks against hand-computed steps):
Newton 1 + 1, AdaGrad 1 + 2, RMSProp 1 + 2, AdaDelta 1 + 2, Adam 1 + 3. Each cell is all or
nothing. One manually graded markdown answer, `explain_answer`, 3 points.

All scores below were measured with nbgrader 0.9.6 (generate_assignment, then autograde of the
simulated students in one batch, scores read from the gradebook).
"""

NOTEBOOK = "implement-optimizers"
AUTOGRADED_POINTS = 15
MANUAL_POINTS = 3

# Diagonal Newton, AdaGrad and RMSProp written: 2 + 3 + 3 points.
PARTIAL_CELLS = ["diagonal_newton_step", "adagrad_update", "rmsprop_update"]
PARTIAL_SCORE = 8

# The loop is stopped after Execute.timeout; adadelta_update is then undefined (or loops again,
# if the loop sits inside the function body), so its two test cells fail (3 points lost) and the
# cells after it are graded as usual. Replace the whole cell source by the loop: it then runs
# once (one timeout); inside the function body it runs in three cells (three timeouts).
LOOP_CELL = "adadelta_update"
LOOP_SCORE = 12

# nbgrader restores locked cells (hidden tests included) from the gradebook, so the rewritten
# test fails again, as do all the others on blank solutions.
LOCKED_TEST_CELL = "test_adagrad_hidden"
CHEAT_SCORE = 0

# os._exit(1) kills the kernel; nbgrader 0.9 does not restart it, so the whole submission fails
# to autograde ("Kernel died", reported in the log, and `nbgrader autograde` exits with 1), its
# autograded copy is removed, and the gradebook keeps the submission with every grade at 0.
DEAD_KERNEL_CELL = "adam_update"
DEAD_KERNEL_SCORE = 0

# Optional, for a test that "importing the library's own implementation must not pass": every
# solution cell replaced by this code (each calls adaptive_lr's own optimizer, correctly) scores
# LIBRARY_SCORE, because the tests switch the library's optimizers off while the student's
# functions run.
LIBRARY_SOLUTIONS = {
    "diagonal_newton_step": (
        "def diagonal_newton_step(g, h, eps=1e-4):\n"
        "    return alr.diagonal_newton(eps).update(g, alr.newton().init(g), h).delta"
    ),
    "adagrad_update": (
        "from adaptive_lr.adagrad import AdagradState\n\n"
        "def adagrad_update(g, v, lr, eps=1e-8):\n"
        "    u = alr.adagrad(lr, eps).update(g, AdagradState(0, v))\n"
        "    return u.delta, u.state.v"
    ),
    "rmsprop_update": (
        "from adaptive_lr.rmsprop import RMSPropState\n\n"
        "def rmsprop_update(g, v, lr, rho=0.9, eps=1e-8):\n"
        "    u = alr.rmsprop(lr, rho, eps).update(g, RMSPropState(0, v))\n"
        "    return u.delta, u.state.v"
    ),
    "adadelta_update": (
        "from adaptive_lr.adadelta import AdadeltaState, adadelta\n\n"
        "def adadelta_update(g, v, s, rho=0.95, eps=1e-6):\n"
        "    u = adadelta(rho, eps).update(g, AdadeltaState(0, v, s))\n"
        "    return u.delta, u.state.v, u.state.s"
    ),
    "adam_update": (
        "from adaptive_lr.adam import AdamState\n\n"
        "def adam_update(g, m, v, t, lr=1e-3, rho1=0.9, rho2=0.999, eps=1e-8):\n"
        "    u = alr.adam(lr, rho1, rho2, eps).update(g, AdamState(t - 1, m, v))\n"
        "    return u.delta, u.state.m, u.state.v"
    ),
}
LIBRARY_SCORE = 0
