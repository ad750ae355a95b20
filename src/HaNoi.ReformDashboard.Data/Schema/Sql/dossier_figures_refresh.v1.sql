-- dossier_figures_refresh as the migration DossierFigures made it, before DossierScale split dossier_figures_write out
-- (DossierScale replaces it with dossier_figures_refresh.sql; its Down puts this back).
-- The six figures counted from dossiers (DESIGN §6b, docs/scoring.md), for the given (unit, Hanoi month) keys: the
-- month's counts are recomputed from the current dossier records into dossier_month_counts, then each figure that
-- differs from the revision in force becomes a new measurement revision with source 'dossiers'. Once a unit has
-- dossiers for a month, all six of its figures for that month come from them: a figure with nothing to count
-- (no dossier ended, none with a fee) leaves no revision in force. A figure is written only where the plan year's
-- catalogue has the indicator for the unit's level that month. Returns the revisions written and the figures
-- withdrawn (left with no revision in force).
CREATE OR REPLACE FUNCTION dossier_figures_refresh(keys_unit integer[], keys_month date[], batch bigint, actor text, at timestamptz,
                                                   OUT written integer, OUT withdrawn integer)
LANGUAGE plpgsql
SET work_mem = '64MB'
AS $$
DECLARE
    month_first timestamptz;
    month_end timestamptz;
    month_keys bigint;
