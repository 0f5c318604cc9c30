"""Rendering messages from the Turkish templates: the files shipped in `templates/`, overridden by the
newest version staff saved (table `templates`)."""
import logging
from datetime import datetime, timezone
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader, PackageLoader, StrictUndefined, TemplateError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from contracts import errors
from contracts.notify_api import TEMPLATE_NAMES

log = logging.getLogger(__name__)

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
SMS_KINDS = ("receipt", "not_processed", "extension", "forwarded", "fee", "answer", "invitation")

# what each template is rendered with for a preview, and to check an edit before it is saved
SAMPLES = {
    "receipt": {"full_name": "Ayşe Yılmaz", "tracking_number": "GZM-2026-000123", "subject": "Çöp toplanmıyor",
                "lookup_code": "K7P2-M9QX", "received_on": "13.03.2026"},
    "not_processed": {"full_name": None, "tracking_number": "GZM-2026-000124", "received_on": "11.05.2026",
                      "reasons": [{"message": "Dilekçe sahibinin adı ve soyadı yazılmamış.",
                                   "article": "3071 s. Kanun m. 4"}]},
    "extension": {"full_name": "Mehmet Demir", "tracking_number": "GZM-2026-000125",
                  "reason": "Bilginin bir kısmı İzBB'den istenmiştir.", "legal_due_on": "26.06.2026"},
    "forwarded": {"full_name": "Ali Kaya", "tracking_number": "GZM-2026-000126",
                  "institution": "İzmir Büyükşehir Belediyesi", "reason": "Ana arter bakımı Büyükşehir'in görevidir."},
    "fee": {"full_name": "Mehmet Demir", "tracking_number": "GZM-2026-000125", "fee_amount": "45,00 TL"},
    "answer": {"full_name": "Ayşe Yılmaz", "tracking_number": "GZM-2026-000123", "interim": False,
               "text": "Aracın güzergâhı değişmişti; çöp toplama yeniden başladı.", "exemption_article": None,
               "remedy": None},
    "press_release": {"full_name": "Zeynep Ak", "title": "Sarnıç'a yeni park", "summary": "Park hizmete açıldı.",
                      "body": "Gaziemir Belediyesi Sarnıç Mahallesi'ndeki yeni parkı hizmete açtı.",
                      "url": "https://www.gaziemir.bel.tr/bultenler/yeni-park"},
    "invitation": {"full_name": "Hasan Çelik", "title": "29 Ekim Cumhuriyet Bayramı Töreni", "kind_label": "tören",
                   "starts_on": "29.10.2026", "starts_time": "10:00", "place": "Gaziemir Cumhuriyet Meydanı",
                   "reply_url": "https://e.gaziemir.bel.tr/api/v1/invitations/1/reply?token=abc"},
    "digest": {"subject": "Basın özeti — 26.11.2026", "text": "Dünkü haberler: 6 lehte, 2 aleyhte, 32 tarafsız."},
    "publication_issue": {"full_name": "Gaziemir Esnaf Odası", "publication_title": "Gaziemir Bülten",
                          "kind_label": "bülten", "number": 42, "issued_on": "25.11.2026",
                          "contents": "Sarnıç'ta yeni park; kültür takvimi",
                          "pdf_url": "https://www.gaziemir.bel.tr/api/v1/press/issues/1.pdf", "attached": True},
    "conference_materials": {"full_name": "Zeynep Şahin", "title": "2027 yatırım programı basın toplantısı",
                             "starts_on": "26.11.2026", "starts_time": "11:00", "place": "Belediye Meclis Salonu",
                             "note": "Sunum ve basın dosyası ektedir.", "filenames": ["sunum.pdf", "santiye.jpg"]},
}


InvalidTemplate = errors.InvalidTemplate  # `args[0]`: {field: [Turkish messages]} (422)


def _environment(overrides):
    # staff edit these templates: the sandbox keeps them from reaching Python's internals (an attribute
    # such as `__globals__` is refused) and from changing the values they are given
    return ImmutableSandboxedEnvironment(loader=ChoiceLoader([DictLoader(dict(overrides or {})), PackageLoader("notify", "templates")]),
                       undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True)


def template_names():
    """The templates staff may edit (`contracts.notify_api.TEMPLATE_NAMES`: a file of `templates/` each)."""
    return list(TEMPLATE_NAMES)


def shipped(name):
    return (TEMPLATE_DIR / name).read_text(encoding="utf-8")


def render(kind, channel, context, overrides=None):
    """`(subject, body)` of a message of `kind` for `channel` (e-mail and post share a template).

    A saved template the sandbox refuses (one saved before the sandbox existed) gives way to the shipped
    one, so the applicant is still told."""
    try:
        return _render(kind, channel, context, overrides)
    except SecurityError:
        log.warning("a saved template tried to reach what the sandbox refuses; the shipped one is used",
                    extra={"kind": kind, "channel": channel})
        return _render(kind, channel, context, None)


def _render(kind, channel, context, overrides):
    env = _environment(overrides)
    if channel == "sms":
        return "", env.get_template("sms.j2").render(kind=kind, **context).strip()
    subject = env.get_template(f"{kind}.subject.j2").render(**context).strip()
    body = env.get_template(f"{kind}.body.j2").render(**context).strip() + "\n"
    return subject, body


def kind_of(name):
    return name.split(".", 1)[0]


def preview(name, overrides=None, content=None):
    """How template `name` (or `content` proposed for it) reads for its sample case."""
    if name not in template_names():
        raise InvalidTemplate({"name": [f"Böyle bir şablon yok. Şablonlar: {', '.join(template_names())}."]})
    merged = dict(overrides or {}, **({name: content} if content is not None else {}))
    try:
        if name == "sms.j2":
            return {kind: _render(kind, "sms", SAMPLES[kind], merged)[1] for kind in SMS_KINDS}
        subject, body = _render(kind_of(name), "email", SAMPLES[kind_of(name)], merged)
    except SecurityError:
        raise InvalidTemplate({"content": [
            "Şablon izin verilmeyen bir işlem içeriyor: yalnızca örnek başvurunun alanları ve Jinja2'nin "
            "süzgeçleri kullanılabilir; Python'un iç yapısına (__ ile başlayan adlara) erişilemez, verilen "
            "değerler değiştirilemez."]}) from None
    except TemplateError as exc:
        raise InvalidTemplate({"content": [f"Şablon işlenemedi: {exc}"]}) from None
    return {"subject": subject, "body": body, "rendered_at": datetime.now(timezone.utc).isoformat()}
