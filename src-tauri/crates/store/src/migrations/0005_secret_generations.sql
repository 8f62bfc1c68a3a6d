-- Version 5: a change counter per secret, so that a plan can say "will be set" without
-- ever reading, comparing or hashing the value (secrets are write-only on the platform).
--
-- `generation` goes up by one each time the secret is set or replaced here;
-- `pushed_generation` is the generation an apply last sent. A secret is due for a push
-- while generation > pushed_generation. Secrets stored before this version count as
-- never pushed: the next plan offers to set them, which is what the user wants when in
-- doubt (re-sending a password is harmless; keeping a stale one on the server is not).

ALTER TABLE secrets ADD COLUMN generation INTEGER NOT NULL DEFAULT 1;
ALTER TABLE secrets ADD COLUMN pushed_generation INTEGER NOT NULL DEFAULT 0;
