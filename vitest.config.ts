import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // End-to-end files spawn the built binary; keep the two cores for them.
    maxWorkers: 2,
  },
});
