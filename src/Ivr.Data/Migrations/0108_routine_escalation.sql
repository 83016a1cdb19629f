-- A routine message is followed up after its morning report: unacknowledged at escalate_at (the
-- report's due time plus Dispatch:RoutineGrace, fixed when the report is planned), it escalates like an
-- urgent one. Times are written as the service writes them (ISO-8601, UTC, seven decimals).
ALTER TABLE dispatches ADD COLUMN escalate_at TEXT;

-- Reports not sent yet: due time plus the default grace, an hour.
UPDATE dispatches SET escalate_at = strftime('%Y-%m-%dT%H:%M:%f', next_step_at, '+1 hour') || '0000+00:00'
WHERE state = 'Active' AND kind = 'Report';

-- Reports already sent left their rows 'Done', a state that no longer exists. Unacknowledged, such a
-- message follows up an hour after this upgrade; acknowledged ones were stopped already (and stop now).
UPDATE dispatches SET state = 'Active', kind = 'ReportFollowUp', next_step = 0,
    next_step_at = strftime('%Y-%m-%dT%H:%M:%f', 'now', '+1 hour') || '0000+00:00',
    escalate_at = strftime('%Y-%m-%dT%H:%M:%f', 'now', '+1 hour') || '0000+00:00',
    lease_owner = NULL, lease_until = NULL
WHERE state = 'Done' AND message_id IN (SELECT id FROM messages WHERE status NOT IN ('Acknowledged', 'Resolved'));
UPDATE dispatches SET state = 'Stopped', lease_owner = NULL, lease_until = NULL WHERE state = 'Done';
