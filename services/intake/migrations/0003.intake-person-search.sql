-- Finding what the municipality holds about a person (KVKK data subjects' requests): the applicants by
-- TC Kimlik No, e-mail and phone, compared exactly as `storage.applications_of_person` compares them.
CREATE INDEX applicants_tckn ON applicants (btrim(tc_kimlik_no)) WHERE tc_kimlik_no IS NOT NULL;
CREATE INDEX applicants_email ON applicants (lower(translate(btrim(email), 'İIı', 'iii'))) WHERE email IS NOT NULL;
CREATE INDEX applicants_phone_digits ON applicants (regexp_replace(phone, '[^0-9]', '', 'g')) WHERE phone IS NOT NULL;
