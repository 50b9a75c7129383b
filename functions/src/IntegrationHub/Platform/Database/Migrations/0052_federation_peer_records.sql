-- Owned by flows.federation: the priority-group events a peer hub shared, as records of the source peer/{region}, each
-- linked (by identity number, kept only encrypted and as blind index) to this hub's person. One row per event id.
CREATE TABLE peer_record (
    source            text NOT NULL,
    event_id          uuid NOT NULL,
    type              text NOT NULL,
    subject           text,
    data              jsonb NOT NULL,
    id_number_cipher  bytea,
    id_number_index   bytea,
    person_id         bigint REFERENCES person (person_id),
    received_at       timestamptz NOT NULL,
    PRIMARY KEY (source, event_id)
);

CREATE INDEX peer_record_person ON peer_record (person_id);
