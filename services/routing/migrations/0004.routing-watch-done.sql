-- A case whose every warning, escalation and breach for its current dates has been emitted leaves
-- the watcher's indexes, so a backlog of long-overdue cases costs the sweep nothing.
ALTER TABLE cases ADD COLUMN watch_done boolean NOT NULL DEFAULT false;
DROP INDEX cases_open_internal_due;
DROP INDEX cases_open_legal_due;
CREATE INDEX cases_open_internal_due ON cases (internal_due_on, id)
    WHERE state IN ('triage', 'assigned', 'answer_submitted', 'awaiting_mayor') AND NOT watch_done;
CREATE INDEX cases_open_legal_due ON cases (legal_due_on, id)
    WHERE state IN ('triage', 'assigned', 'answer_submitted', 'awaiting_mayor') AND NOT watch_done;
