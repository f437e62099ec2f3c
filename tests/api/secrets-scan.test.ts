import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { apiStackSettings, newUser, stack } from "./stack.ts";

// The server's secrets never leave it: not in a page, a client chunk, an API answer (a sandbox's
// environment included), nor in the server's log, which by now holds every earlier file's requests.
it("the orchestrator key, the secret key and the JWT secret appear in no page, chunk, API answer or log line", async () => {
  const secrets = {
    "orchestrator API key": apiStackSettings.orchestratorApiKey,
    "Supabase secret key": stack().secretKey,
    "JWT secret": stack().jwtSecret,
  };
  const user = await newUser();
  const seen: { where: string; text: string }[] = [];
  const get = async (path: string, cookie = user.cookie) => {
    const response = await fetch(stack().appUrl + path, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    const text = await response.text();
    seen.push({ where: `GET ${path} (${response.status})`, text });
    return text;
  };

  const created = await user.request("POST", "/api/sandbox", {});
  const id = created.body.instance.id as string;
  seen.push({ where: "POST /api/sandbox", text: JSON.stringify(created.body) });
  const exec = await user.request("POST", `/api/sandbox/${id}/exec`, { command: "env; cat /proc/1/environ 2>/dev/null | tr '\\0' '\\n'" });
  seen.push({ where: "exec env", text: JSON.stringify(exec.body) });
  const stopped = await user.request("PATCH", `/api/sandbox/${id}`, { action: "stop" });
  seen.push({ where: "PATCH stop", text: JSON.stringify(stopped.body) });
  await get("/api/sandbox");
  await get(`/api/sandbox/${id}`);

  const chunks = new Set<string>();
  for (const page of ["/login", "/dashboard", "/dashboard/sandbox", `/dashboard/sandbox/${id}`]) {
    const html = await get(page, page === "/login" ? "" : user.cookie);
    for (const [, src] of html.matchAll(/["'(](\/_next\/static\/[^"'()\s]+\.(?:js|css))/g)) chunks.add(src!);
  }
  expect(chunks.size).toBeGreaterThan(0);
  for (const chunk of chunks) await get(chunk, "");
  seen.push({ where: "server log", text: await readFile(stack().logFile, "utf8") });

  const leaks = seen.flatMap(({ where, text }) =>
    Object.entries(secrets)
      .filter(([, secret]) => text.includes(secret))
      .map(([name]) => `${name} in ${where}`),
  );
  expect(leaks).toEqual([]);
  console.log(
    `secrets scan: ${seen.length} texts (${chunks.size} client chunks), ${Math.round(seen.reduce((n, s) => n + s.text.length, 0) / 1024)} KB`,
  );
});
