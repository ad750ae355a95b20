-- The six figures counted from dossiers (docs/scoring.md, docs/dossiers.md), recounted for the given (unit, Hanoi month)
-- keys: the months' counts are recomputed from the current dossier records into dossier_month_counts, then
-- dossier_figures_write turns them into measurement revisions. Imports keep the counts on arrival (their merge adds
-- and takes off what each record brings); this recount serves a change of the rules' data (holidays, a procedure's
-- legal limit) and the check that the kept counts are right. keys_unit NULL: every unit with dossiers in the months
-- keys_month, found by the months' own passes (no scan beforehand). Each count also keeps the received month of the
-- earliest dossier that ended in it (ended_received_from: where its lists start reading). Returns the revisions written, the figures withdrawn
-- and the unit-months recounted.
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
        FROM dossier_month_counts c JOIN (SELECT DISTINCT month, first_at, end_at FROM dossier_refresh_keys) m ON m.month = c.month;
        DELETE FROM dossier_month_counts c WHERE c.month = ANY (keys_month);
    ELSE
        DELETE FROM dossier_month_counts c USING dossier_refresh_keys k WHERE c.unit_id = k.unit_id AND c.month = k.month;
    END IF;
    ANALYZE dossier_refresh_keys;

    -- Month by month, the bounds as constants so that only the partitions concerned are planned. A dossier whose
    -- processing ended in the month (finished, returned or refused; a withdrawn one is not counted) was received either
    -- in the month, and is counted in the same pass as the received ones, or before it, and is found through the
    -- index of ended times in the older partitions: each ended dossier in exactly one of the two.
    FOR month_first, month_end, month_keys IN SELECT first_at, end_at, count(*) FROM dossier_refresh_keys GROUP BY first_at, end_at LOOP
        -- The on-time rule's answer and the working days late stored with each dossier that ended in the month
        -- (dossiers.on_time, days_late), set again: the holidays or a legal limit may have changed them, a loaded file
        -- may not have set them. Only the rows that change are written.
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
            -- Many units (a recount, a large file): one pass over the month's partition, as a plain GROUP BY would.
            INSERT INTO dossier_refresh_parts
            SELECT d.unit_id, month_first, count(*),
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
            FROM dossiers d
            WHERE d.received_at >= month_first AND d.received_at < month_end
            GROUP BY d.unit_id;
            -- Ended in the month, received before it: a range of the ended-time index in each older partition.
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

    -- Only the keys asked for (the many-unit passes count every unit of the month).
    INSERT INTO dossier_month_counts (unit_id, month, received, received_online, received_reused, received_with_fee,
                                      received_paid_online, ended, ended_on_time, ended_digitised, ended_synced, ended_received_from)
    SELECT k.unit_id, k.month, coalesce(sum(p.received), 0), coalesce(sum(p.online), 0), coalesce(sum(p.reused), 0),
           coalesce(sum(p.with_fee), 0), coalesce(sum(p.paid_online), 0), coalesce(sum(p.ended), 0), coalesce(sum(p.on_time), 0),
           coalesce(sum(p.digitised), 0), coalesce(sum(p.synced), 0),
           date_trunc('month', min(p.ended_received_from) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
    FROM dossier_refresh_keys k
    JOIN dossier_refresh_parts p ON p.unit_id = k.unit_id AND p.first_at = k.first_at
    GROUP BY k.unit_id, k.month
    HAVING coalesce(sum(p.received), 0) > 0 OR coalesce(sum(p.ended), 0) > 0;

    SELECT count(*) INTO unit_months FROM dossier_refresh_keys;
    SELECT w.written, w.withdrawn INTO written, withdrawn
    FROM dossier_figures_write((SELECT array_agg(unit_id) FROM dossier_refresh_keys), (SELECT array_agg(month) FROM dossier_refresh_keys),
                               batch, actor, at) w;

    DROP TABLE dossier_refresh_parts;
    DROP TABLE dossier_refresh_keys;
END
$$;
