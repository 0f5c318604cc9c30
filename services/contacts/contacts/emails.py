"""E-mail addresses in one form: trimmed and in lower case, as a record stores them and a search or a
KVKK request looks them up (normalise(" Ayse@Example.ORG ") == "ayse@example.org")."""


def normalise(raw):
    return ("" if raw is None else str(raw)).strip().lower()
