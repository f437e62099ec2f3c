import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect as baseExpect, test, type Page } from "./fixtures.ts";
import { screenshot } from "./sandbox-helpers.ts";
import { lastLine, sandboxPath, sharedSandboxPerFile, stopSandbox, waitForPrompt } from "./terminal-page.ts";

/**
 * The Files tab on one sandbox shared by the file: browse, preview, download, upload (button, drop,
 * replace), new folder, rename, delete and open in terminal, with names that break a careless shell;
 * binary and size limits; then the sandbox stopped. Each step is a command in the sandbox: tests run
 * in order on the same folder.
 */
test.describe.configure({ mode: "serial" });
// Every step waits for commands in the sandbox, on a machine the other suites share.
const expect = baseExpect.configure({ timeout: 30_000 });
test.setTimeout(120_000);

const shared = sharedSandboxPerFile();
const folder = "odd $(touch pwned) `x` 'q'";
/** The sandbox's home as its files are named: /home/agent in a jail, a host folder without bubblewrap. */
let home = "/home/agent";
const oddFile = 'it\'s "a" ünï 🎉 *.txt';

async function exec(page: Page, command: string): Promise<string> {
  const answer = await page.evaluate(
    async ({ id, command }) => {
      const response = await fetch(`/api/sandbox/${id}/exec`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ command, cwd: "/home/agent" }),
      });
      return response.json();
    },
    { id: shared.id(), command },
  );
  expect(answer.exit_code, answer.stderr).toBe(0);
  return answer.stdout;
}

async function openFiles(page: Page, path?: string) {
  await page.goto(`${sandboxPath(shared.id())}?tab=files`);
  await expect(entry(page, "e2e")).toBeVisible({ timeout: 30_000 });
  if (path) {
    await page.getByLabel("Path", { exact: true }).fill(path);
    await page.getByLabel("Path", { exact: true }).press("Enter");
    await expect(page.getByRole("navigation", { name: "Folder path" }).locator("[aria-current]")).toHaveText(path.split("/").pop()!);
  }
}

const entry = (page: Page, name: string) => page.getByTestId("files-list").getByRole("button", { name, exact: true });
const row = (page: Page, name: string) => page.getByTestId("file-row").filter({ has: page.getByRole("button", { name, exact: true }) });

test("browse: folders open, breadcrumbs and the path box lead back, hidden files behind a toggle, sort", async ({ page }) => {
  await page.goto(sandboxPath(shared.id()));
  home = (await exec(page, "pwd")).trim();
  if (process.env.REQUIRE_SANDBOX_ISOLATION === "1") expect(home).toBe("/home/agent");
  await exec(
    page,
    [
      `mkdir -p e2e && cd e2e && mkdir -p ${shellArg(folder)} && cd ${shellArg(folder)}`,
      `printf 'const answer: number = 42;\\nexport default answer;\\n' > hello.ts`,
      `printf 'odd\\n' > ${shellArg(oddFile)} && touch .hidden-file`,
      `printf 'PNG\\0\\1\\2' > image.png && head -c 1048577 /dev/zero | tr '\\0' a > big.log`,
      `head -c 1000000 /dev/urandom > random.bin`,
    ].join(" && "),
  );
  await page.getByRole("tab", { name: "Files" }).click();
  const list = page.getByTestId("files-list");
  await entry(page, "e2e").click();
  await entry(page, folder).click();
  await expect(page.getByRole("navigation", { name: "Folder path" })).toContainText(folder);
  await expect(entry(page, oddFile)).toBeVisible();
  await expect(entry(page, ".hidden-file")).toHaveCount(0);
  await page.getByLabel(/Hidden files/).check();
  await expect(entry(page, ".hidden-file")).toBeVisible();
  await page.getByLabel("Sort").selectOption("size-desc");
  await expect(page.getByTestId("file-row").first()).toContainText("big.log");
  expect(await exec(page, `find ${shellArg(home)} /tmp -name pwned 2>/dev/null | wc -l`)).toBe("0\n");
  // Breadcrumbs back to e2e, then the path box to the odd folder again.
  await page.getByRole("navigation", { name: "Folder path" }).getByRole("button", { name: "e2e", exact: true }).click();
  await expect(entry(page, folder)).toBeVisible();
  await page.getByLabel("Path", { exact: true }).fill(`${home}/e2e/${folder}/`);
  await page.getByLabel("Path", { exact: true }).press("Enter");
  await expect(entry(page, "hello.ts")).toBeVisible();
  await page.getByLabel("Path", { exact: true }).fill(`${home}/nope`);
  await page.getByLabel("Path", { exact: true }).press("Enter");
  await expect(list.getByRole("alert")).toContainText(`${home}/nope does not exist`);
});

