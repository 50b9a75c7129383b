-- Where verification of the audit chain has got to (Platform.Audit.AuditChainWatch), so that the console's dashboard verifies
-- only the seals added since, instead of the whole chain on every view. One row. Owned by platform.
CREATE TABLE audit_verification (
    singleton          boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    verified_position  bigint NOT NULL,           -- the last seal verified (0: none yet)
    verified_seq       bigint,                    -- its entry
    verified_hash      bytea,                     -- its hash as verified: the seal must still hold it
    broken_seq         bigint,                    -- the entry at which the chain was found broken; stays until a full check finds it whole
    checked_at         timestamptz NOT NULL,
    full_checked_at    timestamptz                -- the last walk of the whole chain (the daily AuditChainCheck)
);
