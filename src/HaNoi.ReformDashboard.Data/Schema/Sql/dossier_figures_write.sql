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

    -- What the figures should be: one row per key and dossier indicator the plan year asks of the unit's level, beside
    -- the revision in force (current_id) and whether the dossiers no longer bear it out (stale: other figures, another
    -- source, nothing to count), found here once rather than by each of the writes below.
    CREATE TEMP TABLE dossier_write_figures ON COMMIT DROP AS
        WITH months AS (SELECT DISTINCT month FROM dossier_write_keys),
        in_force AS (
            SELECT m.month, u.unit_id, u.level
            FROM months m CROSS JOIN LATERAL units_in_force(m.month, (m.month + interval '1 month' - interval '1 day')::date) u
        ),
        -- The dossier indicators each plan year asks, with the levels it asks them of (a few rows, read once).
        asked AS MATERIALIZED (
            SELECT y.plan_year, y.levels, i.id AS indicator_id, i.code
            FROM plan_year_indicators y JOIN indicators i ON i.id = y.indicator_id
            WHERE y.plan_year IN (SELECT extract(year FROM month)::integer FROM months)
              AND i.code IN ('ONTIME', 'ONLINE_DOSSIER', 'DATA_REUSE', 'ONLINE_PAYMENT_TX', 'DIGITISED_RECORDS', 'DVCQG_SYNC')
        ),
        -- The months' kept counts and revisions in force, each read in one pass and joined by hash: a probe per
        -- figure into each index cost more than reading the month's rows.
        counts AS MATERIALIZED (
            SELECT c.* FROM dossier_month_counts c WHERE c.month IN (SELECT month FROM months)
        ),
        current AS MATERIALIZED (
            SELECT m.id, m.unit_id, m.indicator_id, m.period, m.numerator, m.denominator, m.value, m.source
            FROM measurements m
            WHERE m.is_current AND m.period IN (SELECT month FROM months) AND m.indicator_id IN (SELECT indicator_id FROM asked)
        ),
        figures AS (
            SELECT k.unit_id, k.month, a.indicator_id,
                   CASE a.code WHEN 'ONTIME' THEN c.ended_on_time
                               WHEN 'ONLINE_DOSSIER' THEN c.received_online
                               WHEN 'DATA_REUSE' THEN c.received_reused
                               WHEN 'ONLINE_PAYMENT_TX' THEN c.received_paid_online
                               WHEN 'DIGITISED_RECORDS' THEN c.ended_digitised
                               WHEN 'DVCQG_SYNC' THEN c.ended_synced END AS numerator,
                   CASE a.code WHEN 'ONTIME' THEN c.ended
                               WHEN 'ONLINE_DOSSIER' THEN c.received
                               WHEN 'DATA_REUSE' THEN c.received
                               WHEN 'ONLINE_PAYMENT_TX' THEN c.received_with_fee
                               WHEN 'DIGITISED_RECORDS' THEN c.ended
                               WHEN 'DVCQG_SYNC' THEN c.ended END AS denominator
            FROM dossier_write_keys k
            JOIN in_force u ON u.unit_id = k.unit_id AND u.month = k.month
            LEFT JOIN counts c ON c.unit_id = k.unit_id AND c.month = k.month
            JOIN asked a ON a.plan_year = extract(year FROM k.month)::integer AND u.level = ANY (a.levels)
        )
        SELECT f.unit_id, f.month, f.indicator_id, f.numerator, f.denominator, m.id AS current_id,
               (m.id IS NOT NULL AND (f.denominator IS NULL OR f.denominator = 0 OR m.source <> 'dossiers' OR m.value IS NOT NULL
                                      OR m.numerator IS DISTINCT FROM f.numerator OR m.denominator IS DISTINCT FROM f.denominator)) AS stale
        FROM figures f
        LEFT JOIN current m ON m.unit_id = f.unit_id AND m.indicator_id = f.indicator_id AND m.period = f.month;

    SELECT count(*) INTO withdrawn FROM dossier_write_figures f
    WHERE f.current_id IS NOT NULL AND (f.denominator IS NULL OR f.denominator = 0);

    -- Only when something changes: an empty statement would still run the measurements' statement triggers (the
    -- roll-ups, data_version, so every cached scorecard).
    IF EXISTS (SELECT 1 FROM dossier_write_figures f WHERE f.stale) THEN
        UPDATE measurements m SET is_current = false
        FROM dossier_write_figures f
        WHERE m.id = f.current_id AND f.stale;
    END IF;

    written := 0;
    IF EXISTS (SELECT 1 FROM dossier_write_figures f WHERE f.denominator > 0 AND (f.current_id IS NULL OR f.stale)) THEN
        INSERT INTO measurements (unit_id, indicator_id, period, numerator, denominator, value, revision, is_current,
                                  import_batch_id, source, recorded_by, recorded_at)
        SELECT f.unit_id, f.indicator_id, f.month, f.numerator, f.denominator, NULL,
               coalesce((SELECT max(x.revision) FROM measurements x
                         WHERE x.unit_id = f.unit_id AND x.indicator_id = f.indicator_id AND x.period = f.month), 0) + 1,
               true, batch, 'dossiers', actor, at
        FROM dossier_write_figures f
        WHERE f.denominator > 0 AND (f.current_id IS NULL OR f.stale);
        GET DIAGNOSTICS written = ROW_COUNT;
    END IF;

    DROP TABLE dossier_write_figures;
    DROP TABLE dossier_write_keys;
END
$$;
