import { describe, expect, it } from "vitest";
import { faultsFromEnv } from "../../local-stack/orchestrator/faults.ts";

describe("production's behaviours from the environment (npm run local, main.ts)", () => {
  it("are off unless asked for", () => {
    expect(faultsFromEnv({})).toEqual({});
  });

  it("ORCHESTRATOR_PRODUCTION=1 turns on both exec behaviours; each can be set alone or overridden", () => {
    expect(faultsFromEnv({ ORCHESTRATOR_PRODUCTION: "1" })).toEqual({ exec_timeout: "ignore", serial: true });
    expect(faultsFromEnv({ ORCHESTRATOR_EXEC_TIMEOUT: "ignore" })).toEqual({ exec_timeout: "ignore" });
    expect(faultsFromEnv({ ORCHESTRATOR_SERIAL: "1" })).toEqual({ serial: true });
    expect(faultsFromEnv({ ORCHESTRATOR_PRODUCTION: "1", ORCHESTRATOR_SERIAL: "0" })).toEqual({ exec_timeout: "ignore", serial: false });
    expect(faultsFromEnv({ ORCHESTRATOR_PRODUCTION: "1", ORCHESTRATOR_EXEC_TIMEOUT: "enforce" })).toEqual({
      exec_timeout: "enforce",
      serial: true,
    });
    expect(faultsFromEnv({ ORCHESTRATOR_FAULT_CREATE_ERROR: "1" })).toEqual({ create_error: true });
  });

  it("refuses a timeout mode it does not know, instead of enforcing by surprise", () => {
    expect(() => faultsFromEnv({ ORCHESTRATOR_EXEC_TIMEOUT: "off" })).toThrow(/ORCHESTRATOR_EXEC_TIMEOUT must be enforce or ignore/);
  });
});
