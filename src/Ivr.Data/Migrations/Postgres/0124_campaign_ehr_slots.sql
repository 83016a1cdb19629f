-- A reschedule campaign's slots may mirror free Slots of the practice's EHR (level Book, docs/ehr.md): ehr_slot_id
-- is the Slot's logical id, one row per Slot and campaign; NULL for the times staff typed. (SQLite's 0124.)
ALTER TABLE campaign_slots ADD COLUMN ehr_slot_id text;
CREATE UNIQUE INDEX campaign_slots_ehr ON campaign_slots (campaign_id, ehr_slot_id) WHERE ehr_slot_id IS NOT NULL;
