"""The Adam lecture's panel: Adam beside its two ingredients, RMSProp and momentum."""


import ipywidgets

from .. import functions as test_functions
from ..adam import adam
from ..momentum import momentum
from ..plotting import loss_curves, paths
from ..plotting.adam import step_sizes
from ..rmsprop import rmsprop
from ..runner import compare, divergence_expected
from . import Panel, keep_contours, log_slider, new_figure, steps_slider, surface_dropdown

RHO2_CHOICES = (0.9, 0.99, 0.999, 0.9999)


def adam_panel(surfaces=None, surface=None, steps=200):
    """Adam, RMSProp and momentum from the surface's start: paths, losses and step sizes.

    The settings are shared where the methods share an ingredient: RMSProp
    gets Adam's eta and rho = rho2 (the same second moment, without
    momentum), momentum gets mu = rho1 (the same memory of past gradients,
    without per-coordinate rates) and its own learning rate, since its step
    has the size of the gradient and Adam's does not. The checkbox switches
    Adam's bias correction on and off.

    surfaces: the TestFunctions to choose from (default: all of them).
    """
    surfaces = list(surfaces or test_functions.ALL)
    surface = surface or surfaces[0]
    controls = {
        "lr": log_slider("adam & rmsprop lr", 0.05, 1e-3, 1.0),
        "rho1": ipywidgets.FloatSlider(value=0.9, min=0.0, max=0.99, step=0.01,
                                       description="rho1 (= mu)"),
        # 0.9, RMSProp's usual rho, so that the RMSProp beside Adam is itself; Adam's default is 0.999.
        "rho2": ipywidgets.SelectionSlider(options=RHO2_CHOICES, value=0.9,
                                           description="rho2 (= rho)"),
        "momentum_lr": log_slider("momentum lr", 1e-3, 1e-5, 1e-1),
        "bias_correction": ipywidgets.Checkbox(value=True, description="bias correction"),
        "surface": surface_dropdown(surfaces, surface),
        "steps": steps_slider(steps, high=1000),
    }
    figure, (left, middle, right) = new_figure(width=14.0, height=4.4, columns=3)
    show_contours = keep_contours(left)

    def draw(figure, lr, rho1, rho2, momentum_lr, bias_correction, surface, steps):
        name = "adam" if bias_correction else "uncorrected adam"
        optimizers = {
            "momentum": momentum(momentum_lr, mu=rho1),
            "rmsprop": rmsprop(lr, rho=rho2),
            name: adam(lr, rho1, rho2, bias_correction=bias_correction),
        }
        # A run that diverges is drawn with a cross at its last point; a warning would repeat it.
        with divergence_expected():
            trajectories = compare(surface, optimizers, surface.start, steps)
        show_contours(surface)
        paths(left, trajectories)
        middle.clear()
        loss_curves(middle, trajectories, minimum=surface.minimum, legend=False)
        middle.set_title("distance to the minimum value")
        right.clear()
        step_sizes(right, trajectories, lr=lr)
        right.set_title("longest coordinate move per step")

    return Panel(controls, draw, figure)
