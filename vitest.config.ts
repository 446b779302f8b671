import { defineConfig } from 'vitest/config';

// Live tests create network namespaces and attach programs; they run in separate
// files so vitest can parallelise them, but each file owns uniquely named namespaces.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/globalSetup.ts'],
  },
});
