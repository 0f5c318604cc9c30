"""Templates staff edit are rendered in Jinja2's immutable sandbox: what the security review ran through a
preview (a shell command, the service's configuration) is refused with a reason, never rendered."""
import os

import pytest

from notify import messages

ATTACKS = (
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].environ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ joiner.__init__.__globals__.__builtins__['open']('/etc/passwd').read() }}",
    "{% set x = reasons.append(1) %}{{ reasons }}",
)


@pytest.mark.parametrize("content", ATTACKS)
def test_a_template_reaching_for_python_internals_is_refused_not_rendered(content):
    name = "not_processed.body.j2"
    with pytest.raises(messages.InvalidTemplate) as refused:
        messages.preview(name, content=content)
    [reason] = refused.value.args[0]["content"]
    assert "izin verilmeyen" in reason and "uid=" not in reason


def test_the_environment_is_not_reachable_through_a_template():
    os.environ["NOTIFY_SANDBOX_PROBE"] = "gizli-deger"
    try:
        with pytest.raises(messages.InvalidTemplate):
            messages.preview("receipt.subject.j2", content="{{ cycler.__init__.__globals__.os.environ }}")
    finally:
        del os.environ["NOTIFY_SANDBOX_PROBE"]


def test_a_refused_template_saved_before_the_sandbox_gives_way_to_the_shipped_one():
    overrides = {"receipt.subject.j2": "{{ cycler.__init__.__globals__.os.popen('id').read() }}"}
    subject, body = messages.render("receipt", "email", messages.SAMPLES["receipt"], overrides)
    assert subject == messages.render("receipt", "email", messages.SAMPLES["receipt"])[0]
    assert "uid=" not in subject + body


def test_shipped_templates_and_the_usual_filters_still_render_in_the_sandbox():
    shown = messages.preview("receipt.subject.j2", content="{{ subject|upper }} — {{ tracking_number }}")
    assert shown["subject"] == "ÇÖP TOPLANMIYOR — GZM-2026-000123"
    for name in messages.template_names():
        assert messages.preview(name), name
