import { describe, expect, it } from "vitest";
import { countdownTone, formatCountdown, formatLifetime, formatRelative, statusWords, stopReasonText } from "../../lib/sandbox/format.ts";

describe("countdown formatting", () => {
  it("shows hours and minutes, minutes and seconds, or seconds, rounding down", () => {
    expect(formatCountdown(2 * 3600_000 + 5 * 60_000 + 59_000)).toBe("2 h 05 min");
    expect(formatCountdown(14 * 60_000 + 9_999)).toBe("14 min 09 s");
    expect(formatCountdown(45_999)).toBe("45 s");
    expect(formatCountdown(0)).toBe("0 s");
    expect(formatCountdown(-5_000)).toBe("0 s");
  });

  it("is amber under 15 minutes and red under 5", () => {
    expect(countdownTone(15 * 60_000)).toBe("normal");
    expect(countdownTone(15 * 60_000 - 1)).toBe("warning");
    expect(countdownTone(5 * 60_000)).toBe("warning");
    expect(countdownTone(5 * 60_000 - 1)).toBe("danger");
    expect(countdownTone(-1)).toBe("danger");
  });
});

describe("relative times, lifetimes and reasons", () => {
  const now = Date.parse("2026-11-27T12:00:00Z");
  it("says how long ago", () => {
    expect(formatRelative(now - 10_000, now)).toBe("just now");
    expect(formatRelative(now - 5 * 60_000, now)).toBe("5 min ago");
    expect(formatRelative(now - 3 * 3600_000, now)).toBe("3 h ago");
    expect(formatRelative(now - 26 * 3600_000, now)).toBe("1 day ago");
    expect(formatRelative(now + 10 * 60_000, now)).toBe("in 10 min");
  });

  it("writes lifetimes and stop reasons in words", () => {
    expect(formatLifetime(7200)).toBe("2 h");
    expect(formatLifetime(5400)).toBe("1 h 30 min");
    expect(formatLifetime(90)).toBe("1 min 30 s");
    expect(stopReasonText("expired")).toBe("its lifetime ran out");
    expect(stopReasonText("something_new")).toBe("something new");
    expect(stopReasonText(null)).toBeNull();
  });
});

describe("statusWords", () => {
  it("writes a status as it reads inside a sentence", () => {
    expect(statusWords("shutting_down")).toBe("shutting down");
    expect(statusWords("ready")).toBe("ready");
  });
});
