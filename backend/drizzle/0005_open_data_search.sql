-- Open data: full-text search over page text (Spanish and English, accent-insensitive) kept in
-- pages.tsv by a trigger (these configurations are not immutable, so no generated column), and
-- the record indexes the researcher API needs: keyset by id, and the demo/bench schema's
-- supplier, amount and date expressions (the planner matches these exact expressions).
-- Accent-insensitive configurations: words go through unaccent before the stemmer, so
-- ts_headline can highlight "Librería" in the original text for a query "libreria".
CREATE TEXT SEARCH CONFIGURATION cotejo_es (COPY = pg_catalog.spanish);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION cotejo_es ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION cotejo_en (COPY = pg_catalog.english);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION cotejo_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;--> statement-breakpoint
CREATE OR REPLACE FUNCTION cotejo_pages_tsv() RETURNS trigger AS $$
BEGIN
  NEW.tsv := to_tsvector('cotejo_es', coalesce(NEW.text, ''))
    || to_tsvector('cotejo_en', coalesce(NEW.text, ''));
  RETURN NEW;
END
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER pages_tsv_trigger BEFORE INSERT OR UPDATE OF text ON pages
  FOR EACH ROW EXECUTE FUNCTION cotejo_pages_tsv();--> statement-breakpoint
UPDATE pages SET text = text WHERE text IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS records_project_id_key_idx ON records (project_id, id);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS records_proveedor_idx ON records (project_id, (values->>'proveedor'), id);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS records_importe_idx ON records (project_id, ((values->'importe'->>'amount')::numeric), id);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS records_fecha_idx ON records (project_id, (values->>'fecha'), id);
