"use client";

import { secondaryButton } from "@/components/ui/button-styles";
import { createClient } from "@/lib/supabase/client";

/**
 * A plain form post, so signing out works even before JavaScript has loaded. With JavaScript, the
 * realtime channels are removed first: the session they were opened with is about to end.
 */
export function SignOutButton() {
  return (
    <form action="/auth/signout" method="post" onSubmit={() => void createClient().removeAllChannels()}>
      <button type="submit" className={secondaryButton}>
        Sign out
      </button>
    </form>
  );
}
