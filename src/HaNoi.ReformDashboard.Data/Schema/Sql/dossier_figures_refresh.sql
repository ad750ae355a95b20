-- The six figures counted from dossiers (docs/scoring.md, docs/dossiers.md), recounted for the given (unit, Hanoi month)
-- keys: the months' counts are recomputed from the current dossier records into dossier_month_counts, then
-- dossier_figures_write turns them into measurement revisions. Imports keep the counts on arrival (their merge adds
-- and takes off what each record brings); this recount serves a change of the rules' data (holidays, a procedure's
-- legal limit) and the check that the kept counts are right. keys_unit NULL: every unit with dossiers in the months
-- keys_month, found by the months' own passes (no scan beforehand). Each count also keeps the received month of the
-- earliest dossier that ended in it (ended_received_from: where its lists start reading). Returns the revisions written, the figures withdrawn
-- and the unit-months recounted.
-- The answers stored with the month's ended dossiers (on_time, days_late) are evaluated again only when the rules' data
-- may have changed them: dossier_rule_answers keeps, per month, the digest of the rules (dossier_rules_digest) its
-- ended dossiers were last evaluated under in full; the imports evaluate each record under the rules in force, so while
-- the digest is unchanged the stored answers are the rules' answers and the month's evaluation is skipped.
DROP FUNCTION IF EXISTS dossier_figures_refresh(integer[], date[], bigint, text, timestamptz);
CREATE FUNCTION dossier_figures_refresh(keys_unit integer[], keys_month date[], batch bigint, actor text, at timestamptz,
                                        OUT written integer, OUT withdrawn integer, OUT unit_months integer)
LANGUAGE plpgsql
SET work_mem = '64MB'
-- The planner's estimates for the per-key counts run far past the JIT threshold while each reads a few index
-- entries; compiling them cost seconds per statement (measured on the demo year), running them milliseconds.
SET jit = off
AS $$
DECLARE
    month_first timestamptz;
    month_end timestamptz;
    month_keys bigint;
    every_unit boolean := keys_unit IS NULL;
    key_month date;
    rules text := dossier_rules_digest();
