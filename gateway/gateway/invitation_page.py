"""The pages an invitee sees from the personal link in their invitation (no sign-in: the token is the proof).

The first page records nothing, because mail scanners and link previews follow links: it names the
event (once contacts has checked the link's token, so an invitation id alone tells nothing), shows the
answer given so far, and offers the two answers as a form that posts to the same address.
"""
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from werkzeug.wrappers import Response

# the page loads nothing and posts only to its own origin; the link's token never leaves in a Referer
HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow",
           "X-Content-Type-Options": "nosniff",
           "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                                      "frame-ancestors 'none'; base-uri 'none'"}
STYLE = ("body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#222}"
         "h1{font-size:1.4rem}button{font-size:1.1rem;padding:.7rem 1.2rem;margin:.4rem .4rem 0 0;cursor:pointer}"
         ".note{color:#555;font-size:.9rem;margin-top:2rem}")
ISTANBUL = ZoneInfo("Europe/Istanbul")
SIGNATURE = "Gaziemir Belediyesi — Basın Yayın ve Halkla İlişkiler Müdürlüğü"
ANSWERS = {"accepted": "Katılımınızı bildirdiğiniz için teşekkür ederiz. Sizi aramızda görmekten mutluluk duyacağız.",
           "declined": "Yanıtınız için teşekkür ederiz. Katılamayacağınızı not aldık."}
PROBLEMS = {
    404: ("Bağlantı geçersiz", "Bu yanıt bağlantısı geçersiz. Lütfen davet iletinizdeki bağlantıyı eksiksiz "
                               "açın ya da protokol birimini arayın."),
    409: ("Yanıtınız daha önce alınmış", "Bu davete daha önce başka bir yanıt verilmiş. Değiştirmek için "
                                         "protokol birimini arayın."),
    422: ("Yanıt okunamadı", "Lütfen davet sayfasındaki düğmelerden birini seçin."),
}


def _page(title, body, status=200):
    html = (f'<!doctype html><html lang="tr"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="robots" content="noindex, nofollow"><title>{escape(title)}</title>'
            f'<style>{STYLE}</style></head><body><h1>{escape(title)}</h1>{body}'
            f'<p class="note">{escape(SIGNATURE)}</p></body></html>')
    return Response(html, status=status, mimetype="text/html", headers=HEADERS)


CURRENT = {"accepted": "Katılacağınızı bildirmiştiniz.", "declined": "Katılamayacağınızı bildirmiştiniz."}


def reply_form(invitation_id, token, shown):
    """The event and the two answers, posted to the link's own address with the token as a hidden field."""
    action = f"/api/v1/invitations/{escape(str(invitation_id))}/reply"
    current = f"<p><em>{escape(CURRENT[shown['status']])}</em></p>" if shown.get("status") in CURRENT else ""
    body = (f"{_event(shown)}{current}"
            f"<p>Belediyemizin davetine katılıp katılmayacağınızı aşağıdan bildirebilirsiniz.</p>"
            f'<form method="post" action="{action}">'
            f'<input type="hidden" name="token" value="{escape(token)}">'
            f'<button type="submit" name="reply" value="accepted">Katılacağım</button>'
            f'<button type="submit" name="reply" value="declined">Katılamayacağım</button></form>')
    return _page("Davet yanıtı", body)


def thanks(shown):
    """After the answer: what was recorded, for which event (the token was checked by then)."""
    body = f"{_event(shown)}<p>{escape(ANSWERS.get(shown.get('status'), 'Yanıtınız kaydedildi.'))}</p>"
    return _page("Yanıtınız alındı", body)


def _event(shown):
    when = _local(shown.get("starts_at"))
    place = f", {escape(shown['place'])}" if shown.get("place") else ""
    return f"<p><strong>{escape(shown.get('title') or '')}</strong><br>{escape(when)}{place}</p>"


def _local(moment):
    """"29.10.2026, saat 10:00" in Turkey's time, from contacts' ISO 8601 text."""
    try:
        return datetime.fromisoformat(moment).astimezone(ISTANBUL).strftime("%d.%m.%Y, saat %H:%M")
    except (TypeError, ValueError):
        return ""


def problem(status):
    title, text = PROBLEMS[status]
    return _page(title, f"<p>{escape(text)}</p>", status=status)


def wants_html(request):
    """An answer for a person (HTML) or for a program (JSON): by Accept when it prefers one of the two,
    else like the request (the page's form posts form-encoded; a program posts JSON)."""
    listed = dict(request.accept_mimetypes)
    html, json = listed.get("text/html", 0), listed.get("application/json", 0)
    if html != json:
        return html > json
    return request.mimetype != "application/json"
