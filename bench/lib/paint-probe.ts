// Functions that run in the page (Playwright sends their source): they use nothing of this module's scope.

interface Watch {
  id: string | null;
  frames: number[];
  done?: Promise<PaintTiming>;
}
type ProbeWindow = Window & { __benchWatch: Watch };

/**
 * An init script: records when a WebSocket frame naming the watched row arrives. Its listener is
 * added at construction, before realtime-js sets `onmessage`, so it runs first.
 */
export function websocketProbe(): void {
  const w = window as unknown as ProbeWindow;
  w.__benchWatch = { id: null, frames: [] };
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener("message", (event) => {
        const watch = w.__benchWatch;
        if (watch.id && typeof event.data === "string" && event.data.includes(watch.id)) watch.frames.push(performance.now());
      });
    }
  };
}

export interface PaintTiming {
  /** The first realtime frame naming the row arrived (page clock, ms), or null if none was seen. */
  frameAt: number | null;
  /** The list row shows the new status in the DOM. */
  domAt: number;
  /** The frame showing it has been painted: a task posted from the next requestAnimationFrame runs after that frame. */
  paintedAt: number;
}

/** Arms the watch for one update: `done` resolves once the row shows `status` and a frame with it is painted. */
export function armRowPaint({ rowId, sandboxId, status }: { rowId: string; sandboxId: string; status: string }): void {
  const watch = (window as unknown as ProbeWindow).__benchWatch;
  watch.id = rowId;
  watch.frames = [];
  const shows = () => document.querySelector(`tr[data-sandbox-id="${sandboxId}"]`)?.getAttribute("data-status") === status;
  watch.done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!shows()) return;
      const domAt = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ frameAt: watch.frames[0] ?? null, domAt, paintedAt: performance.now() });
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-status"] });
  });
}

/** The armed watch's timing, or null after `timeoutMs`. */
export function awaitRowPaint(timeoutMs: number): Promise<PaintTiming | null> {
  const watch = (window as unknown as ProbeWindow).__benchWatch;
  return Promise.race([watch.done!, new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs))]);
}
