import { customSiteAdapter, type CustomDefinition } from '../sites/custom.ts';
import { matchesPattern } from '../sites/matchPattern.ts';
import { offerAdapters } from '../sites/pageAdapters.ts';
import { readCandidates } from '../sites/read.ts';

/**
 * The organisation's custom site adapters for this page (sites/custom.ts). The background places
 * their definitions in the isolated world just before running this script (they came by sync and
 * were validated there), and it hands them over ahead of the built-in adapters. For "Try on this
 * page" the background places a draft instead: nothing is handed over, and the script's result is
 * what the draft reads here.
 */
type Scope = typeof globalThis & { floorwalkerCustomAdapters?: CustomDefinition[]; floorwalkerPreview?: CustomDefinition };

export default defineUnlistedScript(() => {
  const scope = globalThis as Scope;
  const { floorwalkerCustomAdapters: definitions = [], floorwalkerPreview: draft } = scope;
  delete scope.floorwalkerCustomAdapters;
  delete scope.floorwalkerPreview;
  if (!draft) return void offerAdapters(definitions.map(customSiteAdapter), { first: true });

  const adapter = customSiteAdapter(draft);
  const url = new URL(location.href);
  const claims = adapter.claims(document, url);
  // Claimed, or why not: the address, or else the landmark.
  return {
    addressMatches: draft.matches.some((p) => matchesPattern(p, url)),
    claims,
    candidates: readCandidates(document, url, new Date(), [adapter]),
    status: claims ? (adapter.readStatus?.(document, url) ?? null) : null,
    messages: claims ? (adapter.readConversation?.(document, url).length ?? null) : null,
    replyEditor: claims && adapter.replyEditor ? adapter.replyEditor(document, url) !== null : null,
  };
});
