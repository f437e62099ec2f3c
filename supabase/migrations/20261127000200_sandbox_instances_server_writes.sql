-- Users may read their own sandboxes and nothing more. Every write goes through
-- the dashboard's route handlers (service role, after the ownership check) or the
-- orchestrator: a signed-in user calling the REST API directly must not be able to
-- extend a lifetime, flip a status, or register a sandbox that never existed.
drop policy sandbox_instances_insert_own on public.sandbox_instances;
drop policy sandbox_instances_update_own on public.sandbox_instances;
drop policy sandbox_instances_delete_own on public.sandbox_instances;
revoke insert, update, delete, truncate on public.sandbox_instances from anon, authenticated;

-- A create holds a slot from before the orchestrator is called until its row is
-- recorded, so that two creates at the limit cannot both pass the check.
create table public.sandbox_create_reservations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now()
);
create index idx_sandbox_create_reservations_user_id on public.sandbox_create_reservations (user_id);
alter table public.sandbox_create_reservations enable row level security;
revoke all on public.sandbox_create_reservations from anon, authenticated;

-- Returns a reservation id, or null when the user is at the limit. The advisory
-- lock serialises concurrent calls for one user; a reservation older than
-- p_hold_seconds (a create that died) no longer counts. The dashboard passes the
-- reservation id to the orchestrator in config.dashboard_reservation_id, so the
-- row the orchestrator writes while a create is in flight is not counted twice.
create function public.reserve_sandbox_slot(p_user_id uuid, p_limit integer, p_hold_seconds integer default 180)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
  in_use integer;
  reservation uuid;
begin
  perform pg_advisory_xact_lock(hashtextextended('sandbox-slots:' || p_user_id::text, 0));
  delete from public.sandbox_create_reservations
    where user_id = p_user_id and created_at < now() - make_interval(secs => p_hold_seconds);
  select
    (select count(*) from public.sandbox_instances s
      where s.user_id = p_user_id
        and s.status in ('creating', 'starting', 'ready', 'running')
        and not exists (
          select 1 from public.sandbox_create_reservations r
          where r.user_id = p_user_id and r.id::text = s.config ->> 'dashboard_reservation_id'
        ))
    + (select count(*) from public.sandbox_create_reservations where user_id = p_user_id)
    into in_use;
  if in_use >= p_limit then
    return null;
  end if;
  insert into public.sandbox_create_reservations (user_id) values (p_user_id) returning id into reservation;
  return reservation;
end;
$$;

create function public.release_sandbox_slot(p_reservation uuid)
returns void
language sql
set search_path = ''
as $$
  delete from public.sandbox_create_reservations where id = p_reservation;
$$;

-- Records a sandbox the orchestrator created: one row per sandbox_id whatever the
-- orchestrator already wrote, with the lifetime and config the user chose (the
-- reservation marker leaves config here). The orchestrator's status is kept (it
-- may have moved on); expires_at moves by the change of ttl. p_config is JSON
-- text: @supabase/lite on a Postgres server encodes a jsonb argument twice.
create function public.record_created_sandbox(
  p_reservation uuid,
  p_user_id uuid,
  p_sandbox_id text,
  p_status text,
  p_hot_path text,
  p_cold_path text,
  p_config text,
  p_ttl_seconds integer,
  p_container_id text default null,
  p_project_id uuid default null
)
returns setof public.sandbox_instances
language plpgsql
set search_path = ''
as $$
begin
  delete from public.sandbox_create_reservations where id = p_reservation;
  return query
  insert into public.sandbox_instances as s
    (user_id, sandbox_id, status, container_id, hot_path, cold_path, config, ttl_seconds, project_id)
  values
    (p_user_id, p_sandbox_id, p_status, p_container_id, p_hot_path, p_cold_path, p_config::jsonb, p_ttl_seconds, p_project_id)
  on conflict (sandbox_id) do update set
    container_id = coalesce(s.container_id, excluded.container_id),
    config = excluded.config,
    project_id = excluded.project_id,
    ttl_seconds = excluded.ttl_seconds,
    expires_at = s.expires_at + make_interval(secs => excluded.ttl_seconds - s.ttl_seconds)
  where s.user_id = excluded.user_id
  returning s.*;
end;
$$;

revoke execute on function public.reserve_sandbox_slot(uuid, integer, integer) from public, anon, authenticated;
revoke execute on function public.release_sandbox_slot(uuid) from public, anon, authenticated;
revoke execute on function public.record_created_sandbox(uuid, uuid, text, text, text, text, text, integer, text, uuid)
  from public, anon, authenticated;
grant execute on function public.reserve_sandbox_slot(uuid, integer, integer) to service_role;
grant execute on function public.release_sandbox_slot(uuid) to service_role;
grant execute on function public.record_created_sandbox(uuid, uuid, text, text, text, text, text, integer, text, uuid)
  to service_role;
