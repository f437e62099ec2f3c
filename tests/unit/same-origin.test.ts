import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { isAppHost, parseAppOrigins } from "@/lib/http/app-origins";

const headers = (values: Record<string, string>) => new Headers(values);
const site = parseAppOrigins("https://app.test, http://app.test:3000");

describe("isSameOriginRequest", () => {
  it("accepts a same-origin browser post from one of the site's origins", () => {
    expect(isSameOriginRequest(headers({ host: "app.test", origin: "https://app.test", "sec-fetch-site": "same-origin" }), site)).toBe(
      true,
    );
    expect(isSameOriginRequest(headers({ host: "app.test:3000", origin: "http://app.test:3000" }), site)).toBe(true);
  });

  it("refuses cross-site and same-site posts", () => {
    expect(isSameOriginRequest(headers({ host: "app.test", origin: "https://evil.test", "sec-fetch-site": "cross-site" }), site)).toBe(
      false,
    );
    expect(isSameOriginRequest(headers({ host: "app.test", origin: "https://sub.app.test", "sec-fetch-site": "same-site" }), site)).toBe(
      false,
    );
    expect(isSameOriginRequest(headers({ host: "app.test", origin: "https://evil.test" }), site)).toBe(false);
    expect(isSameOriginRequest(headers({ host: "app.test", origin: "https://app.test", "sec-fetch-site": "cross-site" }), site)).toBe(
      false,
    );
  });

  it("refuses a post that says nothing about where it comes from", () => {
    expect(isSameOriginRequest(headers({ host: "app.test" }), site)).toBe(false);
    expect(isSameOriginRequest(headers({ host: "app.test", origin: "null" }), site)).toBe(false);
  });

  it("compares Origin with the configured origins, not with the request's own Host (DNS rebinding)", () => {
    const rebound = { host: "rebind.evil.example:3000", origin: "http://rebind.evil.example:3000", "sec-fetch-site": "same-origin" };
    expect(isSameOriginRequest(headers(rebound), site)).toBe(false);
    expect(isSameOriginRequest(headers({ ...rebound, "x-forwarded-host": "rebind.evil.example:3000" }), site)).toBe(false);
    expect(isSameOriginRequest(headers({ host: "app.test", origin: "http://app.test" }), site)).toBe(false);
  });
});

describe("isAppHost", () => {
  it("accepts exactly the hosts (with port) of the configured origins", () => {
    expect(isAppHost("app.test", site)).toBe(true);
    expect(isAppHost("APP.test:3000", site)).toBe(true);
    expect(isAppHost("app.test:443", site)).toBe(false);
    expect(isAppHost("rebind.evil.example", site)).toBe(false);
    expect(isAppHost(null, site)).toBe(false);
  });
});
