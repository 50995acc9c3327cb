import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/** Any web page could be a CRM: each origin is asked for when someone turns Floorwalker on for it. */
const CRM_HOSTS = ['http://*/*', 'https://*/*'];

// One config for both browsers: WXT turns the side panel entrypoint into Chrome's
// side_panel and Firefox's sidebar_action.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Floorwalker',
    description: 'Spot checks, complaints and compliance prompts over the CRM page you already use.',
    // No content script runs at page load: the reader is injected into a tab when the panel asks
    // about it, and the guard is registered per enabled CRM origin. Host access is asked for at run
    // time, one CRM origin at a time, when someone turns Floorwalker on for it (least privilege);
    // activeTab lets the panel read the page it was opened on before that.
    // contextMenus: "log a complaint" on selected text; notifications: complaint deadlines coming up.
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'scripting',
      'contextMenus',
      'notifications',
      'activeTab',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // Manifest V2 (Firefox) lists optional hosts among its optional permissions.
    ...(browser === 'firefox' ? { optional_permissions: CRM_HOSTS } : { optional_host_permissions: CRM_HOSTS }),
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
