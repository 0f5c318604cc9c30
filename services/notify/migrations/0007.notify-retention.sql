-- KVKK destruction: when intake's periodic run anonymises applications (`applicants_anonymised`), the
-- applicant's contact row is deleted and the addresses, texts and recorded answers of the messages of
-- those applications are cleared. What stays (kind, channel, status, times, attempts, tracking number)
-- records when the personal data was destroyed and by which of intake's runs. A message that was being
-- sent at that moment is not queued again afterwards (status 'failed', reason "kişisel veri imha edildi").
ALTER TABLE notifications ADD COLUMN personal_data_destroyed_at timestamptz;
ALTER TABLE notifications ADD COLUMN destruction_run_id uuid;
