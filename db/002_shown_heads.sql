-- reviewtool review file, schema version 2. See docs/file-format.md.
--
-- The value shown for each field becomes a flag on its heads, and only fields in conflict
-- are listed: `current_fields` repeated every field's value a third time (after `versions`
-- and `heads`), which made large merges write it all once more.

ALTER TABLE heads ADD COLUMN shown INTEGER NOT NULL DEFAULT 1;  -- 1: the provisional winner

UPDATE heads SET shown = 0 WHERE NOT EXISTS (
    SELECT 1 FROM current_fields c
    WHERE c.record_id = heads.record_id AND c.field = heads.field
      AND c.version_id = heads.version_id);

-- Fields whose heads hold more than one value: conflicts awaiting adjudication.
CREATE TABLE field_conflicts (
    record_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    heads     INTEGER NOT NULL,             -- the number of distinct values among its heads
    PRIMARY KEY (record_id, field)
) WITHOUT ROWID;

INSERT INTO field_conflicts (record_id, field, heads)
    SELECT record_id, field, heads FROM current_fields WHERE heads > 1;

DROP TABLE current_fields;
