"""Questions of notebooks/02-annealing.ipynb."""

from . import Question

QUESTIONS = {
    "annealing-rate-after-checks": Question(
        "number", "9fca51987c96ba92d35f303353b7065f31114501c9f2afa37463ff1fdffe8f1f",
        "go through the checks one by one: a loss below the best so far resets the count; after "
        "`patience` checks in a row without one the scale is multiplied by `factor` and the count restarts",
    ),
    "annealing-first-cut": Question(
        "number", "2c624232cdd221771294dfbb310aca000a0df6ac8b66b696d90ef06fdefb64a3",
        "find the epoch of the best validation loss so far; the rule waits `patience` more checks "
        "without an improvement before it cuts",
    ),
    "annealing-settled": Question(
        "set", "707a18593548bcbbb00b565b44fce7fdd573811a8f5ea9eb524bb702bc8294d1",
        "read the loss curves at step 300 against the 0.05 level; a rate that never shrinks keeps "
        "bouncing, and one that shrinks too early stops before it arrives",
    ),
}
