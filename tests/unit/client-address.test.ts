import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/http/client-address";

describe("clientAddress", () => {
  it("with no trusted proxy, takes the one address the server wrote (the socket's)", () => {
    expect(clientAddress("203.0.113.9", 0)).toBe("203.0.113.9");
  });

  it("behind N trusted proxies, takes the Nth address from the right, whatever the client put before it", () => {
    expect(clientAddress("1.1.1.1, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6, 7.7.7.7, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
  });

  it("never answers nothing", () => {
    expect(clientAddress(null, 0)).toBe("unknown");
    expect(clientAddress("203.0.113.9", 3)).toBe("203.0.113.9");
  });
});
