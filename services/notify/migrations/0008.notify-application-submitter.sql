-- Who submitted each application (intake's `submitted_by`: an API client's id, `open311:<client>`,
-- `inbound:<source>` or a staff account): webhook events about an application go only to the API client
-- that submitted it. Unknown (NULL) for applications heard before this column: they reach no subscriber.
ALTER TABLE applicants ADD COLUMN submitted_by text;
