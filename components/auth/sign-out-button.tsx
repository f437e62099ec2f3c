"use client";

import { Button } from "@/components/ui/button";
import { loadedBrowserClient } from "@/lib/supabase/load-browser-client";

/**
 * A plain form post, so signing out works even before JavaScript has loaded. With JavaScript, the
 * realtime channels are removed first: the session they were opened with is about to end. (A client
 * not loaded yet has no channels.)
 */
export function SignOutButton() {
  return (
    <form action="/auth/signout" method="post" onSubmit={() => void loadedBrowserClient()?.removeAllChannels()}>
      <Button type="submit" size="sm">
        Sign out
      </Button>
    </form>
  );
}
