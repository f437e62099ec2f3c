-- The local Realtime's change feed. PGlite has no logical decoding, so every table in
-- the supabase_realtime publication gets an AFTER ROW trigger (installed by the local
-- Realtime server at start, never by a migration) that sends each change with NOTIFY.
create schema if not exists local_realtime;

-- Keeps identical changes in one transaction from being folded into one notification.
create sequence if not exists local_realtime.change_seq;

-- The row's key columns and its values of at most max_bytes (the key only for -1),
-- as Realtime does for records over its size limit.
create or replace function local_realtime.shrink(row_data jsonb, keep text[], max_bytes integer)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select case when row_data is null then null else (
    select coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb)
    from jsonb_each(row_data) e
    where e.key = any(keep) or octet_length(e.value::text) <= max_bytes
  ) end
$$;

-- Trigger arguments: the primary key columns. A NOTIFY payload must stay under 8000
-- bytes; a larger change goes out shrunk and flagged, and the server re-reads the row.
create or replace function local_realtime.notify_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_row jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
  old_row jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
  head jsonb := jsonb_build_object(
    'seq', nextval('local_realtime.change_seq'),
    'schema', tg_table_schema,
    'table', tg_table_name,
    'type', tg_op,
    'commit_timestamp', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  );
  message text := (head || jsonb_build_object('record', new_row, 'old_record', old_row))::text;
  max_bytes integer;
begin
  foreach max_bytes in array array[64, -1] loop
    exit when octet_length(message) < 8000;
    message := (head || jsonb_build_object(
      'truncated', true,
      'record', local_realtime.shrink(new_row, tg_argv, max_bytes),
      'old_record', local_realtime.shrink(old_row, tg_argv, max_bytes)
    ))::text;
  end loop;
  if octet_length(message) < 8000 then
    perform pg_notify('local_realtime_changes', message);
  else
    raise warning 'local realtime: the key of a % on %.% is too large to notify', tg_op, tg_table_schema, tg_table_name;
  end if;
  return null;
end;
$$;
