// No import of 'vite' here: the test builds a temporary copy of this app with the
// repository's Vite, and this file must load from that copy.
export default {
  build: { outDir: 'dist', emptyOutDir: true },
  logLevel: 'warn',
};
