import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['{core,sites,storage,components,entrypoints}/**/*.test.{ts,tsx}', 'test/unit/**/*.test.ts', 'server/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    setupFiles: ['test/unit/setup.ts'],
    globalSetup: ['test/unit/globalSetup.ts'],
  },
});
