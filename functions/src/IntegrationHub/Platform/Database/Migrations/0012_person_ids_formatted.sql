-- Person ids leave the hub in one form, the one the API has always answered with: 'P' and the number in at least nine
-- digits (PersonId.Format, 'P000000650'). Events said '650' where answers said 'P000000650'. From here on every event's
-- subject and every person id in its data (personId, mergedInto, newPersonId, members) is written in that form, and the
-- events already in the outbox are rewritten to it, so that a person keeps one subject, its sequence goes on from where
-- it was, and the person trigger still finds the last event it emitted. The bare number stays the database's key.

-- The formatted id; lpad alone would cut an id of ten digits or more.
CREATE FUNCTION hub_person_id(p_id bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT 'P' || CASE WHEN p_id < 1000000000 THEN lpad(p_id::text, 9, '0') ELSE p_id::text END
$$;

CREATE OR REPLACE FUNCTION person_event_data(p person) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_object('personId', hub_person_id(p.person_id))
        || coalesce((SELECT jsonb_object_agg(key, value -> 'value') FROM jsonb_each(p.golden)), '{}'::jsonb)
$$;

-- As in 0005, with the subject and mergedInto formatted.
CREATE OR REPLACE FUNCTION person_emit_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    current_row person;
    subject_text text := hub_person_id(NEW.person_id);
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
           OR last_event.data ->> 'mergedInto' <> hub_person_id(current_row.merged_into) THEN
            PERFORM hub_emit_event('cn.gov.hrss.hub.person.merged.v1', subject_text, current_row.updated_at,
                jsonb_build_object('personId', subject_text, 'mergedInto', hub_person_id(current_row.merged_into)), NULL);
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

-- The events written before, rewritten once. Only bare numbers change; anything else is left as it is.
CREATE FUNCTION pg_temp.formatted(p_text text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_text ~ '^[0-9]{1,18}$' THEN hub_person_id(p_text::bigint) ELSE p_text END
$$;

UPDATE event_sequence SET subject = pg_temp.formatted(subject) WHERE subject ~ '^[0-9]{1,18}$';
UPDATE delivery SET subject = pg_temp.formatted(subject) WHERE subject ~ '^[0-9]{1,18}$';
UPDATE event_outbox e SET subject = pg_temp.formatted(e.subject), data = e.data
    || (SELECT coalesce(jsonb_object_agg(f.key, to_jsonb(pg_temp.formatted(f.value #>> '{}'))), '{}'::jsonb)
        FROM jsonb_each(e.data) f
        WHERE f.key IN ('personId', 'mergedInto', 'newPersonId') AND jsonb_typeof(f.value) = 'string')
    || CASE WHEN jsonb_typeof(e.data -> 'members') = 'array' THEN jsonb_build_object('members',
           (SELECT coalesce(jsonb_agg(CASE WHEN jsonb_typeof(m.value) = 'string' THEN to_jsonb(pg_temp.formatted(m.value #>> '{}'))
                                           ELSE m.value END ORDER BY m.n), '[]'::jsonb)
            FROM jsonb_array_elements(e.data -> 'members') WITH ORDINALITY AS m(value, n)))
       ELSE '{}'::jsonb END
WHERE e.subject ~ '^[0-9]{1,18}$';

DROP FUNCTION pg_temp.formatted(text);
