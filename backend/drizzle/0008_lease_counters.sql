ALTER TABLE "tasks" ADD COLUMN "leased" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "lease_min_expiry" timestamp with time zone;--> statement-breakpoint

-- Leasing in one round trip (docs/adr/0006-crowd-hot-path-round-trips.md). Each statement of a
-- VOLATILE PL/pgSQL function takes a fresh snapshot under READ COMMITTED, so the live leases are
-- counted after the task's row lock is held and see every lease committed before it: the same
-- guarantee as the transaction these functions replace (pick, lock, count, grant).

-- tasks.leased / lease_min_expiry: how many lease rows a task has and the earliest expiry among
-- them, recounted after every statement that changes leases. Task by task in id order (index
-- lookups; a join with the transition table would be planned as a scan of every task), each locked
-- before its recount, which as a fresh statement then sees every concurrent change to its leases.
CREATE OR REPLACE FUNCTION cotejo_recount_leases() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tid uuid;
BEGIN
  FOR tid IN SELECT DISTINCT c.task_id FROM changed c ORDER BY c.task_id LOOP
    PERFORM 1 FROM tasks t WHERE t.id = tid FOR UPDATE;
    UPDATE tasks t
    SET leased = (SELECT count(*) FROM leases l WHERE l.task_id = tid),
      lease_min_expiry = (SELECT min(l.expires_at) FROM leases l WHERE l.task_id = tid)
    WHERE t.id = tid;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER leases_recount_insert AFTER INSERT ON leases REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION cotejo_recount_leases();
--> statement-breakpoint
CREATE TRIGGER leases_recount_update AFTER UPDATE ON leases REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION cotejo_recount_leases();
--> statement-breakpoint
CREATE TRIGGER leases_recount_delete AFTER DELETE ON leases REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION cotejo_recount_leases();
--> statement-breakpoint
UPDATE tasks t SET leased = s.n, lease_min_expiry = s.earliest
FROM (SELECT task_id, count(*)::int AS n, min(expires_at) AS earliest FROM leases GROUP BY task_id) s
WHERE t.id = s.task_id;
--> statement-breakpoint

-- Grants p_user a lease on p_task (held locked by the caller, or a gold task), ending the user's
-- older live leases in the project but the newest (only when there are some: an UPDATE of no rows
-- would still run the recount trigger). With p_needed, only while live leases stay below it.
-- Returns whether it was granted.
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
--> statement-breakpoint

-- The best open task p_user may take, locked and leased: never one they transcribed or hold a
-- lease on, only while live leases stay below what it needs; fewest transcriptions still needed
-- first (finish documents), then priority, then age; tasks another lease holds locked are skipped.
-- Tries up to p_attempts candidates. A task whose lease rows (tasks.leased) already fill what it
-- needs is passed over without counting, unless one of them may have expired
-- (tasks.lease_min_expiry): then its live leases are counted.
CREATE OR REPLACE FUNCTION cotejo_lease_next(
  p_project uuid, p_user uuid, p_now timestamptz, p_expires timestamptz, p_attempts integer
) RETURNS SETOF tasks LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  t tasks;
  tried uuid[] := '{}';
BEGIN
  FOR attempt IN 1..p_attempts LOOP
    -- The literals status = 'open' and is_gold = false keep the partial index tasks_schedule_idx.
    -- PGlite has one connection: no other transaction holds a lock, and SKIP LOCKED skips nothing.
    SELECT * INTO t FROM tasks c
    WHERE c.project_id = p_project AND c.status = 'open' AND c.is_gold = false AND c.id <> ALL (tried)
      AND NOT EXISTS (SELECT 1 FROM transcriptions x WHERE x.task_id = c.id AND x.user_id = p_user)
      AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.task_id = c.id AND l.user_id = p_user)
      AND (c.needed > c.leased OR (c.lease_min_expiry <= p_now
        AND c.needed > (SELECT count(*) FROM leases l WHERE l.task_id = c.id AND l.expires_at > p_now)))
    ORDER BY c.needed, c.priority DESC NULLS LAST, c.created_at, c.id
    LIMIT 1 FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
      RETURN;
    END IF;
    IF cotejo_grant_lease(t.id, p_user, p_project, p_now, p_expires, t.needed) THEN
      RETURN NEXT t;
      RETURN;
    END IF;
    tried := tried || t.id;
  END LOOP;
END $$;
