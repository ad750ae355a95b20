-- Every unit merged into a unit, directly or through earlier mergers (splits are never combined).
CREATE OR REPLACE VIEW unit_merged_predecessors AS
WITH RECURSIVE chain (unit_id, predecessor_id) AS (
    SELECT successor_id, predecessor_id FROM unit_lineage WHERE kind = 'merged_into'
    UNION
    SELECT c.unit_id, l.predecessor_id
    FROM chain c JOIN unit_lineage l ON l.successor_id = c.predecessor_id AND l.kind = 'merged_into'
)
SELECT unit_id, predecessor_id FROM chain;
