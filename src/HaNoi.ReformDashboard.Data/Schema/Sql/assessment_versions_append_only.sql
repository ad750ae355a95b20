-- A version of a self-assessment answer or an appraisal, once written, is what someone saw and signed: it is never
-- deleted, and an update may only retire the current version (is_current true → false) when a new one is added.
CREATE OR REPLACE FUNCTION assessment_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '% is append-only: a version is never deleted', TG_TABLE_NAME;
    END IF;
    IF (to_jsonb(NEW) - 'is_current') IS DISTINCT FROM (to_jsonb(OLD) - 'is_current') OR (NEW.is_current AND NOT OLD.is_current) THEN
        RAISE EXCEPTION '% is append-only: a new version is added instead of changing one', TG_TABLE_NAME;
    END IF;
    RETURN NEW;
END $$;
