-- The operators' softphone endpoints, as Asterisk's PJSIP realtime reads them (sorcery.conf,
-- extconfig.conf, res_config_sqlite3.conf): columns are PJSIP's option names, all text. mailboxes is
-- always empty; it is there because Asterisk asks for the endpoints that have one when it starts.
-- SqlitePhoneEndpointStore runs this, and so does scripts/asterisk before Asterisk first reads the file:
-- without the tables Asterisk would log a warning, with the caller's number, for every call it matches.
CREATE TABLE IF NOT EXISTS ps_endpoints (
    id TEXT PRIMARY KEY, aors TEXT NOT NULL, auth TEXT NOT NULL, context TEXT NOT NULL,
    disallow TEXT NOT NULL, allow TEXT NOT NULL, webrtc TEXT NOT NULL, dtls_auto_generate_cert TEXT NOT NULL,
    direct_media TEXT NOT NULL, rtp_timeout TEXT NOT NULL, allow_subscribe TEXT NOT NULL,
    media_address TEXT NOT NULL, bind_rtp_to_media_address TEXT NOT NULL, mailboxes TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS ps_aors (
    id TEXT PRIMARY KEY, max_contacts TEXT NOT NULL, remove_existing TEXT NOT NULL, qualify_frequency TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ps_auths (
    id TEXT PRIMARY KEY, auth_type TEXT NOT NULL, username TEXT NOT NULL, password TEXT NOT NULL);
