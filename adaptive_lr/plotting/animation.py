"""Animated races: several methods' paths drawn step by step over the contours of one surface.

In the spirit of Alec Radford's well-known optimizer animations. Nothing here
runs an optimizer: pass in the Trajectories from `adaptive_lr.compare`.
"""

from collections.abc import Mapping

import numpy
import PIL.Image
from matplotlib.animation import FuncAnimation
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg

from .. import _checks
from . import _TINY, color_of, contour


def frame_steps(trajectories, frames):
    """The step each frame shows: `frames` steps spread evenly from 0 to the end of the longest run."""
    longest = max(path.steps for path in trajectories.values())
    return numpy.round(numpy.linspace(0, longest, frames)).astype(int)


def animate(ax, f, trajectories, frames=60, interval=100, window=None):
    """Animate trajectories racing over the contours of f; return the FuncAnimation.

    ax: the axes to draw on; its figure becomes the animation.
    f: the 2-D surface the trajectories ran on (a TestFunction brings its window).
    trajectories: {name: Trajectory}, as returned by `adaptive_lr.compare`.
    frames: how many pictures (>= 2). Frame k draws every path up to step
        `frame_steps(trajectories, frames)[k]`, with a dot at its head; a run
        that diverged stops at its last finite iterate, marked by a cross.
    interval: milliseconds between frames when played.

    The contours, axes and legend (beside the axes: make the figure with
    layout="constrained" to leave it room) are drawn once and frozen into an
    image, and each frame only moves the lines. In a notebook, show the animation
    with IPython.display.HTML(animation.to_jshtml()), then close the figure
    with plt.close(ax.figure) so that no static copy is shown as well.
    """
    if not isinstance(trajectories, Mapping) or not trajectories:
        raise TypeError(
            f"trajectories must be a non-empty dict {{name: Trajectory}}, got {trajectories!r}")
    frames = _checks.positive_int("frames", frames)
    if frames < 2:
        raise ValueError(f"frames must be at least 2 (the start and one more), got {frames!r}")
    interval = _checks.positive("interval", interval)

    contour(ax, f, window)
    start = next(iter(trajectories.values())).w[0]
    ax.plot(*start, "s", color="black", markersize=6, label="start")
    racers = []
    for index, (name, path) in enumerate(trajectories.items()):
        color = color_of(name, index)
        (line,) = ax.plot([], [], "-", color=color, linewidth=1.6, label=name)
        (head,) = ax.plot([], [], "o", color=color, markersize=6)
        racers.append((path, line, head))
    # Beside the axes, so that it hides no path; a figure made with layout="constrained" leaves it room.
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="small")
    shown = frame_steps(trajectories, frames)
    surface = getattr(f, "name", "f")
    title = ax.set_title(f"{surface}: step {shown[-1]}", y=1.01)  # a fixed height: no axis to dodge
    _freeze_background(ax, moving=[title] + [artist for _, line, head in racers for artist in (line, head)])

    def draw_frame(k):
        for path, line, head in racers:
            last = min(shown[k], path.steps)
            line.set_data(path.w[: last + 1, 0], path.w[: last + 1, 1])
            head.set_data([path.w[last, 0]], [path.w[last, 1]])
            head.set_marker("X" if path.diverged and last == path.steps else "o")
        title.set_text(f"{surface}: step {shown[k]}")

    draw_frame(0)
    return FuncAnimation(ax.figure, draw_frame, frames=frames, interval=interval, repeat=True,
                         cache_frame_data=False)


def _freeze_background(ax, moving):
    """Paint one picture of ax's figure, taken without the `moving` artists, instead of redrawing it.

    Saving an animation redraws the whole figure twice per frame; redrawing
    the contours, tick labels and legend (and re-running the layout) every
    time is what makes that slow.
    """
    figure = ax.figure
    if not hasattr(figure.canvas, "buffer_rgba"):
        FigureCanvasAgg(figure)  # a bare Figure() has no pixels to take a picture of
    figure.canvas.draw()  # a layout engine makes room for everything, the title included
    figure.set_layout_engine("none")  # and then nothing may move: the picture is taken
    for artist in moving:
        artist.set_visible(False)
    figure.canvas.draw()
    figure.add_artist(_Backdrop(figure.canvas))
    for artist in ax.get_children():
        artist.set_visible(artist in moving)
    ax.set_axis_off()


class _Backdrop(Artist):
    """A picture of a figure's canvas, painted back underneath everything else."""

    def __init__(self, canvas):
        super().__init__()
        self.set_zorder(-1)
        self.pixels = numpy.asarray(canvas.buffer_rgba())[::-1].copy()  # bottom row first, for draw_image
        self.fitted = {}  # the picture resized to each canvas size met so far

    def draw(self, renderer):
        # Saving can change the canvas by a pixel (movie writers round it to even sizes) or
        # change its dpi; a picture fitted once per size keeps every frame a plain paste.
        size = (int(renderer.width), int(renderer.height))
        if size not in self.fitted:
            height, width = self.pixels.shape[:2]
            picture = PIL.Image.fromarray(self.pixels)
            self.fitted[size] = numpy.array(picture if size == (width, height) else picture.resize(size))
        renderer.draw_image(renderer.new_gc(), 0, 0, self.fitted[size])


def coordinate_curves(ax, trajectories, index, log=True):
    """|w_index^(t)| against the step t, one line per Trajectory.

    On a log scale, a coordinate that grows by a constant factor per step (gradient
    descent sliding off a ridge) is a straight line, and a jump is a jump.
    """
    for k, (name, path) in enumerate(trajectories.items()):
        if not 0 <= index < path.w.shape[1]:
            raise ValueError(f"index must be a coordinate of w, 0 to {path.w.shape[1] - 1}, got {index!r}")
        ax.plot(numpy.arange(path.steps + 1), numpy.maximum(numpy.abs(path.w[:, index]), _TINY),
                color=color_of(name, k), linewidth=1.6, label=name)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("step $t$")
    ax.set_ylabel(f"$|w_{index + 1}^{{(t)}}|$")
    if trajectories:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)
    return ax
