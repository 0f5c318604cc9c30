"""The press office at the edge, without a broker: press's errors as HTTP answers, what the request
schemas refuse, and which photos the public releases feed makes public."""
import pytest
from marshmallow import ValidationError

from gateway import press_schemas
from gateway.errors import InvalidPressInput, PressInvalidTransition, PressNotAllowed, PressNotFound, problem_for
from gateway.routes.press_releases import published_photo_ids

PUBLISHED, SECOND, DRAFT = ("6f1c2a4e-0000-4000-8000-00000000000%d" % n for n in (1, 2, 3))
FEED = f"""<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:media="http://search.yahoo.com/mrss/" version="2.0"><channel><title>Basın Bültenleri</title>
<item><title>Sarnıç'a yeni park</title>
<description>Taslaktaki fotoğraf: https://gaziemir.bel.tr/api/v1/press/photos/{DRAFT}</description>
<enclosure url="https://gaziemir.bel.tr/api/v1/press/photos/{PUBLISHED}" length="10" type="image/jpeg"/>
<media:content url="https://gaziemir.bel.tr/api/v1/press/photos/{PUBLISHED}" type="image/jpeg" medium="image"/>
<media:content url="https://gaziemir.bel.tr/api/v1/press/photos/{SECOND}" type="image/png" medium="image"/>
</item></channel></rss>"""


@pytest.mark.parametrize("exc,status,key", [
    (PressNotFound("Basın bülteni bulunamadı."), 404, "detail"),
    (PressNotAllowed("Basın bültenini yalnızca Başkanlık Makamı onaylayabilir ya da iade edebilir."), 403, "detail"),
    (PressInvalidTransition("'Taslak' durumundaki bir basın bülteninde 'onaylama' yapılamaz."), 409, "detail"),
    (InvalidPressInput({"photo": ["Dosyanın içeriği bildirilen türe (image/png) uymuyor."]}), 422, "errors"),
])
def test_press_errors_are_answered_with_their_safe_turkish_words(exc, status, key):
    code, body = problem_for(exc)
    assert code == status == body["status"]
    assert body[key] == exc.args[0]


def test_only_the_photos_the_public_feed_shows_are_public():
    assert published_photo_ids(FEED) == {PUBLISHED, SECOND}  # not one a release's text merely mentions


def test_a_release_edit_needs_a_field_and_text_has_no_control_characters():
    with pytest.raises(ValidationError) as empty:
        press_schemas.ReleaseEditSchema().load({})
    assert "_schema" in empty.value.messages
    with pytest.raises(ValidationError) as control:
        press_schemas.ReleaseSchema().load({"title": "Bülten\x07", "body": "Metin"})
    assert "title" in control.value.messages
    with pytest.raises(ValidationError) as unknown:
        press_schemas.ToneSchema().load({"tone": "lehte", "oneri": "aleyhte"})
    assert unknown.value.messages == {"oneri": ["Bilinmeyen alan."]}


def test_moments_in_any_offset_arrive_in_utc_and_an_empty_embargo_stays_empty():
    loaded = press_schemas.ReleaseEditSchema().load({"embargo_until": "2026-11-26T11:00:00+03:00"})
    assert loaded["embargo_until"].isoformat() == "2026-11-26T08:00:00+00:00"
    assert press_schemas.ReleaseEditSchema().load({"embargo_until": None}) == {"embargo_until": None}


def test_days_are_bounded_and_a_twenty_megabyte_photo_fits_its_request():
    with pytest.raises(ValidationError):
        press_schemas.DaySchema().load({"day": "9999-12-31"})
    limit = press_schemas.body_limit(press_schemas.MAX_PHOTO_BYTES)
    assert press_schemas.base64_length(press_schemas.MAX_PHOTO_BYTES) < limit < 40 * 1024 * 1024
