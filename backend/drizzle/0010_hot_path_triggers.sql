CREATE INDEX "leases_user_idx" ON "leases" USING btree ("user_id");--> statement-breakpoint
-- The statement that stores a submission (saveReconcile) also inserts the task's record when one is
-- verified, so the records insert trigger fires on every submission, mostly for no row or a
-- pending one: it now returns before taking any lock. Otherwise as in migration 0009.
CREATE OR REPLACE FUNCTION cotejo_records_rollup() RETURNS trigger AS $$
DECLARE
  subtracted boolean := TG_OP = 'DELETE';
BEGIN
  -- An insert of nothing to count (a submission's write that verified no record, or records
  -- waiting for their commit) leaves at once.
  -- (Nested: only an insert trigger has new_rows alone, and PL/pgSQL plans a whole condition.)
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
-- A grant ends the caller's older live leases only when there are some (with leases_user_idx, a look
-- at their own rows): an UPDATE of no rows still ran the leases recount trigger on every lease.
-- Otherwise as in migration 0008.
CREATE OR REPLACE FUNCTION cotejo_grant_lease(
  p_task uuid, p_user uuid, p_project uuid, p_now timestamptz, p_expires timestamptz, p_needed integer
) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  granted uuid;
BEGIN
  IF EXISTS (
    SELECT 1 FROM leases l JOIN tasks t ON t.id = l.task_id AND t.project_id = p_project
    WHERE l.user_id = p_user AND l.expires_at > p_now AND l.task_id <> p_task
    OFFSET 1
  ) THEN
    WITH mine AS (
      SELECT l.id, l.created_at FROM leases l JOIN tasks t ON t.id = l.task_id AND t.project_id = p_project
      WHERE l.user_id = p_user AND l.expires_at > p_now AND l.task_id <> p_task
    )
    UPDATE leases SET expires_at = p_now
    WHERE id IN (SELECT id FROM mine ORDER BY created_at DESC OFFSET 1);
  END IF;
  INSERT INTO leases (task_id, user_id, expires_at)
  SELECT p_task, p_user, p_expires
  WHERE p_needed IS NULL
    OR (SELECT count(*) FROM leases c WHERE c.task_id = p_task AND c.expires_at > p_now) < p_needed
  ON CONFLICT (task_id, user_id) DO UPDATE SET expires_at = excluded.expires_at, created_at = now()
  RETURNING id INTO granted;
  RETURN granted IS NOT NULL;
END $$;
