-- Demo data for local development and tests (applied once, on the first start of
-- the local stack, and by `supabase db reset` on a Supabase project).
--   alice@example.com / alice-password
--   bob@example.com   / bob-password

insert into auth.users (
  id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change
) values
  ('a11ce000-0000-4000-8000-000000000001', 'authenticated', 'authenticated', 'alice@example.com',
   extensions.crypt('alice-password', extensions.gen_salt('bf')), now(),
   '{"provider": "email", "providers": ["email"]}', '{"name": "Alice Demo"}', now(), now(), '', '', '', ''),
  ('b0b00000-0000-4000-8000-000000000002', 'authenticated', 'authenticated', 'bob@example.com',
   extensions.crypt('bob-password', extensions.gen_salt('bf')), now(),
   '{"provider": "email", "providers": ["email"]}', '{"name": "Bob Demo"}', now(), now(), '', '', '', '');

insert into auth.identities (id, provider, provider_id, user_id, identity_data, last_sign_in_at, created_at, updated_at)
select gen_random_uuid(), 'email', u.id::text, u.id,
       jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true),
       now(), now(), now()
from auth.users u
where u.email in ('alice@example.com', 'bob@example.com');

insert into public.sandbox_instances
  (user_id, sandbox_id, status, container_id, ttl_seconds, expires_at, stopped_at, stop_reason, created_at)
values
  ('a11ce000-0000-4000-8000-000000000001', 'sbx-a11ce0000001', 'stopped', null, 7200,
   now() - interval '20 hours', now() - interval '21 hours', 'user_requested', now() - interval '1 day'),
  ('a11ce000-0000-4000-8000-000000000001', 'sbx-a11ce0000002', 'failed', null, 3600,
   null, now() - interval '5 hours', 'error', now() - interval '5 hours'),
  ('a11ce000-0000-4000-8000-000000000001', 'sbx-a11ce0000003', 'expired', null, 1800,
   now() - interval '2 hours', now() - interval '2 hours', 'expired', now() - interval '150 minutes'),
  ('b0b00000-0000-4000-8000-000000000002', 'sbx-b0b000000001', 'stopped', null, 7200,
   now() - interval '3 hours', now() - interval '4 hours', 'user_requested', now() - interval '5 hours'),
  ('b0b00000-0000-4000-8000-000000000002', 'sbx-b0b000000002', 'failed', null, 7200,
   null, now() - interval '30 minutes', 'error', now() - interval '31 minutes');
