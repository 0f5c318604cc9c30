"""What machine the figures come from: cores, CPU model, memory, and the servers' versions."""
import os
import platform
from urllib.parse import unquote, urlparse

import amqp
import psycopg2


def describe(pg_url, amqp_uri):
    """Cores, CPU model, memory, Python, PostgreSQL and RabbitMQ versions (None where unknown)."""
    return {
        "cores": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gib": _memory_gib(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "postgresql": _ask(lambda: _postgres_version(pg_url)),
        "rabbitmq": _ask(lambda: _rabbitmq_version(amqp_uri)),
    }


def _ask(question):
    try:
        return question()
    except Exception:  # a version is nice to have, never worth failing the run for
        return None


def _cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _memory_gib():
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _postgres_version(pg_url):
    conn = psycopg2.connect(pg_url, connect_timeout=5)
    try:
        with conn.cursor() as cur:
            cur.execute("SHOW server_version")
            return cur.fetchone()[0]
    finally:
        conn.close()


def _rabbitmq_version(amqp_uri):
    url = urlparse(amqp_uri)
    conn = amqp.Connection(host=f"{url.hostname}:{url.port or 5672}", userid=unquote(url.username or "guest"),
                           password=unquote(url.password or "guest"),
                           virtual_host=unquote(url.path[1:]) or "/", connect_timeout=5)
    conn.connect()
    try:
        version = conn.server_properties.get("version")
        return version.decode() if isinstance(version, bytes) else version
    finally:
        conn.close()
