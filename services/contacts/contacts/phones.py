"""Phone numbers in one form: E.164 ("+905321112233"), parsed with `phonenumbers` (Google's libphonenumber
metadata), Turkey being the default region so numbers written the Turkish way ("0232 251 00 00",
"0 (532) 111 22 33", "5321112233") need no country code.
"""
import phonenumbers

DEFAULT_REGION = "TR"


class InvalidPhone(ValueError):
    """A phone number that cannot be read or is not a valid number; the message is for staff."""


def normalise(raw, region=DEFAULT_REGION):
    """The E.164 form of `raw`: normalise("0232 251 00 00") == "+902322510000".

    Raises InvalidPhone with a Turkish message when `raw` is empty, unreadable or not a valid number.
    """
    text = "" if raw is None else str(raw).strip()
    if not text:
        raise InvalidPhone("Telefon numarası boş.")
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(f"Telefon numarası okunamadı: {text!r}.") from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(f"Geçerli bir telefon numarası değil: {text!r}.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display(e164, region=DEFAULT_REGION):
    """How staff write it: "0532 111 22 33" for a Turkish number, "+44 20 7946 0958" for a foreign one."""
    number = phonenumbers.parse(e164, region)
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def is_mobile(e164):
    """True for a mobile number (one an SMS can reach)."""
    kind = phonenumbers.number_type(phonenumbers.parse(e164, None))
    return kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
