-- The canonical text of an entry (version line, then each field as <UTF-8 byte length>:<value> and a line feed,
-- time in UTC to the microsecond, no unit as empty, details as PostgreSQL prints jsonb) and its SHA-256 in hex.
-- docs/audit-log.md defines it; AuditChain.cs is its C# twin.
CREATE OR REPLACE FUNCTION audit_log_entry_hash(entry_id bigint, entry_at timestamptz, entry_actor text, entry_action text,
                                     entry_entity text, entry_entity_key text, entry_unit_id integer, entry_details jsonb,
                                     previous_hash text)
RETURNS text LANGUAGE sql STABLE AS $$
    SELECT encode(sha256(convert_to(
        E'audit_log v1\n' || string_agg(octet_length(f) || ':' || f || E'\n', '' ORDER BY n), 'UTF8')), 'hex')
    FROM unnest(ARRAY[
        entry_id::text,
        to_char(entry_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        entry_actor, entry_action, entry_entity, entry_entity_key,
        coalesce(entry_unit_id::text, ''),
        entry_details::text,
        coalesce(previous_hash, '')]) WITH ORDINALITY AS t(f, n)
$$;
