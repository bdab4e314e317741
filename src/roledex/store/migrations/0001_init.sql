-- roledex schema v1: postings, salary-survey records, ingest runs and their rejects.

CREATE TABLE postings (
    id               INTEGER PRIMARY KEY,
    key              TEXT NOT NULL UNIQUE,        -- stable key: same record, same key
    dedupe_key       TEXT NOT NULL,               -- same posting across sources
    source           TEXT NOT NULL,
    source_file      TEXT NOT NULL,
    source_row       INTEGER NOT NULL,
    source_id        TEXT,
    title            TEXT NOT NULL,
    company          TEXT,
    location         TEXT,
    country          TEXT,
    region           TEXT,
    city             TEXT,
    remote           TEXT,
    employment_type  TEXT,
    internship       INTEGER NOT NULL DEFAULT 0,
    role             TEXT NOT NULL,
    level            TEXT,
    track            TEXT NOT NULL DEFAULT 'ic',
    min_degree       TEXT,
    min_years        REAL,
    salary_min       REAL,
    salary_max       REAL,
    salary_currency  TEXT,
    salary_period    TEXT,
    salary_kind      TEXT,
    annual_usd_min   REAL,
    annual_usd_max   REAL,
    annual_usd_mid   REAL,
    salary_note      TEXT,
    posted_at        TEXT,
    url              TEXT,
    industry         TEXT,
    company_size     TEXT,
    description      TEXT NOT NULL DEFAULT '',
    has_text         INTEGER NOT NULL DEFAULT 0,  -- 1: a description or skill tags (counts in skill shares)
    data             TEXT NOT NULL,               -- the normalized record as JSON (skills, responsibilities ...)
    raw              BLOB NOT NULL,               -- the record as read, zlib-compressed JSON
    ingested_at      TEXT NOT NULL,
    run_id           INTEGER
);
CREATE INDEX postings_dedupe ON postings(dedupe_key);
CREATE INDEX postings_role_level ON postings(role, level);
CREATE INDEX postings_country ON postings(country);
CREATE INDEX postings_posted ON postings(posted_at);
CREATE INDEX postings_source ON postings(source);

-- the same posting seen again (another source, or another listing of it): linked, not stored twice
CREATE TABLE posting_duplicates (
    posting_id   INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    key          TEXT NOT NULL UNIQUE,
    source       TEXT NOT NULL,
    source_file  TEXT NOT NULL,
    source_row   INTEGER NOT NULL,
    source_id    TEXT,
    url          TEXT,
    seen_at      TEXT NOT NULL
);
CREATE INDEX posting_duplicates_posting ON posting_duplicates(posting_id);

CREATE TABLE posting_skills (
    posting_id  INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    skill_id    TEXT NOT NULL,
    required    INTEGER,                          -- 1 required, 0 preferred, NULL not said
    PRIMARY KEY (posting_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX posting_skills_skill ON posting_skills(skill_id, posting_id);

CREATE VIRTUAL TABLE postings_fts USING fts5(
    title, company, description,
    content='postings', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);

CREATE TABLE salary_records (
    id                 INTEGER PRIMARY KEY,
    key                TEXT NOT NULL UNIQUE,
    source             TEXT NOT NULL,
    source_file        TEXT NOT NULL,
    source_row         INTEGER NOT NULL,
    work_year          INTEGER NOT NULL,
    level              TEXT NOT NULL,
    employment_type    TEXT NOT NULL,
    job_title          TEXT NOT NULL,
    role               TEXT NOT NULL,
    track              TEXT NOT NULL,
    salary             REAL NOT NULL,
    salary_currency    TEXT NOT NULL,
    salary_in_usd      REAL NOT NULL,
    employee_residence TEXT NOT NULL,
    remote_ratio       INTEGER NOT NULL,
    company_location   TEXT NOT NULL,
    company_size       TEXT NOT NULL,
    ingested_at        TEXT NOT NULL,
    run_id             INTEGER
);
CREATE INDEX salary_title ON salary_records(job_title, level);
CREATE INDEX salary_role ON salary_records(role, level);
CREATE INDEX salary_country ON salary_records(employee_residence);
CREATE INDEX salary_year ON salary_records(work_year);

CREATE TABLE ingest_runs (
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL,
    format      TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL DEFAULT 'running',  -- running | done | interrupted
    read        INTEGER NOT NULL DEFAULT 0,
    stored      INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE rejects (
    run_id      INTEGER NOT NULL REFERENCES ingest_runs(id) ON DELETE CASCADE,
    source_file TEXT NOT NULL,
    source_row  INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    raw         TEXT
);
CREATE INDEX rejects_run ON rejects(run_id);
