import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "@/lib/http/same-origin";

const headers = (values: Record<string, string>) => new Headers(values);

describe("isSameOriginRequest", () => {
  it("accepts a same-origin browser post", () => {
    expect(isSameOriginRequest(headers({ host: "app.test", origin: "https://app.test", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOriginRequest(headers({ host: "app.test:3000", origin: "http://app.test:3000" }))).toBe(true);
  });

  it("refuses cross-site and same-site posts", () => {
    expect(isSameOriginRequest(headers({ host: "app.test", origin: "https://evil.test", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOriginRequest(headers({ host: "app.test", origin: "https://sub.app.test", "sec-fetch-site": "same-site" }))).toBe(false);
    expect(isSameOriginRequest(headers({ host: "app.test", origin: "https://evil.test" }))).toBe(false);
    expect(isSameOriginRequest(headers({ host: "app.test", origin: "https://app.test", "sec-fetch-site": "cross-site" }))).toBe(false);
  });

  it("refuses a post that says nothing about where it comes from", () => {
    expect(isSameOriginRequest(headers({ host: "app.test" }))).toBe(false);
    expect(isSameOriginRequest(headers({ host: "app.test", origin: "null" }))).toBe(false);
  });

  it("uses the forwarded host behind a proxy", () => {
    expect(isSameOriginRequest(headers({ host: "10.0.0.5:3000", "x-forwarded-host": "app.test", origin: "https://app.test" }))).toBe(true);
  });
});
