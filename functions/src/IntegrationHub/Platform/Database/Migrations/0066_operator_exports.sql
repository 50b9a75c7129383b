-- An operator's exports (Platform.Operators.OperatorExports): a file the console writes in the background while its page
-- shows progress, kept for the operator who asked for it. Owned by platform, like the operators.
CREATE TABLE operator_export (
    export_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operator      text NOT NULL REFERENCES operator (name) ON DELETE CASCADE,
    kind          text NOT NULL,                  -- what is exported (graduate-ledger)
    filter        text NOT NULL,                  -- its filters, as the console's query string
    purpose       text NOT NULL,                  -- why, as audited
    state         text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    rows_written  integer NOT NULL DEFAULT 0,
    error         text,
    file          bytea,                          -- the CSV, once done
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,           -- moves with each progress report: a running export whose process ended stops moving
    finished_at   timestamptz
);

CREATE INDEX operator_export_waiting ON operator_export (updated_at) WHERE state IN ('queued', 'running');
CREATE INDEX operator_export_operator ON operator_export (operator, export_id);
