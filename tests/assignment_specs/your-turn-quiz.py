"""Expected autograding results of assignment 2, `your-turn-quiz` (read by tests/test_assignments.py).

Twelve questions; each answer cell `answer_qN` has one autograded test cell `test_qN`, worth 1
point (question 10, the lecture's "Your Turn", 2 points), all or nothing. No manual grading.
"""

NOTEBOOK = "your-turn-quiz"
AUTOGRADED_POINTS = 13
MANUAL_POINTS = 0

# Questions 1, 2 and 10 answered: 1 + 1 + 2 points.
PARTIAL_CELLS = ["answer_q1", "answer_q2", "answer_q10"]
PARTIAL_SCORE = 4

# The loop is stopped after Execute.timeout; question 5's answer is then undefined, so its
# test fails (1 point lost) and the cells after it are graded as usual.
LOOP_CELL = "answer_q5"
LOOP_SCORE = 12

# nbgrader restores locked cells from the gradebook, so the rewritten test fails again.
LOCKED_TEST_CELL = "test_q1"
CHEAT_SCORE = 0

# os._exit(1) kills the kernel; nbgrader 0.9 does not restart it, so the whole submission
# fails to autograde (reported in the log), and its cells keep no score: 0.
DEAD_KERNEL_CELL = "answer_q7"
DEAD_KERNEL_SCORE = 0
