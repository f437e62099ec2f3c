import { beforeAll, describe, expect, it } from "vitest";
import { alice, anonymousCaller, newUser, rawRequest, stack, type ApiCaller } from "./stack.ts";

const isErrorShape = (body: string, code: string) => {
  const parsed = JSON.parse(body) as { error?: { code?: string; message?: unknown } };
  return parsed.error?.code === code && typeof parsed.error.message === "string";
};

describe("every answer under /api is the JSON error shape, never cached", () => {
  it("answers 400 validation for a path that is not valid percent-encoding", async () => {
    for (const target of ["/api/sandbox/%ZZ", "/api/sandbox/%E0%A4%A", "/api/sandbox/%ZZ/exec"]) {
      const answer = await rawRequest("GET", target);
      expect(answer.status, target).toBe(400);
      expect(answer.headers["content-type"], target).toMatch(/^application\/json/);
      expect(answer.headers["cache-control"], target).toBe("no-store");
      expect(isErrorShape(answer.body, "validation"), answer.body).toBe(true);
    }
  });

  it("answers 404 not_found for an unknown /api path, whatever the method", async () => {
    for (const [method, path] of [
      ["GET", "/api/nope"],
      ["POST", "/api/sandbox/a/b/c"],
      ["DELETE", "/api"],
    ] as const) {
      const answer = await anonymousCaller().request(method, path);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error.code).toBe("not_found");
      expect(answer.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("answers 405 method_not_allowed with Allow for a method a route does not serve", async () => {
    const id = crypto.randomUUID();
    for (const [method, path, allowed] of [
      ["PUT", "/api/sandbox", ["GET", "POST"]],
      ["DELETE", "/api/sandbox", ["GET", "POST"]],
      ["POST", `/api/sandbox/${id}`, ["GET", "PATCH", "DELETE"]],
      ["GET", `/api/sandbox/${id}/exec`, ["POST"]],
    ] as const) {
      const answer = await anonymousCaller().request(method, path);
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(answer.body.error.code).toBe("method_not_allowed");
      expect(answer.headers.get("cache-control")).toBe("no-store");
      for (const name of allowed) expect(answer.headers.get("allow")).toContain(name);
      expect(answer.headers.get("allow")).not.toContain(method);
    }
  });

  it("answers OPTIONS with only the methods a route serves", async () => {
    const answer = await anonymousCaller().request("OPTIONS", "/api/sandbox");
    expect(answer.status).toBe(204);
    expect(answer.headers.get("allow")?.split(", ").sort()).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
  });

  it("answers TRACE with 405 in the error shape, not a 500 page", async () => {
    const answer = await rawRequest("TRACE", "/api/sandbox");
    expect(answer.status).toBe(405);
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(isErrorShape(answer.body, "method_not_allowed"), answer.body).toBe(true);
  });

  it("serves a trailing slash or a dot segment instead of redirecting", async () => {
    for (const target of ["/api/sandbox/", "/api/./sandbox", "/api/sandbox/./"]) {
      const answer = await rawRequest("GET", target);
      expect(answer.status, target).toBe(401);
      expect(answer.headers.location, target).toBeUndefined();
      expect(isErrorShape(answer.body, "unauthorized"), answer.body).toBe(true);
    }
  });

  it("never redirects an absolute-form request for another host off this site", async () => {
    for (const target of ["http://evil.example/api/sandbox", "http://evil.example/api/sandbox/", "http://evil.example/login"]) {
      const answer = await rawRequest("GET", target);
      expect(answer.headers.location, target).toBeUndefined();
      expect(answer.status, target).toBe(421);
    }
    const own = await rawRequest("GET", `${stack().appUrl}/api/sandbox`);
    expect(own.status).toBe(401);
  });
});

describe("a malformed session cookie", () => {
  let cookieName: string;
  beforeAll(async () => {
    cookieName = (await alice()).cookie.split("=")[0]!;
  });

  const session = (accessToken: unknown) =>
    `base64-${Buffer.from(
      JSON.stringify({
        access_token: accessToken,
        refresh_token: "not-a-refresh-token",
        token_type: "bearer",
        expires_in: 3600,
        expires_at: Math.floor(Date.now() / 1000) + 3600,
        user: { id: crypto.randomUUID() },
      }),
    ).toString("base64url")}`;
  const badCookies = () => [
    `${cookieName}=${session(12345)}`,
    `${cookieName}=${session("abc.def.ghi")}`,
    `${cookieName}=base64-%FF%FE!!garbage`,
    `${cookieName}=${encodeURIComponent('{"access_token":{"x":1}}')}`,
  ];

  it("answers 401 unauthorized on every API route", async () => {
    const id = crypto.randomUUID();
    for (const cookie of badCookies()) {
      for (const [method, path, body] of [
        ["GET", "/api/sandbox", undefined],
        ["POST", "/api/sandbox", {}],
        ["GET", `/api/sandbox/${id}`, undefined],
        ["PATCH", `/api/sandbox/${id}`, { action: "stop" }],
        ["DELETE", `/api/sandbox/${id}`, undefined],
        ["POST", `/api/sandbox/${id}/exec`, { command: "true" }],
      ] as const) {
        const answer = await anonymousCaller().request(method, path, body, { headers: { cookie } });
        expect(answer.status, `${method} ${path} ${cookie}`).toBe(401);
        expect(answer.body.error.code).toBe("unauthorized");
      }
    }
  });

  it("sends a page to /login rather than failing", async () => {
    for (const cookie of badCookies()) {
      const answer = await anonymousCaller().request("GET", "/dashboard", undefined, { headers: { cookie } });
      expect(answer.status, cookie).toBe(307);
      expect(answer.headers.get("location"), cookie).toMatch(/^\/login\?next=/);
    }
  });
});

describe("the site answers only under its own host names (APP_ORIGINS)", () => {
  let user: ApiCaller;
  beforeAll(async () => {
    user = await newUser();
  });

  it("refuses another Host with 421, in the error shape under /api and as a plain page elsewhere", async () => {
    const rebound = "rebind.evil.example";
    const api = await rawRequest("GET", "/api/sandbox", { host: rebound, cookie: user.cookie });
    expect(api.status).toBe(421);
    expect(isErrorShape(api.body, "misdirected"), api.body).toBe(true);
    const page = await rawRequest("GET", "/login", { host: rebound });
    expect(page.status).toBe(421);
    expect(page.headers["content-type"]).toMatch(/^text\/plain/);
  });

  it("refuses a forged Host and Origin pair (DNS rebinding): nothing is created", async () => {
    const port = new URL(stack().appUrl).port;
    const forged = {
      host: `rebind.evil.example:${port}`,
      origin: `http://rebind.evil.example:${port}`,
      "sec-fetch-site": "same-origin",
      cookie: user.cookie,
      "content-type": "application/json",
    };
    const answer = await rawRequest("POST", "/api/sandbox", forged, "{}");
    expect(answer.status).toBe(421);
    expect((await user.request("GET", "/api/sandbox")).body.pagination.total).toBe(0);
  });

  it("answers under localhost as well as 127.0.0.1", async () => {
    const port = new URL(stack().appUrl).port;
    const answer = await rawRequest("GET", "/api/sandbox", { host: `localhost:${port}`, cookie: user.cookie });
    expect(answer.status).toBe(200);
  });
});

describe("sign-in and sign-out redirects", () => {
  it("signs out to /login on the host the user came in on", async () => {
    const caller = await newUser();
    const port = new URL(stack().appUrl).port;
    const answer = await rawRequest("POST", "/auth/signout", {
      host: `localhost:${port}`,
      origin: `http://localhost:${port}`,
      cookie: caller.cookie,
    });
    expect(answer.status).toBe(303);
    // Relative: an absolute one is built from the server's own idea of its host (localhost:3000 under `npm run local`).
    expect(answer.headers.location).toBe("/login");
  });

  it("never sends a signed-in user off-site from /login?next=", async () => {
    const caller = await alice();
    for (const next of ["%2F.%2F%2Fevil.example", "/..//evil.example/path", "/%2e%2e/%2e%2e//evil.example"]) {
      const answer = await caller.request("GET", `/login?next=${next}`);
      expect(answer.status, next).toBe(307);
      expect(answer.headers.get("location"), next).toBe("/dashboard");
    }
  });

  it("does not echo an unsafe next into the sign-in form", async () => {
    const answer = await anonymousCaller().request("GET", "/login?next=%2F.%2F%2Fevil.example");
    expect(answer.status).toBe(200);
    const fields = [...(answer.body as string).matchAll(/<input[^>]*name="next"[^>]*>/g)].map(([field]) => field);
    expect(fields).toEqual([expect.stringContaining('value="/dashboard"')]);
  });
});

describe("form posts to pages", () => {
  it("answers a form body that cannot be read with 400, not the bare 500 a production build gave", async () => {
    for (const path of ["/etc/passwd/exec", "/login", "/dashboard/sandbox"]) {
      for (const type of ["multipart/form-data; boundary=x", "multipart/form-data", "application/x-www-form-urlencoded; charset=bogus-ⓧ"]) {
        const answer = await rawRequest("POST", path, { origin: stack().appUrl, "content-type": type }, '{"command":true}');
        if (type.startsWith("application/x-www-form-urlencoded") && answer.status !== 400) continue; // a urlencoded body always parses
        expect(answer.status, `${path} ${type}`).toBe(400);
        expect(answer.body, `${path} ${type}`).toContain("This form could not be read");
      }
    }
  });

  it("still signs in with the form as the page renders it, sent without JavaScript", async () => {
    const user = await newUser();
    const page = await anonymousCaller().request("GET", "/login");
    const form = (page.body as string).match(/<form[^>]*>([\s\S]*?)<\/form>/)![1]!;
    const unescape = (text: string) =>
      text.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
    // As a browser sends it: the form's encType is multipart/form-data.
    const fields = new FormData();
    for (const [input] of form.matchAll(/<input[^>]*>/g)) {
      const name = input.match(/name="([^"]*)"/)?.[1];
      if (name) fields.set(unescape(name), unescape(input.match(/value="([^"]*)"/)?.[1] ?? ""));
    }
    fields.set("email", user.email!);
    fields.set("password", "wrong password");
    const answer = await fetch(`${stack().appUrl}/login`, {
      method: "POST",
      headers: { origin: stack().appUrl },
      body: fields,
      redirect: "manual",
    });
    // The action ran: it answers the form again with its error (a wrong password, so the test does not
    // depend on what a no-JavaScript redirect looks like).
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("The email or password is not right.");
  });
});

describe("compression of answers under /api", () => {
  it("sends an answer under 1 KiB as it is, and still gzips a larger one", async () => {
    const user = await newUser();
    const gzip = { headers: { "accept-encoding": "gzip" } };
    const small = await user.request("GET", "/api/sandbox", undefined, gzip);
    expect(small.status).toBe(200);
    expect(small.headers.get("content-encoding")).toBeNull();
    expect(small.headers.get("cache-control")).toBe("no-store, no-transform");

    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await user.request("POST", "/api/sandbox", {});
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids.push(created.body.instance.id);
    }
    const large = await user.request("GET", "/api/sandbox", undefined, gzip);
    expect(large.status).toBe(200);
    expect(Buffer.byteLength(JSON.stringify(large.body))).toBeGreaterThan(1024);
    expect(large.headers.get("content-encoding")).toBe("gzip");
    expect(large.headers.get("cache-control")).toBe("no-store");
    for (const id of ids) expect((await user.request("DELETE", `/api/sandbox/${id}`)).status).toBe(204);
  });
});