test("preview: highlighted text with line numbers, wrap and copy; binary and too big show size and Download", async ({ page }) => {
  await openFiles(page, `${home}/e2e/${folder}`);
  await entry(page, "hello.ts").click();
  const content = page.getByTestId("file-content");
  await expect(content).toContainText("const answer: number = 42;");
  // Highlighted: the keyword has a colour of its own.
  await expect(content.locator("span[style*='color']").first()).toBeVisible();
  await expect(content.locator(".line")).toHaveCount(3);
  // The numbers as Chromium draws them, before each line.
  const numbers = await content.locator(".line").evaluateAll((lines) => lines.map((line) => getComputedStyle(line, "::before").content));
  expect(numbers).toEqual(['"1"', '"2"', '"3"']);
  await page.getByRole("button", { name: "Wrap" }).click();
  await expect(page.getByRole("button", { name: "Wrap" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Back to the folder" }).click();
  await entry(page, "image.png").click();
  await expect(page.getByTestId("file-no-preview")).toContainText("PNG image");
  await expect(page.getByTestId("file-no-preview")).toContainText("binary");
  await page.getByRole("button", { name: "Back to the folder" }).click();
  await entry(page, "big.log").click();
  await expect(page.getByTestId("file-no-preview")).toContainText("larger than 1.0 MiB");
  await expect(page.getByRole("button", { name: "Download" })).toBeVisible();
});

test("download: a file's bytes arrive whole (SHA-256), with progress", async ({ page }) => {
  await openFiles(page, `${home}/e2e/${folder}`);
  const sum = (await exec(page, `sha256sum e2e/${shellArg(folder)}/random.bin`)).split(" ")[0];
  await row(page, "random.bin")
    .getByRole("button", { name: /Actions for/ })
    .click();
  const download = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "Download" }).click();
  await expect(page.getByRole("progressbar", { name: "Downloading random.bin" })).toBeVisible();
  const saved = await (await download).path();
  expect(createHash("sha256").update(readFileSync(saved)).digest("hex")).toBe(sum);
  expect((await download).suggestedFilename()).toBe("random.bin");
});

test("upload: by button and by drop, a taken name asks before replacing, too big is refused", async ({ page }) => {
  await openFiles(page, `${home}/e2e/${folder}`);
  const input = page.getByTestId("files-upload-input");
  await input.setInputFiles({ name: "up $(id).txt", mimeType: "text/plain", buffer: Buffer.from("first\n") });
  await expect(entry(page, "up $(id).txt")).toBeVisible();
  await input.setInputFiles({ name: "up $(id).txt", mimeType: "text/plain", buffer: Buffer.from("second\n") });
  const confirm = page.getByRole("alertdialog", { name: "Replace up $(id).txt?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Replace" }).click();
  await expect.poll(() => exec(page, `cat e2e/${shellArg(folder)}/'up $(id).txt'`)).toBe("second\n");

  await input.setInputFiles({ name: "huge.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(256 * 1024 + 1) });
  await expect(page.getByText(/huge\.bin is 256 KiB: files up to 256 KiB/)).toBeVisible();

  const drop = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(["dropped\n"], "dropped `x`.txt", { type: "text/plain" }));
    return data;
  });
  await page.getByTestId("files-panel").dispatchEvent("dragover", { dataTransfer: drop });
  await expect(page.getByText(/Drop to upload into/)).toBeVisible();
  await page.getByTestId("files-panel").dispatchEvent("drop", { dataTransfer: drop });
  await expect(entry(page, "dropped `x`.txt")).toBeVisible();
  expect(
    await exec(page, `cat e2e/${shellArg(folder)}/'dropped \`x\`.txt'; ls -a e2e/${shellArg(folder)} | grep -c matrx-upload || true`),
  ).toBe("dropped\n0\n");
});

