import { describe, expect, it } from "vitest";
import { browserUrl, exposureWarning, isLoopbackHost, listenHost } from "../../local-stack/cli/listen-host.ts";

describe("where npm run local listens", () => {
  it("is 127.0.0.1 unless HOST is set", () => {
    expect(listenHost({})).toBe("127.0.0.1");
    expect(listenHost({ HOST: " " })).toBe("127.0.0.1");
    expect(listenHost({ HOST: "192.168.1.20" })).toBe("192.168.1.20");
  });

  it("warns only when HOST leaves loopback", () => {
    for (const host of ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"]) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(exposureWarning(host), host).toBeNull();
    }
    expect(exposureWarning("0.0.0.0")).toMatch(/^WARNING: HOST=0\.0\.0\.0: .*every network interface/);
    expect(exposureWarning("::")).toMatch(/every network interface/);
    expect(exposureWarning("192.168.1.20")).toMatch(/listen on 192\.168\.1\.20, not only on this machine's loopback/);
  });

  it("prints an address a browser can open", () => {
    expect(browserUrl("127.0.0.1", 3000)).toBe("http://localhost:3000");
    expect(browserUrl("0.0.0.0", 3000)).toBe("http://localhost:3000");
    expect(browserUrl("192.168.1.20", 3000)).toBe("http://192.168.1.20:3000");
    expect(browserUrl("fd00::2", 3000)).toBe("http://[fd00::2]:3000");
  });
});
