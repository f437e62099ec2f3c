import { describe, expect, test } from "vitest";
import { CommandHistory } from "@/lib/terminal/history";

describe("command history", () => {
  test("Up walks back from the typed line, Down returns to it with the draft", () => {
    const history = new CommandHistory(["one", "two"]);
    expect(history.previous("dra")).toBe("two");
    expect(history.previous("two")).toBe("one");
    expect(history.previous("one")).toBeNull();
    expect(history.next()).toBe("two");
    expect(history.next()).toBe("dra");
    expect(history.next()).toBeNull();
  });

  test("empty lines are not kept; a repeated command moves to the end", () => {
    const history = new CommandHistory();
    for (const command of ["ls", "  ", "", "pwd", "ls"]) history.add(command);
    expect(history.entries).toEqual(["pwd", "ls"]);
  });

  test("it keeps only the newest `limit` commands", () => {
    const history = new CommandHistory([], 3);
    for (const command of ["a", "b", "c", "d"]) history.add(command);
    expect(history.entries).toEqual(["b", "c", "d"]);
    expect(new CommandHistory(["1", "2", "3", "4"], 2).entries).toEqual(["3", "4"]);
  });
});
