"""`gateway-admin`, as operations use it: accounts, clients, and a broker user for another system."""
import re
import subprocess
import sys
import uuid
from urllib.parse import quote, urlsplit

import amqp.exceptions
import pytest
from kombu import Connection

from contracts import inbound, intake
from deploy.local.clients import gateway_store
from gateway import accounts
from gateway.errors import SignInFailed
from gateway.security import Settings
from gateway.tokens import TokenSettings
from servicekit import topology


def admin(db_url, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "gateway.cli", *args], input=stdin, capture_output=True, text=True,
                          timeout=60, env={"DB_URL": db_url, "API_KEY_MASTER": "cli-master", "PATH": "/usr/bin:/bin"})


def test_a_user_is_created_can_sign_in_and_is_disabled(gateway_db):
    created = admin(gateway_db, "create-user", "ayse", "--name", "Ayşe Yılmaz", "--role", "pr_officer",
                    "--password-stdin", stdin="Gaziemir-2026!\n")
    assert created.returncode == 0, created.stderr
    store = gateway_store(gateway_db)
    settings = Settings(TokenSettings("s" * 32), "cli-master").token
    tokens, user = accounts.sign_in(store, settings, "ayse", "Gaziemir-2026!")
    assert user["role"] == "pr_officer" and tokens["access_token"]
    assert admin(gateway_db, "disable-user", "ayse").returncode == 0
    with pytest.raises(SignInFailed):
        accounts.sign_in(store, settings, "ayse", "Gaziemir-2026!")


def test_bad_input_is_refused_with_reasons(gateway_db):
    weak = admin(gateway_db, "create-user", "ali", "--name", "Ali", "--role", "pr_officer", "--password-stdin",
                 stdin="kisa\n")
    assert weak.returncode == 2 and "password" in weak.stderr
    no_directorate = admin(gateway_db, "create-user", "veli", "--name", "Veli", "--role", "directorate_staff",
                           "--password-stdin", stdin="Gaziemir-2026!\n")
    assert no_directorate.returncode == 2 and "directorate" in no_directorate.stderr
    scope = admin(gateway_db, "create-client", "x", "--name", "X", "--scope", "everything")
    assert scope.returncode == 2 and "Bilinmeyen yetki" in scope.stderr


def test_a_client_key_is_shown_once_and_rotation_gives_a_new_one(gateway_db):
    made = admin(gateway_db, "create-client", "cimer", "--name", "CİMER", "--scope", "applications:submit")
    assert made.returncode == 0, made.stderr
    first_key = re.search(r"X-Key-Id\): (\S+)", made.stdout).group(1)
    rotated = admin(gateway_db, "rotate-key", "cimer", "--overlap-hours", "2")
    assert rotated.returncode == 0 and first_key not in rotated.stdout and "2.0 saat" in rotated.stdout


def test_a_broker_user_for_another_system_may_only_publish_to_the_inbound_exchange(amqp_uri):
    vhost = amqp_uri.rsplit("/", 1)[1]
    topology.declare_all(amqp_uri)  # what the platform declares; the new user may declare nothing
    username = f"portal-{uuid.uuid4().hex[:8]}"
    made = subprocess.run([sys.executable, "-m", "gateway.cli", "create-amqp-user", username, "--vhost", vhost],
                          capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    password = re.search(r"parola \(bir kez gösterilir\): (\S+)", made.stdout).group(1)
    broker = urlsplit(amqp_uri)  # the same vhost, as the new user instead of the test's own
    as_portal = broker._replace(netloc=f"{quote(username, safe='')}:{quote(password, safe='')}@"
                                       f"{broker.hostname}:{broker.port}").geturl()
    assert as_portal != amqp_uri
    try:
        with Connection(as_portal) as conn:
            producer = conn.Producer()
            producer.publish({"hello": 1}, exchange=topology.event_exchange(inbound.EXCHANGE),
                             routing_key=inbound.APPLICATION_SUBMITTED)
        with pytest.raises(amqp.exceptions.AccessRefused):
            with Connection(as_portal) as conn:
                conn.Producer().publish({"forged": 1}, exchange=topology.event_exchange(intake.EXCHANGE),
                                        routing_key=intake.APPLICATION_RECEIVED)
                conn.channel().basic_qos(0, 1, False)  # a round trip: the refusal arrives
        with pytest.raises(amqp.exceptions.AccessRefused):
            with Connection(as_portal) as conn:
                conn.channel().basic_get("intake.ebelediye.application_submitted")
    finally:
        subprocess.run(["rabbitmqctl", "-q", "delete_user", username], check=False, capture_output=True)
