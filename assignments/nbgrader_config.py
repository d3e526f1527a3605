"""nbgrader settings for the adaptive-learning-rates course.

Run nbgrader from this folder (the course root): `nbgrader generate_assignment NAME`,
`nbgrader autograde NAME` and the rest need no extra flags. See README.md.
"""

import os

c = get_config()  # noqa: F821 (nbgrader provides get_config when it reads this file)

c.CourseDirectory.course_id = "adaptive-lr"
# The course root is this folder, wherever nbgrader is started from inside it.
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))

# A runaway cell (an infinite loop) is stopped after this many seconds, and the
# remaining cells are still executed and graded. The slowest cell of any assignment
# takes a few seconds; 20 s leaves room for a busy grading machine.
c.Execute.timeout = 20
c.Execute.interrupt_on_timeout = True

# Late work: nbgrader records how late each submission is (from the due date and the
# submission's timestamp.txt) and shows it in the formgrader and the export, but this
# course takes no points off automatically ("none", nbgrader's default, stated here so
# the policy is visible); "zero" would give a late notebook 0. See README.md.
c.LateSubmissionPlugin.penalty_method = "none"

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
