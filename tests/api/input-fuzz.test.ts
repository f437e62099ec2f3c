import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "node:net";
import fc from "fast-check";
import { newUser, stack, type ApiCaller } from "./stack.ts";

// Generated inputs for every route: never a 5xx, never a hang, always the one JSON error shape.
// FUZZ_SEED replays a run; CI (`.ci/run`) fixes it, by hand each run picks one and prints it.
// FUZZ_RUNS inputs per route: 100 in the test run (about 10 s a route on a loaded 2-core machine
// under `next dev`), 1,000 with `npm run test:fuzz`.
const seed = Number(process.env.FUZZ_SEED || Math.floor(Math.random() * 2 ** 31));
const perRoute = Number(process.env.FUZZ_RUNS || 100);
const inFlight = 8;
const answerWithinMs = 15_000;

let user: ApiCaller;
beforeAll(async () => {
  console.log(`input fuzz: seed ${seed} (replay with FUZZ_SEED=${seed})`);
  user = await newUser();
});
afterAll(async () => {
  // What the fuzzing created (valid bodies do create sandboxes) goes, so the stack's other files start clean.
  const { body } = await user.request("GET", "/api/sandbox?limit=100");
  for (const instance of body?.instances ?? []) await user.request("DELETE", `/api/sandbox/${instance.id}`);
});

// --- pieces the inputs are made of -------------------------------------------------------------

const nobody = "00000000-0000-4000-8000-000000000000";
const oddText = fc.constantFrom(
  "",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\ufeff",
  "%",
  "%00",
  "%ZZ",
  "%%32",
  "%c0%af",
  "%ed%a0%80",
  "%2e%2e%2f",
  "*",
  "'",
  '"',
  "\\",
  "or=(id.not.is.null)",
  "id.eq.1,user_id.neq.x",
  "and=(status.eq.ready)",
  "select=*",
  "a,b",
  "(",
  ")",
  "eq.ready",
  "not.is.null",
  "ilike.*",
  "${{7*7}}",
  "../../etc/passwd",
  "<script>",
  "🎉",
  "é",
  "NaN",
  "-0",
  "1e309",
  "0x10",
  "null",
  "true",
  "[]",
  "{}",
);
const text = fc.oneof(
  oddText,
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc
    .tuple(fc.constantFrom("x", "é", "🎉", "\u0000", "%"), fc.constantFrom(99, 100, 101, 4_096, 4_097, 9_350, 9_351, 70_000))
    .map(([c, n]) => c.repeat(n)),
);
const number = fc.oneof(
  fc.constantFrom(0, -1, 1, 59, 60, 61, 599, 600, 601, 86_399, 86_400, 86_401, 100, 101, 1_000_000, 1_000_001, 2 ** 31, 2 ** 53, 1.5, -0),
  fc.integer(),
  fc.double(),
);
const value = fc.oneof(text, number, fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }));
const deep = (depth: number, leaf = "{}") => "[".repeat(depth) + leaf + "]".repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

/** A body: JSON near the schema, any JSON, or text that is not JSON at all. */
function body(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<string> {
  const near = fc
    .tuple(
      fc.record(Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, fc.oneof(a, value)])), { requiredKeys: [] }),
      fc.dictionary(fc.oneof(text, fc.constantFrom("__proto__", "constructor")), value, { maxKeys: 3 }),
      fc.boolean(),
    )
    .map(([record, extra, merge]) => JSON.stringify(merge ? { ...extra, ...record } : record));
  const raw = fc.oneof(
    fc.constantFrom(
      "",
      " ",
      "{",
      "}",
      "null",
      "[]",
      '"x"',
      "1",
      "{'a':1}",
      '{"a":1,}',
      "\u0000",
      "\ufeff{}",
      '{"action":"stop","action":"destroy"}',
      '{"command":"true","command":""}',
      '{"ttl_seconds":60,"ttl_seconds":"x"}',
      '{"config":{},"config":[]}',
      '{"__proto__":{"admin":true}}',
      '{"command":"\\ud800"}',
      '{"command":"a\\u0000b"}',
      "a=1&b=2",
      "--x\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--x--",
    ),
    fc.constantFrom(10, 32, 33, 64, 1_000, 10_000).map((n) => deep(n)),
    fc.constantFrom(31, 32, 33, 200).map((n) => `{"config":${deepObject(n)}}`),
    fc
      .constantFrom(16 * 1024 - 20, 16 * 1024, 16 * 1024 + 20, 64 * 1024 - 20, 64 * 1024 + 1)
      .map((n) => `{"config":{"a":"${"x".repeat(n)}"}}`),
    fc.string({ unit: "binary", maxLength: 200 }),
  );
  return fc.oneof(
    { weight: 3, arbitrary: near },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: raw },
  );
}

