import { createClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH_UNREACHABLE_MESSAGE, describeSignInError } from "@/lib/auth/sign-in-errors";
import { startTestSupabase, type TestSupabase } from "../helpers/local-supabase.ts";

let supabase: TestSupabase;
beforeAll(async () => {
  supabase = await startTestSupabase();
});
afterAll(async () => {
  await supabase?.stop();
});

const client = (url: string, key: string) =>
  createClient(url, key, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });

describe("describeSignInError, with the real client", () => {
  it("says in words what a wrong password means", async () => {
    const { error } = await client(supabase.url, supabase.keys.publishableKey).auth.signInWithPassword({
      email: "alice@example.com",
      password: "wrong",
    });
    expect(error).not.toBeNull();
    expect(error!.code).toBe("invalid_credentials");
    expect(describeSignInError(error!)).toBe("The email or password is not right. Check both and try again.");
  });

  it("says plainly when auth cannot be reached", async () => {
    // Port 9 (discard) is closed on loopback: the fetch fails.
    const { error } = await client("http://127.0.0.1:9", supabase.keys.publishableKey).auth.signInWithPassword({
      email: "alice@example.com",
      password: "alice-password",
    });
    expect(error).not.toBeNull();
    expect(describeSignInError(error!)).toBe(AUTH_UNREACHABLE_MESSAGE);
  });
});
