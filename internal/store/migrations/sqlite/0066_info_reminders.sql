-- In-app notices about a public-information request (the atasan PPID
-- reminded of an objection's 30-working-day deadline, and told when it is
-- missed): the request they are about, and once per user, kind and
-- deadline, as the complaints' notices are (notifications_once).
ALTER TABLE notifications ADD COLUMN info_request_id BIGINT;
CREATE UNIQUE INDEX notifications_info_once ON notifications(user_id, info_request_id, kind, due_at) WHERE info_request_id IS NOT NULL;