const contentType = fc.constantFrom(
  "application/json",
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "",
  null,
);

/** A path segment where an id goes: real, unknown, malformed, oddly encoded. */
const idSegment = fc.oneof(
  fc.constantFrom(
    nobody,
    "not-a-uuid",
    "",
    ".",
    "..",
    "%2e%2e",
    "00000000-0000-0000-0000-00000000000g",
    "%00",
    "%ZZ",
    "%uD800",
    "a%2Fb",
    "*",
    ";",
    "'",
  ),
  fc.tuple(fc.uuid(), fc.boolean()).map(([id, upper]) => (upper ? id.toUpperCase() : id)),
  text.map((t) => encodeURIComponent(t.replace(/[\ud800-\udfff]/g, "")).slice(0, 200)),
  oddText,
);

/** A query string as it goes on the wire: each part encoded, raw, or oddly encoded. */
const queryPair = (k: string, v: unknown, encode: boolean) =>
  `${k}=${encode ? encodeURIComponent(String(v).replace(/[\ud800-\udfff]/g, "\ufffd")) : String(v).replace(/[#\s\ud800-\udfff]/g, "")}`;
const queryPart = fc
  .tuple(
    fc.constantFrom("q", "status", "limit", "offset", "sort", "select", "or", "q", "status", "x", ""),
    fc.oneof(text, number.map(String)),
    fc.boolean(),
  )
  .map(([k, v, encode]) => queryPair(k, v, encode));
const query = fc.array(queryPart, { maxLength: 5 }).map((parts) => parts.join("&"));

interface Input {
  method: string;
  path: string;
  body?: string;
  contentType?: string | null;
  headers?: Record<string, string>;
}

// --- sending and judging -----------------------------------------------------------------------

interface Problem {
  input: Input;
  why: string;
}

async function send(input: Input, caller: ApiCaller = user): Promise<string | null> {
  const headers: Record<string, string> = { origin: stack().appUrl, cookie: caller.cookie, ...input.headers };
  if (input.contentType) headers["content-type"] = input.contentType;
  let response: Response;
  try {
    response = await fetch(stack().appUrl + input.path, {
      method: input.method,
      headers,
      body: input.body,
      redirect: "manual",
      signal: AbortSignal.timeout(answerWithinMs),
    });
  } catch (error) {
    // fetch refuses some inputs itself (a header it cannot send): nothing reached the server.
    if (error instanceof TypeError && !String((error as { cause?: unknown }).cause ?? "").includes("other side closed")) return null;
    return `no answer: ${(error as Error).message}`;
  }
  let raw: string;
  try {
    raw = await response.text();
  } catch (error) {
    return `${response.status}, then no whole body: ${(error as Error).message}`;
  }
  if (response.status >= 500) return `${response.status}: ${raw.slice(0, 200)}`;
  if (response.status === 204) return raw === "" ? null : "204 with a body";
  // fetch resolves dot segments (`/api/sandbox/../..`): what left /api is a page, not the API.
  if (input.method === "HEAD" || !new URL(input.path, stack().appUrl).pathname.startsWith("/api")) return null;
  // A download's answer is the file itself.
  if (response.ok && (response.headers.get("content-disposition") ?? "").startsWith("attachment")) return null;
  if (!(response.headers.get("content-type") ?? "").startsWith("application/json"))
    return `${response.status} not JSON: ${raw.slice(0, 100)}`;
  let parsed: any;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return `${response.status} unreadable JSON: ${raw.slice(0, 100)}`;
  }
  if (response.status >= 400) {
    const error = parsed?.error;
    if (typeof error?.code !== "string" || typeof error?.message !== "string" || Object.keys(parsed).length !== 1) {
      return `${response.status} not the error shape: ${raw.slice(0, 200)}`;
    }
  }
  return null;
}

