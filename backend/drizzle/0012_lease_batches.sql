-- A grant inserted its lease with ON CONFLICT DO UPDATE, and an INSERT … ON CONFLICT DO UPDATE
-- fires the UPDATE statement triggers too, rows or none: every lease ran the leases recount twice
-- (cotejo_recount_leases, about a fifth of PostgreSQL's time under the crowd benchmark). The
-- conflict, a lease row of this person on this task, cannot meet a regular pick (it passes over
-- tasks the caller holds or held a lease on) and a gold pick excludes them too; only two requests
-- of one person racing for the same task meet it. Such a grant now fails (DO NOTHING) and the
-- pick tries its next candidate, instead of renewing the lease the other request just took.
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
  ON CONFLICT (task_id, user_id) DO NOTHING
  RETURNING id INTO granted;
  RETURN granted IS NOT NULL;
END $$;
--> statement-breakpoint

-- cotejo_lease_next returns one task or none. Declared as the default 1000 rows, a statement that
-- calls it for each of a batch of callers (jsonb_to_recordset, counted as 100) was costed at
-- 100 000 rows and over jit_above_cost: PostgreSQL compiled it with LLVM on every run (150 ms).
ALTER FUNCTION cotejo_lease_next(uuid, uuid, timestamptz, timestamptz, integer) ROWS 1;
