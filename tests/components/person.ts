import userEvent, { type UserEvent } from "@testing-library/user-event";
import { beforeEach } from "vitest";

/** What a person does in a component test, through user-event: a new user for each test of the file that calls it. */
export function person() {
  // user-event keeps the pointer and keyboard state of its document, so no test inherits another's.
  let user: UserEvent;
  beforeEach(() => {
    user = userEvent.setup();
  });
  return {
    /** Selects the field's text and types over it. */
    async typeInto(field: HTMLElement, text: string) {
      await user.clear(field);
      await user.type(field, text);
    },
    /** Selects the field's text and pastes over it (a long config, which typing key by key would not). */
    async pasteInto(field: HTMLElement, text: string) {
      await user.clear(field);
      await user.paste(text);
    },
    /** Picks an option of a native select. */
    async choose(select: HTMLElement, value: string) {
      await user.selectOptions(select, value);
    },
  };
}
