-- A link to a picture (or other media) of what the application is about, as an Open311 GeoReport client
-- gives it (`media_url`); personal data like the location: cleared when the applicant is anonymised.
ALTER TABLE applications ADD COLUMN media_url text;
