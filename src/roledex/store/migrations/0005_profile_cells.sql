-- Role profiles under filters, survey salaries and featured jobs, precomputed by the aggregate refresh.

-- The counts of a role profile for one (role, level, country, period), summed on read (analytics/cells.py).
-- Each posting counts in twelve cells: level {its own, '*'} x country {its own, '*'} x period {'*', its year
-- 'y2024', its month 'm2024-05'}; undated postings count only in period '*'. '' is a level or country not known.
CREATE TABLE profile_cells (
    role        TEXT NOT NULL,
    level       TEXT NOT NULL,
    country     TEXT NOT NULL,
    period      TEXT NOT NULL,
    n_postings  INTEGER NOT NULL,
    first       TEXT,           -- the earliest posted_at in the cell
    data        BLOB NOT NULL,  -- the counts (RawProfile.dump)
    pay         BLOB NOT NULL,  -- the posted salaries (RawProfile.dump), read alone for salary tables
    PRIMARY KEY (role, level, country, period)
);

-- The salary-survey layer of each (role, level), level '*' every level: summary, currencies, yearly trend.
CREATE TABLE role_survey (
    role   TEXT NOT NULL,
    level  TEXT NOT NULL,
    data   TEXT NOT NULL,
    PRIMARY KEY (role, level)
) WITHOUT ROWID;

-- The featured job cards of each (role, level), level '*' every level.
CREATE TABLE role_featured (
    role   TEXT NOT NULL,
    level  TEXT NOT NULL,
    cards  TEXT NOT NULL,
    PRIMARY KEY (role, level)
) WITHOUT ROWID;

-- A filtered survey read (country, since year) from the index alone.
CREATE INDEX salary_role_filters ON salary_records(
    role, employee_residence, work_year, level, salary_in_usd, salary_currency
);
