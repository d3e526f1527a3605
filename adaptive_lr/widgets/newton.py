"""Panels for the Newton lecture (notebooks/03-newton.ipynb).

Each panel only wires controls to the library: derivatives and `compare` for
the numbers, adaptive_lr.plotting for the pictures (see Panel for how a panel
redraws).
"""


import ipywidgets
import numpy

from .. import derivatives, plotting
from .. import functions as test_functions
from ..gd import gd
from ..newton import diagonal_newton, newton
from ..plotting import newton as newton_plots
from ..runner import compare, divergence_expected
from . import Panel, log_slider, new_figure, redraw_layers, start_sliders, surface_dropdown

TAYLOR_SURFACES = (test_functions.rosenbrock, test_functions.himmelblau, test_functions.saddle,
                   test_functions.plateau, test_functions.beale)


def _curvature_words(eigenvalues):
    if numpy.all(eigenvalues > 0):
        return "positive definite: the model has a minimum"
    if numpy.all(eigenvalues < 0):
        return "negative definite: the model has a maximum"
    return "indefinite: the model has a saddle"


def taylor_panel(surfaces=TAYLOR_SURFACES, surface=None):
    r"""The second-order Taylor model around a point you choose, and the Newton step it gives.

    Left: the true contours (solid), the model
    m(d) = f(w) + g^T d + 1/2 d^T H d around w (dashed red) and the Newton
    step -H^{-1} g (arrow). Right: f and m along the line of that step.
    Controls: the point w (two sliders, w_1 first) and the surface.
    """
    surfaces = list(surfaces)
    chooser = surface_dropdown(surfaces, surface or surfaces[0])
    w1, w2 = start_sliders(chooser, label="")
    figure, (left, right) = new_figure(width=12.0, height=4.8, columns=2)
    reset_left, reset_right = redraw_layers(left), redraw_layers(right)

    def draw(figure, w1, w2, surface):
        w = numpy.array([w1, w2])
        eigenvalues = numpy.linalg.eigvalsh(derivatives.hessian(surface)(w))
        reset_left(surface, lambda ax: plotting.contour(ax, surface, levels=18))
        plotting.taylor_model(left, surface, w)
        left.set_title(f"{surface.name}: eigenvalues of $H$ = {eigenvalues[0]:.3g}, {eigenvalues[1]:.3g}",
                       fontsize="medium")
        reset_right(None, lambda ax: None)
        newton_plots.taylor_slice(right, surface, w)
        right.set_title(f"$H$ {_curvature_words(eigenvalues)}", fontsize="medium")

    return Panel({"w1": w1, "w2": w2, "surface": chooser}, draw, figure)


def valley(degrees, condition):
    r"""The quadratic 1/2 w^T A w with A = R diag(1, condition) R^T, R the rotation by `degrees`.

    At 0 (or 90) degrees the valley lies along an axis and A is diagonal; at
    other angles A has off-diagonal entries that a diagonal approximation drops.
    """
    if not numpy.isfinite(degrees):
        raise ValueError(f"degrees must be a finite angle, got {degrees!r}")
    if not (numpy.isfinite(condition) and condition >= 1):
        raise ValueError(f"condition must be a finite number >= 1, got {condition!r}")
    angle = numpy.deg2rad(degrees)
    R = numpy.array([[numpy.cos(angle), -numpy.sin(angle)], [numpy.sin(angle), numpy.cos(angle)]])
    A = R @ numpy.diag([1.0, float(condition)]) @ R.T
    return test_functions.quadratic((A + A.T) / 2, name=f"valley turned {degrees:g} degrees",
                                    about=f"eigenvalues 1 and {condition:g}, turned {degrees:g} degrees")


def rotation_panel(degrees=20, condition=25.0, lr=0.03, steps=40):
    r"""Newton, diagonal Newton and gradient descent on a valley you can turn.

    The valley is `valley(degrees, condition)`. Newton uses the whole Hessian
    and lands in one step at any angle; diagonal Newton divides each g_i by
    h_i + eps only, which is exact when the valley lies along an axis.
    Controls: the angle (first), the condition number, gd's rate, the steps.
    """
    figure, (left, right) = new_figure(width=12.0, height=4.6, columns=2)
    reset_left, reset_right = redraw_layers(left), redraw_layers(right)

    def draw(figure, degrees, condition, lr, steps):
        surface = valley(degrees, condition)
        methods = {"newton": newton(), "diagonal_newton": diagonal_newton(), "gd": gd(lr)}
        # gd may diverge when the rate is too large for the steep direction: its path then
        # ends in a cross and the title says so, which is the lesson, not an accident
        with divergence_expected():
            trajectories = compare(surface, methods, surface.start, steps)
        A = derivatives.hessian(surface)(surface.start)
        reset_left((degrees, condition), lambda ax: plotting.contour(ax, surface, levels=14, resolution=100))
        plotting.paths(left, trajectories)
        left.set_title(f"valley turned {degrees}°: $H$ = [[{A[0, 0]:.3g}, {A[0, 1]:.3g}], "
                       f"[{A[1, 0]:.3g}, {A[1, 1]:.3g}]]", fontsize="medium")
        reset_right(None, lambda ax: None)
        gap0 = trajectories["newton"].loss[0] - surface.minimum
        plotting.loss_curves(right, trajectories, surface.minimum, ceiling=1e3 * gap0)
        # a run can climb for many steps before it leaves the finite numbers: name both kinds
        climbing = [name for name, path in trajectories.items()
                    if path.diverged or path.loss[-1] > path.loss[0]]
        right.set_title("distance to the minimum value"
                        + (f" ({', '.join(climbing)} diverging)" if climbing else ""), fontsize="medium")

    controls = {
        "degrees": ipywidgets.IntSlider(value=degrees, min=0, max=90, step=5, description="angle (°)"),
        "condition": log_slider("condition number", condition, 1.0, 1000.0),
        "lr": log_slider("gd lr $\\eta$", lr, 1e-3, 1.0),
        "steps": ipywidgets.IntSlider(value=steps, min=5, max=200, step=5, description="steps"),
    }
    return Panel(controls, draw, figure)
