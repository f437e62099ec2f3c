import { describe, expect, it } from "vitest";
import { loginPathFor, safeNextPath } from "@/lib/auth/next-path";
import { guardRedirect } from "@/lib/auth/route-guard";

describe("safeNextPath", () => {
  it.each(["/dashboard", "/dashboard/sandboxes/sbx-1?tab=logs#top"])("keeps the same-origin path %s", (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each([
    undefined,
    ["/dashboard"],
    "",
    "dashboard",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "https://evil.example/dashboard",
    "javascript:alert(1)",
    "/login?next=/dashboard",
    "/.//evil.example",
    "/..//evil.example/path",
    "/%2e%2e/%2e%2e//evil.example",
    "/%2E//evil.example",
    "/./\\evil.example",
    "/a/../..//evil.example",
  ])("falls back to /dashboard for %j", (raw) => {
    expect(safeNextPath(raw)).toBe("/dashboard");
  });
});

describe("guardRedirect", () => {
  it("sends signed-out visitors of /dashboard and below to /login, keeping the path", () => {
    expect(guardRedirect({ pathname: "/dashboard", search: "" }, false)).toBe("/login?next=%2Fdashboard");
    expect(guardRedirect({ pathname: "/dashboard/a", search: "?x=1" }, false)).toBe(loginPathFor("/dashboard/a?x=1"));
  });

  it("lets signed-out visitors reach other pages", () => {
    expect(guardRedirect({ pathname: "/login", search: "" }, false)).toBeNull();
    expect(guardRedirect({ pathname: "/dashboards", search: "" }, false)).toBeNull();
  });

  it("sends signed-in visitors of /login to their next page or the dashboard", () => {
    expect(guardRedirect({ pathname: "/login", search: "" }, true)).toBe("/dashboard");
    expect(guardRedirect({ pathname: "/login", search: "?next=%2Fdashboard%3Fx%3D1" }, true)).toBe("/dashboard?x=1");
    expect(guardRedirect({ pathname: "/login", search: "?next=https://evil.example" }, true)).toBe("/dashboard");
    expect(guardRedirect({ pathname: "/login", search: "?next=%2F.%2F%2Fevil.example" }, true)).toBe("/dashboard");
    expect(guardRedirect({ pathname: "/dashboard", search: "" }, true)).toBeNull();
  });
});
