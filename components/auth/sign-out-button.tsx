import { secondaryButton } from "@/components/ui/button-styles";

/** A plain form post, so signing out works even before JavaScript has loaded. */
export function SignOutButton() {
  return (
    <form action="/auth/signout" method="post">
      <button type="submit" className={secondaryButton}>
        Sign out
      </button>
    </form>
  );
}
