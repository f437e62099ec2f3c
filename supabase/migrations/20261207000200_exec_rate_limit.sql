-- The exec rate limit, counted in the database so every server instance sees the same count
-- (kept in each process's memory, N instances gave a user N times the limit). One row per
-- command still inside the window: at most the limit per user, since refused ones are not kept.
-- Only the service role (the dashboard's server) reads or writes any of it.
create table public.exec_rate_hits (
  user_id uuid not null,
  at timestamptz not null default clock_timestamp()
);
create index exec_rate_hits_user_at on public.exec_rate_hits (user_id, at);
alter table public.exec_rate_hits enable row level security;
revoke all on public.exec_rate_hits from anon, authenticated;

-- The whole check, in one call: counts one command for the user in a sliding window of
-- p_window_seconds, or refuses it once p_limit are in the window. Answers 0 when counted, else
-- whole seconds until the oldest leaves the window (at least 1). A per-user advisory lock
-- serialises one user's concurrent calls, whichever server instance makes them; other users
-- never wait. The user's hits that left the window are deleted on each call, and everyone's
-- about one call in 256, so the table holds recent users only.
create function public.take_exec_rate_limit(p_user_id uuid, p_limit integer, p_window_seconds integer)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  window_length interval := make_interval(secs => p_window_seconds);
  counted integer;
  oldest timestamptz;
begin
  perform pg_advisory_xact_lock(hashtextextended('exec-rate:' || p_user_id::text, 0));
  if random() < 1.0 / 256 then
    delete from public.exec_rate_hits where at <= clock_timestamp() - window_length;
  else
    delete from public.exec_rate_hits where user_id = p_user_id and at <= clock_timestamp() - window_length;
  end if;
  select count(*), min(h.at) into counted, oldest from public.exec_rate_hits h where h.user_id = p_user_id;
  if counted >= p_limit then
    return greatest(1, ceil(extract(epoch from oldest + window_length - clock_timestamp()))::integer);
  end if;
  insert into public.exec_rate_hits (user_id) values (p_user_id);
  return 0;
end;
$$;

revoke execute on function public.take_exec_rate_limit(uuid, integer, integer) from public, anon, authenticated;
grant execute on function public.take_exec_rate_limit(uuid, integer, integer) to service_role;
