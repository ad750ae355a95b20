-- The roll-ups kept exact in the writer's transaction: once per statement, with its transition tables.
CREATE OR REPLACE TRIGGER measurements_rollups_insert AFTER INSERT ON measurements
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_measurements();
CREATE OR REPLACE TRIGGER measurements_rollups_update AFTER UPDATE ON measurements
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_measurements();
CREATE OR REPLACE TRIGGER measurements_rollups_delete AFTER DELETE ON measurements
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_measurements();
CREATE OR REPLACE TRIGGER measurements_rollups_truncate AFTER TRUNCATE ON measurements
    FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_measurements();

CREATE OR REPLACE TRIGGER unit_versions_rollups_insert AFTER INSERT ON unit_versions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_unit_versions();
CREATE OR REPLACE TRIGGER unit_versions_rollups_update AFTER UPDATE ON unit_versions
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_unit_versions();
CREATE OR REPLACE TRIGGER unit_versions_rollups_delete AFTER DELETE ON unit_versions
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_unit_versions();
CREATE OR REPLACE TRIGGER unit_versions_rollups_truncate AFTER TRUNCATE ON unit_versions
    FOR EACH STATEMENT EXECUTE FUNCTION rollups_after_unit_versions();
