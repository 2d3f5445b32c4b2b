"""Linear and logarithmic scales with readable ticks, for charts and plots.

Ticks land on 1, 2 or 5 times a power of ten (linear) or on powers of ten
(log), and numbers print the way a person writes them on a whiteboard: 0.5,
40, 3.4M. Pure Python, no Sphinx.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SUFFIXES = ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))


def nice_step(span: float, target: int = 5) -> float:
    """A step of 1, 2 or 5 times a power of ten giving about ``target`` intervals over ``span``."""
    if not span > 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(target, 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def linear_ticks(low: float, high: float, target: int = 5, step: float | None = None) -> list[float]:
    """Tick values from ``low`` to ``high`` inclusive, on multiples of the step (at most 200)."""
    step = step if step and step > 0 else nice_step(high - low, target)
    if (high - low) / step > 200:
        step = nice_step(high - low, target)
    first = math.ceil(low / step - 1e-9)
    out: list[float] = []
    k = first
    while k * step <= high + step * 1e-9 and len(out) < 201:
        out.append(round(k * step, 12) + 0.0)
        k += 1
    return out


def log_ticks(low: float, high: float) -> list[float]:
    """Powers of ten from ``low`` to ``high`` (both positive)."""
    first, last = math.ceil(math.log10(low) - 1e-9), math.floor(math.log10(high) + 1e-9)
    step = max(1, math.ceil((last - first + 1) / 8))
    return [10.0**k for k in range(first, last + 1, step)]


def short(value: float) -> str:
    """``990000000`` -> ``990M``, ``0.5`` -> ``0.5``, ``3.0`` -> ``3``: three significant digits at most."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    for size, suffix in SUFFIXES:
        if abs(value) >= size:
            return _digits(value / size) + suffix
    return _digits(value)


def _digits(value: float) -> str:
    return f"{value:.3g}"


@dataclass(frozen=True)
class Scale:
    """Maps data values in [low, high] to pixels in [start, end]; log scales map log10 linearly."""

    low: float
    high: float
    start: float
    end: float
    log: bool = False

    def __call__(self, value: float) -> float:
        if self.log:
            value = math.log10(max(value, 1e-300))
            low, high = math.log10(self.low), math.log10(self.high)
        else:
            low, high = self.low, self.high
        if high == low:
            return (self.start + self.end) / 2
        return self.start + (value - low) / (high - low) * (self.end - self.start)

    def ticks(self, target: int = 5, step: float | None = None) -> list[float]:
        return log_ticks(self.low, self.high) if self.log else linear_ticks(self.low, self.high, target, step)


def value_range(values: list[float], log: bool) -> tuple[float, float]:
    """The axis range that holds ``values``: from 0 (linear) or a power of ten (log), padded to a nice end."""
    finite = [v for v in values if math.isfinite(v) and (v > 0 or not log)]
    if not finite:
        return (1.0, 10.0) if log else (0.0, 1.0)
    if log:
        low = 10 ** math.floor(math.log10(min(finite)))
        high = 10 ** math.ceil(math.log10(max(finite)))
        return (low, high if high > low else low * 10)
    low, high = min(0.0, min(finite)), max(0.0, max(finite))
    if high == low:
        high = low + 1
    step = nice_step(high - low)
    return (math.floor(low / step) * step, math.ceil(high / step) * step)
