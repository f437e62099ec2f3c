import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Sql } from "../../local-stack/db/database.ts";

/**
 * Sign-up is off (supabase/config.toml) and @supabase/lite has no admin API, so test users
 * are made as supabase/seed.sql makes the demo users: straight into auth.users.
 */
export async function createConfirmedUser(db: Sql, email: string, password: string): Promise<string> {
  const [user] = await db.query<{ id: string }>(
    `insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data,
       created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
     values (gen_random_uuid(), 'authenticated', 'authenticated', $1, extensions.crypt($2, extensions.gen_salt('bf')), now(),
       '{"provider": "email", "providers": ["email"]}', '{}', now(), now(), '', '', '', '')
     returning id`,
    [email, password],
  );
  await db.query(
    `insert into auth.identities (id, provider, provider_id, user_id, identity_data, last_sign_in_at, created_at, updated_at)
     values (gen_random_uuid(), 'email', $1::text, $1::uuid, jsonb_build_object('sub', $1::text, 'email', $2::text, 'email_verified', true), now(), now(), now())`,
    [user!.id, email],
  );
  return user!.id;
}

/** A loopback endpoint through which test files (other processes) ask the global setup for a user (POST), or delete one (DELETE). */
export async function serveUserFactory(db: Sql): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      if (request.method === "DELETE") {
        // An admin deleting the account: auth.sessions rows go with it (on delete cascade).
        const { id } = JSON.parse(body) as { id: string };
        db.query("delete from auth.users where id = $1", [id]).then(
          () => response.writeHead(204).end(),
          (error: Error) => response.writeHead(500).end(error.message),
        );
        return;
      }
      const { email, password } = JSON.parse(body) as { email: string; password: string };
      createConfirmedUser(db, email, password).then(
        (id) => response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id })),
        (error: Error) => response.writeHead(500).end(error.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
