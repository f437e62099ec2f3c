import { describe, expect, it } from "vitest";
import { capExecOutput, encodedCost, truncationNotice } from "@/lib/sandbox/cap-exec-output";

const result = (stdout: string, stderr: string) => ({ exit_code: 0, stdout, stderr, cwd: "/home/agent" });
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe("capExecOutput", () => {
  it("counts what JSON.stringify writes, in UTF-8", () => {
    for (const text of ["plain", '"quoted" \\ \n\t', "\u0001\u001f\u007f", "é€😀", "\ud800 lone", ""]) {
      expect(encodedCost(text), JSON.stringify(text)).toBe(jsonBytes(text) - 2);
    }
  });

  it("leaves output under the cap as it is, with no flag", () => {
    const small = result("out\n", "err\n");
    expect(capExecOutput(small, 100)).toEqual(small);
  });

  it("cuts both streams together to the cap, keeping their starts, and says so", () => {
    const capped = capExecOutput(result("\u0001".repeat(10_000), "e".repeat(10_000)), 4_000);
    expect(capped.truncated).toBe(true);
    expect(encodedCost(capped.stdout) + encodedCost(capped.stderr)).toBeLessThanOrEqual(4_000);
    expect(capped.stdout.endsWith(truncationNotice)).toBe(true);
    expect(capped.stderr.startsWith("eee")).toBe(true);
  });

  it("gives a quiet stream's share to the loud one, and never splits a surrogate pair", () => {
    const capped = capExecOutput(result("😀".repeat(5_000), "small"), 4_000);
    expect(capped.stderr).toBe("small");
    expect(encodedCost(capped.stdout)).toBeGreaterThan(3_000);
    expect(capped.stdout.replace(truncationNotice, "")).toMatch(/^(😀)+$/u);
  });
});
