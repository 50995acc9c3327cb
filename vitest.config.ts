import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['core/**/*.test.ts', 'sites/**/*.test.ts', 'storage/**/*.test.ts', 'components/**/*.test.tsx', 'entrypoints/**/*.test.ts', 'test/unit/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    setupFiles: ['test/unit/setup.ts'],
  },
});
