-- Lifetimes are enforced by the dashboard: the production orchestrator never ends a sandbox at
-- its expires_at (its expire_stale() is never called, and would only mark the row). A scheduled
-- route claims expired rows here, asks the orchestrator to destroy each, and records the expiry.

-- One claim per row at a time: the primary key is what makes two runs (two server instances, or
-- a schedule and a create) never both destroy and record the same sandbox.
create table public.sandbox_expiry_claims (
  sandbox_instance_id uuid primary key references public.sandbox_instances (id) on delete cascade,
  claim uuid not null default gen_random_uuid(),
  claimed_at timestamptz not null default now()
);
alter table public.sandbox_expiry_claims enable row level security;
revoke all on public.sandbox_expiry_claims from anon, authenticated;

-- Claims up to p_limit sandboxes past their expiry (only p_user_id's when given). A claim older
-- than p_lease_seconds was left by a run that died, maybe between the orchestrator's destroy
-- (the row then says stopped) and the record: that row is claimed again and returned whatever
-- its status, unless it has ended as expired or failed. A shutting_down row is taken only once
-- it has been stuck for p_stuck_seconds, so a user's graceful stop (syncing files) is not cut short.
create function public.claim_expired_sandboxes(
  p_limit integer default 100,
  p_lease_seconds integer default 300,
  p_user_id uuid default null,
  p_stuck_seconds integer default 600
)
returns table (sandbox_instance_id uuid, sandbox_id text, claim uuid)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  delete from public.sandbox_expiry_claims c
    using public.sandbox_instances s
    where s.id = c.sandbox_instance_id
      and c.claimed_at < now() - make_interval(secs => p_lease_seconds)
      and s.status in ('expired', 'failed');
  return query
  update public.sandbox_expiry_claims c
    set claim = gen_random_uuid(), claimed_at = now()
    from public.sandbox_instances s
    where s.id = c.sandbox_instance_id
      and c.claimed_at < now() - make_interval(secs => p_lease_seconds)
      and (p_user_id is null or s.user_id = p_user_id)
    returning c.sandbox_instance_id, s.sandbox_id, c.claim;
  return query
  with candidates as (
    select s.id
    from public.sandbox_instances s
    where s.expires_at < now()
      and (p_user_id is null or s.user_id = p_user_id)
      and (
        s.status in ('creating', 'starting', 'ready', 'running')
        or (s.status = 'shutting_down' and s.updated_at < now() - make_interval(secs => p_stuck_seconds))
      )
      and not exists (select 1 from public.sandbox_expiry_claims c where c.sandbox_instance_id = s.id)
    order by s.expires_at
    limit p_limit
    -- Concurrent runs take different rows instead of queueing behind one another.
    for update of s skip locked
  ),
  claimed as (
    insert into public.sandbox_expiry_claims as c (sandbox_instance_id)
    select id from candidates
    on conflict (sandbox_instance_id) do nothing
    returning c.sandbox_instance_id, c.claim
  )
  select claimed.sandbox_instance_id, s.sandbox_id, claimed.claim
  from claimed
  join public.sandbox_instances s on s.id = claimed.sandbox_instance_id;
end;
$$;

-- Called once the orchestrator's destroy has returned (it writes shutting_down, then stopped
-- with user_requested, as whole-row saves): the expiry is written over that. Nothing happens
-- when the claim is no longer this caller's; the row as recorded is returned otherwise.
create function public.record_sandbox_expired(p_sandbox_instance_id uuid, p_claim uuid)
returns setof public.sandbox_instances
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from public.sandbox_expiry_claims c
    where c.sandbox_instance_id = p_sandbox_instance_id and c.claim = p_claim;
  if not found then
    return;
  end if;
  return query
  update public.sandbox_instances s
    set status = 'expired', stop_reason = 'expired', stopped_at = now()
    where s.id = p_sandbox_instance_id
      and s.status in ('creating', 'starting', 'ready', 'running', 'shutting_down', 'stopped')
  returning s.*;
end;
$$;

-- The orchestrator could not destroy it: the next run tries again.
create function public.release_expiry_claim(p_sandbox_instance_id uuid, p_claim uuid)
returns void
language sql
security definer
set search_path = ''
as $$
  delete from public.sandbox_expiry_claims c
    where c.sandbox_instance_id = p_sandbox_instance_id and c.claim = p_claim;
$$;

-- An expired sandbox stays expired: a later whole-row save by the orchestrator (its destroy
-- finishing late, a retried stop) must not turn it back into stopped or active.
create function public.sandbox_instances_keep_expired()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.status = 'expired' then
    new.status := old.status;
    new.stop_reason := old.stop_reason;
    new.stopped_at := old.stopped_at;
  end if;
  return new;
end;
$$;

create trigger sandbox_instances_keep_expired
  before update on public.sandbox_instances
  for each row execute function public.sandbox_instances_keep_expired();

-- The limit never counts a sandbox past its expiry, whether or not anything has ended it yet.
create or replace function public.reserve_sandbox_slot(p_user_id uuid, p_limit integer, p_hold_seconds integer default 180)
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
        and (s.expires_at is null or s.expires_at > now())
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

revoke execute on function public.claim_expired_sandboxes(integer, integer, uuid, integer) from public, anon, authenticated;
revoke execute on function public.record_sandbox_expired(uuid, uuid) from public, anon, authenticated;
revoke execute on function public.release_expiry_claim(uuid, uuid) from public, anon, authenticated;
grant execute on function public.claim_expired_sandboxes(integer, integer, uuid, integer) to service_role;
grant execute on function public.record_sandbox_expired(uuid, uuid) to service_role;
grant execute on function public.release_expiry_claim(uuid, uuid) to service_role;
