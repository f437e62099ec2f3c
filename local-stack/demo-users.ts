/** The users supabase/seed.sql creates (the seed holds the same ids and passwords). */
export const demoUsers = {
  alice: { id: "a11ce000-0000-4000-8000-000000000001", email: "alice@example.com", password: "alice-password" },
  bob: { id: "b0b00000-0000-4000-8000-000000000002", email: "bob@example.com", password: "bob-password" },
} as const;
