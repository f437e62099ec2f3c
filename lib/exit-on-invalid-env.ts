import { describeEnvProblems } from "./env";

/** Prints what is wrong with the environment and exits: a thrown error would only be logged by `next dev`. */
export function exitOnInvalidEnv(scope: "public" | "all"): void {
  const problems = describeEnvProblems(process.env, scope);
  if (!problems) return;
  console.error(`\n${problems}\n`);
  process.exit(1);
}
