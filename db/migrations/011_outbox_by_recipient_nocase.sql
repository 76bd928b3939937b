-- Schema v11: the test-automation API (codes by recipient) and the console's 消息记录 search read one recipient's
-- messages, matched without regard to case, newest first; this index answers that without reading every message.
CREATE INDEX outbox_by_recipient_nocase ON outbox (recipient COLLATE NOCASE, created_at);
