-- Schema v13: the WeCom app's "number taken" answers (第三步 and the APP's 更换手机号), counted per member as the
-- portal counts its contactTaken answers: each tells whether a phone number belongs to some member, so enough of
-- them within the window lock the member's look-ups for a while.
CREATE TABLE wecom_taken_answers (
  id            INTEGER PRIMARY KEY,
  -- the member who asked (not the holder of the number)
  uid           TEXT NOT NULL,
  at            INTEGER NOT NULL,
  -- set on the answer that reached the limit: the member's look-ups are refused until then
  locked_until  INTEGER
);
CREATE INDEX wecom_taken_answers_by_uid ON wecom_taken_answers (uid, at);
