import { createSandboxApi } from "./api-client";
import { noteServerDate } from "./server-clock";

/** The browser's API client; every answer's Date header corrects the clock used for countdowns. */
export const sandboxApi = createSandboxApi({
  fetch: async (input, init) => {
    const response = await fetch(input, init);
    noteServerDate(response.headers.get("date"));
    return response;
  },
});
