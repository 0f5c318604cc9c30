"""Configuration: nameko's config.yml reads environment variables (`${NAME:default}`); these
helpers read the few settings servicekit needs with defaults that work on a laptop."""
import os

DEFAULT_AMQP_URI = "amqp://guest:guest@127.0.0.1:5672/"


def env(name, default=None):
    value = os.environ.get(name)
    return default if value in (None, "") else value


def setting(config, key, default=None):
    """A setting from a nameko container config, falling back to `default`."""
    value = config.get(key)
    return default if value in (None, "") else value
