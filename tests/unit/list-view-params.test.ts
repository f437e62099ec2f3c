import { describe, expect, it } from "vitest";
import { listPageKeys, listPageSearch, readListPageState } from "../../lib/sandbox/list-view-params.ts";

describe("listPageKeys", () => {
  it("orders only the active section by time left: ended sandboxes have none and stay newest first", () => {
    const keys = listPageKeys({ filter: "all", q: "", sort: "expires" });
    expect(keys.active[2].sort).toBe("expires");
    expect(keys.ended.sort).toBe("created");
  });
});

describe("the list's URL", () => {
  it("reads and writes the In transition view (the dashboard tile's link)", () => {
    const state = readListPageState(new URLSearchParams("view=transition"));
    expect(state.filter).toBe("transition");
    expect(listPageSearch(state)).toBe("?view=transition");
  });
});
