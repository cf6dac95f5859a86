-- reviewtool review file, schema version 1. See docs/file-format.md.
--
-- Source of truth: `versions` (+ `version_parents`), `contents`, `forms`, `reviewers`,
-- `review`, `merges`. Everything below "derived" is rebuilt from them and never merged.

CREATE TABLE review (
    review_id   TEXT PRIMARY KEY,           -- UUIDv7, fixed when the review is created
    created     TEXT NOT NULL
);

-- This copy of the file only (who works in it, the clock); never merged.
CREATE TABLE local (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE reviewers (
    reviewer_id TEXT PRIMARY KEY,           -- derived from the name: the same name is the same reviewer
    name        TEXT NOT NULL,
    created     TEXT NOT NULL
);

-- Form definitions in force, verbatim, so old answers stay readable after a form changes.
CREATE TABLE forms (
    form_id    TEXT NOT NULL,
    version    INTEGER NOT NULL,
    definition TEXT NOT NULL,               -- the TOML text
    sha256     TEXT NOT NULL,
    added      TEXT NOT NULL,
    PRIMARY KEY (form_id, version)
);

-- Document text and original bytes, addressed by the SHA-256 of the normalized text.
CREATE TABLE contents (
    sha256        TEXT PRIMARY KEY,
    text          TEXT NOT NULL,
    page_starts   TEXT,                     -- JSON array of offsets, PDFs only
    media_type    TEXT NOT NULL,
    original_name TEXT NOT NULL,
    original      BLOB NOT NULL
);

-- Append-only: every value a user ever set, one row per field.
CREATE TABLE versions (
    version_id TEXT PRIMARY KEY,            -- UUIDv7
    record_id  TEXT NOT NULL,
    entity     TEXT NOT NULL,               -- review, document, claim, appraisal, ...
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,               -- JSON
    author_id  TEXT NOT NULL REFERENCES reviewers (reviewer_id),
    hlc        TEXT NOT NULL,               -- hybrid logical clock stamp, sortable text
    change_id  TEXT NOT NULL                -- the versions written by one user action share it
);
CREATE INDEX versions_by_record ON versions (record_id, field);
CREATE INDEX versions_by_change ON versions (change_id);

-- The versions a version replaces (same record and field).
CREATE TABLE version_parents (
    version_id TEXT NOT NULL REFERENCES versions (version_id),
    parent_id  TEXT NOT NULL,
    PRIMARY KEY (version_id, parent_id)
) WITHOUT ROWID;
CREATE INDEX version_parents_by_parent ON version_parents (parent_id);

-- Each merge into this file: what came in, from where, by whom.
CREATE TABLE merges (
    merge_id         TEXT PRIMARY KEY,
    merged_at        TEXT NOT NULL,
    reviewer_id      TEXT NOT NULL,
    source_name      TEXT NOT NULL,
    source_review_id TEXT NOT NULL,
    summary          TEXT NOT NULL          -- JSON counts
);

---------------------------------------------------------------------------------------------
-- derived

-- Versions no other version replaces; more than one for a field is a conflict. They carry
-- their value and stamp so that the shown value is picked without going back to `versions`.
CREATE TABLE heads (
    record_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    version_id TEXT NOT NULL,
    entity     TEXT NOT NULL,
    value      TEXT NOT NULL,
    hlc        TEXT NOT NULL,
    PRIMARY KEY (record_id, field, version_id)
) WITHOUT ROWID;

-- The value shown for each field: the provisional winner among its heads.
CREATE TABLE current_fields (
    record_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    entity     TEXT NOT NULL,
    value      TEXT NOT NULL,
    version_id TEXT NOT NULL,
    heads      INTEGER NOT NULL,
    PRIMARY KEY (record_id, field)
) WITHOUT ROWID;
CREATE INDEX current_fields_conflicts ON current_fields (heads) WHERE heads > 1;

CREATE TABLE records (
    rid        INTEGER PRIMARY KEY,         -- local row number, keys the full-text indexes
    record_id  TEXT NOT NULL UNIQUE,
    entity     TEXT NOT NULL,
    created    TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated    TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted    INTEGER NOT NULL,
    conflicts  INTEGER NOT NULL
);
CREATE INDEX records_by_entity ON records (entity, deleted);

CREATE TABLE documents (
    document_id TEXT PRIMARY KEY,
    rid         INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    title       TEXT NOT NULL,
    source      TEXT NOT NULL,
    filename    TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    chars       INTEGER NOT NULL,
    pages       INTEGER,
    created     TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated     TEXT NOT NULL
);
CREATE INDEX documents_by_sha256 ON documents (sha256);
CREATE INDEX documents_by_title ON documents (title COLLATE NOCASE);

CREATE TABLE claims (
    claim_id      TEXT PRIMARY KEY,
    rid           INTEGER NOT NULL,
    document_id   TEXT NOT NULL,
    reviewer_id   TEXT NOT NULL,
    created       TEXT NOT NULL,
    updated       TEXT NOT NULL,
    form_id       TEXT NOT NULL,
    form_version  INTEGER NOT NULL,
    start         INTEGER,
    "end"         INTEGER,
    exact         TEXT NOT NULL,
    prefix        TEXT NOT NULL,
    suffix        TEXT NOT NULL,
    page          INTEGER,
    orphaned      INTEGER NOT NULL,
    statement     TEXT NOT NULL,
    category      TEXT,
    certainty     TEXT,
    finding_id    TEXT,                     -- the finding this claim is grouped under, if any
    finding_stance TEXT,                    -- supports, qualifies or contradicts that finding
    consensus_of  TEXT,                     -- JSON list of the reviewers' claims it reconciles
    complete      INTEGER NOT NULL,         -- every required field answered
    rejected      INTEGER NOT NULL,         -- a consensus that the passage is not a claim
    answers       TEXT NOT NULL,            -- JSON object of every form field's value
    conflicts     INTEGER NOT NULL
);
CREATE INDEX claims_by_finding ON claims (finding_id);
CREATE INDEX claims_by_document ON claims (document_id, start);
CREATE INDEX claims_by_category ON claims (category);
CREATE INDEX claims_by_reviewer ON claims (reviewer_id);
CREATE INDEX claims_by_created ON claims (created);

CREATE TABLE appraisals (
    appraisal_id TEXT PRIMARY KEY,
    rid          INTEGER NOT NULL,
    document_id  TEXT NOT NULL,
    reviewer_id  TEXT NOT NULL,
    created      TEXT NOT NULL,
    updated      TEXT NOT NULL,
    form_id      TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    answers      TEXT NOT NULL,
    conflicts    INTEGER NOT NULL
);
CREATE INDEX appraisals_by_document ON appraisals (document_id, reviewer_id);

-- What several claims (usually from different documents) say in common.
CREATE TABLE findings (
    finding_id TEXT PRIMARY KEY,
    rid        INTEGER NOT NULL,
    statement  TEXT NOT NULL,
    category   TEXT,
    notes      TEXT NOT NULL,
    created    TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated    TEXT NOT NULL,
    conflicts  INTEGER NOT NULL
);

-- Full-text indexes; rowid = records.rid.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    statement, quote, notes, tokenize = 'unicode61 remove_diacritics 2'
);
