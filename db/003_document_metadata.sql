-- reviewtool review file, schema version 3. See docs/file-format.md.
--
-- Documents carry bibliographic metadata as fields of their record (versioned and merged like
-- every other value); the derived `documents` table shows their current values. Files written
-- before this version hold no such fields, so the defaults are their current state.

ALTER TABLE documents ADD COLUMN authors   TEXT NOT NULL DEFAULT '[]';  -- JSON list of names
ALTER TABLE documents ADD COLUMN container TEXT NOT NULL DEFAULT '';    -- site, journal, publisher
ALTER TABLE documents ADD COLUMN published TEXT NOT NULL DEFAULT '';    -- YYYY, YYYY-MM or YYYY-MM-DD
ALTER TABLE documents ADD COLUMN url       TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN doi       TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN accessed  TEXT NOT NULL DEFAULT '';    -- YYYY-MM-DD
ALTER TABLE documents ADD COLUMN type      TEXT NOT NULL DEFAULT '';    -- web page, article, report, ...
ALTER TABLE documents ADD COLUMN note      TEXT NOT NULL DEFAULT '';
