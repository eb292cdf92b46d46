-- How long a rule's condition must hold before its alert opens.
ALTER TABLE rules ADD COLUMN delay_seconds integer NOT NULL DEFAULT 0;
