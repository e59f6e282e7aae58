CREATE TABLE "record_rollup_dims" (
	"project_id" uuid NOT NULL,
	"dim" text NOT NULL,
	"field" text NOT NULL,
	"month" boolean NOT NULL,
	CONSTRAINT "record_rollup_dims_project_id_dim_pk" PRIMARY KEY("project_id","dim")
);
--> statement-breakpoint
CREATE TABLE "record_rollup_metrics" (
	"project_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"money" boolean NOT NULL,
	CONSTRAINT "record_rollup_metrics_project_id_metric_pk" PRIMARY KEY("project_id","metric")
);
--> statement-breakpoint
CREATE TABLE "record_rollups" (
	"project_id" uuid NOT NULL,
	"dim" text NOT NULL,
	"metric" text NOT NULL,
	"key" text,
	"currency" text,
	"count" bigint NOT NULL,
	"n" bigint NOT NULL,
	"sum" numeric,
	"min" numeric,
	"max" numeric,
	"stale" boolean DEFAULT false NOT NULL,
	CONSTRAINT "record_rollups_group_key" UNIQUE NULLS NOT DISTINCT("project_id","dim","metric","key","currency")
);
--> statement-breakpoint
ALTER TABLE "record_rollup_dims" ADD CONSTRAINT "record_rollup_dims_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_rollup_metrics" ADD CONSTRAINT "record_rollup_metrics_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_rollups" ADD CONSTRAINT "record_rollups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "records_document_page_idx" ON "records" USING btree ("document_id","page_number");--> statement-breakpoint
-- The aggregate rollup: what it covers comes from each project's latest field schema (public
-- entity, enum and boolean fields and the month of date fields as groups; public money and number
-- fields as metrics), and statement triggers on records keep it exact on every insert, update and
-- delete, whichever code path writes records. Values that are not plain decimals are not summed.
CREATE OR REPLACE FUNCTION cotejo_decimal(v text) RETURNS numeric AS $$
  SELECT CASE WHEN v ~ '^-?[0-9]+(\.[0-9]+)?$' THEN v::numeric END
$$ LANGUAGE sql IMMUTABLE;--> statement-breakpoint
-- The statement that adds (sign 1) or removes (sign -1) the records of `source` (a table, or a
-- transition table inside a trigger) to or from the rollup. Removing a group's minimum or maximum
-- marks the group stale (min/max cannot be subtracted; readers then use the exact path).
CREATE OR REPLACE FUNCTION cotejo_rollup_sql(source text, sign int) RETURNS text AS $$
  SELECT format($f$
    INSERT INTO record_rollups AS t (project_id, dim, metric, key, currency, count, n, sum, min, max)
    SELECT r.project_id, d.dim, m.metric,
      CASE WHEN d.month THEN substr(r.values->>d.field, 1, 7) ELSE r.values->>d.field END,
      CASE WHEN m.money THEN r.values->m.metric->>'currency' END,
      %1$s * count(*), %1$s * count(v.x), %1$s * coalesce(sum(v.x), 0), min(v.x), max(v.x)
    FROM %2$s r
    JOIN record_rollup_dims d ON d.project_id = r.project_id
    JOIN record_rollup_metrics m ON m.project_id = r.project_id
    CROSS JOIN LATERAL (SELECT CASE WHEN m.metric = '' THEN NULL
      WHEN m.money THEN cotejo_decimal(r.values->m.metric->>'amount')
      ELSE cotejo_decimal(r.values->>m.metric) END AS x) v
    WHERE EXISTS (SELECT 1 FROM projects p WHERE p.id = r.project_id)
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (project_id, dim, metric, key, currency) DO UPDATE SET
      count = t.count + excluded.count, n = t.n + excluded.n, sum = t.sum + excluded.sum, %3$s
  $f$, sign, source, CASE WHEN sign > 0
    THEN 'min = least(t.min, excluded.min), max = greatest(t.max, excluded.max)'
    ELSE 'stale = t.stale OR coalesce(excluded.min <= t.min OR excluded.max >= t.max, false)' END)
