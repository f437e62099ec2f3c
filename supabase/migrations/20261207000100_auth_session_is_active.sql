-- Routes verify access tokens locally (the project's JWKS), so a token would keep working after
-- its session ended (sign-out, sign-out everywhere, a deleted or banned user) until it expires,
-- up to an hour later. Auth removes an ended session's row from auth.sessions (and deleting a
-- user cascades to its sessions), so the server asks this, and remembers the answer for a few
-- seconds per session (lib/auth/session-liveness.ts). Only the service role may ask.
create function public.auth_session_is_active(p_session_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from auth.sessions s
    join auth.users u on u.id = s.user_id
    where s.id = p_session_id
      and (s.not_after is null or s.not_after > now())
      and (u.banned_until is null or u.banned_until <= now())
  );
$$;

revoke execute on function public.auth_session_is_active(uuid) from public, anon, authenticated;
grant execute on function public.auth_session_is_active(uuid) to service_role;
