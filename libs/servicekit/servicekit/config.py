"""Configuration comes from the environment: each service's nameko `config.yml` reads
`${NAME:default}` values, with defaults that work on a developer's machine (README.md lists them).
Tools outside a container (the `deadletters` command) read the same variables with these defaults."""

DEFAULT_AMQP_URI = "amqp://guest:guest@127.0.0.1:5672/"
