-- Role profiles: multi-valued terms per posting, and precomputed aggregates refreshed after ingest.

-- kind 'phrase': a responsibility phrase (term) with its theme; kind 'field': a field of study
CREATE TABLE posting_terms (
    posting_id  INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    term        TEXT NOT NULL,
    theme       TEXT,
    PRIMARY KEY (posting_id, kind, term)
) WITHOUT ROWID;
CREATE INDEX posting_terms_kind ON posting_terms(kind, term);

-- one JSON document per (role, level); level '*' is every level of the role
CREATE TABLE role_aggregates (
    role          TEXT NOT NULL,
    level         TEXT NOT NULL,
    n_postings    INTEGER NOT NULL,
    data          TEXT NOT NULL,
    refreshed_at  TEXT NOT NULL,
    PRIMARY KEY (role, level)
);

CREATE TABLE aggregate_state (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
