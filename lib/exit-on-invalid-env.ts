import { describeEnvProblems } from "./env";

/** Prints what is wrong with the environment and exits: a thrown error would only be logged by `next dev`. */
export function exitOnInvalidEnv(): void {
  const problems = describeEnvProblems(process.env);
  if (!problems) return;
  // Plain text, not lib/log.ts: a person reads this once, before the server starts.
  // eslint-disable-next-line no-console -- the one message before lib/log.ts applies
  console.error(`\n${problems}\n`);
  process.exit(1);
}
