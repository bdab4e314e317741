-- Role profiles: one covering index with every column a profile groups by, so that computing the profile of
-- a role (at a level) reads index entries only, never the wide posting rows (see 0002).
CREATE INDEX postings_profile ON postings(
    role, level, has_text, posted_at, source, min_degree, min_years, industry, company_size, country,
    employment_type, remote, track
);

-- (role, level) alone: within a group its entries are in id order, so "the newest N postings of a group that
-- ask for a skill" stops after N hits (evidence ids behind each skill share).
CREATE INDEX postings_role_level ON postings(role, level);
