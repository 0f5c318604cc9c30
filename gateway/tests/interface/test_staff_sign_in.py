"""Staff sign in, refresh, sign out, change their password; repeated failures lock the account."""
import psycopg2
import requests

from tests.support.audit import audit_actions
from gateway.accounts import LOCK_AFTER


def me(gateway, headers):
    return requests.get(gateway.url + "/api/v1/auth/me", headers=headers, timeout=10)


def test_sign_in_gives_a_token_that_opens_the_api(gateway):
    signed_in = gateway.sign_in()
    assert signed_in.status_code == 200
    tokens = signed_in.json()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 900 and tokens["role"] == "pr_officer"
    shown = me(gateway, {"Authorization": f"Bearer {tokens['access_token']}"}).json()
    assert shown["username"] == "pr" and shown["role_label"] == "Halkla ilişkiler masası"
    assert "auth.sign_in" in audit_actions(gateway.db_url)


def test_a_wrong_password_and_an_unknown_user_look_the_same(gateway):
    wrong = gateway.sign_in(password="Yanlis-Parola-1")
    unknown = gateway.sign_in(username="kimse")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["title"] == unknown.json()["title"]


def test_repeated_failures_lock_the_account_even_for_the_right_password(gateway):
    for _ in range(LOCK_AFTER - 1):
        assert gateway.sign_in(password="Yanlis-Parola-1").status_code == 401
    locked = gateway.sign_in(password="Yanlis-Parola-1")
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) > 60
    assert gateway.sign_in().status_code == 429


def test_the_lockout_answers_the_same_for_an_unknown_and_a_known_account(gateway):
    def attempts(username):
        return [gateway.sign_in(username=username, password="Yanlis-Parola-1") for _ in range(LOCK_AFTER + 1)]

    def shape(response):
        body = response.json()
        headers = {name: value for name, value in response.headers.items()
                   if name not in ("Date", "X-Correlation-Id", "Content-Length", "Retry-After")}
        return (response.status_code, headers, body["type"], body["title"], body.get("detail"),
                sorted(body), "Retry-After" in response.headers)

    known, unknown = attempts("pr"), attempts("kimse-yok")
    assert [shape(r) for r in known] == [shape(r) for r in unknown]
    assert [r.status_code for r in unknown] == [401] * (LOCK_AFTER - 1) + [429, 429]
    for k, u in zip(known[-2:], unknown[-2:]):  # the same wait, give or take the second it took
        assert abs(int(k.headers["Retry-After"]) - int(u.headers["Retry-After"])) <= 2


def test_every_sign_in_checks_a_password_hash_whatever_the_account(gateway, monkeypatch):
    from gateway import passwords
    checked = []
    real = passwords.verify_password
    monkeypatch.setattr(passwords, "verify_password", lambda stored, given: checked.append(stored) or real(stored, given))
    for _ in range(LOCK_AFTER + 1):
        gateway.sign_in(username="kimse-yok", password="Yanlis-Parola-1")
        gateway.sign_in(password="Yanlis-Parola-1")
    assert len(checked) == 2 * (LOCK_AFTER + 1)  # locked or not, known or not


def test_a_refresh_token_works_once_and_its_reuse_ends_the_sign_in(gateway):
    first = gateway.sign_in().json()
    refreshed = requests.post(gateway.url + "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]},
                              timeout=10)
    assert refreshed.status_code == 200
    second = refreshed.json()
    assert second["refresh_token"] != first["refresh_token"]
    replay = requests.post(gateway.url + "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]},
                           timeout=10)
    assert replay.status_code == 401
    # someone replayed a used token: the legitimate holder's newer token is revoked as well
    after = requests.post(gateway.url + "/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]},
                          timeout=10)
    assert after.status_code == 401


def test_sign_out_revokes_the_refresh_token(gateway):
    tokens = gateway.sign_in().json()
    out = requests.post(gateway.url + "/api/v1/auth/sign-out", json={"refresh_token": tokens["refresh_token"]},
                        timeout=10)
    assert out.status_code == 204
    assert requests.post(gateway.url + "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]},
                         timeout=10).status_code == 401


def test_password_change_checks_the_old_one_and_the_policy_and_ends_other_sign_ins(gateway):
    other_device = gateway.sign_in().json()
    headers = gateway.bearer()
    url = gateway.url + "/api/v1/auth/password"
    wrong = requests.post(url, json={"current_password": "nope", "new_password": "Yeni-Parola-2027"},
                          headers=headers, timeout=10)
    assert wrong.status_code == 422 and "current_password" in wrong.json()["errors"]
    weak = requests.post(url, json={"current_password": "Gaziemir-2026!", "new_password": "kisa"},
                         headers=headers, timeout=10)
    assert weak.status_code == 422 and "new_password" in weak.json()["errors"]
    changed = requests.post(url, json={"current_password": "Gaziemir-2026!", "new_password": "Yeni-Parola-2027"},
                            headers=headers, timeout=10)
    assert changed.status_code == 204
    assert gateway.sign_in().status_code == 401
    assert gateway.sign_in(password="Yeni-Parola-2027").status_code == 200
    assert requests.post(gateway.url + "/api/v1/auth/refresh", json={"refresh_token": other_device["refresh_token"]},
                         timeout=10).status_code == 401


def test_a_disabled_user_cannot_sign_in_or_refresh(gateway):
    tokens = gateway.sign_in().json()
    conn = psycopg2.connect(gateway.db_url)
    with conn, conn.cursor() as cur:
        cur.execute("UPDATE staff_users SET active = false WHERE username = 'pr'")
    conn.close()
    assert gateway.sign_in().status_code == 401
    assert requests.post(gateway.url + "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]},
                         timeout=10).status_code == 401


def test_an_expired_or_forged_access_token_is_refused_over_http(gateway):
    import time

    from gateway import tokens

    user = {"id": "00000000-0000-0000-0000-000000000001", "role": "admin", "directorate": None, "username": "x"}
    expired = tokens.issue_access_token(tokens.TokenSettings("interface-jwt-secret"), user, time.time() - 3600)
    forged = tokens.issue_access_token(tokens.TokenSettings("someone-elses-secret"), user, time.time())
    for token in (expired, forged, "not-a-jwt"):
        refused = me(gateway, {"Authorization": f"Bearer {token}"})
        assert refused.status_code == 401 and refused.json()["type"].endswith("/token-rejected")
