import { describe, expect, it, vi } from "vitest";
import { noteServerDate, onServerClockChange, serverClockOffset } from "../../lib/sandbox/server-clock.ts";

const received = Date.parse("2026-11-27T12:00:00Z");
const header = (offsetMs: number) => new Date(received + offsetMs).toUTCString();

describe("the server's clock, from Date headers", () => {
  it("measures a server 10 minutes ahead (the header's truncation worth half a second), and back to none", () => {
    noteServerDate(header(600_000), received);
    expect(serverClockOffset()).toBe(600_500);
    noteServerDate(header(0), received);
    expect(serverClockOffset()).toBe(0);
  });

  it("treats an offset under 2 s as noise", () => {
    noteServerDate(header(1_000), received);
    expect(serverClockOffset()).toBe(0);
    noteServerDate(header(-2_000), received);
    expect(serverClockOffset()).toBe(0);
    noteServerDate(header(-3_000), received);
    expect(serverClockOffset()).toBe(-2_500);
    noteServerDate(header(0), received);
  });

  it("keeps what it knows when an answer has no Date header or a malformed one", () => {
    noteServerDate(header(-600_000), received);
    noteServerDate(null, received);
    noteServerDate("", received);
    noteServerDate("not a date", received);
    expect(serverClockOffset()).toBe(-599_500);
    noteServerDate(header(0), received);
  });

  it("tells listeners when the offset changes, not on every answer", () => {
    const listener = vi.fn();
    const stop = onServerClockChange(listener);
    noteServerDate(header(0), received);
    expect(listener).not.toHaveBeenCalled();
    noteServerDate(header(300_000), received);
    noteServerDate(header(300_000), received);
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
    noteServerDate(header(0), received);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