test("new folder, rename and delete (asked first), each with an odd name", async ({ page }) => {
  await openFiles(page, `${home}/e2e/${folder}`);
  await page.getByRole("button", { name: "New folder" }).click();
  const create = page.getByRole("dialog", { name: "New folder" });
  await create.getByLabel("Name").fill("-rf; $(reboot)");
  await create.getByRole("button", { name: "Create" }).click();
  await expect(create).toBeHidden();
  await expect(entry(page, "-rf; $(reboot)")).toBeVisible();

  await row(page, "-rf; $(reboot)")
    .getByRole("button", { name: /Actions for/ })
    .click();
  await page.getByRole("menuitem", { name: "Rename…" }).click();
  const rename = page.getByRole("dialog", { name: "Rename" });
  await rename.getByLabel("Name").fill(oddFile);
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(rename.getByRole("alert")).toContainText("already exists");
  await rename.getByLabel("Name").fill("renamed 'dir'");
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(entry(page, "renamed 'dir'")).toBeVisible();

  await row(page, "renamed 'dir'")
    .getByRole("button", { name: /Actions for/ })
    .click();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete renamed 'dir'?" });
  await expect(confirm).toContainText("everything in it");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(entry(page, "renamed 'dir'")).toHaveCount(0);
  expect(await exec(page, `ls e2e/${shellArg(folder)}`)).not.toMatch(/renamed|reboot/);
});

test("open in terminal: the terminal tab opens in the folder", async ({ page }) => {
  await openFiles(page, `${home}/e2e`);
  await row(page, folder)
    .getByRole("button", { name: /Actions for/ })
    .click();
  await page.getByRole("menuitem", { name: "Open in terminal" }).click();
  await expect(page.getByRole("tab", { name: "Terminal" })).toHaveAttribute("aria-selected", "true");
  await waitForPrompt(page, `~/e2e/${folder}`, 30_000);
  expect(await lastLine(page)).toContain(folder);
});

test("screenshots: light, dark and a phone", async ({ page }) => {
  await openFiles(page, `${home}/e2e/${folder}`);
  await expect(entry(page, "hello.ts")).toBeVisible();
  await screenshot(page, "files-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await entry(page, "hello.ts").click();
  await expect(page.getByTestId("file-content").locator("span[style*='color']").first()).toBeVisible();
  await screenshot(page, "files-preview-dark");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.getByRole("button", { name: "Back to the folder" }).click();
  // Usable on a phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "files-phone");
  // Plain text, 450 lines: blocks of 200 beside a gutter of numbers, still within the screen.
  await exec(page, `seq -f 'plain line %g' 450 > e2e/${shellArg(folder)}/plain.txt`);
  await page.getByRole("button", { name: "Refresh" }).click();
  await entry(page, "plain.txt").click();
  await expect(page.getByTestId("file-content").locator(".code-gutter")).toHaveCount(3);
  await expect(page.getByTestId("file-content").locator(".code-gutter").first()).toContainText(/^1\n2\n3\n/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "files-preview-plain-phone");
});

test("a stopped sandbox: read-only with a note", async ({ page }) => {
  await openFiles(page);
  await stopSandbox(page, shared.id());
  await expect(page.getByTestId("files-read-only")).toContainText("its files cannot be reached", { timeout: 20_000 });
  await expect(page.getByRole("button", { name: "Upload" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "New folder" })).toBeDisabled();
  await page.reload();
  await expect(page.getByTestId("files-read-only")).toBeVisible();
});

function shellArg(value: string) {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
