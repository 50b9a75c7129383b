-- A batch of a million records failing the same way stored a million copies of the same error list (about 1.6 kB a row
-- for an empty record). Each distinct list is now stored once, keyed by the SHA-256 of its JSON text, with paths relative
-- to the record (a JSON batch's /records/N prefix is put back when read), and a line names its list by that hash. Lines
-- written before this migration keep their own list in intake_line.problems; readers take whichever is there.
CREATE TABLE intake_problem_set (
    hash      bytea PRIMARY KEY,
    problems  jsonb NOT NULL    -- paths and codes, never an identity number
);

ALTER TABLE intake_line ADD COLUMN problem_set bytea;
