-- The 4982 fee notice stops a case's clock until the fee is paid (DOMAIN.md §2).
ALTER TABLE cases ADD COLUMN paused_on date;
ALTER TABLE cases ADD COLUMN resumed_on date;
ALTER TABLE cases ADD COLUMN fee_amount text;
