"""Questions of notebooks/07-adam.ipynb."""

from . import Question

QUESTIONS = {
    "adam-uncorrected-first-step": Question(
        "number", "3135d2d71bff77be4838a7102bbac5b87af7fd0b9aef3d416f963a5afbb19061",
        "at t = 1 the uncorrected m is (1 - rho1) g and the uncorrected v is (1 - rho2) g^2; "
        "divide the first by the square root of the second and compare with g / |g|",
    ),
    "adam-true-statements": Question(
        "set", "1cdb18a378bb798625842b8945e646b8577f76690bb1a5f450777caf29fcbb41",
        "write out each first step (RMSProp's v is not bias-corrected); evaluate "
        "(1 - rho1^t) / sqrt(1 - rho2^t) at t = 1000; and remember that m carries a sign",
    ),
    "adam-equal-rhos": Question(
        "word", "13602ce54433df2bee54be0836c90a0adc931b85abc047f786e1a6c39670adb8",
        "with rho1 = rho2 = rho the uncorrected step is eta (1 - rho^t) / sqrt(1 - rho^t); "
        "is that factor above or below 1? The panel's right-hand plot shows it against the dotted line",
    ),
}
