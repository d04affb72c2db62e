-- dataset_jobs.sql -- the job table that ads-worker(1) serves, as the
-- product's web app queues jobs in it.  Idempotent: run it on an empty
-- database to create the table, or on one that has the web app's
-- original table (id, status, autonomous_config, progress, ...) to add
-- what leases, cancellation and results need.  Safe to run again.
--
--	psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f scripts/dataset_jobs.sql

CREATE TABLE IF NOT EXISTS dataset_jobs (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	status text NOT NULL DEFAULT 'pending',
	autonomous_config jsonb NOT NULL DEFAULT '{}'::jsonb,
	progress jsonb,
	created_at timestamptz NOT NULL DEFAULT now()
);

-- What ads-worker adds to the web app's columns.
ALTER TABLE dataset_jobs
	ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now(),
	ADD COLUMN IF NOT EXISTS cancel_requested boolean NOT NULL DEFAULT false,
	ADD COLUMN IF NOT EXISTS worker text,
	ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 0,
	ADD COLUMN IF NOT EXISTS heartbeat_at timestamptz,
	ADD COLUMN IF NOT EXISTS lease_expires_at timestamptz,
	ADD COLUMN IF NOT EXISTS started_at timestamptz,
	ADD COLUMN IF NOT EXISTS finished_at timestamptz,
	ADD COLUMN IF NOT EXISTS output_dir text,
	ADD COLUMN IF NOT EXISTS result jsonb,
	ADD COLUMN IF NOT EXISTS error text;

-- The states a job goes through: pending -> running -> done, failed or
-- cancelled; a running job whose lease expired goes back to pending.
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_constraint
	    WHERE conname = 'dataset_jobs_status_check') THEN
		ALTER TABLE dataset_jobs ADD CONSTRAINT dataset_jobs_status_check
		    CHECK (status IN ('pending', 'running', 'done', 'failed',
		    'cancelled'));
	END IF;
END
$$;

-- The claim query's path: the oldest pending job, or a running one
-- whose lease has expired.
CREATE INDEX IF NOT EXISTS dataset_jobs_claim_idx
	ON dataset_jobs (created_at, id)
	WHERE status IN ('pending', 'running');

-- Wake the workers: a job that becomes pending, and a cancel request,
-- are announced on the channel dataset_jobs with the job's id as the
-- payload.
CREATE OR REPLACE FUNCTION dataset_jobs_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.status = 'pending' AND (TG_OP = 'INSERT' OR
	    OLD.status IS DISTINCT FROM NEW.status) THEN
		PERFORM pg_notify('dataset_jobs', NEW.id::text);
	ELSIF TG_OP = 'UPDATE' AND NEW.cancel_requested AND
	    NOT OLD.cancel_requested THEN
		PERFORM pg_notify('dataset_jobs', NEW.id::text);
	END IF;
	RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS dataset_jobs_notify ON dataset_jobs;
CREATE TRIGGER dataset_jobs_notify
	AFTER INSERT OR UPDATE ON dataset_jobs
	FOR EACH ROW EXECUTE FUNCTION dataset_jobs_notify();
