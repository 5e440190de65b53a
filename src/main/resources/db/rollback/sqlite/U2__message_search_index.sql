DROP TRIGGER IF EXISTS messages_search_delete;
DROP TRIGGER IF EXISTS messages_search_update;
DROP TRIGGER IF EXISTS messages_search_insert;
DROP TABLE IF EXISTS message_search_index;
