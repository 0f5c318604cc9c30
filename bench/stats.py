"""Small statistics over latencies and counts."""
import math


def percentile(values, fraction):
    """Nearest-rank percentile (`fraction` 0.5 for p50, 0.99 for p99) of `values`; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def rate(count, seconds):
    return count / seconds if seconds > 0 else 0.0


def ms(seconds):
    return None if seconds is None else round(seconds * 1000, 1)
