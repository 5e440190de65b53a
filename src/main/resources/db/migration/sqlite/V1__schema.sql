-- Times are milliseconds since the epoch (BIGINT), so the same columns work on PostgreSQL.

CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  name          TEXT    NOT NULL,
  join_code     TEXT    NOT NULL,
  custom_styles TEXT,
  restrict_room_creation_to_administrators BOOLEAN NOT NULL DEFAULT 0,
  logo_key      TEXT,
  created_at    BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL
);

CREATE TABLE users (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  name            TEXT    NOT NULL,
  email_address   TEXT,
  password_digest TEXT,
  role            TEXT    NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'administrator', 'bot')),
  bio             TEXT,
  avatar_key      TEXT,
  bot_token       TEXT,
  webhook_url     TEXT,
  active          BOOLEAN NOT NULL DEFAULT 1,
  created_at      BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL
);
CREATE UNIQUE INDEX users_email_address ON users (email_address) WHERE active = 1;
CREATE UNIQUE INDEX users_bot_token ON users (bot_token);

CREATE TABLE sessions (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token          TEXT    NOT NULL UNIQUE,
  ip_address     TEXT,
  user_agent     TEXT,
  last_active_at BIGINT  NOT NULL,
  created_at     BIGINT  NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE rooms (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  name            TEXT,
  type            TEXT    NOT NULL CHECK (type IN ('open', 'closed', 'direct')),
  creator_id      INTEGER REFERENCES users (id),
  last_message_at BIGINT,
  created_at      BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL
);
CREATE INDEX rooms_type ON rooms (type);

CREATE TABLE memberships (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  room_id        INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  involvement    TEXT    NOT NULL DEFAULT 'mentions' CHECK (involvement IN ('invisible', 'nothing', 'mentions', 'everything')),
  unread_at      BIGINT,
  connections    INTEGER NOT NULL DEFAULT 0,
  connected_at   BIGINT,
  created_at     BIGINT  NOT NULL,
  UNIQUE (room_id, user_id)
);
CREATE INDEX memberships_user_id ON memberships (user_id, room_id);

CREATE TABLE messages (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  room_id           INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  creator_id        INTEGER NOT NULL REFERENCES users (id),
  client_message_id TEXT    NOT NULL,
  body_html         TEXT    NOT NULL DEFAULT '',
  body_plain        TEXT    NOT NULL DEFAULT '',
  created_at        BIGINT  NOT NULL,
  updated_at        BIGINT  NOT NULL,
  UNIQUE (creator_id, client_message_id)
);
CREATE INDEX messages_room_id ON messages (room_id, id);
CREATE INDEX messages_creator_id ON messages (creator_id);

CREATE TABLE attachments (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id   INTEGER NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
  storage_key  TEXT    NOT NULL,
  filename     TEXT    NOT NULL,
  content_type TEXT    NOT NULL,
  byte_size    BIGINT  NOT NULL,
  checksum     TEXT    NOT NULL,
  width        INTEGER,
  height       INTEGER,
  preview_key  TEXT,
  created_at   BIGINT  NOT NULL
);

CREATE TABLE boosts (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  booster_id INTEGER NOT NULL REFERENCES users (id),
  content    TEXT    NOT NULL,
  created_at BIGINT  NOT NULL
);
CREATE INDEX boosts_message_id ON boosts (message_id);

CREATE TABLE searches (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  query      TEXT    NOT NULL,
  created_at BIGINT  NOT NULL
);
CREATE INDEX searches_user_id ON searches (user_id, id);

CREATE TABLE push_subscriptions (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  endpoint   TEXT    NOT NULL,
  p256dh_key TEXT    NOT NULL,
  auth_key   TEXT    NOT NULL,
  user_agent TEXT,
  created_at BIGINT  NOT NULL,
  UNIQUE (user_id, endpoint)
);

CREATE TABLE webhooks (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  url        TEXT    NOT NULL,
  created_at BIGINT  NOT NULL
);

CREATE TABLE webhook_deliveries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  webhook_id      INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  message_id      INTEGER REFERENCES messages (id) ON DELETE SET NULL,
  payload         TEXT    NOT NULL,
  status          TEXT    NOT NULL DEFAULT 'queued',
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT  NOT NULL,
  response_status INTEGER,
  error           TEXT,
  created_at      BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);

CREATE TABLE bans (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  ip_address TEXT    NOT NULL,
  created_at BIGINT  NOT NULL
);
CREATE INDEX bans_ip_address ON bans (ip_address);
