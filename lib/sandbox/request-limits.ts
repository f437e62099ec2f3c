/**
 * The numbers and names the request schemas (lib/sandbox/schemas.ts) are built from, without zod:
 * pages read them in the browser, where zod is loaded only when input is checked.
 */

export const ttlLimits = { min: 60, max: 86_400, default: 7_200 } as const;
export const maxConfigBytes = 16 * 1024;
export const maxBodyBytes = 64 * 1024;
/** Far past any real list; keeps offset inside Postgres's integer range. */
export const maxListOffset = 1_000_000;

export const listSorts = ["created", "expires"] as const;
/** Rows per list request unless asked otherwise: the API's default, "Load more"'s step, a server page's first page. */
export const listPageSize = 50;
/** The most rows one list request may ask for. */
export const maxListLimit = 100;

/** Keys of the orchestrator's config that the dashboard sets itself. */
export const reservedConfigKeys = ["ttl_seconds", "dashboard_reservation_id"] as const;

/**
 * The orchestrator refuses a command over 10,000 characters (code points, as Python counts them);
 * the dashboard sends the user's command inside a script of its own (lib/sandbox/shell), so the
 * user gets what is left (tests/unit/shell/shell-script.test.ts keeps the two in step).
 */
export const orchestratorMaxCommandLength = 10_000;
export const maxCommandLength = 9_350;
export const execTimeoutLimits = { min: 1, max: 600, default: 30 } as const;

/** The Files view's limits (lib/sandbox/files): what a browser may ask for and what it is told. */
export const fileLimits = {
  /** Entries one listing returns; the rest are counted. */
  listEntries: 1_000,
  /** A text file shown in the preview. */
  previewBytes: 1024 * 1024,
  /** A file, or a folder's .tar.gz, downloaded. */
  downloadBytes: 25 * 1024 * 1024,
  /** A file uploaded. */
  uploadBytes: 256 * 1024,
  /** A file is binary when its first KiB holds a NUL. */
  binaryProbeBytes: 1024,
  /** Bytes of a path (Linux's PATH_MAX) and of a name (NAME_MAX). */
  pathBytes: 4096,
  nameBytes: 255,
} as const;
