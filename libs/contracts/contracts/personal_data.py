"""The KVKK data-subject search (`personal_data_of`, offered by each owner of personal data: intake and
contacts): who is searched for, and what each owner answers (intake `applications`, contacts `contacts`,
side by side in `POST /api/v1/kvkk/personal-data`), for validation and the OpenAPI document."""
from marshmallow import Schema, ValidationError, fields, validate, validates, validates_schema
from stdnum.tr import tckimlik

from .inbound import StrictSchema, length

# as contracts.inbound.ApplicantSchema checks them on an application
EMAIL = [validate.Email(error="Geçerli bir e-posta adresi olmalı."), length(max=254)]
PHONE = validate.Regexp(r"^\+?[0-9 ()-]{7,20}$", error="Geçersiz telefon numarası.")


class PersonalDataQuerySchema(StrictSchema):
    """Who the data subject is: at least one of TC Kimlik No, e-mail, phone (as on an application)."""

    tc_kimlik_no = fields.String(validate=length(equal=11), metadata={"example": "10000000146"})
    email = fields.String(validate=EMAIL,
                          metadata={"example": "ayse@example.org"})
    phone = fields.String(validate=PHONE,
                          metadata={"example": "0532 111 22 33"})

    @validates("tc_kimlik_no")
    def _valid_tckn(self, value, **_):
        if not tckimlik.is_valid(value):
            raise ValidationError("Geçersiz TC Kimlik No.")

    @validates_schema
    def _at_least_one(self, data, **_):
        if not any((data.get(key) or "").strip() for key in ("tc_kimlik_no", "email", "phone")):
            raise ValidationError("TC Kimlik No, e-posta ya da telefondan en az biri verilmeli.", "_schema")


class StoredApplicantSchema(Schema):
    full_name = fields.String(allow_none=True)
    tc_kimlik_no = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    postal_address = fields.String(allow_none=True)


class PersonApplicationSchema(Schema):
    id = fields.UUID()
    tracking_number = fields.String()
    type = fields.String()
    type_label = fields.String()
    channel = fields.String()
    category = fields.String()
    received_at = fields.DateTime()
    status = fields.String()
    anonymised_at = fields.DateTime(allow_none=True)
    matched_by = fields.List(fields.String(), metadata={"description": "tc_kimlik_no, email, phone"})
    applicant = fields.Nested(StoredApplicantSchema)


class PersonContactSchema(Schema):
    id = fields.UUID()
    name = fields.String()
    category = fields.String(allow_none=True)
    consent_basis = fields.String(allow_none=True, metadata={"description": "Kişisel verinin işlenme şartı (KVKK m. 5)"})
    opted_out_on = fields.Date(allow_none=True)


class PersonalDataSchema(Schema):
    applications = fields.List(fields.Nested(PersonApplicationSchema))
    contacts = fields.List(fields.Nested(PersonContactSchema), metadata={
        "description": "Bilgi bankasındaki kayıtlar (yalnızca e-posta ya da telefon verildiğinde)"})
