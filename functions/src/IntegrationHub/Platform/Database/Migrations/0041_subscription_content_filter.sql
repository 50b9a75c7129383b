-- Content filters of subscriptions (issue 19): a subscription may take only the events whose subject lies in given region
-- prefixes (the hukou region of a person or the registration region, as the event's data carries them) and, for policy
-- events, only given policy ids. Additive: a subscription without a filter receives what it received before.
ALTER TABLE subscription ADD COLUMN content_filter jsonb;

-- Whether an event's data passes a subscription's filter: {"regionPrefixes": [...], "regionOf": "hukou" | "registration",
-- "policyIds": [...]}, each part optional. An event without the region the filter reads does not pass a region filter.
CREATE FUNCTION subscription_filter_matches(p_filter jsonb, p_data jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT (NOT (p_filter ? 'policyIds')
            OR p_data ->> 'policyId' IN (SELECT jsonb_array_elements_text(p_filter -> 'policyIds')))
       AND (NOT (p_filter ? 'regionPrefixes')
            OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(p_filter -> 'regionPrefixes') AS prefix
                       WHERE starts_with(p_data ->> CASE p_filter ->> 'regionOf' WHEN 'registration' THEN 'registrationRegion'
                                                     ELSE 'hukouRegion' END, prefix)))
$$;
