-- Failed sign-ins, counted per account (the email as typed, lower-cased) and per client
-- address, in the database so every server instance sees the same counts. The login
-- action asks before each attempt how long to wait, and records each wrong password.
-- Only the service role (the dashboard's server) reads or writes any of it.
create table public.sign_in_failures (
  scope text not null check (scope in ('account', 'address')),
  key text not null,
  failures integer not null default 0,
  window_started_at timestamptz not null default now(),
  locked_until timestamptz,
  primary key (scope, key)
);
alter table public.sign_in_failures enable row level security;
revoke all on public.sign_in_failures from anon, authenticated;

-- Whole seconds until this account and address may try again; 0 when they may now.
create function public.sign_in_wait_seconds(p_account text, p_address text)
returns integer
language sql
stable
set search_path = ''
as $$
  select coalesce(ceil(extract(epoch from max(f.locked_until) - now()))::integer, 0)
  from public.sign_in_failures f
  where f.locked_until > now()
    and ((f.scope = 'account' and f.key = p_account) or (f.scope = 'address' and f.key = p_address));
$$;

-- Counts one failure for both; p_*_limit failures within p_window_seconds lock that
-- account or address for p_window_seconds. Returns the wait, as sign_in_wait_seconds.
create function public.record_sign_in_failure(
  p_account text,
  p_address text,
  p_account_limit integer,
  p_address_limit integer,
  p_window_seconds integer
)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  window_length interval := make_interval(secs => p_window_seconds);
begin
  delete from public.sign_in_failures
    where window_started_at < now() - interval '1 day' and (locked_until is null or locked_until < now());
  insert into public.sign_in_failures as f (scope, key, failures, window_started_at)
  values ('account', p_account, 1, now()), ('address', p_address, 1, now())
  on conflict (scope, key) do update set
    failures = case when f.window_started_at < now() - window_length then 1 else f.failures + 1 end,
    window_started_at = case when f.window_started_at < now() - window_length then now() else f.window_started_at end;
  update public.sign_in_failures
    set locked_until = now() + window_length, failures = 0, window_started_at = now()
    where (scope = 'account' and key = p_account and failures >= p_account_limit)
       or (scope = 'address' and key = p_address and failures >= p_address_limit);
  return public.sign_in_wait_seconds(p_account, p_address);
end;
$$;

-- A successful sign-in forgets the account's failures (not the address's).
create function public.clear_sign_in_failures(p_account text)
returns void
language sql
set search_path = ''
as $$
  delete from public.sign_in_failures where scope = 'account' and key = p_account and (locked_until is null or locked_until < now());
$$;

revoke execute on function public.sign_in_wait_seconds(text, text) from public, anon, authenticated;
revoke execute on function public.record_sign_in_failure(text, text, integer, integer, integer) from public, anon, authenticated;
revoke execute on function public.clear_sign_in_failures(text) from public, anon, authenticated;
grant execute on function public.sign_in_wait_seconds(text, text) to service_role;
grant execute on function public.record_sign_in_failure(text, text, integer, integer, integer) to service_role;
grant execute on function public.clear_sign_in_failures(text) to service_role;
