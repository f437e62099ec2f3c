/** Seconds a view's own command may run: they read a few files, or wait a second for a signal. */
export const toolCommandTimeout = 10;
