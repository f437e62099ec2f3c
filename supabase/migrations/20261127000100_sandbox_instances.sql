-- The sandbox registry. The orchestrator upserts rows keyed by sandbox_id with a
-- service connection; users read (and, until a later migration narrows it, write)
-- only their own rows through RLS.
create table public.sandbox_instances (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  project_id uuid references public.projects (id) on delete set null,
  sandbox_id text not null unique,
  status text not null default 'creating'
    check (status in ('creating', 'starting', 'ready', 'running', 'shutting_down', 'stopped', 'failed', 'expired')),
  container_id text,
  hot_path text default '/home/agent',
  cold_path text default '/data/cold',
  config jsonb default '{}'::jsonb,
  ttl_seconds integer not null default 7200,
  expires_at timestamptz,
  last_heartbeat_at timestamptz,
  stopped_at timestamptz,
  stop_reason text
    check (stop_reason in ('user_requested', 'expired', 'error', 'graceful_shutdown', 'admin')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index idx_sandbox_instances_user_id on public.sandbox_instances (user_id);
create index idx_sandbox_instances_project_id on public.sandbox_instances (project_id);
create index idx_sandbox_instances_status on public.sandbox_instances (status);
create index idx_sandbox_instances_sandbox_id on public.sandbox_instances (sandbox_id);
create index idx_sandbox_instances_expires_at on public.sandbox_instances (expires_at)
  where status in ('creating', 'starting', 'ready', 'running');

create function public.sandbox_instances_touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create trigger sandbox_instances_updated_at
  before update on public.sandbox_instances
  for each row execute function public.sandbox_instances_touch_updated_at();

-- The lifetime starts when the sandbox first becomes usable, not when it is requested.
create function public.sandbox_instances_set_expires_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status in ('ready', 'running') and new.expires_at is null then
    new.expires_at := now() + make_interval(secs => new.ttl_seconds);
  end if;
  return new;
end;
$$;

create trigger sandbox_instances_expires_at
  before insert or update on public.sandbox_instances
  for each row execute function public.sandbox_instances_set_expires_at();

alter table public.sandbox_instances enable row level security;

create policy sandbox_instances_select_own on public.sandbox_instances
  for select to authenticated using ((select auth.uid()) = user_id);

create policy sandbox_instances_insert_own on public.sandbox_instances
  for insert to authenticated with check ((select auth.uid()) = user_id);

create policy sandbox_instances_update_own on public.sandbox_instances
  for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

create policy sandbox_instances_delete_own on public.sandbox_instances
  for delete to authenticated using ((select auth.uid()) = user_id);

-- Realtime needs the old row to match filters on DELETE events.
alter table public.sandbox_instances replica identity full;
alter publication supabase_realtime add table public.sandbox_instances;
