"""Interactive panels: ipywidgets controls wired to a computation and a plot.

A panel only wires: each control's value goes to a `draw(figure, **values)`
function that runs the computation (adaptive_lr.run / compare) and the
plotting (adaptive_lr.plotting) and redraws the figure. The figure is shown
as an ordinary image output that is replaced in place, so an executed
notebook keeps the figure for the default settings even where no widget
can run (a static render, a test).
"""

import contextlib
import io
import math

import ipywidgets
import numpy
from IPython.display import Image, display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PIL import Image as PILImage

from .. import plotting

# Private names: the lecture modules widgets/adagrad.py, widgets/adam.py ... share the optimizers'
# names, and `adaptive_lr.widgets.adagrad` must be the module.
from ..adadelta import adadelta as _adadelta
from ..adagrad import adagrad as _adagrad
from ..adam import adam as _adam
from ..gd import gd as _gd
from ..momentum import momentum as _momentum
from ..momentum import nesterov as _nesterov
from ..rmsprop import rmsprop as _rmsprop

SLIDERS = (ipywidgets.FloatSlider, ipywidgets.FloatLogSlider, ipywidgets.IntSlider,
           ipywidgets.SelectionSlider)


class Panel:
    """Controls and a figure; changing any control redraws the figure.

    controls: {name: ipywidget}; each widget's `value` is passed to `draw`
        as the keyword argument `name`.
    draw: draw(figure, **values) -> None, clears and redraws `figure`.
    figure: a matplotlib Figure (made with a canvas of its own, not pyplot,
        so nothing else ever shows or closes it).
    render: render() -> None, paints the figure's pixels after `draw`; by
        default a full `figure.canvas.draw()`. A panel that repaints only what
        moved passes its `Blit.render` here.
    """

    def __init__(self, controls, draw, figure, render=None):
        self.controls = dict(controls)
        self.figure = figure
        self._draw = draw
        self._render = render or figure.canvas.draw
        self._held = False
        self._display = None
        self.redraws = 0  # how many times the figure was redrawn: a burst of changes shows here
        self.error = ipywidgets.HTML()
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self.refresh()

    @property
    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    @property
    def sliders(self):
        return [c for c in self.controls.values() if isinstance(c, SLIDERS)]

    @contextlib.contextmanager
    def hold(self):
        """Within this block, changes of the controls do not redraw (when one control sets others)."""
        held, self._held = self._held, True
        try:
            yield
        finally:
            self._held = held

    def refresh(self):
        """Recompute and redraw with the controls' current values."""
        self._draw(self.figure, **self.values)
        self._render()
        self.redraws += 1
        if self._display is not None:
            self._display.update(self.image())

    def image(self):
        """The figure as drawn, as a PNG image (encoded from the canvas, not drawn again)."""
        return Image(data=figure_png(self.figure), format="png")

    def _changed(self, change):
        if self._held:
            return
        try:
            self.refresh()
            self.error.value = ""
        except (ValueError, TypeError) as error:
            # A setting the library refuses: say why beside the controls, keep the last figure.
            self.error.value = f"<span style='color:#b00'>{error}</span>"

    def _ipython_display_(self):
        display(ipywidgets.VBox([*self.controls.values(), self.error]))
        self._display = display(self.image(), display_id=True)


def figure_png(figure):
    """The pixels now on the figure's canvas as PNG bytes, without drawing anything again.

    The lightest zlib level: three times faster than the default for a few percent more bytes.
    """
    png = io.BytesIO()
    PILImage.fromarray(numpy.asarray(figure.canvas.buffer_rgba())).save(png, format="png", compress_level=1)
    return png.getvalue()


def new_figure(width=10.0, height=4.2, columns=1, rows=1):
    """A Figure with its own Agg canvas and a grid of axes (returned as a flat list).

    The margins are fixed rather than computed by a layout engine at every redraw,
    which would cost more than the redraw itself.
    """
    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    figure.subplots_adjust(left=0.09 if columns == 1 else 0.07, right=0.98, bottom=0.12, top=0.92,
                           wspace=0.28, hspace=0.35)
    axes = figure.subplots(rows, columns, squeeze=False).ravel().tolist()
    return figure, axes


class Blit:
    """Repaint only the moving artists of a figure, over saved pixels of everything else.

    Matplotlib leaves artists made with animated=True out of a full draw.
    `keys` maps each axes to whatever its still part depends on (a surface,
    axis limits). The first `render` draws the figure fully and keeps its
    pixels; later ones restore them, redraw the still part of any axes whose
    key changed (just that axes' band of the figure, when the axes stand in
    one row), and paint the animated artists on top. A stale picture is never
    shown, because anything the still part depends on is in a key.
    """

    def __init__(self, figure):
        self.figure = figure
        self.artists = []  # the animated artists, painted in this order
        self.keys = {}
        self.full_draws = 0
        self.partial_draws = 0
        self._background = None
        self._drawn = {}

    def render(self):
        canvas = self.figure.canvas
        changed = [ax for ax, key in self.keys.items() if self._drawn.get(ax, object()) != key]
        if self._background is None or len(changed) > 1 or set(self.keys) != set(self._drawn):
            canvas.draw()
            self.full_draws += 1
        else:
            canvas.restore_region(self._background)
            if changed:
                self._redraw_band(changed[0])
        if changed or self._background is None:
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self._drawn = dict(self.keys)
        for artist in self.artists:
            self.figure.draw_artist(artist)

    def _redraw_band(self, ax):
        """Blank the band of the figure that holds `ax` and its labels, then draw `ax` in it."""
        others = [other.get_position() for other in self.figure.axes if other is not ax]
        here = ax.get_position()
        spine = 3 / self.figure.bbox.width  # a neighbour's spine is drawn a pixel or so past its edge
        left = max([o.x1 + spine for o in others if o.x1 <= here.x0], default=0.0)
        right = min([o.x0 - spine for o in others if o.x0 >= here.x1], default=1.0)
        # A legend of the whole figure sits above the axes and must not be blanked.
        top = min([legend.get_window_extent().y0 / self.figure.bbox.height for legend in self.figure.legends],
                  default=1.0)
        band = Rectangle((left, 0.0), right - left, top, transform=self.figure.transFigure,
                         facecolor=self.figure.get_facecolor(), edgecolor="none")
        band.set_figure(self.figure)
        self.figure.draw_artist(band)
        self.figure.draw_artist(ax)
        self.partial_draws += 1


