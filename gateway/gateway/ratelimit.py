"""Rate limits per user, per API client and per address: token buckets held in memory, LRU-bounded.

Each kind of identity has its own limit, e.g. `GATEWAY_RATE_LIMITS="user=60/60,client=600/60,address=120/60"`
(60 requests per 60 seconds, with bursts of up to 60). A request is charged to every key it carries,
all or nothing, and a refusal says how long to wait: the `Retry-After` of the 429 answer.

The buckets live in one gateway process; with several gateway replicas each enforces its own share.
"""
import math
import re
import time
from collections import OrderedDict

# float arithmetic may leave a refilled bucket a hair under one token; that still counts as one
_EPSILON = 1e-9

_LIMIT = re.compile(r"([a-z][a-z0-9_]*)=([0-9]+)/([0-9]+)")


class TokenBucket:
    """`capacity` tokens at most, refilled continuously at `refill_per_second`; starts full."""

    __slots__ = ("capacity", "refill_per_second", "tokens", "updated")

    def __init__(self, capacity, refill_per_second, now=0.0):
        if capacity < 1 or refill_per_second <= 0:
            raise ValueError("a token bucket needs capacity >= 1 and refill_per_second > 0")
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self.tokens = float(capacity)
        self.updated = now

    def wait(self, now):
        """Seconds until one token is available at `now` (0.0 when one is); refills first."""
        self._refill(now)
        if self.tokens >= 1 - _EPSILON:
            return 0.0
        return (1 - self.tokens) / self.refill_per_second

    def take(self, now):
        """Consume one token; the caller has checked `wait(now) == 0`."""
        self._refill(now)
        self.tokens = max(0.0, self.tokens - 1)

    def _refill(self, now):
        elapsed = now - self.updated
        if elapsed > 0:
            self.tokens = min(self.capacity, self.tokens + elapsed * self.refill_per_second)
            self.updated = now


class RateLimiter:
    """Token buckets per `(kind, identity)` key, with one `(capacity, refill_per_second)` limit per kind.

    At most `max_keys` buckets are kept; the least recently used is dropped first. A dropped key comes
    back with a full bucket, so `max_keys` should sit well above the number of identities active
    within one refill period.
    """

    def __init__(self, limits, clock=time.monotonic, max_keys=100_000):
        if max_keys < 1:
            raise ValueError("max_keys must be at least 1")
        self.limits = {kind: (capacity, rate) for kind, (capacity, rate) in limits.items()}
        for capacity, rate in self.limits.values():
            TokenBucket(capacity, rate)  # validates the limit now rather than on the first request
        self.clock = clock
        self.max_keys = max_keys
        self._buckets = OrderedDict()

    def check(self, *keys):
        """Charge one request to every `(kind, identity)` key.

        Returns None when every bucket had a token (one is then taken from each), else the whole
        seconds, at least 1, until the emptiest bucket has a token again; then nothing is taken.
        A kind without a configured limit is an error, so a typo cannot switch a limit off.
        """
        # No lock: nameko runs green threads, which switch only on I/O, and nothing between reading
        # and updating the buckets here does I/O. Real threads would need a lock around this body.
        now = self.clock()
        buckets = [self._bucket(key, now) for key in dict.fromkeys(keys)]
        longest = max((bucket.wait(now) for bucket in buckets), default=0.0)
        if longest > 0:
            return max(1, math.ceil(longest))
        for bucket in buckets:
            bucket.take(now)
        return None

    def __len__(self):
        return len(self._buckets)

    def __contains__(self, key):
        return key in self._buckets

    def _bucket(self, key, now):
        kind, _identity = key
        bucket = self._buckets.get(key)
        if bucket is not None:
            self._buckets.move_to_end(key)
            return bucket
        if kind not in self.limits:
            raise ValueError(f"no rate limit configured for kind {kind!r}")
        bucket = self._buckets[key] = TokenBucket(*self.limits[kind], now=now)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return bucket


def parse_limits(text):
    """`{kind: (capacity, refill_per_second)}` from "user=60/60,client=600/60" (requests/seconds)."""
    if not (text or "").strip():
        raise ValueError("no rate limits given: expected e.g. user=60/60,client=600/60,address=120/60")
    limits = {}
    for entry in (part.strip() for part in text.split(",")):
        match = _LIMIT.fullmatch(entry.replace(" ", ""))
        if not match:
            raise ValueError(
                f"bad rate limit {entry!r}: expected kind=requests/seconds, e.g. user=60/60")
        kind, requests, seconds = match.group(1), int(match.group(2)), int(match.group(3))
        if requests < 1 or seconds < 1:
            raise ValueError(f"bad rate limit {entry!r}: requests and seconds must be at least 1")
        if kind in limits:
            raise ValueError(f"rate limit for {kind!r} given twice")
        limits[kind] = (requests, requests / seconds)
    return limits
