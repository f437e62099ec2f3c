-- The dashboard gives the orchestrator two keys of its own in config (ttl_seconds, the lifetime
-- chosen; dashboard_reservation_id, the slot its create holds). The production orchestrator saves
-- its whole row on every status change, config included, so after record_created_sandbox has put
-- the user's config back, a later save (a stop, say) would write those keys again. They mean
-- something only while the create holds its reservation (reserve_sandbox_slot and delete read the
-- marker then); at any other time every writer's copy of them is dropped here, so no reader of the
-- table sees them. Users cannot set either key (the API refuses them).
create function public.sandbox_instances_drop_internal_config()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.config is null or not (new.config ?| array['ttl_seconds', 'dashboard_reservation_id']) then
    return new;
  end if;
  if jsonb_typeof(new.config -> 'dashboard_reservation_id') = 'string' and exists (
    select 1 from public.sandbox_create_reservations r
    where r.id::text = new.config ->> 'dashboard_reservation_id' and r.user_id = new.user_id
  ) then
    return new;
  end if;
  new.config := new.config - 'ttl_seconds' - 'dashboard_reservation_id';
  return new;
end;
$$;

revoke execute on function public.sandbox_instances_drop_internal_config() from public, anon, authenticated;

create trigger sandbox_instances_drop_internal_config
  before insert or update of config on public.sandbox_instances
  for each row execute function public.sandbox_instances_drop_internal_config();
