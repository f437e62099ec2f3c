import { describe, expect, test } from "vitest";
import { displayCwd, formatPrompt } from "@/lib/terminal/prompt";

describe("the prompt's directory", () => {
  test("shows /home/agent and below as ~ by default", () => {
    expect(displayCwd("/home/agent")).toBe("~");
    expect(displayCwd("/home/agent/src")).toBe("~/src");
    expect(displayCwd("/home/agentx")).toBe("/home/agentx");
    expect(displayCwd("/tmp")).toBe("/tmp");
  });

  test("takes the home from the sandbox's hot_path (an unjailed sandbox reports its host folder)", () => {
    const home = "/var/lib/orchestrator/sbx-0123456789ab/home";
    expect(displayCwd(home, home)).toBe("~");
    expect(displayCwd(`${home}/work`, home)).toBe("~/work");
    expect(displayCwd("/home/agent", home)).toBe("/home/agent");
    expect(formatPrompt("sbx-0123456789ab", `${home}/work`, home).plain).toBe("agent@sbx-0123456789ab:~/work$ ");
  });
});