BEGIN
    CREATE TEMP TABLE dossier_refresh_keys ON COMMIT DROP AS
        SELECT DISTINCT k.unit_id, k.month,
               (k.month::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS first_at,
               ((k.month + interval '1 month')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS end_at
        FROM unnest(keys_unit, keys_month) AS k(unit_id, month);
    ANALYZE dossier_refresh_keys;
    CREATE TEMP TABLE dossier_refresh_parts (unit_id integer, first_at timestamptz, received bigint, online bigint, reused bigint,
        with_fee bigint, paid_online bigint, ended bigint, on_time bigint, digitised bigint, synced bigint) ON COMMIT DROP;

    DELETE FROM dossier_month_counts c USING dossier_refresh_keys k WHERE c.unit_id = k.unit_id AND c.month = k.month;

    -- Month by month, the bounds as constants so that only the partitions concerned are planned. A dossier whose
    -- processing ended in the month (finished, returned or refused; a withdrawn one is not counted) was received either
    -- in the month, and is counted in the same pass as the received ones, or before it, and is found through
    -- (unit_id, finished_at) in the older partitions: each ended dossier in exactly one of the two.
    -- On time (DESIGN §6b): ended on or before the due time once the citizen's supplement days are taken off; without a
    -- due time, within the procedure's legal limit in working days (looked up only then); more than one supplement
    -- request is late.
    FOR month_first, month_end, month_keys IN SELECT first_at, end_at, count(*) FROM dossier_refresh_keys GROUP BY first_at, end_at LOOP
        IF month_keys > 50 THEN
            -- Many units (a recount, a large file): one pass over the month's partition, as a plain GROUP BY would.
            INSERT INTO dossier_refresh_parts
            SELECT d.unit_id, month_first, count(*),
                   count(*) FILTER (WHERE d.channel = 'online'),
                   count(*) FILTER (WHERE d.reused_data),
                   count(*) FILTER (WHERE d.fee_required),
                   count(*) FILTER (WHERE d.fee_required AND d.paid_online),
                   count(*) FILTER (WHERE d.finished_at < month_end AND d.status IN ('finished', 'returned', 'refused')),
                   count(*) FILTER (WHERE d.finished_at < month_end AND d.status IN ('finished', 'returned', 'refused')
                                    AND d.supplement_requests <= 1 AND CASE
                                       WHEN d.due_at IS NOT NULL THEN d.finished_at - make_interval(days => d.supplement_days) <= d.due_at
                                       ELSE working_days_between((d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
                                                ((d.finished_at - make_interval(days => d.supplement_days)) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
                                            <= (SELECT p.legal_days FROM procedures p WHERE p.code = d.procedure_code)
                                   END),
                   count(*) FILTER (WHERE d.finished_at < month_end AND d.status IN ('finished', 'returned', 'refused') AND d.digitised AND d.e_result),
                   count(*) FILTER (WHERE d.finished_at < month_end AND d.status IN ('finished', 'returned', 'refused') AND d.synced_national)
            FROM dossiers d
            WHERE d.received_at >= month_first AND d.received_at < month_end
            GROUP BY d.unit_id;
        ELSE
            -- A few units (a pushed batch): through (unit_id, received_at).
            INSERT INTO dossier_refresh_parts
            SELECT k.unit_id, month_first, count(*),
                   count(*) FILTER (WHERE d.channel = 'online'),
                   count(*) FILTER (WHERE d.reused_data),
                   count(*) FILTER (WHERE d.fee_required),
                   count(*) FILTER (WHERE d.fee_required AND d.paid_online),
                   count(*) FILTER (WHERE d.finished_at < month_end AND d.status IN ('finished', 'returned', 'refused')),
                   count(*) FILTER (WHERE d.finished_at < month_end AND d.status IN ('finished', 'returned', 'refused')
                                    AND d.supplement_requests <= 1 AND CASE
                                       WHEN d.due_at IS NOT NULL THEN d.finished_at - make_interval(days => d.supplement_days) <= d.due_at
                                       ELSE working_days_between((d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
                                                ((d.finished_at - make_interval(days => d.supplement_days)) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
                                            <= (SELECT p.legal_days FROM procedures p WHERE p.code = d.procedure_code)
                                   END),
                   count(*) FILTER (WHERE d.finished_at < month_end AND d.status IN ('finished', 'returned', 'refused') AND d.digitised AND d.e_result),
                   count(*) FILTER (WHERE d.finished_at < month_end AND d.status IN ('finished', 'returned', 'refused') AND d.synced_national)
            FROM dossier_refresh_keys k
            JOIN dossiers d ON d.unit_id = k.unit_id
            WHERE k.first_at = month_first AND d.received_at >= month_first AND d.received_at < month_end
            GROUP BY k.unit_id;
        END IF;
        INSERT INTO dossier_refresh_parts (unit_id, first_at, ended, on_time, digitised, synced)
        SELECT k.unit_id, month_first, e.ended, e.on_time, e.digitised, e.synced
        FROM dossier_refresh_keys k
        -- Per unit through (unit_id, finished_at): a pass over every older partition would read them whole.
        CROSS JOIN LATERAL (
            SELECT count(*) AS ended,
                   count(*) FILTER (WHERE d.supplement_requests <= 1 AND CASE
                               WHEN d.due_at IS NOT NULL THEN d.finished_at - make_interval(days => d.supplement_days) <= d.due_at
                               ELSE working_days_between((d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
                                        ((d.finished_at - make_interval(days => d.supplement_days)) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
                                    <= (SELECT p.legal_days FROM procedures p WHERE p.code = d.procedure_code)
                           END) AS on_time,
                   count(*) FILTER (WHERE d.digitised AND d.e_result) AS digitised,
                   count(*) FILTER (WHERE d.synced_national) AS synced
            FROM dossiers d
            -- received before the month: the month's own partition and the later ones are pruned.
            WHERE d.unit_id = k.unit_id AND d.finished_at >= month_first AND d.finished_at < month_end AND d.received_at < month_first
              AND d.status IN ('finished', 'returned', 'refused')
        ) e
        WHERE k.first_at = month_first AND e.ended > 0;
    END LOOP;

    CREATE TEMP TABLE dossier_refresh_counts ON COMMIT DROP AS
        SELECT k.unit_id, k.month, coalesce(sum(p.received), 0)::integer AS received, coalesce(sum(p.online), 0)::integer AS received_online,
               coalesce(sum(p.reused), 0)::integer AS received_reused, coalesce(sum(p.with_fee), 0)::integer AS received_with_fee,
               coalesce(sum(p.paid_online), 0)::integer AS received_paid_online, sum(p.ended)::integer AS ended, sum(p.on_time)::integer AS ended_on_time,
               sum(p.digitised)::integer AS ended_digitised, sum(p.synced)::integer AS ended_synced
        FROM dossier_refresh_keys k
        JOIN dossier_refresh_parts p ON p.unit_id = k.unit_id AND p.first_at = k.first_at
        GROUP BY k.unit_id, k.month
        HAVING coalesce(sum(p.received), 0) > 0 OR sum(p.ended) > 0;
    ANALYZE dossier_refresh_counts;
    INSERT INTO dossier_month_counts (unit_id, month, received, received_online, received_reused, received_with_fee,
                                      received_paid_online, ended, ended_on_time, ended_digitised, ended_synced)
    SELECT unit_id, month, received, received_online, received_reused, received_with_fee, received_paid_online,
           ended, ended_on_time, ended_digitised, ended_synced
    FROM dossier_refresh_counts;

    -- What the figures should be: one row per key and dossier indicator the plan year asks of the unit's level.
    CREATE TEMP TABLE dossier_refresh_figures ON COMMIT DROP AS
        WITH months AS (SELECT DISTINCT month FROM dossier_refresh_keys),
        in_force AS (
            SELECT m.month, u.unit_id, u.level
            FROM months m CROSS JOIN LATERAL units_in_force(m.month, (m.month + interval '1 month' - interval '1 day')::date) u
        )
        SELECT k.unit_id, k.month, i.id AS indicator_id, f.numerator, f.denominator
        FROM dossier_refresh_keys k
        JOIN in_force u ON u.unit_id = k.unit_id AND u.month = k.month
        -- The counts just made (dossier_month_counts' statistics may still be those of an empty table).
        LEFT JOIN dossier_refresh_counts c ON c.unit_id = k.unit_id AND c.month = k.month
        CROSS JOIN LATERAL (VALUES
            ('ONTIME', c.ended_on_time, c.ended),
            ('ONLINE_DOSSIER', c.received_online, c.received),
            ('DATA_REUSE', c.received_reused, c.received),
            ('ONLINE_PAYMENT_TX', c.received_paid_online, c.received_with_fee),
            ('DIGITISED_RECORDS', c.ended_digitised, c.ended),
            ('DVCQG_SYNC', c.ended_synced, c.ended)
        ) AS f(code, numerator, denominator)
        JOIN indicators i ON i.code = f.code
        JOIN plan_year_indicators y ON y.plan_year = extract(year FROM k.month)::integer AND y.indicator_id = i.id AND u.level = ANY (y.levels);

    SELECT count(*) INTO withdrawn
    FROM dossier_refresh_figures f
    JOIN measurements m ON m.unit_id = f.unit_id AND m.indicator_id = f.indicator_id AND m.period = f.month AND m.is_current
    WHERE f.denominator IS NULL OR f.denominator = 0;

    -- The revisions in force that the dossiers no longer bear out (other figures, another source, nothing to count).
    UPDATE measurements m SET is_current = false
    FROM dossier_refresh_figures f
    WHERE m.unit_id = f.unit_id AND m.indicator_id = f.indicator_id AND m.period = f.month AND m.is_current
      AND (f.denominator IS NULL OR f.denominator = 0 OR m.source <> 'dossiers' OR m.value IS NOT NULL
           OR m.numerator IS DISTINCT FROM f.numerator OR m.denominator IS DISTINCT FROM f.denominator);

    INSERT INTO measurements (unit_id, indicator_id, period, numerator, denominator, value, revision, is_current,
                              import_batch_id, source, recorded_by, recorded_at)
    SELECT f.unit_id, f.indicator_id, f.month, f.numerator, f.denominator, NULL,
           coalesce((SELECT max(x.revision) FROM measurements x
                     WHERE x.unit_id = f.unit_id AND x.indicator_id = f.indicator_id AND x.period = f.month), 0) + 1,
           true, batch, 'dossiers', actor, at
    FROM dossier_refresh_figures f
    WHERE f.denominator > 0
      AND NOT EXISTS (SELECT 1 FROM measurements m
                      WHERE m.unit_id = f.unit_id AND m.indicator_id = f.indicator_id AND m.period = f.month AND m.is_current);
    GET DIAGNOSTICS written = ROW_COUNT;

    DROP TABLE dossier_refresh_figures;
    DROP TABLE dossier_refresh_parts;
    DROP TABLE dossier_refresh_counts;
    DROP TABLE dossier_refresh_keys;
END
$$;
