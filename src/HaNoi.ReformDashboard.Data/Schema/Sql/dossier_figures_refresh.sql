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
-- The planner's estimates for the per-key counts run far past the JIT threshold while each reads a few index
-- entries; compiling them cost seconds per statement (measured on the demo year), running them milliseconds.
SET jit = off
AS $$
BEGIN
    CREATE TEMP TABLE dossier_refresh_keys ON COMMIT DROP AS
        SELECT DISTINCT k.unit_id, k.month,
               (k.month::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS first_at,
               ((k.month + interval '1 month')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS end_at
        FROM unnest(keys_unit, keys_month) AS k(unit_id, month);

    DELETE FROM dossier_month_counts c USING dossier_refresh_keys k WHERE c.unit_id = k.unit_id AND c.month = k.month;

    INSERT INTO dossier_month_counts (unit_id, month, received, received_online, received_reused, received_with_fee,
                                      received_paid_online, ended, ended_on_time, ended_digitised, ended_synced)
    SELECT k.unit_id, k.month, r.received, r.online, r.reused, r.with_fee, r.paid_online, e.ended, e.on_time, e.digitised, e.synced
    FROM dossier_refresh_keys k
    CROSS JOIN LATERAL (
        SELECT count(*) AS received,
               count(*) FILTER (WHERE d.channel = 'online') AS online,
               count(*) FILTER (WHERE d.reused_data) AS reused,
               count(*) FILTER (WHERE d.fee_required) AS with_fee,
               count(*) FILTER (WHERE d.fee_required AND d.paid_online) AS paid_online
        FROM dossiers d
        WHERE d.unit_id = k.unit_id AND d.received_at >= k.first_at AND d.received_at < k.end_at
    ) r
    CROSS JOIN LATERAL (
        -- Processing ended in the month: finished, returned or refused; a withdrawn dossier is not counted.
        SELECT count(*) AS ended,
               count(*) FILTER (WHERE d.supplement_requests <= 1 AND CASE
                   WHEN d.due_at IS NOT NULL THEN d.finished_at - make_interval(days => d.supplement_days) <= d.due_at
                   ELSE working_days_between((d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
                            ((d.finished_at - make_interval(days => d.supplement_days)) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) <= p.legal_days
               END) AS on_time,
               count(*) FILTER (WHERE d.digitised AND d.e_result) AS digitised,
               count(*) FILTER (WHERE d.synced_national) AS synced
        FROM dossiers d
        JOIN procedures p ON p.code = d.procedure_code
        -- received before the month's end: the later months' partitions are pruned.
        WHERE d.unit_id = k.unit_id AND d.finished_at >= k.first_at AND d.finished_at < k.end_at AND d.received_at < k.end_at
          AND d.status IN ('finished', 'returned', 'refused')
    ) e
    WHERE r.received > 0 OR e.ended > 0;

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
        LEFT JOIN dossier_month_counts c ON c.unit_id = k.unit_id AND c.month = k.month
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
    DROP TABLE dossier_refresh_keys;
END
$$;