$$ LANGUAGE sql IMMUTABLE;--> statement-breakpoint
-- Rebuilds what a project's rollup covers from its latest schema; recomputes it when that changed.
CREATE OR REPLACE FUNCTION cotejo_rollup_rebuild(p uuid) RETURNS void AS $$
DECLARE
  def jsonb;
  old_spec jsonb;
  new_spec jsonb;
BEGIN
  SELECT definition INTO def FROM field_schemas WHERE project_id = p ORDER BY version DESC LIMIT 1;
  SELECT jsonb_build_array(
      (SELECT coalesce(jsonb_agg(jsonb_build_array(dim, field, month) ORDER BY dim), '[]') FROM record_rollup_dims WHERE project_id = p),
      (SELECT coalesce(jsonb_agg(jsonb_build_array(metric, money) ORDER BY metric), '[]') FROM record_rollup_metrics WHERE project_id = p))
    INTO old_spec;
  WITH f AS (
    SELECT x->>'key' AS key, x->>'type' AS type FROM jsonb_array_elements(coalesce(def->'fields', '[]'::jsonb)) x
    WHERE coalesce((x->>'public')::boolean, true) AND x->>'key' ~ '^[a-z][a-z0-9_]{0,62}$')
  SELECT jsonb_build_array(
      (SELECT coalesce(jsonb_agg(jsonb_build_array(dim, field, month) ORDER BY dim), '[]') FROM (
        SELECT CASE WHEN type = 'date' THEN 'month(' || key || ')' ELSE key END AS dim, key AS field, type = 'date' AS month
        FROM f WHERE type IN ('entity', 'enum', 'boolean', 'date')) x),
      (SELECT coalesce(jsonb_agg(jsonb_build_array(metric, money) ORDER BY metric), '[]') FROM (
        SELECT '' AS metric, false AS money WHERE def IS NOT NULL
        UNION ALL SELECT key, type = 'money' FROM f WHERE type IN ('money', 'number')) y))
    INTO new_spec;
  IF old_spec = new_spec AND NOT EXISTS (SELECT 1 FROM record_rollups WHERE project_id = p AND stale) THEN
    RETURN;
  END IF;
  DELETE FROM record_rollups WHERE project_id = p;
  DELETE FROM record_rollup_dims WHERE project_id = p;
  DELETE FROM record_rollup_metrics WHERE project_id = p;
  INSERT INTO record_rollup_dims (project_id, dim, field, month)
    SELECT p, e->>0, e->>1, (e->>2)::boolean FROM jsonb_array_elements(new_spec->0) e;
  INSERT INTO record_rollup_metrics (project_id, metric, money)
    SELECT p, e->>0, (e->>1)::boolean FROM jsonb_array_elements(new_spec->1) e;
  EXECUTE cotejo_rollup_sql(format('(SELECT * FROM records WHERE project_id = %L)', p), 1);
END
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE OR REPLACE FUNCTION cotejo_field_schemas_rollup() RETURNS trigger AS $$
BEGIN
  PERFORM cotejo_rollup_rebuild(NEW.project_id);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER field_schemas_rollup AFTER INSERT OR UPDATE OF definition ON field_schemas
  FOR EACH ROW EXECUTE FUNCTION cotejo_field_schemas_rollup();--> statement-breakpoint