def log_slider(description, value, low, high, steps_per_decade=8):
    """A slider over a positive quantity (a learning rate, an eps), moving in equal ratios."""
    return ipywidgets.FloatLogSlider(
        value=value, base=10, min=math.log10(low), max=math.log10(high),
        step=1 / steps_per_decade, description=description, readout_format=".2g",
        continuous_update=True, style={"description_width": "initial"},
    )


def steps_slider(value=200, high=1000):
    return ipywidgets.IntSlider(value=value, min=10, max=high, step=10, description="steps",
                                continuous_update=True)


def surface_dropdown(surfaces, value):
    return ipywidgets.Dropdown(options=[(s.name, s) for s in surfaces], value=value,
                               description="surface")


def start_sliders(chooser, label="start"):
    """Two sliders for a point's coordinates, spanning the window of the surface picked in `chooser`.

    When the surface changes, the sliders take its window and its default start.
    """
    surface = chooser.value
    sliders = []
    for axis in range(2):
        low, high = surface.window[axis]
        sliders.append(ipywidgets.FloatSlider(
            value=float(surface.start[axis]), min=low, max=high, step=(high - low) / 200,
            description=f"{label} $w_{axis + 1}$".strip()))

    def follow_surface(change):
        new = change["new"]
        for axis, slider in enumerate(sliders):
            low, high = new.window[axis]
            with slider.hold_trait_notifications():
                # widen first, so the new value is never clipped by the old range
                slider.min, slider.max = min(slider.min, low), max(slider.max, high)
                slider.value = float(new.start[axis])
                slider.min, slider.max, slider.step = low, high, (high - low) / 200

    chooser.observe(follow_surface, names="value")
    return sliders


def keep_contours(ax, **contour_settings):
    """A draw helper show(surface) that redraws the contours on `ax` only when the surface changes.

    Contours are the slowest part of a redraw and do not depend on any other control.
    """
    shown = []

    def show(surface):
        if shown != [surface]:
            ax.clear()
            plotting.contour(ax, surface, **contour_settings)
            ax.set_title(surface.name)
            shown[:] = [surface]

    return show


def clear_lines(ax):
    """Remove the lines and legend of `ax` but keep its axes, scales and ticks.

    Cheaper than ax.clear(), which rebuilds every tick of a log-scaled axis at
    each redraw; call `rescale(ax)` after drawing the new lines.
    """
    for line in list(ax.lines):
        line.remove()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    return ax


def rescale(ax):
    """Fit the view of `ax` to the lines now on it."""
    ax.relim()
    ax.autoscale_view()
    return ax


def redraw_layers(ax):
    """A redraw helper for `ax`: reset(key, draw_base) draws the base only when `key` changes.

    Everything drawn after the base is removed at each reset. Keeping the axes
    (rather than clearing them) keeps their ticks, which is most of the cost of a redraw.
    """
    base = {"key": object(), "artists": set()}

    def reset(key, draw_base):
        if key != base["key"]:
            ax.clear()
            draw_base(ax)
            base.update(key=key, artists=set(ax.get_children()))
            return
        for artist in ax.get_children():
            if artist not in base["artists"]:
                artist.remove()
        ax.relim()

    return reset


# Each method of the main comparison: its factory from one knob, the knob's name and range.
DEFAULT_METHODS = {
    "gd": (_gd, "lr", 1e-3, 1e-5, 1.0),
    "momentum": (lambda lr: _momentum(lr, mu=0.9), "lr", 1e-3, 1e-5, 1.0),
    "rmsprop": (_rmsprop, "lr", 1e-2, 1e-4, 1.0),
    "adadelta": (lambda eps: _adadelta(eps=eps), "eps", 1e-6, 1e-10, 1e-1),
    "adam": (_adam, "lr", 5e-2, 1e-4, 1.0),
}
EXTRA_METHODS = {
    "nesterov": (lambda lr: _nesterov(lr, mu=0.9), "lr", 1e-3, 1e-5, 1.0),
    "adagrad": (_adagrad, "lr", 0.5, 1e-3, 10.0),
}


# Last: the panel reads the helpers and DEFAULT_METHODS above.
from .comparison import comparison_panel  # noqa: E402, F401