/**
 * Sends `perRoute` inputs, `parallel` at a time, as `caller`. Routes that run commands send fewer at
 * once: they wait their turn in one sandbox (production's orchestrator runs one command at a time).
 */
async function fuzz(name: string, inputs: fc.Arbitrary<Input>, offset: number, { caller = user, parallel = inFlight } = {}) {
  const samples = fc.sample(inputs, { seed: seed + offset, numRuns: perRoute });
  const problems: Problem[] = [];
  const started = performance.now();
  let slowest = { ms: 0, input: "" };
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < samples.length) {
        const input = samples[next++]!;
        const sent = performance.now();
        const why = await send(input, caller);
        const ms = performance.now() - sent;
        if (ms > slowest.ms) slowest = { ms, input: `${input.method} ${input.path.slice(0, 120)}` };
        if (why) problems.push({ input: { ...input, body: input.body?.slice(0, 300) }, why });
      }
    }),
  );
  console.log(
    `${name}: ${perRoute} inputs in ${Math.round(performance.now() - started)} ms; slowest ${Math.round(slowest.ms)} ms (${slowest.input})`,
  );
  expect(problems.slice(0, 5), `${name}: ${problems.length} of ${perRoute} inputs failed (seed ${seed})`).toEqual([]);
}

const withBody = (method: string, pathOf: fc.Arbitrary<string>, fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record({ method: fc.constant(method), path: pathOf, body: body(fields), contentType });

describe(`${perRoute} generated inputs per route`, { timeout: 60_000 + perRoute * 500 }, () => {
  it("GET /api/sandbox: any query", () =>
    fuzz(
      "GET /api/sandbox",
      query.map((q) => ({ method: "GET", path: `/api/sandbox${q ? `?${q}` : ""}` })),
      1,
    ));

  it("POST /api/sandbox: any body", () =>
    fuzz(
      "POST /api/sandbox",
      withBody("POST", fc.constant("/api/sandbox"), {
        ttl_seconds: number,
        config: fc.oneof(
          fc.dictionary(text, value, { maxKeys: 4 }),
          fc.constantFrom({ ttl_seconds: 60 }, { dashboard_reservation_id: nobody }),
        ),
        project_id: fc.oneof(fc.uuid(), fc.constant(nobody)),
      }),
      2,
    ));

  it("GET and DELETE /api/sandbox/{id}: any id", () =>
    fuzz(
      "GET|DELETE /api/sandbox/{id}",
      fc.record({ method: fc.constantFrom("GET", "DELETE", "HEAD", "OPTIONS", "PUT"), path: idSegment.map((id) => `/api/sandbox/${id}`) }),
      3,
    ));

  it("PATCH /api/sandbox/{id}: any id and body", () =>
    fuzz(
      "PATCH /api/sandbox/{id}",
      withBody(
        "PATCH",
        idSegment.map((id) => `/api/sandbox/${id}`),
        { action: fc.constantFrom("stop", "Stop", "destroy", "", "stop\u0000") },
      ),
      4,
    ));

  it("POST /api/sandbox/{id}/exec: any id and body (commands only reach a sandbox that does not exist)", () =>
    fuzz(
      "POST /api/sandbox/{id}/exec",
      withBody(
        "POST",
        idSegment.map((id) => `/api/sandbox/${id}/exec`),
        {
          command: text,
          timeout: number,
          cwd: fc.oneof(text, fc.constant(null)),
          user: fc.constantFrom("agent", "root"),
        },
      ),
      5,
    ));

  it("/api/cron/expire-sandboxes and unknown /api paths: any method, secret and path", () =>
    fuzz(
      "cron and unknown",
      fc.oneof(
        fc.record({
          method: fc.constantFrom("GET", "POST", "PUT"),
          path: fc.constant("/api/cron/expire-sandboxes"),
          headers: text.map((t) => ({ authorization: `Bearer ${t.replace(/[^\x21-\x7e]/g, "")}` })),
        }),
        fc.record({
          method: fc.constantFrom("GET", "POST", "PATCH", "DELETE", "OPTIONS"),
          path: fc.array(idSegment, { minLength: 1, maxLength: 4 }).map((parts) => `/api/${parts.join("/")}`),
        }),
      ),
      6,
    ));
});

/** A path in a sandbox for the Files routes: odd text, or a place a careless route would mishandle. */
const filePath = fc.oneof(
  text,
  fc.constantFrom(
    "/",
    "/home/agent",
    "/home/agent/",
    "/home/agent/../../etc/shadow",
    "/etc/shadow",
    "/proc/self/environ",
    "/proc/1/mem",
    "/dev/zero",
    "/dev/urandom",
    "/dev/stdin",
    "/tmp",
    "~",
    "..",
    "-rf",
    "/home/agent/-n",
    "/home/agent/*",
    "/home/agent/$(id)",
    "/home/agent/`id`",
    "/home/agent/a\nb",
  ),
  text.map((t) => `/home/agent/${t}`),
);
const fileName = fc.oneof(text, fc.constantFrom(".", "..", "a/b", "-n", "*", "$(id)", "x".repeat(255), "x".repeat(256), ".hidden"));
const pathQuery = (keys: fc.Arbitrary<[string, unknown]>[]) =>
  fc
    .tuple(fc.array(fc.oneof(...keys), { maxLength: 3 }), fc.boolean())
    .map(([pairs, encode]) => pairs.map(([k, v]) => queryPair(k, v, encode)).join("&"));
const pathPair = filePath.map((v): [string, unknown] => ["path", v]);

describe(`${perRoute} generated inputs per route of the sandbox page's views`, { timeout: 120_000 + perRoute * 1_000 }, () => {
  // A running sandbox of a user of its own (the fuzzing above may use up the first user's limits),
  // so valid inputs reach the commands the routes compose.
  let owner: ApiCaller;
  let own = "";
  beforeAll(async () => {
    owner = await newUser();
    const created = await owner.request("POST", "/api/sandbox", {});
    expect(created.status).toBe(201);
    own = created.body.instance.id;
    for (const deadline = Date.now() + 60_000; ;) {
      const status = (await owner.request("GET", `/api/sandbox/${own}`)).body?.instance?.status;
      if (status === "ready" || status === "running") break;
      if (Date.now() > deadline) throw new Error(`the views' sandbox is ${status}, not ready, after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
  afterAll(async () => {
    if (own) await owner.request("DELETE", `/api/sandbox/${own}`);
  });
  const sandboxSegment = () => fc.oneof({ weight: 3, arbitrary: fc.constant(own) }, { weight: 1, arbitrary: idSegment });

  it("GET /api/sandbox/{id}/files, /files/read, /files/download: any id and path", () =>
    fuzz(
      "GET files",
      fc
        .tuple(
          fc.constantFrom("GET", "GET", "HEAD", "POST"),
          sandboxSegment(),
          fc.constantFrom("", "/read", "/download"),
          pathQuery([pathPair, fc.tuple(fc.constantFrom("path", "x", ""), text)]),
        )
        .map(([method, id, route, q]) => ({ method, path: `/api/sandbox/${id}/files${route}${q ? `?${q}` : ""}` })),
      7,
      { caller: owner, parallel: 3 },
    ));

  it("POST /api/sandbox/{id}/files/upload: any id, folder, name and bytes", () =>
    fuzz(
      "POST files/upload",
      fc.record({
        method: fc.constant("POST"),
        path: fc
          .tuple(
            sandboxSegment(),
            pathQuery([
              pathPair,
              fileName.map((v): [string, unknown] => ["name", v]),
              fc.constantFrom<[string, unknown]>(["replace", "1"], ["replace", "0"], ["replace", "yes"]),
            ]),
          )
          .map(([id, q]) => `/api/sandbox/${id}/files/upload${q ? `?${q}` : ""}`),
        body: fc.oneof(
          text,
          fc.constantFrom(256 * 1024, 256 * 1024 + 1, 300 * 1024).map((n) => "x".repeat(n)),
        ),
        contentType: fc.constantFrom("application/octet-stream", "application/json", "text/plain", null),
      }),
      8,
      { caller: owner, parallel: 3 },
    ));

  it("POST /api/sandbox/{id}/files/mkdir, /rename, /delete: any id and body", () =>
    fuzz(
      "POST files/mkdir|rename|delete",
      fc.oneof(
        withBody(
          "POST",
          sandboxSegment().map((id) => `/api/sandbox/${id}/files/mkdir`),
          { path: filePath, name: fileName },
        ),
        withBody(
          "POST",
          sandboxSegment().map((id) => `/api/sandbox/${id}/files/rename`),
          { path: filePath, new_name: fileName },
        ),
        withBody(
          "POST",
          sandboxSegment().map((id) => `/api/sandbox/${id}/files/delete`),
          { path: filePath },
        ),
      ),
      9,
      { caller: owner, parallel: 3 },
    ));

  it("processes, usage, a process's signal and SSH access: any id, pid, method and body", () =>
    fuzz(
      "processes|usage|signal|access",
      fc.oneof(
        fc.record({
          method: fc.constantFrom("GET", "HEAD", "POST", "DELETE"),
          path: fc
            .tuple(
              sandboxSegment(),
              fc.constantFrom("processes", "usage"),
              fc.oneof(
                fc.constant(""),
                query.map((q) => `?${q}`),
              ),
            )
            .map(([id, route, q]) => `/api/sandbox/${id}/${route}${q}`),
        }),
        withBody(
          "POST",
          fc
            .tuple(
              sandboxSegment(),
              fc.oneof(
                fc.constantFrom("0", "1", "2", "-1", "4194304", "4194305", "1.5", "1e3", "0x10", "%00", "abc", ""),
                fc.integer().map(String),
                idSegment,
              ),
            )
            .map(([id, pid]) => `/api/sandbox/${id}/processes/${pid}/signal`),
          { signal: fc.constantFrom("TERM", "KILL", "HUP", "term", "", "SIGKILL", "9") },
        ),
        withBody(
          "POST",
          // Access on the user's own sandbox makes a key each time: mostly other ids.
          idSegment.map((id) => `/api/sandbox/${id}/access`),
          {},
        ),
      ),
      10,
      { caller: owner, parallel: 3 },
    ));
});

// --- what fetch cannot send: a missing or lying Content-Length, on a raw socket ---------------------

interface RawResult {
  status: number | null;
  body: string;
}

/** Writes the request as given and reads until the server answers and closes, or `waitMs` passes. */
function rawSend(head: string, payload: string, { end, waitMs }: { end: boolean; waitMs: number }): Promise<RawResult> {
  const app = new URL(stack().appUrl);
  return new Promise((resolve) => {
    let text = "";
    const socket = connect(Number(app.port), app.hostname, () => {
      socket.write(head + payload);
      if (end) socket.end();
    });
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: status ? Number(status[1]) : null, body: text.split("\r\n\r\n").slice(1).join("\r\n\r\n") });
    };
    const timer = setTimeout(done, waitMs);
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      text += chunk;
      // One answer is enough: a lying request may leave the connection open.
      if (/\r\n\r\n/.test(text) && (/content-length: (\d+)/i.exec(text)?.[1] ?? "x") === String(text.split("\r\n\r\n")[1]?.length)) done();
    });
    socket.on("error", done);
    socket.on("close", done);
  });
}

describe("Content-Length missing or lying", () => {
  const targets = (): [string, string][] => [
    ["POST", "/api/sandbox"],
    ["PATCH", `/api/sandbox/${nobody}`],
    ["POST", `/api/sandbox/${nobody}/exec`],
  ];
  const head = (method: string, path: string, lines: string[]) =>
    [
      `${method} ${path} HTTP/1.1`,
      `host: ${new URL(stack().appUrl).host}`,
      `origin: ${stack().appUrl}`,
      `cookie: ${user.cookie}`,
      "content-type: application/json",
      "connection: close",
      ...lines,
    ].join("\r\n") + "\r\n\r\n";

  it("answers each with a status below 500, in the JSON error shape, or closes; the server serves on", async () => {
    const payload = '{"action":"stop","command":"true"}';
    // [name, header lines, what is sent, whether the client then ends its side]. A client that
    // promises more body than it sends cannot be answered before its request is whole: for those,
    // closing (or no answer within 2 s) is accepted; what matters is that the server serves on.
    const cases: [string, string[], string, boolean][] = [
      ["shorter than the body", [`content-length: ${payload.length - 10}`], payload, true],
      ["longer than the body, then the client ends", [`content-length: ${payload.length + 50}`], payload, true],
      ["missing, body sent, then the client ends", [], payload, true],
      ["not a number", ["content-length: abc"], payload, true],
      ["negative", ["content-length: -1"], payload, true],
      ["past 2^64", ["content-length: 99999999999999999999999"], payload, true],
      ["twice, disagreeing", [`content-length: ${payload.length}`, "content-length: 3"], payload, true],
      [
        "with chunked as well",
        [`content-length: ${payload.length}`, "transfer-encoding: chunked"],
        `${payload.length.toString(16)}\r\n${payload}\r\n0\r\n\r\n`,
        true,
      ],
      ["chunked, with a bad chunk size", ["transfer-encoding: chunked"], `zz\r\n${payload}\r\n0\r\n\r\n`, true],
      ["past the 64 KB limit, nothing sent", ["content-length: 70000"], "", false],
    ];
    const problems: string[] = [];
    const answered: string[] = [];
    for (const [method, path] of targets()) {
      for (const [name, lines, data, end] of cases) {
        const lying = name.startsWith("longer");
        const answer = await rawSend(head(method, path, lines), data, { end, waitMs: lying ? 2_000 : answerWithinMs });
        if (answer.status === null) {
          if (!lying) problems.push(`${method} ${path} ${name}: no answer`);
          continue;
        }
        answered.push(`${name}: ${answer.status}`);
        if (answer.status >= 500) problems.push(`${method} ${path} ${name}: ${answer.status}`);
        else if (answer.status >= 400) {
          try {
            const parsed = JSON.parse(answer.body);
            if (typeof parsed?.error?.code !== "string")
              problems.push(`${method} ${path} ${name}: ${answer.status} ${answer.body.slice(0, 100)}`);
          } catch {
            problems.push(`${method} ${path} ${name}: ${answer.status} not JSON: ${JSON.stringify(answer.body.slice(0, 100))}`);
          }
        }
      }
    }
    console.log(`Content-Length cases: ${[...new Set(answered)].join("; ")}`);
    expect(problems).toEqual([]);
    expect((await user.request("GET", "/api/sandbox")).status).toBe(200);
  });
});
