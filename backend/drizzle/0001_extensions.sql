-- Fuzzy entity suggestions (pg_trgm) and accent-insensitive search (unaccent). Both are trusted
-- extensions on PostgreSQL 13+ and ship with PGlite as contrib modules.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
