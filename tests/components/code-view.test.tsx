import "./dom-shims.ts";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { CodeView } from "../../components/files/code-view.tsx";

afterEach(cleanup);

const text = "first line\n  second, indented\n\nfourth";
const numbered = (count: number) => Array.from({ length: count }, (_, i) => `line ${i + 1}`).join("\n");
const view = (name: string) => screen.getByRole("region", { name: `Contents of ${name}` });
const codeText = (element: HTMLElement) => [...element.querySelectorAll("code")].map((code) => code.textContent).join("\n");

it("plain text: the whole text as it is, beside a gutter of line numbers kept out of a selection's copy", () => {
  render(<CodeView name="notes.txt" content={text} wrap={false} />);
  expect(codeText(view("notes.txt"))).toBe(text);
  const gutter = view("notes.txt").querySelector(".code-gutter")!;
  expect(gutter.textContent).toBe("1\n2\n3\n4");
  expect(gutter).toHaveAttribute("aria-hidden", "true");
  // A text node, not an element a line.
  expect(view("notes.txt").querySelectorAll(".line")).toHaveLength(0);
});

it("a long file: blocks of 200 lines the browser may skip while out of view, numbered on from the one before", () => {
  render(<CodeView name="long.log" content={numbered(450)} wrap={false} />);
  const blocks = [...view("long.log").querySelectorAll<HTMLElement>("[style*='content-visibility']")];
  expect(blocks).toHaveLength(3);
  expect(blocks.map((block) => block.style.getPropertyValue("contain-intrinsic-size"))).toEqual([
    "auto 0px auto 250rem",
    "auto 0px auto 250rem",
    "auto 0px auto 62.5rem",
  ]);
  const gutters = [...view("long.log").querySelectorAll(".code-gutter")].map((gutter) => gutter.textContent!.split("\n"));
  expect(gutters.map((numbers) => [numbers[0], numbers.at(-1)])).toEqual([
    ["1", "200"],
    ["201", "400"],
    ["401", "450"],
  ]);
  expect(codeText(view("long.log"))).toBe(numbered(450));
});

it("wrapped: a line each carrying its number, so a wrapped line keeps it, counted on across blocks", () => {
  render(<CodeView name="notes.txt" content={`${numbered(200)}\n${text}`} wrap />);
  const blocks = [...view("notes.txt").querySelectorAll<HTMLElement>("pre")];
  expect(blocks).toHaveLength(2);
  const lines = [...blocks[1]!.querySelectorAll<HTMLElement>(".line")].map((line) => [line.dataset.line, line.textContent]);
  expect(lines).toEqual([
    ["201", "first line\n"],
    ["202", "  second, indented\n"],
    ["203", "\n"],
    ["204", "fourth\n"],
  ]);
  expect(blocks[0]!.querySelector<HTMLElement>(".line")!.dataset.line).toBe("1");
  expect(view("notes.txt").querySelector(".code-gutter")).toBeNull();
});