-- The record triggers: the same statement as cotejo_rollup_sql, written out (static SQL keeps
-- its plan per session: a third of the cost of EXECUTE on a one-record insert).
CREATE OR REPLACE FUNCTION cotejo_records_rollup() RETURNS trigger AS $$
BEGIN
  -- Writers share a per-project lock that cotejo_rollup_refresh takes exclusively.
  IF TG_OP = 'INSERT' THEN
    PERFORM pg_advisory_xact_lock_shared(1129, hashtext(project_id::text))
      FROM (SELECT DISTINCT project_id FROM new_rows ORDER BY 1) p;
  ELSE
    PERFORM pg_advisory_xact_lock_shared(1129, hashtext(project_id::text))
      FROM (SELECT DISTINCT project_id FROM old_rows ORDER BY 1) p;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO record_rollups AS t (project_id, dim, metric, key, currency, count, n, sum, min, max)
    SELECT r.project_id, d.dim, m.metric,
      CASE WHEN d.month THEN substr(r.values->>d.field, 1, 7) ELSE r.values->>d.field END,
      CASE WHEN m.money THEN r.values->m.metric->>'currency' END,
      count(*), count(v.x), coalesce(sum(v.x), 0), min(v.x), max(v.x)
    FROM new_rows r
    JOIN record_rollup_dims d ON d.project_id = r.project_id
    JOIN record_rollup_metrics m ON m.project_id = r.project_id
    CROSS JOIN LATERAL (SELECT CASE WHEN m.metric = '' THEN NULL
      WHEN m.money THEN cotejo_decimal(r.values->m.metric->>'amount')
      ELSE cotejo_decimal(r.values->>m.metric) END AS x) v
    WHERE EXISTS (SELECT 1 FROM projects p WHERE p.id = r.project_id)
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (project_id, dim, metric, key, currency) DO UPDATE SET
      count = t.count + excluded.count, n = t.n + excluded.n, sum = t.sum + excluded.sum,
      min = least(t.min, excluded.min), max = greatest(t.max, excluded.max);
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    -- Only rows whose values (or project) changed move between groups.
    INSERT INTO record_rollups AS t (project_id, dim, metric, key, currency, count, n, sum, min, max)
    SELECT r.project_id, d.dim, m.metric,
      CASE WHEN d.month THEN substr(r.values->>d.field, 1, 7) ELSE r.values->>d.field END,
      CASE WHEN m.money THEN r.values->m.metric->>'currency' END,
      -count(*), -count(v.x), -coalesce(sum(v.x), 0), min(v.x), max(v.x)
    FROM (SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.values IS DISTINCT FROM n.values OR o.project_id <> n.project_id) r
    JOIN record_rollup_dims d ON d.project_id = r.project_id
    JOIN record_rollup_metrics m ON m.project_id = r.project_id
    CROSS JOIN LATERAL (SELECT CASE WHEN m.metric = '' THEN NULL
      WHEN m.money THEN cotejo_decimal(r.values->m.metric->>'amount')
      ELSE cotejo_decimal(r.values->>m.metric) END AS x) v
    WHERE EXISTS (SELECT 1 FROM projects p WHERE p.id = r.project_id)
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (project_id, dim, metric, key, currency) DO UPDATE SET
      count = t.count + excluded.count, n = t.n + excluded.n, sum = t.sum + excluded.sum,
      stale = t.stale OR coalesce(excluded.min <= t.min OR excluded.max >= t.max, false);
    INSERT INTO record_rollups AS t (project_id, dim, metric, key, currency, count, n, sum, min, max)
    SELECT r.project_id, d.dim, m.metric,
      CASE WHEN d.month THEN substr(r.values->>d.field, 1, 7) ELSE r.values->>d.field END,
      CASE WHEN m.money THEN r.values->m.metric->>'currency' END,
      count(*), count(v.x), coalesce(sum(v.x), 0), min(v.x), max(v.x)
    FROM (SELECT n.* FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.values IS DISTINCT FROM n.values OR o.project_id <> n.project_id) r
    JOIN record_rollup_dims d ON d.project_id = r.project_id
    JOIN record_rollup_metrics m ON m.project_id = r.project_id
    CROSS JOIN LATERAL (SELECT CASE WHEN m.metric = '' THEN NULL
      WHEN m.money THEN cotejo_decimal(r.values->m.metric->>'amount')
      ELSE cotejo_decimal(r.values->>m.metric) END AS x) v
    WHERE EXISTS (SELECT 1 FROM projects p WHERE p.id = r.project_id)
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (project_id, dim, metric, key, currency) DO UPDATE SET
      count = t.count + excluded.count, n = t.n + excluded.n, sum = t.sum + excluded.sum,
      min = least(t.min, excluded.min), max = greatest(t.max, excluded.max);
  ELSE
    INSERT INTO record_rollups AS t (project_id, dim, metric, key, currency, count, n, sum, min, max)
    SELECT r.project_id, d.dim, m.metric,
      CASE WHEN d.month THEN substr(r.values->>d.field, 1, 7) ELSE r.values->>d.field END,
      CASE WHEN m.money THEN r.values->m.metric->>'currency' END,
      -count(*), -count(v.x), -coalesce(sum(v.x), 0), min(v.x), max(v.x)
    FROM old_rows r
    JOIN record_rollup_dims d ON d.project_id = r.project_id
    JOIN record_rollup_metrics m ON m.project_id = r.project_id
    CROSS JOIN LATERAL (SELECT CASE WHEN m.metric = '' THEN NULL
      WHEN m.money THEN cotejo_decimal(r.values->m.metric->>'amount')
      ELSE cotejo_decimal(r.values->>m.metric) END AS x) v
    WHERE EXISTS (SELECT 1 FROM projects p WHERE p.id = r.project_id)
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (project_id, dim, metric, key, currency) DO UPDATE SET
      count = t.count + excluded.count, n = t.n + excluded.n, sum = t.sum + excluded.sum,
      stale = t.stale OR coalesce(excluded.min <= t.min OR excluded.max >= t.max, false);
  END IF;
  DELETE FROM record_rollups t WHERE t.count <= 0
    AND t.project_id IN (SELECT DISTINCT project_id FROM old_rows);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;--> statement-breakpoint
