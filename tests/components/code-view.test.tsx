import "./dom-shims.ts";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { CodeView } from "../../components/files/code-view.tsx";

afterEach(cleanup);

const text = "first line\n  second, indented\n\nfourth";

it("plain text: the whole text as it is, beside a gutter of line numbers kept out of a selection's copy", () => {
  render(<CodeView name="notes.txt" content={text} wrap={false} />);
  const view = screen.getByRole("region", { name: "Contents of notes.txt" });
  expect(view.querySelector("code")!.textContent).toBe(text);
  const gutter = view.querySelector(".code-gutter")!;
  expect(gutter.textContent).toBe("1\n2\n3\n4");
  expect(gutter.getAttribute("aria-hidden")).toBe("true");
  // One text node however long the file: no element a line.
  expect(view.querySelectorAll(".line")).toHaveLength(0);
});

it("wrapped: a line each, so a wrapped line keeps its number", () => {
  render(<CodeView name="notes.txt" content={text} wrap />);
  const view = screen.getByRole("region", { name: "Contents of notes.txt" });
  const lines = [...view.querySelectorAll(".line")].map((line) => line.textContent);
  expect(lines).toEqual(["first line\n", "  second, indented\n", "\n", "fourth\n"]);
  expect(view.querySelector(".code-gutter")).toBeNull();
});
