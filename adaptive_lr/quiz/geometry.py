"""Questions of notebooks/01-local-geometry.ipynb."""

from . import Question

QUESTIONS = {
    "geometry-plateau-limit": Question(
        "number", "60bb8f6c52a2aca85b1a3ae08e71f97dd3fa8603b55abefb09ebb0edfe5294d1",
        "near the minimiser one step maps the distance s to (1 - eta h) s; find the curvature h of the "
        "well at its bottom and the rate where |1 - eta h| reaches 1",
    ),
    "geometry-even-activations": Question(
        "set", "d4e0767914d745b5caea58b1098ae047a029f3ad83246ba173a887674245eb88",
        "switch the panel's activation and read the three ratios in the legend; a saturating activation "
        "shrinks the error signal at every layer it passes back through",
    ),
    "geometry-one-step-rate": Question(
        "number", "a888fe9e2469182b8e3e3bca241d3189dc144349bc2d0ac64c56c444276e9763",
        "along w_2 the surface is (25/2) w_2^2, so one step maps w_2 to (1 - eta_2 * 25) w_2; which "
        "eta_2 makes that factor zero?",
    ),
}
