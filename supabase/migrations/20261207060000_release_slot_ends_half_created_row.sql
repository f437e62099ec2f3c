-- A create whose call to the orchestrator failed gives its slot back here. The orchestrator may
-- have written the sandbox's row before failing (killed mid-create, or the call timed out): that
-- row carries the reservation in config and says creating or starting, and nothing else would
-- ever move it on (expiry starts at ready, so the expiry run never takes it; the limit counts it
-- once the reservation is gone). It becomes failed (stop_reason error), and loses the internal
-- config keys like every row whose create is over. If the orchestrator was only slow and saves
-- the sandbox later, its whole-row save makes the row ready again (without those keys: the
-- reservation is gone), and the sandbox's lifetime then ends it as any other.
create or replace function public.release_sandbox_slot(p_reservation uuid)
returns void
language sql
set search_path = ''
as $$
  delete from public.sandbox_create_reservations where id = p_reservation;
  update public.sandbox_instances s
    set config = s.config - 'ttl_seconds' - 'dashboard_reservation_id',
      status = case when s.status in ('creating', 'starting') then 'failed' else s.status end,
      stop_reason = case when s.status in ('creating', 'starting') then 'error' else s.stop_reason end,
      stopped_at = case when s.status in ('creating', 'starting') then now() else s.stopped_at end
    where s.config ->> 'dashboard_reservation_id' = p_reservation::text;
$$;

revoke execute on function public.release_sandbox_slot(uuid) from public, anon, authenticated;
grant execute on function public.release_sandbox_slot(uuid) to service_role;
