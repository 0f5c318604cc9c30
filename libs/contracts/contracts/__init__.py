"""Event contracts shared by every service.

One module per *publishing* side: `intake` (events intake emits) and `inbound` (what other
e-municipality systems send to the `ebelediye.inbound` exchange or POST to the gateway). Each module
has its `SOURCE`, its event-type constants and one marshmallow schema per payload. Publishers dump
through the schema, consumers load through it with `unknown=EXCLUDE`.
"""
