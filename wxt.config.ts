import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// One config for both browsers: WXT turns the side panel entrypoint into Chrome's
// side_panel and Firefox's sidebar_action.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Floorwalker',
    description: 'Spot checks, complaints and compliance prompts over the CRM page you already use.',
    // No content script runs at page load: the reader is injected into a tab when the panel asks
    // about it, which needs scripting and host access (narrowed per CRM by the site-adapter work).
    // contextMenus: "log a complaint" on selected text; notifications: complaint deadlines coming up.
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'scripting',
      'contextMenus',
      'notifications',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    host_permissions: ['http://*/*', 'https://*/*'],
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_title: 'Open Floorwalker', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    commands: {
      'log-complaint': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Log a complaint about the contact on this page',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'floorwalker@floorwalker.dev',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
