"""The in-practice lecture's panels: momentum against Nesterov on a surface, a network trainer on digits."""


import ipywidgets

from .. import functions as test_functions
from .. import nn
from ..adadelta import adadelta
from ..adagrad import adagrad
from ..adam import adam
from ..data import standardized
from ..experiments import train_from_scratch
from ..gd import gd
from ..momentum import momentum, nesterov
from ..plotting import loss_curves, paths
from ..plotting.practice import epoch_curves, fit_curves
from ..rmsprop import rmsprop
from ..runner import compare, divergence_expected
from . import Panel, keep_contours, log_slider, new_figure, steps_slider, surface_dropdown

# Every method from one knob: the learning rate, or for AdaDelta (which has none) its eps.
METHODS = {
    "gd": gd,
    "momentum": momentum,
    "nesterov": nesterov,
    "adagrad": adagrad,
    "rmsprop": rmsprop,
    "adadelta": lambda eps: adadelta(eps=eps),
    "adam": adam,
}


def momentum_panel(surfaces=None, surface=None, steps=100):
    """Gradient descent, heavy-ball momentum and Nesterov with the same eta and mu, from the surface's start.

    Left: the paths over the contours; right: the distance to the minimum
    value. Only where the gradient is taken differs between momentum and
    Nesterov, so any difference between their paths is the look-ahead's.

    surfaces: the TestFunctions to choose from (default: ill_conditioned,
    rotated and rosenbrock).
    """
    surfaces = list(surfaces or (test_functions.ill_conditioned, test_functions.rotated,
                                 test_functions.rosenbrock))
    surface = surface or surfaces[0]
    controls = {
        "lr": log_slider("learning rate", 0.03, 1e-4, 0.3),
        "mu": ipywidgets.FloatSlider(value=0.9, min=0.0, max=0.99, step=0.01, description="mu"),
        "surface": surface_dropdown(surfaces, surface),
        "steps": steps_slider(steps, high=500),
    }
    figure, (left, right) = new_figure(columns=2)
    show_contours = keep_contours(left)

    def draw(figure, lr, mu, surface, steps):
        optimizers = {"gd": gd(lr), "momentum": momentum(lr, mu), "nesterov": nesterov(lr, mu)}
        # A diverged run ends in a cross on the picture; a warning would only repeat it.
        with divergence_expected():
            trajectories = compare(surface, optimizers, surface.start, steps)
        show_contours(surface)
        paths(left, trajectories)
        right.clear()
        loss_curves(right, trajectories, minimum=surface.minimum)
        right.set_title(rf"distance to the minimum value ($\eta$={lr:.2g}, $\mu$={mu:.2f})")

    return Panel(controls, draw, figure)


def training_panel(split, sizes=(64, 32, 10), epochs=8, batch_size=64):
    """Train a small network on the digits with the settings of the debugging checklist; redraw its curves.

    split: the digits as adaptive_lr.data.digits() returns them (raw pixels);
    the panel standardises a copy once. Controls: the learning rate (for
    AdaDelta: eps), the method, raw or standardised inputs, the
    initialisation, the loss, the activation and the number of epochs. Left:
    training (solid) and validation (dashed) loss; right: validation
    accuracy. It starts with gd(lr=0.1); the grey lines are a reference run
    (adam with lr = 0.01, the other controls at their defaults, `epochs`
    epochs), trained once when the panel is built. One redraw trains one
    network and draws it: about half a second for the default sizes.
    """
    datasets = {"standardised": standardized(split), "raw pixels": split}
    controls = {
        "rate": log_slider("lr (adadelta: eps)", 0.1, 1e-6, 10.0),
        "method": ipywidgets.Dropdown(options=list(METHODS), value="gd", description="method"),
        "inputs": ipywidgets.Dropdown(options=list(datasets), value="standardised", description="inputs"),
        "scheme": ipywidgets.Dropdown(options=list(nn.INIT_SCHEMES), value="he", description="init"),
        "loss": ipywidgets.Dropdown(options=list(nn.LOSSES), value="cross_entropy", description="loss"),
        "activation": ipywidgets.Dropdown(options=list(nn.ACTIVATIONS), value="relu",
                                          description="activation"),
        "epochs": ipywidgets.IntSlider(value=epochs, min=1, max=30, description="epochs"),
    }
    chance = 1 / sizes[-1]
    reference = {"reference": train_from_scratch(nn.mlp(sizes), adam(0.01), datasets["standardised"], epochs,
                                                 batch_size=batch_size)}
    figure, (left, right) = new_figure(width=12.0, height=4.4, columns=2)
    figure.subplots_adjust(left=0.08, wspace=0.3)  # room for the log axis' tick labels

    def draw(figure, rate, method, inputs, scheme, loss, activation, epochs):
        knob = "eps" if method == "adadelta" else "lr"
        run = {f"{method}({knob}={rate:.2g})": train_from_scratch(
            nn.mlp(sizes, activation), METHODS[method](rate), datasets[inputs], epochs,
            batch_size=batch_size, scheme=scheme, loss=loss)}
        history = next(iter(run.values()))
        left.clear()
        fit_curves(left, reference, color="silver", legend=False)
        fit_curves(left, run)
        left.set_title(f"{inputs} inputs, {scheme} init, {activation}, {loss}", fontsize="medium")
        right.clear()
        epoch_curves(right, reference, "val_accuracy", color="silver", legend=False)
        epoch_curves(right, run, "val_accuracy", chance=chance)
        right.set_ylim(0, 1)
        outcome = (history.status if history.diverged
                   else f"final validation accuracy {history.val_accuracy[-1]:.2f}")
        right.set_title(outcome, fontsize="medium")

    return Panel(controls, draw, figure)
