"""The course's main panel: several methods racing on one surface, redrawn as fast as a hand moves.

A redraw reads its runs from a cache and repaints only what moves.

Runs. Every control moves on a fixed grid (each start slider over about 200
positions of the surface's window, each method's knob over 8 values per
decade), so a run is named exactly by (method, knob value, start point). When
a redraw needs a run the cache lacks, one `sweep` computes it together with
the runs the next moves are likely to need: every value of every knob at this
start point, and the start points up to NEIGHBOURS positions away along each
start slider at the current knob values (some 550 runs). One autograd pass
per step serves them all, so the batch costs two to three times what the five
runs alone would, and afterwards moving a knob, the steps or a start slider
by a few positions computes nothing. Runs are computed to a multiple of
HORIZON steps: a run of 400 steps also answers for 310 (`Trajectory.head`).

Figure. Contours, axes, labels and the legend are kept as pixels (`Blit`); a
redraw repaints the paths, their markers and the loss curves. The loss axis
moves its limits in whole decades, so they rarely change.
"""

import math

import ipywidgets
import numpy

from .. import functions as test_functions
from .. import plotting
from ..runner import divergence_expected, sweep
from . import Blit, Panel, keep_contours, new_figure, steps_slider, surface_dropdown

NEIGHBOURS = 30  # start positions precomputed on each side of the current one
START_POSITIONS = 200  # positions of a start slider across the surface's window
HORIZON = 100  # runs are computed to a multiple of this many steps
LABEL_WIDTH = "7.5em"  # one width for every slider's label, so that their tracks line up
MAX_STEPS_KEPT = 1_000_000  # a cache holding more run-steps (56 bytes each) is emptied before a batch


def knob_values(default, low, high, per_decade=8):
    """default * 10**(i / per_decade) for every whole i that stays within [low, high]."""
    below = math.floor(math.log10(default / low) * per_decade + 1e-9)
    above = math.floor(math.log10(high / default) * per_decade + 1e-9)
    return [default * 10 ** (i / per_decade) for i in range(-below, above + 1)]


def start_values(start, low, high, positions=START_POSITIONS):
    """start + i * step for every whole i that stays within [low, high], step = (high - low) / positions."""
    step = (high - low) / positions
    below, above = math.floor((start - low) / step + 1e-9), math.floor((high - start) / step + 1e-9)
    return [start + i * step for i in range(-below, above + 1)]


def _labels(values, digits):
    """Short readouts, as many significant `digits` as needed to tell every value apart."""
    for more in range(digits, 17):
        labels = [f"{v:.{more}g}" for v in values]
        if len(set(labels)) == len(labels):
            return labels
    return [repr(v) for v in values]


def grid_slider(description, values, value, digits=2):
    """A slider over exactly `values` (so a panel can name each of its runs exactly), set at `value`."""
    return ipywidgets.SelectionSlider(
        options=list(zip(_labels(values, digits), values, strict=True)), value=value,
        description=description, continuous_update=True, style={"description_width": LABEL_WIDTH})


class RunCache:
    """The runs of `methods` on one surface, computed in batches by `sweep` and kept by name.

    methods: {name: (factory, knob values)}; factory(array of knob values)
        builds the optimizer for a block of columns, one value per column.
    starts: (values of w_1, values of w_2), the start sliders' grids.
    `get` returns the runs for one setting of every control; `batches` counts
    the sweeps it has run.
    """

    def __init__(self, surface, methods, starts):
        self.surface = surface
        self.methods = methods
        self.starts = starts
        self.runs = {}
        self.horizon = 0
        self.batches = 0

    def get(self, start, steps, knobs):
        """{name: Trajectory of `steps` steps from `start`, with knobs[name]} for every method."""
        start = tuple(start)
        keys = {name: (name, knobs[name], start) for name in self.methods}
        if steps > self.horizon or any(key not in self.runs for key in keys.values()):
            self._fill(start, steps, knobs)
        return {name: self.runs[key].head(steps) for name, key in keys.items()}

    def _fill(self, start, steps, knobs):
        if steps > self.horizon:
            self.horizon, self.runs = HORIZON * math.ceil(steps / HORIZON), {}
        if len(self.runs) * self.horizon > MAX_STEPS_KEPT:
            self.runs = {}
        blocks, wanted = {}, {}
        for name, (factory, values) in self.methods.items():
            columns = [(value, start) for value in values] + [
                (knobs[name], point) for point in self._nearby(start)]
            columns = list(dict.fromkeys(c for c in columns if (name, *c) not in self.runs))
            if columns:
                settings = numpy.array([value for value, _ in columns])
                blocks[name] = (factory(settings), numpy.array([point for _, point in columns]).T)
                wanted[name] = columns
        with divergence_expected():
            batch = sweep(self.surface, blocks, self.horizon)
        for name, columns in wanted.items():
            for (value, point), trajectory in zip(columns, batch[name], strict=True):
                self.runs[name, value, point] = trajectory
        self.batches += 1

    def _nearby(self, start):
        """The start points up to NEIGHBOURS positions away along either slider."""
        points = []
        for axis, grid in enumerate(self.starts):
            here = grid.index(start[axis]) if start[axis] in grid else None
            if here is None:
                continue
            for i in range(max(here - NEIGHBOURS, 0), min(here + NEIGHBOURS + 1, len(grid))):
                point = list(start)
                point[axis] = grid[i]
                points.append(tuple(point))
        return points


