"""vCard 3.0 export and import of records (see duplicates.py for the record shape), with `vobject`.

Mapping: FN the name; N the family name (a person's last word) and the given names (the rest); ORG the
organisation (a person's first role still held, or the organisation itself); TITLE that role's title;
TEL in E.164, TYPE=CELL for mobiles and WORK otherwise; EMAIL; ADR with the whole address in the street
part; CATEGORIES the category label followed by the tags; NOTE; UID the record's id or external_ref.
The neighbourhood travels as X-GZM-MAHALLE and an organisation card is marked X-ABSHOWAS:COMPANY, as
Apple's and Google's address books do. Role dates and consent are not carried: a vCard is for phones
and address books, not for the record's history.
"""
import vobject
from vobject.vcard import Address, Name

from . import categories, phones
from .duplicates import display_name

NEIGHBOURHOOD = "x-gzm-mahalle"
SHOW_AS = "x-abshowas"


def _current_role(record):
    return next((r for r in record.get("roles") or () if r.get("ended_on") is None), None)


def _card(record):
    card = vobject.vCard()
    name = display_name(record)
    card.add("fn").value = name
    person = record.get("kind", categories.PERSON) == categories.PERSON
    if person:
        words = name.split()
        card.add("n").value = Name(family=words[-1] if words else "", given=" ".join(words[:-1]))
        role = _current_role(record) or {}
        if role.get("organisation_name"):
            card.add("org").value = [role["organisation_name"]]
        if role.get("title") or role.get("office"):
            card.add("title").value = role.get("title") or role["office"]
    else:
        card.add("n").value = Name()
        card.add("org").value = [name]
        card.add(SHOW_AS).value = "COMPANY"
    for number in record.get("phones") or ():
        tel = card.add("tel")
        tel.value = number
        tel.type_param = "CELL" if phones.is_mobile(number) else "WORK"
    for address in record.get("emails") or ():
        email = card.add("email")
        email.value = address
        email.type_param = "INTERNET"
    for address in record.get("addresses") or ():
        card.add("adr").value = Address(street=address)
    labels = ([categories.category_label(record["category"])] if record.get("category") else [])
    labels += list(record.get("tags") or ())
    if labels:
        card.add("categories").value = labels
    if record.get("notes"):
        card.add("note").value = record["notes"]
    if record.get("neighbourhood"):
        card.add(NEIGHBOURHOOD).value = record["neighbourhood"]
    uid = record.get("id") or record.get("external_ref")
    if uid:
        card.add("uid").value = str(uid)
    return card


def export(records):
    """The records as one vCard 3.0 file (str, CRLF line ends), one card per record."""
    return "".join(_card(record).serialize() for record in records)


def _values(card, name):
    return [line.value for line in card.contents.get(name, [])]


def _record(card):
    fn = (_values(card, "fn") or [""])[0].strip()
    orgs = [" ".join(v) if isinstance(v, list) else str(v) for v in _values(card, "org")]
    org = next((o.strip() for o in orgs if o.strip()), None)
    names = _values(card, "n")
    has_n = any(n.family or n.given for n in names if isinstance(n, Name))
    company = any(str(v).upper() == "COMPANY" for v in _values(card, SHOW_AS))
    person = not company and bool(fn or has_n)
    if not fn and has_n:
        fn = " ".join(p for p in (names[0].given, names[0].family) if p).strip()

    labels = [label.strip() for value in _values(card, "categories") for label in value if label.strip()]
    category = next((c for c in map(lambda l: categories.find_code(categories.CATEGORIES, l), labels) if c), None)
    tags = [label for label in labels if categories.find_code(categories.CATEGORIES, label) != category]

    numbers = []
    for raw in _values(card, "tel"):
        try:
            numbers.append(phones.normalise(raw))
        except phones.InvalidPhone:
            continue  # an unusable number in someone's address book is not worth refusing the card
    title = (_values(card, "title") or [None])[0]
    roles = []
    if person and (org or title):
        roles.append({"organisation_id": None, "organisation_name": org, "office": title, "title": title,
                      "started_on": None, "ended_on": None})
    record = {
        "id": None, "kind": categories.PERSON if person else categories.ORGANISATION, "category": category,
        "phones": list(dict.fromkeys(numbers)),
        "emails": list(dict.fromkeys(str(e).strip() for e in _values(card, "email") if str(e).strip())),
        "addresses": [_address(a) for a in _values(card, "adr") if _address(a)],
        "neighbourhood": (_values(card, NEIGHBOURHOOD) or [None])[0],
        "tags": tags, "notes": "\n\n".join(_values(card, "note")), "roles": roles,
        "consent": {"basis": None, "given_on": None, "opted_out_on": None},
        "last_verified_on": None, "external_ref": (_values(card, "uid") or [None])[0],
    }
    record["full_name" if person else "name"] = fn if person else (org or fn)
    return record


def _address(adr):
    parts = [adr.street, adr.extended, adr.city, adr.region, adr.code, adr.country, adr.box]
    flat = [" ".join(p) if isinstance(p, list) else p for p in parts]
    return ", ".join(p.strip() for p in flat if p and p.strip())


def parse(text):
    """The records of a vCard file (str or bytes, one or more cards); ids are None (storage assigns them).

    Numbers that are not valid phones are dropped; a card with neither a name nor an organisation is
    skipped. Raises ValueError (Turkish message) when the text is not a vCard file at all.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    try:
        cards = list(vobject.readComponents(text))
    except Exception as exc:  # vobject raises its own ParseError and, on some input, plain errors
        raise ValueError("Dosya okunamadı: geçerli bir vCard (.vcf) dosyası değil.") from exc
    records = [_record(card) for card in cards if card.name == "VCARD"]
    return [r for r in records if display_name(r)]
