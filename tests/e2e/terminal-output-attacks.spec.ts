import { expect, test } from "./fixtures.ts";
import { lastLine, openTerminal, run, sharedSandboxPerFile, terminalLines, waitForPrompt } from "./terminal-page.ts";

// What a sandbox can print is an attacker's: escape sequences that would run script, write the
// clipboard, retitle the page, or make the terminal do billions of steps. One page for them all.
test.setTimeout(120_000);

const shared = sharedSandboxPerFile();

/** A printf command that prints `sequence` (written with \033 and \a escapes) between two words. */
const show = (label: string, sequence: string) => `printf 'before-${label} ${sequence} after-${label}\\n'`;

test("escape sequences from a command run nothing, write no clipboard or title, and the page stays responsive", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void (dialog.message().includes("https://example.invalid/") ? dialog.dismiss() : dialog.accept());
  });
  const popups: string[] = [];
  context.on("page", (opened) => popups.push(opened.url()));
  await openTerminal(page, shared.id());
  await waitForPrompt(page);
  const title = await page.title();
  await page.evaluate(() => navigator.clipboard.writeText("the user's own clipboard"));

  // The links last: the huge scrolls blank the screen, and the links are clicked on it.
  const attacks = [
    // Counts xterm.js loops over once per step: scroll, tab, repeat, insert and delete lines.
    [
      "huge-counts",
      "x\\033[2147483647b\\033[2147483647S\\033[2147483647T\\033[2147483647I\\033[2147483647Z\\033[2147483647L\\033[2147483647M\\033[999999999;999999999H\\033[999999999A\\033[H",
    ],
    // OSC 52: set the clipboard to "pwned".
    ["clipboard", "\\033]52;c;cHduZWQ=\\a"],
    ["title", "\\033]0;pwned-title\\a\\033]2;pwned-title\\a"],
    // DCS (sixel, DECUDK) and APC (kitty graphics) strings.
    ["dcs-apc", "\\033Pq#0;2;0;0;0#0!2000~\\033\\\\\\033P1;1|17/70776e6564\\033\\\\\\033_Gf=100,a=T;cHduZWQ=\\033\\\\"],
    // OSC 8 hyperlinks whose targets would run script.
    // A link to a web page beside them shows that the clicks reach the links.
    [
      "js-link",
      "\\033]8;;javascript:window.__pwned=1\\033\\\\js-link-text\\033]8;;\\033\\\\ \\033]8;;https://example.invalid/\\033\\\\web-link-text\\033]8;;\\033\\\\",
    ],
    ["data-link", "\\033]8;;data:text/html,<script>opener.__pwned=1</script>\\033\\\\data-link-text\\033]8;;\\033\\\\"],
  ] as const;
  for (const [label, sequence] of attacks) {
    await run(page, show(label, sequence));
    await waitForPrompt(page);
  }

  // The terminal still answers at once: a plain command round-trips and shows its output.
  await run(page, "echo still-responsive");
  await waitForPrompt(page);
  expect((await terminalLines(page)).some((line) => line === "still-responsive")).toBe(true);

  // Clicking the links' text: the web link asks first (xterm's own confirm, dismissed here); the
  // others are not links at all. Every other dialog is accepted, so a link that could run would.
  const pointAt = async (text: string) => {
    const spot = await page.evaluate((wanted) => {
      const term = window.__terminal!.term;
      const buffer = term.buffer.active;
      const box = document.querySelector(".xterm-screen")!.getBoundingClientRect();
      for (let row = term.rows - 1; row >= 0; row--) {
        const col = buffer
          .getLine(buffer.viewportY + row)!
          .translateToString(true)
          .indexOf(wanted);
        if (col >= 0) return { x: box.x + ((col + 2) * box.width) / term.cols, y: box.y + ((row + 0.5) * box.height) / term.rows };
      }
      return null;
    }, text);
    expect(spot, `${text} is on screen`).not.toBeNull();
    await page.mouse.move(spot!.x, spot!.y);
    await page.mouse.move(spot!.x + 1, spot!.y);
    return spot!;
  };
  const web = await pointAt("web-link-text");
  await expect(page.locator(".xterm-cursor-pointer")).toHaveCount(1);
  await page.mouse.click(web.x + 1, web.y);
  await expect.poll(() => dialogs.length).toBe(1);
  expect(dialogs[0]).toContain("https://example.invalid/");
  for (const text of ["js-link-text", "data-link-text"]) {
    const spot = await pointAt(text);
    await page.mouse.click(spot.x + 1, spot.y);
  }
  await run(page, "echo after-clicks");
  await waitForPrompt(page);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toHaveLength(1);
  expect(popups).toEqual([]);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("the user's own clipboard");
  expect(await page.title()).toBe(title);
  // Nothing the sequences made xterm say reached the command line.
  expect(await lastLine(page)).toMatch(/\$ $/);
});
