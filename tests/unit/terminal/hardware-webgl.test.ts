import { describe, expect, test } from "vitest";
import { hasHardwareWebgl, isSoftwareRenderer } from "@/lib/terminal/hardware-webgl";

/** A document whose canvases give the WebGL2 context described (no GPU here, so it is stood in). */
function documentWith(context: { renderer: string; unmasked?: boolean } | null) {
  const lost: boolean[] = [];
  const gl = context && {
    RENDERER: 0x1f01,
    getExtension(name: string) {
      if (name === "WEBGL_debug_renderer_info") return context.unmasked === false ? null : { UNMASKED_RENDERER_WEBGL: 0x9246 };
      if (name === "WEBGL_lose_context") return { loseContext: () => lost.push(true) };
      return null;
    },
    getParameter: (parameter: number) => (parameter === 0x9246 ? context.renderer : "WebKit WebGL"),
  };
  const requested: unknown[] = [];
  const document = {
    createElement: () => ({
      getContext: (kind: string, attributes: unknown) => {
        requested.push({ kind, attributes });
        return gl;
      },
    }),
  } as unknown as Document;
  return { document, lost, requested };
}

describe("choosing the terminal's renderer", () => {
  test.each([
    ["ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)", true],
    ["llvmpipe (LLVM 15.0.7, 256 bits)", true],
    ["Microsoft Basic Render Driver", true],
    ["ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)", false],
    ["Apple M2", false],
    ["Mesa Intel(R) UHD Graphics 620 (KBL GT2)", false],
  ])("%s is a software rasterizer: %s", (name, software) => {
    expect(isSoftwareRenderer(name)).toBe(software);
  });

  test("WebGL on a GPU is used; the probe asks to fail on software and gives its context back", () => {
    const { document, lost, requested } = documentWith({ renderer: "ANGLE (AMD, Radeon RX 6600)" });
    expect(hasHardwareWebgl(document)).toBe(true);
    expect(requested).toEqual([{ kind: "webgl2", attributes: { failIfMajorPerformanceCaveat: true } }]);
    expect(lost).toEqual([true]);
  });

  test("SwiftShader (a headless or GPU-less browser) means the DOM renderer", () => {
    const { document, lost } = documentWith({
      renderer: "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)",
    });
    expect(hasHardwareWebgl(document)).toBe(false);
    expect(lost).toEqual([true]);
  });

  test("one probe per document: the next terminal on the page does not open another context", () => {
    const { document, requested } = documentWith({ renderer: "Apple M2" });
    expect(hasHardwareWebgl(document)).toBe(true);
    expect(hasHardwareWebgl(document)).toBe(true);
    expect(requested).toHaveLength(1);
  });

  test("no WebGL2 at all, or a context refused for a performance caveat, means the DOM renderer", () => {
    expect(hasHardwareWebgl(documentWith(null).document)).toBe(false);
  });

  test("a browser that hides the GPU's name keeps WebGL", () => {
    expect(hasHardwareWebgl(documentWith({ renderer: "anything", unmasked: false }).document)).toBe(true);
  });
});
