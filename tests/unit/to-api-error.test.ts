import { describe, expect, it } from "vitest";
import { toApiError } from "@/lib/api/api-route";
import { OrchestratorError } from "@/lib/orchestrator/errors";

describe("toApiError", () => {
  it("answers a request its caller cancelled (Ctrl+C in the terminal) with 499, not a 500 server error", () => {
    const controller = new AbortController();
    const request = new Request("http://127.0.0.1/api/sandbox/x/exec", { method: "POST", signal: controller.signal });
    controller.abort();
    expect(toApiError(new DOMException("This operation was aborted", "AbortError"), request)).toMatchObject({
      status: 499,
      code: "cancelled",
    });
    expect(toApiError(new OrchestratorError("unavailable", "gone"), request)).toMatchObject({ status: 499 });
  });

  it("still answers an unexpected failure of a live request with 500", () => {
    const request = new Request("http://127.0.0.1/api/sandbox", { method: "GET" });
    expect(toApiError(new Error("boom"), request)).toMatchObject({ status: 500, code: "internal" });
  });
});
