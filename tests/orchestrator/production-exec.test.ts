import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  cwdSentinel,
  decodeProduction,
  parseProductionOutput,
  parseSentinel,
  productionWrapper,
  shlexQuote,
} from "../../local-stack/orchestrator/production-exec.ts";

// Production's own Python, copied verbatim from matrx-sandbox 6a55847 (sandbox_manager.py), run on
// the same bytes where python3 exists: the wrapper text, the decoding and the marker parsing.
const pythonReference = String.raw`
import base64, json, shlex, sys
_CWD_SENTINEL = "___MATRX_CWD_SENTINEL_9f8a7b___"

def _parse_cwd_sentinel(raw: str):
    """Split stdout at the CWD sentinel, returning (visible_output, new_cwd)."""
    idx = raw.rfind(_CWD_SENTINEL)
    if idx == -1:
        return raw, None
    output = raw[:idx].rstrip("\n")
    after = raw[idx + len(_CWD_SENTINEL):].strip()
    lines = after.split("\n")
    new_cwd = lines[0].strip() if lines else None
    return output, new_cwd

out = []
for case in json.load(sys.stdin):
    command, effective_cwd = case["command"], case["cwd"]
    wrapped = (
        f"cd {shlex.quote(effective_cwd)} && "
        f"{{ {command} ; }}; "
        f"__matrx_ec=$?; "
        f"echo '{_CWD_SENTINEL}'; "
        f"pwd; "
        f"exit $__matrx_ec"
    )
    stdout_raw = base64.b64decode(case["stdout"]).decode("utf-8", errors="replace")
    stderr = base64.b64decode(case["stderr"]).decode("utf-8", errors="replace")
    stdout, new_cwd = _parse_cwd_sentinel(stdout_raw)
    if not new_cwd:
        new_cwd = effective_cwd
    out.append({"wrapped": wrapped, "stdout": stdout, "stderr": stderr, "cwd": new_cwd})
json.dump(out, sys.stdout)
`;

const hasPython = spawnSync("python3", ["-c", "import shlex"]).status === 0;

function runPython(cases: { command: string; cwd: string; stdout: Buffer; stderr: Buffer }[]) {
  const input = JSON.stringify(
    cases.map((c) => ({ command: c.command, cwd: c.cwd, stdout: c.stdout.toString("base64"), stderr: c.stderr.toString("base64") })),
  );
  const result = spawnSync("python3", ["-c", pythonReference], { input, encoding: "utf8", timeout: 20_000 });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { wrapped: string; stdout: string; stderr: string; cwd: string }[];
}

