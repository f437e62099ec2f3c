/** GPU names of the software rasterizers browsers fall back to when they have no usable GPU. */
const softwareRenderer = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render driver/i;

/** Whether a WebGL renderer name (`UNMASKED_RENDERER_WEBGL`, or `RENDERER` where unmasked) is a CPU rasterizer. */
export const isSoftwareRenderer = (name: string) => softwareRenderer.test(name);

// The GPU does not change while a page is open: one probe per document.
const probed = new WeakMap<Document, boolean>();

/**
 * Whether WebGL2 runs on a GPU here. On a software rasterizer (SwiftShader in a VM or a headless
 * browser, llvmpipe) every WebGL frame costs the page tens of milliseconds, more than xterm's DOM
 * renderer, so the terminal only takes its WebGL renderer where this is true.
 */
export function hasHardwareWebgl(document: Document): boolean {
  let answer = probed.get(document);
  if (answer === undefined) probed.set(document, (answer = probe(document)));
  return answer;
}

function probe(document: Document): boolean {
  let gl: WebGL2RenderingContext | null = null;
  try {
    gl = document.createElement("canvas").getContext("webgl2", { failIfMajorPerformanceCaveat: true });
    if (!gl) return false;
    const debug = gl.getExtension("WEBGL_debug_renderer_info");
    const name: unknown = gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    return typeof name !== "string" || !isSoftwareRenderer(name);
  } catch {
    return false;
  } finally {
    // Browsers keep few contexts alive at once; give this one back now.
    gl?.getExtension("WEBGL_lose_context")?.loseContext();
  }
}
