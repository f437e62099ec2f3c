import ssh2 from "ssh2";
import type { ParsedKey } from "ssh2";

const { utils } = ssh2;

/**
 * An ed25519 key pair ssh2 can read back. ssh2 1.17's generator drops the leading zero bytes of the
 * public key, so about one pair in 256 comes out malformed (mscdex/ssh2#1390, #1513): the SSH server
 * refused to start with it as its host key, and a granted key failed to parse. Such a pair is made again.
 */
export function ed25519KeyPair(): { private: string; public: string; parsedPublic: ParsedKey } {
  for (let attempt = 1; ; attempt++) {
    const pair = utils.generateKeyPairSync("ed25519");
    const parsedPublic = utils.parseKey(pair.public);
    if (!(utils.parseKey(pair.private) instanceof Error) && !(parsedPublic instanceof Error)) return { ...pair, parsedPublic };
    if (attempt >= 20) throw new Error("ssh2 made 20 ed25519 key pairs in a row that it cannot read");
  }
}
