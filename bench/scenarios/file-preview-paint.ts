import type { Browser } from "@playwright/test";
import { signedInContext } from "../lib/browser.ts";
import { appRequest, expectStatus } from "../lib/session.ts";
import { summarize } from "../lib/stats.ts";
import type { BenchContext } from "../lib/context.ts";

const files = 6;

/**
 * The Files tab of alice's sandbox page in Chromium: the click on a 1 MiB text file until a frame
 * showing its last line has been painted. Each run opens a file of its own (the view keeps files it
 * has read), so every run reads through the route; the first also loads the viewer's code.
 */
export async function benchFilePreviewPaint(ctx: BenchContext, browser: Browser, sandboxRowId: string) {
  expectStatus(
    await appRequest(ctx.urls.appUrl, ctx.alice, "POST", `/api/sandbox/${sandboxRowId}/exec`, {
      // Lines like source code, which gzip about as well (1 MiB to 160 KiB; this repository's own code: 290 KiB).
      command: `for i in $(seq ${files}); do seq $i 200000 | awk '{print "  const value_" $1 " = compute(" $1*7 ", \\"name " $1%97 "\\"); // step " $1}' | head -c 1048576 > preview-$i.txt; done`,
    }),
    200,
    "make the preview files",
  );
  const context = await signedInContext(browser, ctx.urls.appUrl, ctx.alice);
  try {
    const page = await context.newPage();
    await page.goto(`${ctx.urls.appUrl}/dashboard/sandbox/${sandboxRowId}?tab=files`);
    const list = page.getByTestId("files-list");
    const times: PreviewTiming[] = [];
    for (let i = 1; i <= files; i++) {
      const name = `preview-${i}.txt`;
      await list.getByRole("button", { name, exact: true }).waitFor({ timeout: 30_000 });
      await page.evaluate(armPreviewPaint);
      await list.getByRole("button", { name, exact: true }).click();
      const timing = await page.evaluate(awaitPreviewPaint, 30_000);
      if (timing === null) throw new Error(`files: ${name} not shown within 30 s`);
      times.push(timing);
      await page.getByRole("button", { name: "Back to the folder" }).click();
    }
    return {
      click_to_paint: summarize(times.slice(1).map((t) => t.shown)),
      after_response: summarize(times.slice(1).flatMap((t) => (t.afterResponse === null ? [] : [t.afterResponse]))),
      first_open_ms: Math.round(times[0]!.shown),
      timed_from: "the click on the file's name until a task after the frame that shows the file's last line",
    };
  } finally {
    await context.close();
  }
}

interface PreviewTiming {
  /** Click until the frame showing the file is painted. */
  shown: number;
  /** The read request's response end until that paint: the page's own work. */
  afterResponse: number | null;
}
type PreviewWindow = Window & { __previewDone?: Promise<PreviewTiming> };

/** Runs in the page: from the next click until the preview's last line is in a painted frame. */
function armPreviewPaint(): void {
  const w = window as PreviewWindow;
  w.__previewDone = new Promise((resolve) => {
    document.addEventListener(
      "click",
      (event) => {
        const clickedAt = event.timeStamp;
        const shown = () => {
          // React commits the text at once: all of it is there or none (less the newlines between its blocks of lines).
          const codes = document.querySelectorAll('[data-testid="file-content"] code');
          return [...codes].reduce((sum, code) => sum + (code.textContent?.length ?? 0), 0) >= 1_040_000;
        };
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              const paintedAt = performance.now();
              const read = performance
                .getEntriesByType("resource")
                .filter((entry) => entry.name.includes("/files/read") && entry.startTime >= clickedAt)
                .pop() as PerformanceResourceTiming | undefined;
              resolve({ shown: paintedAt - clickedAt, afterResponse: read ? paintedAt - read.responseEnd : null });
            };
            channel.port2.postMessage(null);
          });
        });
        observer.observe(document.body, { subtree: true, childList: true });
      },
      { capture: true, once: true },
    );
  });
}

function awaitPreviewPaint(timeoutMs: number): Promise<PreviewTiming | null> {
  const done = (window as PreviewWindow).__previewDone!;
  return Promise.race([done, new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs))]);
}
