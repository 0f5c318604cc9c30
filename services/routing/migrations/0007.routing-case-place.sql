-- Where a case is about and a link to a picture of it, as the application gave them (an Open311 GeoReport
-- client's lat, long, address_string and media_url); Open311 answers return them. Cleared with the
-- applicant's other personal data when intake anonymises the application.
ALTER TABLE cases ADD COLUMN latitude double precision;
ALTER TABLE cases ADD COLUMN longitude double precision;
ALTER TABLE cases ADD COLUMN address_string text;
ALTER TABLE cases ADD COLUMN media_url text;
