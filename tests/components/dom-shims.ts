// jsdom has no ResizeObserver; Radix's popper (tooltips, menus) needs one to exist.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
