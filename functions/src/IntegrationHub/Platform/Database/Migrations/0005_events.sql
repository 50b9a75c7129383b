-- The transactional outbox. Every event is written by the transaction whose change causes it, through
-- hub_emit_event and nothing else; the dispatcher reads it from here. position orders events globally, (subject,
-- sequence) per person. The person's identity number is never put into data: the cipher rides along and is
-- decrypted (or pseudonymised) per subscription at delivery.
CREATE TABLE event_outbox (
    position          bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    event_id          uuid NOT NULL UNIQUE,
    type              text NOT NULL,
    subject           text NOT NULL,
    sequence          bigint NOT NULL,
    time              timestamptz NOT NULL,
    data              jsonb NOT NULL,
    id_number_cipher  bytea,
    tx                xid8 NOT NULL DEFAULT pg_current_xact_id(),
    UNIQUE (subject, sequence)
);

-- The last sequence number given to each subject. Taking the next one row-locks it, so a person's events are numbered
-- in commit order.
CREATE TABLE event_sequence (
    subject  text PRIMARY KEY,
    last     bigint NOT NULL
);

CREATE FUNCTION hub_emit_event(p_type text, p_subject text, p_time timestamptz, p_data jsonb, p_cipher bytea)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    next_sequence bigint;
    new_position bigint;
BEGIN
    INSERT INTO event_sequence AS s (subject, last) VALUES (p_subject, 1)
    ON CONFLICT (subject) DO UPDATE SET last = s.last + 1
    RETURNING last INTO next_sequence;
    INSERT INTO event_outbox (event_id, type, subject, sequence, time, data, id_number_cipher)
    VALUES (gen_random_uuid(), p_type, p_subject, next_sequence, p_time, p_data, p_cipher)
    RETURNING position INTO new_position;
    RETURN new_position;
END $$;

-- The public view of a golden record: each attribute's value without its lineage, and the person's id.
CREATE FUNCTION person_event_data(p person) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_object('personId', p.person_id::text)
        || coalesce((SELECT jsonb_object_agg(key, value -> 'value') FROM jsonb_each(p.golden)), '{}'::jsonb)
$$;

-- Person events are raised at commit, once per person and transaction, from the person's final state: a linker that
-- creates a person and fills its golden record in one transaction emits one person.created, not a created and three
-- updates. Because it is a trigger, no code path that changes a person can forget its event.
CREATE FUNCTION person_emit_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    current_row person;
    subject_text text := NEW.person_id::text;
    last_event record;
    new_data jsonb;
    heard_of boolean;
    last_type text := '';
    changed_keys jsonb;
BEGIN
    SELECT * INTO current_row FROM person WHERE person_id = NEW.person_id;
    SELECT e.type, e.data, e.tx INTO last_event FROM event_outbox e
        WHERE e.subject = subject_text AND e.type LIKE 'cn.gov.hrss.hub.person.%' ORDER BY e.sequence DESC LIMIT 1;
    heard_of := FOUND;
    IF heard_of THEN
        last_type := last_event.type;
    END IF;

    IF heard_of AND last_event.tx = pg_current_xact_id() THEN
        RETURN NULL;  -- this transaction already emitted this person's event
    END IF;

    IF current_row.merged_into IS NOT NULL THEN
        IF last_type <> 'cn.gov.hrss.hub.person.merged.v1'
           OR last_event.data ->> 'mergedInto' <> current_row.merged_into::text THEN
            PERFORM hub_emit_event('cn.gov.hrss.hub.person.merged.v1', subject_text, current_row.updated_at,
                jsonb_build_object('personId', subject_text, 'mergedInto', current_row.merged_into::text), NULL);
        END IF;
        RETURN NULL;
    END IF;

    new_data := person_event_data(current_row);
    IF NOT heard_of THEN
        PERFORM hub_emit_event('cn.gov.hrss.hub.person.created.v1', subject_text, current_row.created_at, new_data,
            current_row.id_number_cipher);
        RETURN NULL;
    END IF;

    -- Which attributes differ from what subscribers last heard (an unmerged person is heard of again in full).
    SELECT coalesce(jsonb_agg(key ORDER BY key), '[]'::jsonb) INTO changed_keys FROM (
        SELECT key FROM jsonb_each(new_data) n WHERE last_type = 'cn.gov.hrss.hub.person.merged.v1'
            OR NOT (last_event.data ? n.key) OR last_event.data -> n.key IS DISTINCT FROM n.value
        UNION
        SELECT key FROM jsonb_each(last_event.data) o
        WHERE last_type <> 'cn.gov.hrss.hub.person.merged.v1' AND key <> 'changed' AND NOT (new_data ? o.key)) k;
    IF jsonb_array_length(changed_keys) > 0 THEN
        PERFORM hub_emit_event('cn.gov.hrss.hub.person.updated.v1', subject_text, current_row.updated_at,
            new_data || jsonb_build_object('changed', changed_keys), current_row.id_number_cipher);
    END IF;

    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER person_events AFTER INSERT OR UPDATE ON person
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION person_emit_events();
