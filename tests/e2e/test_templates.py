"""An admin edits a Turkish template through the gateway; the next message reads the new way."""
import pytest

from tests.support.broker import wait_until

from .conftest import staff

pytestmark = pytest.mark.e2e


def test_an_edited_template_is_checked_versioned_and_used(system, cimer):
    admin = staff(system, "admin")
    broken = admin.session.put(f"{system.url}/api/v1/templates/receipt.subject.j2",
                               json={"content": "{{ olmayan_alan }}"}, timeout=30)
    assert broken.status_code == 422 and "content" in broken.json()["errors"]
    preview = admin.post("/api/v1/templates/receipt.subject.j2/preview",
                         {"content": "Alındı: {{ tracking_number }} ({{ subject }})"}).json()
    assert preview["subject"] == "Alındı: GZM-2026-000123 (Çöp toplanmıyor)"
    saved = admin.session.put(f"{system.url}/api/v1/templates/receipt.subject.j2",
                              json={"content": "Başvurunuz kayda alındı: {{ tracking_number }}"}, timeout=30).json()
    assert saved["version"] == 1
    listed = {t["name"]: t for t in admin.get("/api/v1/templates").json()["templates"]}
    assert listed["receipt.subject.j2"]["version"] == 1 and listed["answer.body.j2"]["version"] == 0

    app = cimer.post("/api/v1/applications", {
        "channel": "cimer", "type": "sikayet", "category": "cop", "subject": "Şablon",
        "body": "Şablon denemesi için başvuru.", "applicant": {"full_name": "Ali Kaya",
                                                               "email": "sablon@example.org"}}).json()
    assert wait_until(lambda: [m for m in system.smtp_sink.messages()
                               if m["Subject"] == f"Başvurunuz kayda alındı: {app['tracking_number']}"], timeout=20)
    assert staff(system, "pr").session.put(f"{system.url}/api/v1/templates/receipt.subject.j2",
                                           json={"content": "x"}, timeout=30).status_code == 403


def test_a_template_that_reaches_for_python_internals_is_refused_in_preview_and_save(system):
    attack = {"content": "{{ cycler.__init__.__globals__.os.popen('id').read() }}"}
    preview = staff(system, "pr").session.post(f"{system.url}/api/v1/templates/receipt.body.j2/preview",
                                               json=attack, timeout=30)
    assert preview.status_code == 422 and "uid=" not in preview.text
    assert "izin verilmeyen" in preview.json()["errors"]["content"][0]
    saved = staff(system, "admin").session.put(f"{system.url}/api/v1/templates/receipt.body.j2", json=attack,
                                               timeout=30)
    assert saved.status_code == 422 and "uid=" not in saved.text
