/** Shared by playwright.config.ts and start-stack.ts. A port away from a developer's 3000 and 54321. */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_APP_PORT}`;
