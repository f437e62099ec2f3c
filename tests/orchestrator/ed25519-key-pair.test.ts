import ssh2 from "ssh2";
import { describe, expect, it } from "vitest";
import { ed25519KeyPair } from "../../local-stack/orchestrator/ed25519-key-pair.ts";

describe("the local orchestrator's SSH keys", () => {
  // ssh2's own generator makes about one unreadable pair in 256: 3,000 of them hold about 12, and
  // all 3,000 readable would happen by chance once in some 100,000 runs. A browser test's SSH host
  // key was one of them (the server refused to start, the key's create answered 500).
  it("are always pairs ssh2 can read back, host keys and granted keys alike", () => {
    let unreadable = 0;
    for (let i = 0; i < 3_000; i++) {
      const pair = ed25519KeyPair();
      if (ssh2.utils.parseKey(pair.private) instanceof Error || ssh2.utils.parseKey(pair.public) instanceof Error) unreadable++;
    }
    expect(unreadable).toBe(0);
  });
});
