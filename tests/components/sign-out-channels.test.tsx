import "./dom-shims.ts";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SWRConfig } from "swr";
import { SignOutButton } from "../../components/auth/sign-out-button.tsx";
import { useSandboxRealtime } from "../../hooks/use-sandbox-realtime.ts";
import { createLiveStatusStore } from "../../lib/sandbox/realtime/live-status-store.ts";
import { loadBrowserClient } from "../../lib/supabase/load-browser-client.ts";

// The real browser client (one per page, as @supabase/ssr keeps it; loaded on first use, as the realtime
// hook loads it), pointed at a loopback port where nothing listens: channels exist on the client without
// a server; none is ever joined.
const config = { url: "http://127.0.0.1:9", publishableKey: "sb_publishable_test" };
afterEach(async () => {
  cleanup();
  await (await loadBrowserClient(config)).removeAllChannels();
});

describe("signing out removes every realtime channel", () => {
  it("the sign-out button removes the page's channels, and the form still posts to /auth/signout", async () => {
    const supabase = await loadBrowserClient(config);
    supabase.channel("sandbox-instances:u-1:a");
    supabase.channel("sandbox-instances:u-1:b");
    expect(supabase.getChannels()).toHaveLength(2);

    const submits: boolean[] = [];
    // Runs after React's handler: records whether the product let the post go ahead, then stops jsdom's navigation.
    const onSubmit = (event: Event) => {
      submits.push(event.defaultPrevented);
      event.preventDefault();
    };
    window.addEventListener("submit", onSubmit);
    try {
      render(<SignOutButton />);
      const button = screen.getByRole("button", { name: "Sign out" });
      const form = button.closest("form")!;
      expect(form.getAttribute("action")).toBe("/auth/signout");
      expect(form.getAttribute("method")).toBe("post");
      await act(async () => {
        fireEvent.click(button);
      });
      expect(submits).toEqual([false]);
      await vi.waitFor(() => expect(supabase.getChannels()).toHaveLength(0));
    } finally {
      window.removeEventListener("submit", onSubmit);
    }
  });

  it("the realtime hook removes every channel when the session ends (SIGNED_OUT)", async () => {
    const supabase = await loadBrowserClient(config);
    const status = createLiveStatusStore();
    function Live() {
      useSandboxRealtime("u-1", status, config);
      return null;
    }
    render(
      <SWRConfig value={{ provider: () => new Map() }}>
        <Live />
      </SWRConfig>,
    );
    // The hook's own channel, and one opened elsewhere on the page.
    supabase.channel("elsewhere");
    await vi.waitFor(() =>
      expect(supabase.getChannels().map((channel) => channel.topic)).toContainEqual(expect.stringMatching(/sandbox-instances:u-1:/)),
    );
    expect(supabase.getChannels()).toHaveLength(2);

    // No session to revoke, so no request: supabase-js still reports SIGNED_OUT to its listeners.
    await act(async () => {
      await supabase.auth.signOut({ scope: "local" });
    });
    await vi.waitFor(() => expect(supabase.getChannels()).toHaveLength(0));
  });
});
