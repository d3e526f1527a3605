"""Questions of notebooks/06-adadelta.ipynb."""

from . import Question

QUESTIONS = {
    "adadelta-first-step": Question(
        "number", "13169047e19cc218320ce0ce0fa571cbc098a8f78b757183659678bfbc65a9a7",
        "at the first step s is still 0, so the numerator is sqrt(eps); the denominator is "
        "sqrt((1 - rho) g^2 + eps), and here (1 - rho) g^2 is far larger than eps",
    ),
    "adadelta-same-path": Question(
        "set", "fd216818cecbc78c0aeb274521b1501a01a2226a23a9a6922abb824b12dd86c4",
        "move the scale slider of the units panel and look for the solid paths that stay exactly "
        "on their dashed ones; AdaDelta's first steps are set by eps, whatever the units",
    ),
    "adadelta-units-eps": Question(
        "number", "9b1121f511b4c3712192d56200892fade81d8efc3d70705915d3baf1a2ea0ece",
        "in the new units the numerator is sqrt(s_w / c^2 + eps); multiply the step by c to "
        "return to the old units and read off what eps has become next to s_w",
    ),
}
