"""Rendering messages from the Turkish templates in `templates/` (Jinja2)."""
from jinja2 import Environment, PackageLoader, StrictUndefined

_env = Environment(loader=PackageLoader("notify", "templates"), undefined=StrictUndefined, autoescape=False,
                   keep_trailing_newline=False)


def render(kind, channel, context):
    """`(subject, body)` of a message of `kind` for `channel` (e-mail and post share a template)."""
    if channel == "sms":
        return "", _env.get_template("sms.j2").render(kind=kind, **context).strip()
    subject = _env.get_template(f"{kind}.subject.j2").render(**context).strip()
    body = _env.get_template(f"{kind}.body.j2").render(**context).strip() + "\n"
    return subject, body
