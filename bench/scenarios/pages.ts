import { rotated, summarize } from "../lib/stats.ts";
import type { BenchContext } from "../lib/context.ts";

/**
 * Server time of the dashboard's pages under `next start`: a GET with alice's session cookie until
 * the whole HTML (the streamed RSC payload included) is in. The three pages take turns.
 */
export async function benchPages(ctx: BenchContext, sandbox: { id: string; sandboxId: string }) {
  const { count } = await ctx.alice.client.from("sandbox_instances").select("id", { count: "exact", head: true });
  const pages = {
    list: { path: "/dashboard/sandbox", shows: 'data-testid="sandbox-row"' },
    detail: { path: `/dashboard/sandbox/${sandbox.id}`, shows: sandbox.sandboxId },
    dashboard: { path: "/dashboard", shows: "Signed in as" },
  };
  const firstByte = { list: [] as number[], detail: [] as number[], dashboard: [] as number[] };
  const fetchPage = (name: keyof typeof pages) => async () => {
    const started = performance.now();
    const response = await fetch(ctx.urls.appUrl + pages[name].path, { headers: { cookie: ctx.alice.cookie }, redirect: "manual" });
    firstByte[name].push(performance.now() - started);
    const html = await response.text();
    if (response.status !== 200 || !html.includes(pages[name].shows))
      throw new Error(`${pages[name].path}: HTTP ${response.status}, ${html.length} bytes without ${pages[name].shows}`);
  };
  const names = Object.keys(pages) as (keyof typeof pages)[];
  await rotated(3, names.map(fetchPage)); // warm-up, not counted
  names.forEach((name) => (firstByte[name].length = 0));
  const times = await rotated(ctx.sizes.pages, names.map(fetchPage));
  const result = (name: keyof typeof pages, i: number) => ({
    path: pages[name].path,
    full_html: summarize(times[i]!),
    first_byte: summarize(firstByte[name]),
  });
  return { rows: count, list: result("list", 0), detail: result("detail", 1), dashboard: result("dashboard", 2) };
}
