-- Crowd records join their project's rollup while their transaction commits (migration 0009): a
-- deferred trigger per record cleared its rollup_pending flag, one UPDATE (and one run of the
-- rollup's statement trigger) per record. Since a transaction can store many submissions (group
-- commit), the records a transaction inserts pending are now remembered as they are inserted (in
-- a transaction-local setting, undone with a rolled-back savepoint like the rows themselves), and
-- the first deferred trigger to fire clears them all in one UPDATE; the others find nothing left.
CREATE OR REPLACE FUNCTION cotejo_records_note_pending() RETURNS trigger AS $$
BEGIN
  PERFORM set_config('cotejo.rollup_pending',
    concat_ws(',', nullif(current_setting('cotejo.rollup_pending', true), ''), NEW.id::text), true);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER records_note_pending AFTER INSERT ON records
  FOR EACH ROW WHEN (NEW.rollup_pending) EXECUTE FUNCTION cotejo_records_note_pending();--> statement-breakpoint
CREATE OR REPLACE FUNCTION cotejo_records_rollup_commit() RETURNS trigger AS $$
DECLARE
  pending text := nullif(current_setting('cotejo.rollup_pending', true), '');
BEGIN
  IF pending IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('cotejo.rollup_pending', '', true);
  UPDATE records SET rollup_pending = false
  WHERE id = ANY (string_to_array(pending, ',')::uuid[]) AND rollup_pending;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
