-- The answers and appraisals of the index of the units are append-only (assessment_versions_append_only).
CREATE OR REPLACE TRIGGER assessment_answers_append_only BEFORE UPDATE OR DELETE ON assessment_answers
    FOR EACH ROW EXECUTE FUNCTION assessment_versions_append_only();
CREATE OR REPLACE TRIGGER assessment_appraisals_append_only BEFORE UPDATE OR DELETE ON assessment_appraisals
    FOR EACH ROW EXECUTE FUNCTION assessment_versions_append_only();
