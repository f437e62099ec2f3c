-- Projects group sandboxes. The production database already has a richer
-- `public.projects` table; this migration only guarantees that the columns
-- `sandbox_instances.project_id` relies on exist, and is a no-op there.
create table if not exists public.projects (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  name text not null,
  created_at timestamptz not null default now()
);

alter table public.projects enable row level security;

do $$
begin
  if not exists (
    select 1 from pg_policies
    where schemaname = 'public' and tablename = 'projects' and policyname = 'projects_owner_all'
  ) then
    create policy projects_owner_all on public.projects
      for all to authenticated
      using ((select auth.uid()) = user_id)
      with check ((select auth.uid()) = user_id);
  end if;
end
$$;
