import { round, rotated, summarize } from "../lib/stats.ts";
import { appRequest, expectStatus } from "../lib/session.ts";
import { createReadySandbox } from "../lib/sandboxes.ts";
import type { BenchContext } from "../lib/context.ts";

/**
 * The Files routes beside a plain exec through the API (`true`): listing a folder of 1,000 entries,
 * the preview of a 1 MiB text file (the read route; the page adds its rendering), and a 10 MiB
 * download's throughput, on one sandbox of alice's.
 */
export async function benchFiles(ctx: BenchContext) {
  const sandbox = await createReadySandbox(ctx, ctx.alice.userId);
  const exec = (command: string) => async () => {
    expectStatus(await appRequest(ctx.urls.appUrl, ctx.alice, "POST", `/api/sandbox/${sandbox.id}/exec`, { command }), 200, "exec");
  };
  await exec(
    "mkdir -p many && cd many && for i in $(seq 1000); do : > file-$i; done && cd .. && yes 'a line of text for the preview' | head -c 1048576 > big.txt && head -c 10485760 /dev/urandom > dl.bin",
  )();
  const homeAnswer = await appRequest(ctx.urls.appUrl, ctx.alice, "GET", `/api/sandbox/${sandbox.id}/files`, undefined);
  expectStatus(homeAnswer, 200, "list home");
  const home = (homeAnswer.body as { path: string }).path;
  const get = (path: string, what: string) => async () => {
    expectStatus(await appRequest(ctx.urls.appUrl, ctx.alice, "GET", path, undefined), 200, what);
  };
  const list = get(`/api/sandbox/${sandbox.id}/files?path=${encodeURIComponent(`${home}/many`)}`, "list 1,000 entries");
  const preview = get(`/api/sandbox/${sandbox.id}/files/read?path=${encodeURIComponent(`${home}/big.txt`)}`, "read 1 MiB");
  const runs = Math.max(5, Math.round(ctx.sizes.exec / 4));
  await rotated(3, [exec("true"), list, preview]); // warm-up
  const times = await rotated(runs, [exec("true"), list, preview]);
  const plain = summarize(times[0]!);
  const listing = summarize(times[1]!);
  const read = summarize(times[2]!);

  const downloads: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const response = await fetch(
      `${ctx.urls.appUrl}/api/sandbox/${sandbox.id}/files/download?path=${encodeURIComponent(`${home}/dl.bin`)}`,
      {
        headers: { cookie: ctx.alice.cookie },
      },
    );
    const bytes = (await response.arrayBuffer()).byteLength;
    if (response.status !== 200 || bytes !== 10 * 1024 * 1024) throw new Error(`download: ${response.status}, ${bytes} bytes`);
    downloads.push(bytes / 1e6 / ((performance.now() - started) / 1000));
  }
  return {
    exec: plain,
    list: listing,
    list_over_exec_p50: round(listing.p50 / plain.p50, 2),
    preview: read,
    download_mb_per_s: round(downloads.sort((a, b) => a - b)[1]!, 2),
  };
}
