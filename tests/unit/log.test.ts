import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";

afterEach(() => vi.restoreAllMocks());

function capture(method: "log" | "warn" | "error") {
  const lines: string[] = [];
  vi.spyOn(console, method).mockImplementation((line: string) => void lines.push(line));
  return lines;
}

describe("log", () => {
  it("writes one JSON line with level, msg and the fields, info on stdout and errors on stderr", () => {
    const out = capture("log");
    const err = capture("error");
    log.info("request", { route: "/api/sandbox", status: 200 });
    log.error("failed", { route: "/api/sandbox" });
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!)).toEqual({ level: "info", msg: "request", route: "/api/sandbox", status: 200 });
    expect(Object.keys(JSON.parse(out[0]!)).slice(0, 2)).toEqual(["level", "msg"]);
    expect(JSON.parse(err[0]!)).toEqual({ level: "error", msg: "failed", route: "/api/sandbox" });
  });

  it("keeps an error's message and stack instead of writing {}", () => {
    const err = capture("warn");
    log.warn("could not verify", { error: new Error("fetch failed", { cause: new Error("ECONNREFUSED") }) });
    const entry = JSON.parse(err[0]!);
    expect(entry.error).toMatchObject({ name: "Error", message: "fetch failed", cause: { message: "ECONNREFUSED" } });
    expect(entry.error.stack).toContain("fetch failed");
  });

  it("does not let a field overwrite level or msg", () => {
    const err = capture("error");
    log.error("real", { level: "info", msg: "fake" });
    expect(JSON.parse(err[0]!)).toMatchObject({ level: "error", msg: "real" });
  });
});
