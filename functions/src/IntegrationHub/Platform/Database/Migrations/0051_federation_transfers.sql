-- Owned by labor: persons whose labor record has moved to another region. Their facts stay, closed on the day they left,
-- however often the worker recomputes them; the row goes when they come back.
CREATE TABLE labor_person_away (
    person_id   bigint PRIMARY KEY REFERENCES person (person_id),
    since       date NOT NULL,
    reason      text NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Owned by flows.federation: transfers of labor records between this hub and a peer, on either side.
--   role origin: this hub sends the person away; destination: this hub takes the person in.
--   outbound: what the relay still has to send the peer ('package' from the origin, 'decide' and then 'decision' at the
--   destination); next_attempt_at when it may next try (a lease while it tries, so a crash only delays the step).
--   The identity number is kept encrypted and as blind index, never in package.
CREATE TABLE transfer (
    transfer_id       uuid PRIMARY KEY,
    role              text NOT NULL CHECK (role IN ('origin', 'destination')),
    peer              text NOT NULL,
    person_id         bigint REFERENCES person (person_id),
    reason            text NOT NULL,
    trigger           text NOT NULL,
    status            text NOT NULL CHECK (status IN ('requested', 'sent', 'received', 'accepted', 'rejected')),
    status_reason     text,
    transfer_date     date NOT NULL,
    package           jsonb NOT NULL,
    id_number_cipher  bytea NOT NULL,
    id_number_index   bytea NOT NULL,
    outbound          text CHECK (outbound IN ('package', 'decide', 'decision')),
    next_attempt_at   timestamptz,
    attempts          integer NOT NULL DEFAULT 0,
    last_error        text,
    requested_at      timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);

CREATE INDEX transfer_due ON transfer (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX transfer_person ON transfer (person_id);

-- Each step of a transfer, in order, with the signed message that carried it (peer_message's sender and message id).
CREATE TABLE transfer_step (
    transfer_id  uuid NOT NULL REFERENCES transfer (transfer_id),
    seq          integer NOT NULL,
    status       text NOT NULL,
    at           timestamptz NOT NULL,
    reason       text,
    message_id   text,
    PRIMARY KEY (transfer_id, seq)
);
