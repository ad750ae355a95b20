-- The six figures of the given (unit, Hanoi month) keys written from their counts in dossier_month_counts (kept when
-- dossiers arrive, or just recounted): each figure that differs from the revision in force becomes a new measurement
-- revision with source 'dossiers'. Once a unit has dossiers for a month, all six of its figures for that month come
-- from them: a figure with nothing to count (no dossier ended, none with a fee) leaves no revision in force. A figure
-- is written only where the plan year's catalogue has the indicator for the unit's level that month. Counts left at
-- zero (their dossiers replaced into other months) are removed first. Returns the revisions written and the figures
-- withdrawn (left with no revision in force). The caller holds the months' locks.
CREATE OR REPLACE FUNCTION dossier_figures_write(keys_unit integer[], keys_month date[], batch bigint, actor text, at timestamptz,
                                                 OUT written integer, OUT withdrawn integer)
LANGUAGE plpgsql
SET work_mem = '64MB'
-- The estimates pass the JIT threshold while each statement reads a few index entries per key.
SET jit = off
AS $$
BEGIN
    CREATE TEMP TABLE dossier_write_keys ON COMMIT DROP AS
        SELECT DISTINCT k.unit_id, k.month FROM unnest(keys_unit, keys_month) AS k(unit_id, month);
    ANALYZE dossier_write_keys;

    DELETE FROM dossier_month_counts c USING dossier_write_keys k
    WHERE c.unit_id = k.unit_id AND c.month = k.month AND c.received = 0 AND c.ended = 0;

    -- What the figures should be: one row per key and dossier indicator the plan year asks of the unit's level.
    CREATE TEMP TABLE dossier_write_figures ON COMMIT DROP AS
        WITH months AS (SELECT DISTINCT month FROM dossier_write_keys),
        in_force AS (
            SELECT m.month, u.unit_id, u.level
            FROM months m CROSS JOIN LATERAL units_in_force(m.month, (m.month + interval '1 month' - interval '1 day')::date) u
        )
        SELECT k.unit_id, k.month, i.id AS indicator_id, f.numerator, f.denominator
        FROM dossier_write_keys k
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
    ANALYZE dossier_write_figures;

    SELECT count(*) INTO withdrawn
    FROM dossier_write_figures f
    JOIN measurements m ON m.unit_id = f.unit_id AND m.indicator_id = f.indicator_id AND m.period = f.month AND m.is_current
    WHERE f.denominator IS NULL OR f.denominator = 0;

    -- The revisions in force that the dossiers no longer bear out (other figures, another source, nothing to count).
    UPDATE measurements m SET is_current = false
    FROM dossier_write_figures f
    WHERE m.unit_id = f.unit_id AND m.indicator_id = f.indicator_id AND m.period = f.month AND m.is_current
      AND (f.denominator IS NULL OR f.denominator = 0 OR m.source <> 'dossiers' OR m.value IS NOT NULL
           OR m.numerator IS DISTINCT FROM f.numerator OR m.denominator IS DISTINCT FROM f.denominator);

    INSERT INTO measurements (unit_id, indicator_id, period, numerator, denominator, value, revision, is_current,
                              import_batch_id, source, recorded_by, recorded_at)
    SELECT f.unit_id, f.indicator_id, f.month, f.numerator, f.denominator, NULL,
           coalesce((SELECT max(x.revision) FROM measurements x
                     WHERE x.unit_id = f.unit_id AND x.indicator_id = f.indicator_id AND x.period = f.month), 0) + 1,
           true, batch, 'dossiers', actor, at
    FROM dossier_write_figures f
    WHERE f.denominator > 0
      AND NOT EXISTS (SELECT 1 FROM measurements m
                      WHERE m.unit_id = f.unit_id AND m.indicator_id = f.indicator_id AND m.period = f.month AND m.is_current);
    GET DIAGNOSTICS written = ROW_COUNT;

    DROP TABLE dossier_write_figures;
    DROP TABLE dossier_write_keys;
END
$$;
