ALTER TABLE "records" ADD COLUMN "rollup_pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- A project's rollup rows (migration 0007) are shared by all its records: every insert updates the
-- same few rows and holds their lock until its transaction ends. The crowd engine inserts a record
-- at the end of a submission, then the commit is one more round trip away, and under load that
-- serialised every record-completing submission of a project. Its records now come in with
-- rollup_pending set; the statement triggers leave such rows out (they are not counted yet) and a
-- deferred trigger counts each one while its transaction commits, by clearing the flag (the update
-- trigger then adds it): the rollup rows are locked only for the commit itself. Bulk writers keep
-- the flag false and are counted by the statement triggers as before. An insert with nothing to
-- count (no row, or only pending ones: a submission's write always carries the record's INSERT)
-- returns before taking any lock.
CREATE OR REPLACE FUNCTION cotejo_records_rollup() RETURNS trigger AS $$
DECLARE
  subtracted boolean := TG_OP = 'DELETE';
BEGIN
  -- Nothing to count: leave (nested, as a delete trigger has no new_rows to plan).
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows WHERE NOT rollup_pending) THEN
      RETURN NULL;
    END IF;
  END IF;
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
    FROM (SELECT * FROM new_rows WHERE NOT rollup_pending) r
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
      WHERE NOT o.rollup_pending AND (o.values IS DISTINCT FROM n.values OR o.project_id <> n.project_id)) r
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
      WHERE NOT n.rollup_pending
        AND (o.rollup_pending OR o.values IS DISTINCT FROM n.values OR o.project_id <> n.project_id)) r
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
    FROM (SELECT * FROM old_rows WHERE NOT rollup_pending) r
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
  -- Groups left empty go (not after a pending record was counted: nothing was subtracted then).
  IF TG_OP = 'UPDATE' THEN
    subtracted := EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE NOT o.rollup_pending AND (o.values IS DISTINCT FROM n.values OR o.project_id <> n.project_id));
  END IF;
  IF subtracted THEN
    DELETE FROM record_rollups t WHERE t.count <= 0
      AND t.project_id IN (SELECT DISTINCT project_id FROM old_rows);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE OR REPLACE FUNCTION cotejo_records_rollup_commit() RETURNS trigger AS $$
BEGIN
  UPDATE records SET rollup_pending = false WHERE id = NEW.id AND rollup_pending;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER records_rollup_commit AFTER INSERT ON records
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.rollup_pending)
  EXECUTE FUNCTION cotejo_records_rollup_commit();
