import { SandboxApiError } from "../api-client";
import type { SandboxErrorBody } from "../sandbox-error-details";

export type Progress = (loaded: number, total: number) => void;

const filesUrl = (id: string, action: string, params: Record<string, string>) =>
  `/api/sandbox/${encodeURIComponent(id)}/files/${action}?${new URLSearchParams(params)}`;

function apiError(status: number, text: string): SandboxApiError {
  let error: Partial<SandboxErrorBody["error"]> | undefined;
  try {
    error = (JSON.parse(text) as Partial<SandboxErrorBody>).error;
  } catch {
    // not JSON: the status says it
  }
  return new SandboxApiError(status, {
    ...(error?.code ? (error as SandboxErrorBody["error"]) : { code: "internal" as const }),
    message: error?.message ?? `The server answered with HTTP ${status}.`,
  });
}

const networkError = () =>
  new SandboxApiError(0, { code: "network", message: "The transfer stopped: the dashboard's server could not be reached. Try again." });

/** The name a download's Content-Disposition gives (filename*, else filename). */
function dispositionName(header: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header ?? "")?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // malformed: the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(header ?? "")?.[1] ?? fallback;
}

/** Downloads a file (or a folder as .tar.gz) with progress; `signal` cancels it. */
export async function downloadEntry(
  id: string,
  path: string,
  onProgress: Progress,
  signal: AbortSignal,
): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(filesUrl(id, "download", { path }), { credentials: "same-origin", cache: "no-store", signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw networkError();
  }
  if (!response.ok || !response.body) throw apiError(response.status, await response.text());
  const total = Number(response.headers.get("x-file-size") ?? response.headers.get("content-length")) || 0;
  const fileName = dispositionName(response.headers.get("content-disposition"), path.split("/").pop() || "download");
  const reader = response.body.getReader();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let loaded = 0;
  onProgress(0, total);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value as Uint8Array<ArrayBuffer>);
      loaded += value.byteLength;
      onProgress(loaded, total);
    }
  } catch (error) {
    if (signal.aborted) throw error;
    throw networkError();
  }
  if (total && loaded !== total) throw networkError();
  return { blob: new Blob(parts), fileName };
}

/** Hands a blob to the browser as a saved file. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Uploads a file into a folder with the bytes' progress; `signal` cancels it. */
export function uploadEntry(
  id: string,
  folder: string,
  file: Blob,
  name: string,
  replace: boolean,
  onProgress: Progress,
  signal: AbortSignal,
): Promise<{ path: string; size: number }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", filesUrl(id, "upload", { path: folder, name, replace: replace ? "1" : "0" }));
    request.setRequestHeader("Content-Type", "application/octet-stream");
    request.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    request.onload = () => {
      if (request.status === 201) resolve(JSON.parse(request.responseText));
      else reject(apiError(request.status, request.responseText));
    };
    request.onerror = () => reject(networkError());
    request.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    signal.addEventListener("abort", () => request.abort(), { once: true });
    request.send(file);
  });
}
