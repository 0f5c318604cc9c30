"""Rate limits per user, client and address, against a clock the test moves by hand."""
import pytest

from gateway.ratelimit import RateLimiter, TokenBucket, parse_limits


class FakeClock:
    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


LIMITS = {"user": (3, 1.0), "client": (5, 0.5), "address": (10, 10.0)}


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def limiter(clock):
    return RateLimiter(LIMITS, clock=clock)


def test_requests_are_allowed_up_to_the_capacity_then_refused_with_a_retry_after(limiter):
    assert [limiter.check(("user", "u-1")) for _ in range(3)] == [None, None, None]
    assert limiter.check(("user", "u-1")) == 1


def test_the_retry_after_is_rounded_up_to_whole_seconds(limiter):
    for _ in range(5):
        assert limiter.check(("client", "cimer")) is None
    assert limiter.check(("client", "cimer")) == 2  # 0.5 token a second: two seconds for the next one


def test_the_retry_after_is_at_least_one_second_even_when_the_wait_is_shorter(limiter):
    for _ in range(10):
        assert limiter.check(("address", "10.0.0.1")) is None
    assert limiter.check(("address", "10.0.0.1")) == 1  # a token every 0.1 s


def test_the_bucket_refills_over_time_but_not_beyond_its_capacity(limiter, clock):
    for _ in range(3):
        limiter.check(("user", "u-1"))
    clock.advance(0.5)
    assert limiter.check(("user", "u-1")) == 1
    clock.advance(0.5)
    assert limiter.check(("user", "u-1")) is None
    assert limiter.check(("user", "u-1")) == 1
    clock.advance(3600)
    assert [limiter.check(("user", "u-1")) for _ in range(4)] == [None, None, None, 1]


def test_keys_are_independent(limiter):
    for _ in range(3):
        limiter.check(("user", "u-1"))
    assert limiter.check(("user", "u-1")) == 1
    assert limiter.check(("user", "u-2")) is None
    assert limiter.check(("address", "u-1")) is None


def test_a_refusal_takes_nothing_from_any_bucket(limiter, clock):
    for _ in range(3):
        limiter.check(("user", "u-1"))
    for _ in range(20):
        assert limiter.check(("client", "cimer"), ("user", "u-1")) == 1
    # the client's bucket was not drained by the refused requests
    assert [limiter.check(("client", "cimer")) for _ in range(6)] == [None] * 5 + [2]


def test_the_retry_after_is_that_of_the_emptiest_bucket(limiter):
    for _ in range(3):
        limiter.check(("user", "u-1"))
    for _ in range(5):
        limiter.check(("client", "cimer"))
    assert limiter.check(("user", "u-1"), ("client", "cimer")) == 2


def test_an_allowed_request_is_charged_to_every_key(limiter):
    for _ in range(3):
        assert limiter.check(("user", "u-1"), ("client", "cimer")) is None
    assert limiter.check(("user", "u-1")) == 1
    assert [limiter.check(("client", "cimer")) for _ in range(3)] == [None, None, 2]


def test_a_key_given_twice_in_one_request_is_charged_once(limiter):
    assert limiter.check(("user", "u-1"), ("user", "u-1")) is None
    assert [limiter.check(("user", "u-1")) for _ in range(3)] == [None, None, 1]


def test_no_keys_is_allowed(limiter):
    assert limiter.check() is None


def test_a_kind_without_a_limit_is_an_error_not_a_free_pass(limiter):
    with pytest.raises(ValueError):
        limiter.check(("usr", "u-1"))


def test_memory_is_bounded_by_dropping_the_least_recently_used_key(clock):
    limiter = RateLimiter(LIMITS, clock=clock, max_keys=3)
    for name in ("a", "b", "c"):
        limiter.check(("user", name))
    limiter.check(("user", "a"))  # "a" is now the most recently used, "b" the least
    limiter.check(("user", "d"))
    assert len(limiter) == 3
    assert ("user", "b") not in limiter
    assert all(("user", name) in limiter for name in ("a", "c", "d"))
    for name in range(1000):
        limiter.check(("address", str(name)))
    assert len(limiter) == 3


def test_invalid_limits_fail_at_construction():
    with pytest.raises(ValueError):
        RateLimiter({"user": (0, 1.0)})
    with pytest.raises(ValueError):
        RateLimiter({"user": (10, 0)})
    with pytest.raises(ValueError):
        RateLimiter(LIMITS, max_keys=0)


def test_a_token_bucket_starts_full_and_says_how_long_until_the_next_token():
    bucket = TokenBucket(2, 0.25, now=0.0)
    assert bucket.wait(0.0) == 0.0
    bucket.take(0.0)
    bucket.take(0.0)
    assert bucket.wait(0.0) == pytest.approx(4.0)
    assert bucket.wait(1.0) == pytest.approx(3.0)
    assert bucket.wait(4.0) == 0.0


def test_limits_are_parsed_as_requests_per_seconds():
    assert parse_limits("user=60/60,client=600/60,address=120/60") == {
        "user": (60, 1.0), "client": (600, 10.0), "address": (120, 2.0)}
    assert parse_limits(" user = 5/10 ") == {"user": (5, 0.5)}


@pytest.mark.parametrize("text", [
    "", "  ", "user", "user=60", "user=60/", "user=/60", "user=60/0", "user=0/60", "user=-1/60", "user=1.5/60",
    "user=60/60,", "user=60/60,user=30/60", "=60/60", "user:60/60", "user=sixty/60",
])
def test_bad_limits_are_refused_with_a_clear_message(text):
    with pytest.raises(ValueError, match="rate limit"):
        parse_limits(text)
