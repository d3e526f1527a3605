"""Questions of notebooks/08-visualising-optimisers.ipynb."""

from . import Question

QUESTIONS = {
    "visualising-near-saddle": Question(
        "set", "699ffb8b29f228e4d12b96f82847f985a2f9afce572774378ffd25527bb5a646",
        "scrub the saddle race to the middle: which heads sit at the origin? Methods whose step "
        "along w_2 is proportional to the tiny gradient there get pulled in along w_1 first",
    ),
    "visualising-escape-factor": Question(
        "number", "778eedab38efd5d0e89af8b28a57059b294da8637940cc41bd7362f717ec8f45",
        "gd moves w_2 by eta |g_2| with g_2 about -1e-3; Adam's first step moves it by "
        "eta |g_2| / sqrt(g_2^2 + eps); divide the two",
    ),
    "visualising-valley-finishers": Question(
        "set", "6441983c5f156ea611346056ff03ae3ca87ec5d3c1261f7e01e18a176c841d96",
        "look at the last frame of the valley race, or compute "
        "rosenbrock.distance_to_minimizer(path.w[-1]) for each method",
    ),
}
