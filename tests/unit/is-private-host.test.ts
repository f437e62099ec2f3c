import { describe, expect, it } from "vitest";
import { isPrivateHost } from "@/lib/sandbox/ssh/is-private-host";

describe("isPrivateHost", () => {
  it.each([
    "localhost",
    "LOCALHOST.",
    "sbx.localhost",
    "127.0.0.1",
    "127.1.2.3",
    "10.0.0.5",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.10",
    "169.254.169.254",
    "0.0.0.0",
    "100.64.0.1",
    "::1",
    "[::1]",
    "::",
    "fd12:3456::1",
    "fe80::1",
    "::ffff:10.1.2.3",
    "box.internal",
    "printer.local",
  ])("%s is private", (host) => expect(isPrivateHost(host)).toBe(true));
  it.each(["sandbox.example.com", "8.8.8.8", "172.32.0.1", "172.15.0.1", "192.169.0.1", "2001:db8::1", "::ffff:8.8.8.8", "11.0.0.1"])(
    "%s is public",
    (host) => expect(isPrivateHost(host)).toBe(false),
  );
});
