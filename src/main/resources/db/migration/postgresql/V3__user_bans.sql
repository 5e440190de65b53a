-- A banned person cannot sign in again (their addresses are in bans); unbanning clears both.
ALTER TABLE users ADD COLUMN banned_at BIGINT;
CREATE INDEX bans_user_id ON bans (user_id);
