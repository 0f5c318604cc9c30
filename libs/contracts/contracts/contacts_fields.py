"""The fields the information bank's and protocol's declared schemas are built of (`contacts_records`,
`contacts_protocol`, `contacts_api`): bounded texts and lists, codes of its vocabularies, days, ids, paging."""
import datetime as dt

from marshmallow import fields, validate

from .inbound import no_control_characters, one_line

FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


def text(max_length, required=False, min_length=None, **kwargs):
    least = (1 if required else 0) if min_length is None else min_length
    return fields.String(required=required, validate=[validate.Length(min=least, max=max_length),
                                                      no_control_characters], **kwargs)


def texts(max_items, max_length, **kwargs):
    """A list of short texts (the inner strings are checked here: StrictSchema binds only the outer field)."""
    return fields.List(fields.String(validate=[validate.Length(min=1, max=max_length), no_control_characters]),
                       validate=validate.Length(max=max_items), **kwargs)


def line(max_length, required=False, min_length=None, **kwargs):
    """A one-line text (a name, a title, a place, a file name): no CR/LF (`contracts.inbound.one_line`)."""
    field = text(max_length, required=required, min_length=min_length, **kwargs)
    field.validators.append(one_line)
    return field


def lines(max_items, max_length, **kwargs):
    """A list of one-line texts (phones, tags)."""
    return fields.List(fields.String(validate=[validate.Length(min=1, max=max_length), no_control_characters,
                                               one_line]), validate=validate.Length(max=max_items), **kwargs)


def one_of(choices, **kwargs):
    return fields.String(validate=validate.OneOf(choices, error="Şunlardan biri olmalı: " + ", ".join(choices) + "."),
                         **kwargs)


def enum_of(choices, nullable=False):
    """An OpenAPI enum of `choices` (with null when the field takes none)."""
    return [*choices, None] if nullable else list(choices)


def code(choices, min_length=None, **kwargs):
    """A code of one of contacts' vocabularies: listed in the document, judged by contacts with its own words."""
    metadata = {"enum": enum_of(choices, kwargs.get("allow_none", False)), **kwargs.pop("metadata", {})}
    return text(40, min_length=min_length, metadata=metadata, **kwargs)


def codes(choices, max_items, **kwargs):
    return fields.List(code(choices, min_length=1), validate=validate.Length(max=max_items), **kwargs)


def day(**kwargs):
    return fields.Date(validate=validate.Range(min=FIRST_DAY, max=LAST_DAY,
                                               error="1900-01-01 ile 2100-12-31 arasında olmalı."), **kwargs)


def ids(max_items, min_items=0, **kwargs):
    return fields.List(fields.UUID(), validate=validate.Length(min=min_items, max=max_items), **kwargs)


def page_limit(default=50, most=200):
    return fields.Integer(load_default=default, validate=validate.Range(min=1, max=most))


def page_offset():
    return fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000))


def maybe(field_cls, *args, **kwargs):
    """An answer's field that may be null."""
    return field_cls(*args, allow_none=True, **kwargs)


def listed(schema):
    return fields.List(fields.Nested(schema))
