-- Full-text index of message bodies (Porter stemming). Contentless: the text lives in messages;
-- the triggers keep the index in the same transaction as the row it derives from.
CREATE VIRTUAL TABLE message_search_index USING fts5(
  body,
  content = '',
  contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages
BEGIN
  INSERT INTO message_search_index (rowid, body) VALUES (new.id, new.body_plain);
END;

CREATE TRIGGER messages_search_update AFTER UPDATE OF body_plain ON messages
BEGIN
  DELETE FROM message_search_index WHERE rowid = old.id;
  INSERT INTO message_search_index (rowid, body) VALUES (new.id, new.body_plain);
END;

CREATE TRIGGER messages_search_delete AFTER DELETE ON messages
BEGIN
  DELETE FROM message_search_index WHERE rowid = old.id;
END;