const work = mkdtempSync(path.join(tmpdir(), "production-exec-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What production's exec answers for a command, with real bash running its wrapper. */
function runWrapped(command: string, cwd: string) {
  // bash -c as docker exec runs it: started elsewhere, the wrapper's cd decides the directory.
  const result = spawnSync("bash", ["-c", productionWrapper(command, cwd)], { cwd: "/", timeout: 20_000 });
  const parsed = parseProductionOutput(result.stdout);
  return {
    raw: { stdout: result.stdout, stderr: result.stderr },
    answer: { exit_code: result.status, stdout: parsed.stdout, stderr: decodeProduction(result.stderr), cwd: parsed.cwd ?? cwd },
  };
}

const wrapperText = (cwd: string, command: string) =>
  `cd ${cwd} && { ${command} ; }; __matrx_ec=$?; echo '${cwdSentinel}'; pwd; exit $__matrx_ec`;

// Expected answers derived from production's source (and checked against its Python below).
const matrix: { command: string; exit_code: number; stdout: string; stderr: string | RegExp; cwd?: string }[] = [
  { command: "echo hello", exit_code: 0, stdout: "hello", stderr: "" },
  { command: "ls # c", exit_code: 2, stdout: "", stderr: "bash: -c: line 2: syntax error: unexpected end of file\n" },
  {
    command: "sleep 0.1 &",
    exit_code: 2,
    stdout: "",
    stderr: `bash: -c: line 1: syntax error near unexpected token \`;'\nbash: -c: line 1: \`${wrapperText(work, "sleep 0.1 &")}'\n`,
  },
  {
    command: "cat <<EOF\nhi\nEOF",
    exit_code: 2,
    stdout: "",
    stderr:
      "bash: line 3: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\nbash: -c: line 4: syntax error: unexpected end of file\n",
  },
  {
    command: "echo hi\n",
    exit_code: 2,
    stdout: "",
    stderr: `bash: -c: line 2: syntax error near unexpected token \`;'\nbash: -c: line 2: \` ; }; __matrx_ec=$?; echo '${cwdSentinel}'; pwd; exit $__matrx_ec'\n`,
  },
  { command: "printf 'a\\n\\n\\n'", exit_code: 0, stdout: "a", stderr: "" },
  { command: "echo out; echo err >&2", exit_code: 0, stdout: "out", stderr: "err\n" },
  // Leaves before the marker: nothing is stripped and the directory stays the one it had.
  { command: "echo bye; exit 3", exit_code: 3, stdout: "bye\n", stderr: "" },
  { command: "exit 3", exit_code: 3, stdout: "", stderr: "" },
  { command: "cd /tmp", exit_code: 0, stdout: "", stderr: "", cwd: "/tmp" },
  { command: "false", exit_code: 1, stdout: "", stderr: "" },
  { command: "echo 'héllo wörld ✓ 🚀 中文'", exit_code: 0, stdout: "héllo wörld ✓ 🚀 中文", stderr: "" },
  {
    command: "printf 'a\\xff\\xfeb\\xe2\\x82'; printf '\\xc0\\x80' >&2",
    exit_code: 0,
    stdout: "a\uFFFD\uFFFDb\uFFFD",
    stderr: "\uFFFD\uFFFD",
  },
  { command: "printf '\\xff\\xfe'", exit_code: 0, stdout: "\uFFFD\uFFFD", stderr: "" },
  // A marker the command prints itself: the last one wins.
  { command: `echo '${cwdSentinel}'; echo x`, exit_code: 0, stdout: `${cwdSentinel}\nx`, stderr: "" },
];

describe("production's exec wrapper, run by real bash", () => {
  it.each(matrix)("$command", ({ command, ...expected }) => {
    const { answer } = runWrapped(command, work);
    expect(answer).toEqual({ ...expected, cwd: expected.cwd ?? work });
  });

  it("gives the same wrapper text, stdout, stderr and directory as production's Python", ({ skip }) => {
    if (!hasPython) skip("python3 is not installed");
    const cwds = [work, path.join(work, "it's here"), ""];
    // An empty cwd stands for production's fallback to the cached directory (`cwd or ...`).
    const cases = matrix.flatMap(({ command }) =>
      cwds.map((cwd) => {
        const { raw, answer } = runWrapped(command, cwd || work);
        return { command, cwd: cwd || work, ...raw, ours: answer };
      }),
    );
    const python = runPython(cases);
    cases.forEach((c, i) => {
      expect(productionWrapper(c.command, c.cwd)).toBe(python[i]!.wrapped);
      expect({ stdout: c.ours.stdout, stderr: c.ours.stderr, cwd: c.ours.cwd }).toEqual({
        stdout: python[i]!.stdout,
        stderr: python[i]!.stderr,
        cwd: python[i]!.cwd,
      });
    });
  });

  it("quotes directories as shlex.quote does", ({ skip }) => {
    const samples = ["", "/home/agent", "/a_b-c.d/@%+=:,", "with space", "it's", "$HOME", "ü", "a\nb", "*"];
    expect(samples.map(shlexQuote)).toEqual([
      "''",
      "/home/agent",
      "/a_b-c.d/@%+=:,",
      "'with space'",
      `'it'"'"'s'`,
      "'$HOME'",
      "'ü'",
      "'a\nb'",
      "'*'",
    ]);
    if (!hasPython) skip("python3 is not installed");
    const python = spawnSync(
      "python3",
      ["-c", "import json, shlex, sys; print(json.dumps([shlex.quote(s) for s in json.load(sys.stdin)]))"],
      {
        input: JSON.stringify(samples),
        encoding: "utf8",
      },
    );
    expect(JSON.parse(python.stdout)).toEqual(samples.map(shlexQuote));
  });

  it("parses the marker as _parse_cwd_sentinel does", ({ skip }) => {
    const samples = [
      "no marker\n\n",
      `out\n\n${cwdSentinel}\n/dir\n`,
      `${cwdSentinel}\n  /with spaces  \nmore\n`,
      `${cwdSentinel}\n\n`,
      `${cwdSentinel}`,
      `a\r\n${cwdSentinel}\n\u0085/x\u001f\n`,
      `\uFEFF${cwdSentinel}\n\uFEFF/y\n`,
    ];
    expect(samples.map(parseSentinel)).toEqual([
      { stdout: "no marker\n\n", cwd: null },
      { stdout: "out", cwd: "/dir" },
      { stdout: "", cwd: "/with spaces" },
      { stdout: "", cwd: null },
      { stdout: "", cwd: null },
      { stdout: "a\r", cwd: "/x" },
      { stdout: "\uFEFF", cwd: "\uFEFF/y" },
    ]);
    if (!hasPython) skip("python3 is not installed");
    const python = spawnSync(
      "python3",
      [
        "-c",
        `${pythonReference.split("out = []")[0]}\nprint(json.dumps([{"stdout": o, "cwd": c or None} for o, c in map(_parse_cwd_sentinel, json.load(sys.stdin))]))`,
      ],
      { input: JSON.stringify(samples), encoding: "utf8" },
    );
    // Python's "" and None both mean "no new directory" to exec_in_sandbox (`if new_cwd:`).
    expect(JSON.parse(python.stdout)).toEqual(samples.map(parseSentinel));
  });
});
