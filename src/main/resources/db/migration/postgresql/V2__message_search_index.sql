-- Full-text search of message bodies with English stemming, the same words found as on SQLite:
-- a copy of the english configuration whose stemmer keeps stop words (SQLite's porter tokenizer
-- drops none, so "not panic" must need "not"). ASCII punctuation becomes spaces first, so words
-- split exactly where the query splits them (the default parser would keep "example.com" or
-- "a/b" as one token). A stored generated column: the vector changes in the same statement, and
-- so the same transaction, as the body it derives from.
CREATE TEXT SEARCH DICTIONARY campfire_english_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION campfire_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION campfire_english ALTER MAPPING REPLACE english_stem WITH campfire_english_stem;

ALTER TABLE messages ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('campfire_english', regexp_replace(body_plain, '[!-/:-@\[-`{-~]+', ' ', 'g'))) STORED;
CREATE INDEX messages_search_vector ON messages USING GIN (search_vector);
