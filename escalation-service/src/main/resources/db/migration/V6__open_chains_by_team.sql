-- A team's open visits, for browsing (visit_chain.team_id has been filled from VisitStarted.teamId since
-- V3; null for a visit without a team), in visit id order, the order the browse API pages in.
CREATE INDEX visit_chain_open_by_team ON visit_chain (tenant_id, team_id, visit_id)
    WHERE state NOT IN ('CLEARED', 'CLOSED_BY_OPERATOR');
-- A worker's open visits in the same order. It also serves what V2's index served (a danger alarm
-- locking the worker's open chains), so it replaces that one rather than standing beside it.
CREATE INDEX visit_chain_open_by_worker_visit ON visit_chain (tenant_id, worker_id, visit_id)
    WHERE state NOT IN ('CLEARED', 'CLOSED_BY_OPERATOR');
DROP INDEX visit_chain_open_by_worker;
