export type RealtimeStatus = "connecting" | "live" | "reconnecting";

/** How fresh the sandbox data on the page is. */
export interface LiveStatus {
  realtime: RealtimeStatus;
  /** When the data last changed or was confirmed (realtime event or API answer), ms since epoch. */
  lastUpdateAt: number | null;
}

/**
 * The live status outside React state, read with useSyncExternalStore: a change re-renders only the
 * components that read it. Held in a provider's state it would change a context above the page's
 * streamed Suspense boundary, and React, unable to hydrate a boundary whose context changed before
 * its HTML was revealed, renders the page again on the client beside the hidden server copy.
 */
export interface LiveStatusStore {
  getSnapshot(): LiveStatus;
  subscribe(listener: () => void): () => void;
  setRealtime(realtime: RealtimeStatus): void;
  markUpdated(at: number): void;
}

/** As the server renders it, and so as hydration reads it. */
export const initialLiveStatus: LiveStatus = { realtime: "connecting", lastUpdateAt: null };

export function createLiveStatusStore(initial: LiveStatus = initialLiveStatus): LiveStatusStore {
  let status = initial;
  const listeners = new Set<() => void>();
  const set = (next: LiveStatus) => {
    status = next;
    for (const listener of listeners) listener();
  };
  return {
    getSnapshot: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setRealtime(realtime) {
      if (realtime !== status.realtime) set({ ...status, realtime });
    },
    markUpdated(at) {
      if (at > (status.lastUpdateAt ?? 0)) set({ ...status, lastUpdateAt: at });
    },
  };
}
