/** The users supabase/seed.sql creates. */
export const demoAccounts = [
  { email: "alice@example.com", password: "alice-password" },
  { email: "bob@example.com", password: "bob-password" },
] as const;
