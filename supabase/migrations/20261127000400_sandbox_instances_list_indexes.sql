-- The list (lib/sandbox/data/list-sandboxes.ts) reads one user's rows through RLS
-- (user_id = auth.uid()) a page at a time, newest first or least time left first,
-- with an exact count. With only an index on user_id, Postgres fetched every row of
-- the user and sorted them for each page; these indexes hand out the page already in
-- order, and the count reads the first one alone (index-only). tests/db/list-plan.test.ts
-- checks the plans with EXPLAIN.
create index idx_sandbox_instances_user_id_created_at
  on public.sandbox_instances (user_id, created_at desc, id);
create index idx_sandbox_instances_user_id_expires_at
  on public.sandbox_instances (user_id, expires_at asc nulls last, created_at desc, id);

-- Every lookup by user_id alone (RLS, the slot count, the cascade from auth.users)
-- is served by the leading column of the first index.
drop index public.idx_sandbox_instances_user_id;
