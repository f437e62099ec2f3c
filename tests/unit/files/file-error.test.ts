import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { throwIfFileCommandFailed } from "@/lib/sandbox/files/file-error";
import type { ExecResponse } from "@/lib/sandbox/types";

const result = (exit_code: number, stderr: string): ExecResponse => ({ exit_code, stdout: "", stderr, cwd: "/home/agent" });
const thrown = (answer: ExecResponse): ApiError => {
  try {
    throwIfFileCommandFailed(answer, "/dev/zero");
  } catch (error) {
    return error as ApiError;
  }
  throw new Error("nothing thrown");
};

describe("a file command that failed in the sandbox", () => {
  it("refused by the command there (found by fuzzing: renaming /dev/zero in a jail): 409 with the sandbox's words, not a 502", () => {
    const error = thrown(result(1, "mv: cannot move '/dev/zero' to '/dev/x': Device or resource busy\n"));
    expect(error.status).toBe(409);
    expect(error.message).toBe(
      "The sandbox could not do this with /dev/zero: mv: cannot move '/dev/zero' to '/dev/x': Device or resource busy.",
    );
  });

  it("not run at all (a tool missing from the sandbox, or killed by a signal): 502", () => {
    expect(thrown(result(127, "bash: mv: command not found")).status).toBe(502);
    expect(thrown(result(137, "")).status).toBe(502);
  });

  it("what its words say: permission denied 403, no such file 404", () => {
    expect(thrown(result(1, "mv: cannot move: Operation not permitted")).status).toBe(403);
    expect(thrown(result(1, "rm: cannot remove 'x': No such file or directory")).status).toBe(404);
    expect(() => throwIfFileCommandFailed(result(0, ""), "/x")).not.toThrow();
  });
});