BEGIN
    CREATE TEMP TABLE dossier_refresh_keys ON COMMIT DROP AS
        SELECT DISTINCT k.unit_id, k.month,
               (k.month::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS first_at,
               ((k.month + interval '1 month')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS end_at
        FROM unnest(coalesce(keys_unit, array_fill(NULL::integer, ARRAY[cardinality(keys_month)])), keys_month) AS k(unit_id, month);
    CREATE TEMP TABLE dossier_refresh_parts (unit_id integer, first_at timestamptz, received bigint, online bigint, reused bigint,
        with_fee bigint, paid_online bigint, ended bigint, on_time bigint, digitised bigint, synced bigint,
        ended_received_from timestamptz) ON COMMIT DROP;

    IF every_unit THEN
        -- The units counted before keep their keys: a unit-month whose dossiers all moved away is withdrawn.
        INSERT INTO dossier_refresh_keys
        SELECT c.unit_id, c.month, m.first_at, m.end_at
        FROM dossier_month_counts c JOIN (SELECT DISTINCT month, first_at, end_at FROM dossier_refresh_keys) m ON m.month = c.month
        WHERE c.month = ANY (keys_month);
    END IF;
    ANALYZE dossier_refresh_keys;

    -- Month by month, the bounds as constants so that only the partitions concerned are planned. A dossier whose
    -- processing ended in the month (finished, returned or refused; a withdrawn one is not counted) was received either
    -- in the month, and is counted in the same pass as the received ones, or before it, and is found through the
    -- index of ended times in the older partitions: each ended dossier in exactly one of the two.
    FOR key_month, month_first, month_end, month_keys IN SELECT month, first_at, end_at, count(*) FROM dossier_refresh_keys GROUP BY month, first_at, end_at LOOP
        -- The on-time rule's answer and the working days late stored with each dossier that ended in the month
        -- (dossiers.on_time, days_late), set again unless the month was last evaluated under the same rules: the
        -- holidays or a legal limit may have changed them, a loaded file may not have set them (a writer that stores
        -- dossiers without their answers takes the month's digest away, as the full-size seed does). Only the rows
        -- that change are written. About half of a recount's time at full size when it runs (the rule for each of
        -- the month's quarter million ended dossiers), nothing when it does not. The digest was read before this
        -- statement's snapshot: rules changed in between leave an older digest kept, so the month is evaluated again.
        IF NOT EXISTS (SELECT 1 FROM dossier_rule_answers a WHERE a.month = key_month AND a.rules_digest = rules) THEN
            UPDATE dossiers d
            SET on_time = dossier_on_time(d.received_at, d.due_at, d.finished_at, d.supplement_requests, d.supplement_days, p.legal_days),
                days_late = dossier_days_late(dossier_on_time(d.received_at, d.due_at, d.finished_at, d.supplement_requests, d.supplement_days, p.legal_days),
                                              d.received_at, d.due_at, d.finished_at, d.supplement_days, p.legal_days)
            FROM procedures p
            WHERE p.code = d.procedure_code
              AND d.finished_at >= month_first AND d.finished_at < month_end AND d.received_at < month_end
              AND d.status IN ('finished', 'returned', 'refused')
              AND (every_unit OR month_keys > 50 OR d.unit_id IN (SELECT k.unit_id FROM dossier_refresh_keys k WHERE k.first_at = month_first))
              AND (d.on_time IS DISTINCT FROM dossier_on_time(d.received_at, d.due_at, d.finished_at, d.supplement_requests, d.supplement_days, p.legal_days)
                   OR d.days_late IS DISTINCT FROM dossier_days_late(dossier_on_time(d.received_at, d.due_at, d.finished_at, d.supplement_requests, d.supplement_days, p.legal_days),
                                                                     d.received_at, d.due_at, d.finished_at, d.supplement_days, p.legal_days));
            IF every_unit OR month_keys > 50 THEN
                -- Every ended dossier of the month evaluated: the month's answers are those of these rules.
                INSERT INTO dossier_rule_answers (month, rules_digest) VALUES (key_month, rules)
                ON CONFLICT (month) DO UPDATE SET rules_digest = excluded.rules_digest;
            END IF;
        END IF;

        IF every_unit OR month_keys > 50 THEN
            -- Many units (a recount, a large file): one pass over the month's partition, as a plain GROUP BY would,
            -- grouped by unit and by whether the dossier ended in the month, so that test is made once a row rather
            -- than once per count (the two rows of a unit are added up below); beside it, the dossiers that ended in
            -- the month but were received before it: a range of the ended-time index in each older partition.
            -- CREATE TABLE AS rather than INSERT, so that the passes may run in parallel as the plain GROUP BY does
            -- (an INSERT's query may not); the bounds written into the text, so that only the month's partitions are
            -- planned.
            EXECUTE format($passes$
                CREATE TEMP TABLE dossier_refresh_month ON COMMIT DROP AS
                SELECT d.unit_id, %1$L::timestamptz AS first_at, count(*) AS received,
                       count(*) FILTER (WHERE d.channel = 'online') AS online,
                       count(*) FILTER (WHERE d.reused_data) AS reused,
                       count(*) FILTER (WHERE d.fee_required) AS with_fee,
                       count(*) FILTER (WHERE d.fee_required AND d.paid_online) AS paid_online,
                       CASE WHEN d.ended THEN count(*) ELSE 0 END AS ended,
                       CASE WHEN d.ended THEN count(*) FILTER (WHERE d.on_time) ELSE 0 END AS on_time,
                       CASE WHEN d.ended THEN count(*) FILTER (WHERE d.digitised AND d.e_result) ELSE 0 END AS digitised,
                       CASE WHEN d.ended THEN count(*) FILTER (WHERE d.synced_national) ELSE 0 END AS synced,
                       CASE WHEN d.ended THEN min(d.received_at) END AS ended_received_from
                FROM (SELECT x.*, x.finished_at < %2$L AND x.status IN ('finished', 'returned', 'refused') AS ended
                      FROM dossiers x
                      WHERE x.received_at >= %1$L AND x.received_at < %2$L) d
                GROUP BY d.unit_id, d.ended
                $passes$, month_first, month_end);
            INSERT INTO dossier_refresh_parts SELECT * FROM dossier_refresh_month;
            DROP TABLE dossier_refresh_month;
            INSERT INTO dossier_refresh_parts (unit_id, first_at, ended, on_time, digitised, synced, ended_received_from)
            SELECT d.unit_id, month_first, count(*),
                   count(*) FILTER (WHERE d.on_time),
                   count(*) FILTER (WHERE d.digitised AND d.e_result),
                   count(*) FILTER (WHERE d.synced_national),
                   min(d.received_at)
            FROM dossiers d
            WHERE d.finished_at >= month_first AND d.finished_at < month_end AND d.received_at < month_first
              AND d.status IN ('finished', 'returned', 'refused')
            GROUP BY d.unit_id;
        ELSE
            -- A few units (a pushed batch): through (unit_id, received_at) and (unit_id, finished_at).
            INSERT INTO dossier_refresh_parts
            SELECT k.unit_id, month_first, count(*),
                   count(*) FILTER (WHERE d.channel = 'online'),
                   count(*) FILTER (WHERE d.reused_data),
                   count(*) FILTER (WHERE d.fee_required),
                   count(*) FILTER (WHERE d.fee_required AND d.paid_online),
                   count(*) FILTER (WHERE d.finished_at < month_end AND d.status IN ('finished', 'returned', 'refused')),
                   count(*) FILTER (WHERE d.finished_at < month_end AND d.status IN ('finished', 'returned', 'refused')
                                    AND d.on_time),
                   count(*) FILTER (WHERE d.finished_at < month_end AND d.status IN ('finished', 'returned', 'refused') AND d.digitised AND d.e_result),
                   count(*) FILTER (WHERE d.finished_at < month_end AND d.status IN ('finished', 'returned', 'refused') AND d.synced_national),
                   min(d.received_at) FILTER (WHERE d.finished_at < month_end AND d.status IN ('finished', 'returned', 'refused'))
            FROM dossier_refresh_keys k
            JOIN dossiers d ON d.unit_id = k.unit_id
            WHERE k.first_at = month_first AND d.received_at >= month_first AND d.received_at < month_end
            GROUP BY k.unit_id;
            INSERT INTO dossier_refresh_parts (unit_id, first_at, ended, on_time, digitised, synced, ended_received_from)
            SELECT k.unit_id, month_first, e.ended, e.on_time, e.digitised, e.synced, e.received_from
            FROM dossier_refresh_keys k
            CROSS JOIN LATERAL (
                SELECT count(*) AS ended,
                       count(*) FILTER (WHERE d.on_time) AS on_time,
                       count(*) FILTER (WHERE d.digitised AND d.e_result) AS digitised,
                       count(*) FILTER (WHERE d.synced_national) AS synced,
                       min(d.received_at) AS received_from
                FROM dossiers d
                -- received before the month: the month's own partition and the later ones are pruned.
                WHERE d.unit_id = k.unit_id AND d.finished_at >= month_first AND d.finished_at < month_end AND d.received_at < month_first
                  AND d.status IN ('finished', 'returned', 'refused')
            ) e
            WHERE k.first_at = month_first AND e.ended > 0;
        END IF;
    END LOOP;

    IF every_unit THEN
        -- The keys: the units the passes found, beside the ones counted before.
        CREATE TEMP TABLE dossier_refresh_found ON COMMIT DROP AS
            SELECT unit_id, month, first_at, end_at FROM dossier_refresh_keys WHERE unit_id IS NOT NULL
            UNION
            SELECT p.unit_id, m.month, m.first_at, m.end_at
            FROM dossier_refresh_parts p JOIN (SELECT DISTINCT month, first_at, end_at FROM dossier_refresh_keys) m ON m.first_at = p.first_at;
        TRUNCATE dossier_refresh_keys;
        INSERT INTO dossier_refresh_keys SELECT * FROM dossier_refresh_found;
        DROP TABLE dossier_refresh_found;
        ANALYZE dossier_refresh_keys;
    END IF;

    -- Only the keys asked for (the many-unit passes count every unit of the month). The kept counts are set to the
    -- recount's: changed where they differ, added where missing, removed where nothing is left to count; a count that
    -- was right is not written again (no new row, index entries or key check for each of the month's units).
    WITH counted AS (
        SELECT k.unit_id, k.month, coalesce(sum(p.received), 0) AS received, coalesce(sum(p.online), 0) AS received_online,
               coalesce(sum(p.reused), 0) AS received_reused, coalesce(sum(p.with_fee), 0) AS received_with_fee,
               coalesce(sum(p.paid_online), 0) AS received_paid_online, coalesce(sum(p.ended), 0) AS ended,
               coalesce(sum(p.on_time), 0) AS ended_on_time, coalesce(sum(p.digitised), 0) AS ended_digitised,
               coalesce(sum(p.synced), 0) AS ended_synced,
               date_trunc('month', min(p.ended_received_from) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS ended_received_from
        FROM dossier_refresh_keys k
        JOIN dossier_refresh_parts p ON p.unit_id = k.unit_id AND p.first_at = k.first_at
        GROUP BY k.unit_id, k.month
        HAVING coalesce(sum(p.received), 0) > 0 OR coalesce(sum(p.ended), 0) > 0
    ),
    changed AS (
        UPDATE dossier_month_counts c
        SET received = x.received, received_online = x.received_online, received_reused = x.received_reused,
            received_with_fee = x.received_with_fee, received_paid_online = x.received_paid_online, ended = x.ended,
            ended_on_time = x.ended_on_time, ended_digitised = x.ended_digitised, ended_synced = x.ended_synced,
            ended_received_from = x.ended_received_from
        FROM counted x
        WHERE c.unit_id = x.unit_id AND c.month = x.month
          AND (c.received, c.received_online, c.received_reused, c.received_with_fee, c.received_paid_online, c.ended,
               c.ended_on_time, c.ended_digitised, c.ended_synced, c.ended_received_from)
              IS DISTINCT FROM (x.received, x.received_online, x.received_reused, x.received_with_fee, x.received_paid_online,
                                x.ended, x.ended_on_time, x.ended_digitised, x.ended_synced, x.ended_received_from)
    ),
    emptied AS (
        DELETE FROM dossier_month_counts c USING dossier_refresh_keys k
        WHERE c.unit_id = k.unit_id AND c.month = k.month AND c.month = ANY (keys_month)
          AND NOT EXISTS (SELECT 1 FROM counted x WHERE x.unit_id = c.unit_id AND x.month = c.month)
    )
    INSERT INTO dossier_month_counts (unit_id, month, received, received_online, received_reused, received_with_fee,
                                      received_paid_online, ended, ended_on_time, ended_digitised, ended_synced, ended_received_from)
    SELECT x.unit_id, x.month, x.received, x.received_online, x.received_reused, x.received_with_fee, x.received_paid_online,
           x.ended, x.ended_on_time, x.ended_digitised, x.ended_synced, x.ended_received_from
    FROM counted x
    WHERE NOT EXISTS (SELECT 1 FROM dossier_month_counts c WHERE c.unit_id = x.unit_id AND c.month = x.month);

    SELECT count(*) INTO unit_months FROM dossier_refresh_keys;
    SELECT w.written, w.withdrawn INTO written, withdrawn
    FROM dossier_figures_write((SELECT array_agg(unit_id) FROM dossier_refresh_keys), (SELECT array_agg(month) FROM dossier_refresh_keys),
                               batch, actor, at) w;

    DROP TABLE dossier_refresh_parts;
    DROP TABLE dossier_refresh_keys;
END
$$;