def decade_limits(low, high):
    """The smallest range of whole decades [10^a, 10^b], b > a, that holds [low, high]."""
    a = math.floor(math.log10(low))
    b = max(math.ceil(math.log10(high)), a + 1)
    return 10.0**a, 10.0**b


def comparison_panel(surfaces=None, surface=None, methods=None, steps=300):
    """Several methods racing on one surface: contours with paths, and loss curves.

    surfaces: the TestFunctions to choose from (default: all of them).
    methods: {name: (factory, knob, default, low, high)}; one slider per
        method sets its knob (a learning rate, or AdaDelta's eps), from low to
        high in steps of a factor 10**(1/8) around the default.
    Start point sliders span the chosen surface's window.
    """
    from . import DEFAULT_METHODS  # the package defines it before it imports this module

    surfaces = list(surfaces or test_functions.ALL)
    surface = surface or surfaces[0]
    for candidate in {*surfaces, surface}:
        if getattr(candidate, "minimum", None) is None or getattr(candidate, "window", None) is None:
            raise ValueError(
                "comparison_panel draws paths over contours and f(w) - f* on a log scale, so every "
                "surface needs a window and a known minimum (a TestFunction of adaptive_lr.functions), "
                f"got {candidate!r}")
    methods = dict(methods or DEFAULT_METHODS)
    names = list(methods)
    grids = {name: knob_values(default, low, high) for name, (_, _, default, low, high) in methods.items()}
    knobs = {name: grid_slider(f"{name} {knob}", grids[name], default)
             for name, (_, knob, default, _, _) in methods.items()}
    chooser = surface_dropdown(surfaces, surface)
    starts = [grid_slider(f"start $w_{axis + 1}$", [0.0], 0.0, digits=3) for axis in range(2)]
    figure, (left, right) = new_figure(columns=2)
    figure.subplots_adjust(top=0.82)  # room for the legend above both axes
    show_contours = keep_contours(left)
    blit = Blit(figure)
    shown = {}  # what the figure is set up for: the surface, its run cache, its race artists

    def follow_surface(new):
        """Give the start sliders the surface's window, at its default start, without a redraw each."""
        grid = [start_values(float(new.start[axis]), *new.window[axis]) for axis in range(2)]
        for axis, slider in enumerate(starts):
            slider.options = list(zip(_labels(grid[axis], 3), grid[axis], strict=True))
            slider.value = float(new.start[axis])
        return grid

    def on_surface(change):
        with panel.hold():
            follow_surface(change["new"])

    def set_up(surface):
        show_contours(surface)  # clears the left axes when the surface changes
        right.clear()
        for legend in figure.legends[:]:
            legend.remove()
        right.set_title("distance to the minimum value")
        race = plotting.race(left, right, names)
        blit.artists = race.artists()
        factories = {name: (methods[name][0], grids[name]) for name in names}
        grid = tuple(list(slider.options[i][1] for i in range(len(slider.options))) for slider in starts)
        shown.update(surface=surface, race=race, runs=RunCache(surface, factories, grid))

    def draw(figure, surface, start_x, start_y, steps, **settings):
        if shown.get("surface") is not surface:
            set_up(surface)
        runs = shown["runs"].get((start_x, start_y), steps, settings)
        low, high = plotting.show_race(shown["race"], runs, minimum=surface.minimum)
        limits = decade_limits(max(low, 1e-16), max(high, 1e-15))
        if right.get_xlim() != (0, steps) or right.get_ylim() != limits:
            right.set_xlim(0, steps)
            right.set_ylim(*limits)
        blit.keys = {left: surface.name, right: (steps, limits)}

    follow_surface(surface)
    chooser.observe(on_surface, names="value")
    steps_control = steps_slider(steps)
    for control in (chooser, steps_control):
        control.style.description_width = LABEL_WIDTH
    controls = {"surface": chooser, "start_x": starts[0], "start_y": starts[1], "steps": steps_control,
                **knobs}
    panel = ComparisonPanel(controls, draw, figure, render=blit.render)
    panel.blit, panel._shown = blit, shown
    return panel


class ComparisonPanel(Panel):
    """A Panel that also shows how it redraws: `blit` (full draws), `runs` (its RunCache) and
    `race` (the artists that hold the runs now drawn)."""

    @property
    def runs(self):
        return self._shown["runs"]

    @property
    def race(self):
        return self._shown["race"]