-- Recomputes the min/max of the stale groups of one group-by and metric from the records. The
-- exclusive per-project lock waits for writers in flight and holds new ones back until commit, so
-- no write is missed: later writers apply least/greatest (or mark stale) on the fresh values.
CREATE OR REPLACE FUNCTION cotejo_rollup_refresh(p uuid, d text, m text) RETURNS void AS $$
DECLARE
  dd record_rollup_dims;
  mm record_rollup_metrics;
BEGIN
  PERFORM pg_advisory_xact_lock(1129, hashtext(p::text));
  SELECT * INTO dd FROM record_rollup_dims WHERE project_id = p AND dim = d;
  IF NOT FOUND THEN RETURN; END IF;
  SELECT * INTO mm FROM record_rollup_metrics WHERE project_id = p AND metric = m;
  IF NOT FOUND THEN RETURN; END IF;
  -- Only the records of the stale groups are aggregated; a group key may be null.
  WITH s AS (
    SELECT key, currency FROM record_rollups WHERE project_id = p AND dim = d AND metric = m AND stale
  ), x AS (
    SELECT k.key, k.currency, min(k.x) AS min, max(k.x) AS max
    FROM records r
    CROSS JOIN LATERAL (SELECT
      CASE WHEN dd.month THEN substr(r.values->>dd.field, 1, 7) ELSE r.values->>dd.field END AS key,
      CASE WHEN mm.money THEN r.values->mm.metric->>'currency' END AS currency,
      CASE WHEN mm.metric = '' THEN NULL
        WHEN mm.money THEN cotejo_decimal(r.values->mm.metric->>'amount')
        ELSE cotejo_decimal(r.values->>mm.metric) END AS x) k
    WHERE r.project_id = p
      AND (k.key IN (SELECT key FROM s) OR (k.key IS NULL AND EXISTS (SELECT 1 FROM s WHERE s.key IS NULL)))
    GROUP BY 1, 2
  )
  UPDATE record_rollups u SET min = x.min, max = x.max, stale = false
  FROM x
  WHERE u.project_id = p AND u.dim = d AND u.metric = m AND u.stale
    AND u.key IS NOT DISTINCT FROM x.key AND u.currency IS NOT DISTINCT FROM x.currency;
  -- A stale group without records left has no values either.
  UPDATE record_rollups SET min = NULL, max = NULL, stale = false
  WHERE project_id = p AND dim = d AND metric = m AND stale;
END
$$ LANGUAGE plpgsql
-- One pass over the project's records: walking an expression index over every record in key
-- order (what the planner picks with its group estimates) is random heap access, ~6 times slower.
SET enable_indexscan = off;--> statement-breakpoint
CREATE TRIGGER records_rollup_insert AFTER INSERT ON records REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cotejo_records_rollup();--> statement-breakpoint
CREATE TRIGGER records_rollup_update AFTER UPDATE ON records REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cotejo_records_rollup();--> statement-breakpoint
CREATE TRIGGER records_rollup_delete AFTER DELETE ON records REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cotejo_records_rollup();--> statement-breakpoint
SELECT cotejo_rollup_rebuild(id) FROM projects;
