DROP INDEX IF EXISTS bans_user_id;
ALTER TABLE users DROP COLUMN banned_at;
