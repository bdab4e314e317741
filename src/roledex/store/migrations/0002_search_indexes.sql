-- Search and salary analytics: covering indexes, so that loading filter columns and pay figures never reads
-- the posting rows themselves (each row carries its description, JSON and raw record: several KB, one page
-- or more per row, so a scan of 1M rows reads the whole database).

-- every search filter and facet column, in one index: `GROUP BY` over it streams without sorting.
-- Its prefix (role, level) replaces postings_role_level.
CREATE INDEX postings_filters ON postings(role, level, track, employment_type, internship, remote, country);
DROP INDEX IF EXISTS postings_role_level;

-- the posted-salary layer: every column salary insights read from a posting with a salary
CREATE INDEX postings_pay ON postings(
    role, level, country, remote, posted_at, annual_usd_mid, annual_usd_min, annual_usd_max, salary_currency, title
) WHERE annual_usd_mid IS NOT NULL;
