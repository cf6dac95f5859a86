-- reviewtool review file, schema version 2. See docs/file-format.md.
--
-- The value shown for each field becomes a flag on its heads, and only fields in conflict
-- are listed: `current_fields` repeated every field's value a third time (after `versions`
-- and `heads`), which made large merges write it all once more. Heads keep only what the
-- current state needs; their entity and stamp stay in `versions`.

CREATE TABLE shown_heads (
    record_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    version_id TEXT NOT NULL,
    value      TEXT NOT NULL,
    shown      INTEGER NOT NULL DEFAULT 1,  -- 1: the field's provisional winner
    PRIMARY KEY (record_id, field, version_id)
) WITHOUT ROWID;

INSERT INTO shown_heads (record_id, field, version_id, value, shown)
    SELECT h.record_id, h.field, h.version_id, h.value, EXISTS (
        SELECT 1 FROM current_fields c
        WHERE c.record_id = h.record_id AND c.field = h.field AND c.version_id = h.version_id)
    FROM heads h;

DROP TABLE heads;
ALTER TABLE shown_heads RENAME TO heads;

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
