-- Two budgets per user instead of one: the commands a user types ('terminal') and the commands the
-- dashboard's own views run for them (files, processes, usage: 'tools'). Browsing files or watching
-- processes must not use up the terminal's budget, yet stays limited per user.
alter table public.exec_rate_hits
  add column budget text not null default 'terminal' check (budget in ('terminal', 'tools'));
drop index public.exec_rate_hits_user_at;
create index exec_rate_hits_user_budget_at on public.exec_rate_hits (user_id, budget, at);

drop function public.take_exec_rate_limit(uuid, integer, integer);

-- As before, per (user, budget): counts one command in a sliding window of p_window_seconds, or
-- refuses it once p_limit are in the window, answering whole seconds until the oldest leaves it.
create function public.take_exec_rate_limit(
  p_user_id uuid,
  p_limit integer,
  p_window_seconds integer,
  p_budget text default 'terminal'
)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  window_length interval := make_interval(secs => p_window_seconds);
  counted integer;
  oldest timestamptz;
begin
  if p_budget is null or p_budget not in ('terminal', 'tools') then
    raise exception 'unknown exec budget: %', p_budget using errcode = '22023';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('exec-rate:' || p_user_id::text || ':' || p_budget, 0));
  if random() < 1.0 / 256 then
    delete from public.exec_rate_hits where at <= clock_timestamp() - window_length;
  else
    delete from public.exec_rate_hits
    where user_id = p_user_id and budget = p_budget and at <= clock_timestamp() - window_length;
  end if;
  select count(*), min(h.at) into counted, oldest
  from public.exec_rate_hits h
  where h.user_id = p_user_id and h.budget = p_budget;
  if counted >= p_limit then
    return greatest(1, ceil(extract(epoch from oldest + window_length - clock_timestamp()))::integer);
  end if;
  insert into public.exec_rate_hits (user_id, budget) values (p_user_id, p_budget);
  return 0;
end;
$$;

revoke execute on function public.take_exec_rate_limit(uuid, integer, integer, text) from public, anon, authenticated;
grant execute on function public.take_exec_rate_limit(uuid, integer, integer, text) to service_role;
