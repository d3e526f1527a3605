"""Expected autograding results of assignment 3, `debugging-checklist` (read by tests/test_assignments.py).

Part A: six diagnosis answers `diagnose-<item>` (capacity, inputs, init, loss, optimizer, length),
each a letter checked by one test cell `test-<item>` worth 1 point, all or nothing. Part B: the
solution cell `fix-config` defines `fixed_config`; the locked test cell `test-fix` (8 points) checks
the rules, trains the config itself with seeds 0, 1, 2, 3 and gives a partial score as its last
expression (6 points by test-accuracy tier with seed 0, 2 more if seeds 1-3 each reach 0.85). The
reference fix scores 0.933 with seed 0 (0.939, 0.939, 0.928 with seeds 1-3): 8 points. Part C:
one manually graded markdown answer, `reflection`, 3 points.
"""

NOTEBOOK = "debugging-checklist"
AUTOGRADED_POINTS = 14
MANUAL_POINTS = 3

# Two diagnosis answers (1 + 1) and the fix (8).
PARTIAL_CELLS = ["diagnose-capacity", "diagnose-loss", "fix-config"]
PARTIAL_SCORE = 10

# The loop is stopped after Execute.timeout; init_answer is then undefined, so test-init fails
# (1 point lost) and the cells after it, test-fix included, are graded as usual.
LOOP_CELL = "diagnose-init"
LOOP_SCORE = 13

# nbgrader restores locked cells from the gradebook, so the rewritten grading cell runs again
# and finds no fixed_config; every other answer is blank too.
LOCKED_TEST_CELL = "test-fix"
CHEAT_SCORE = 0

# os._exit(1) kills the kernel; nbgrader 0.9 does not restart it, so the whole submission fails
# to autograde (DeadKernelError in the log, the autograded copy removed) and keeps no score: 0.
DEAD_KERNEL_CELL = "diagnose-length"
DEAD_KERNEL_SCORE = 0
