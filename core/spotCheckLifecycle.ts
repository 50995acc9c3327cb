import type { SpotCheck, SpotCheckStatus } from './spotCheck.ts';

/**
 * What happens to a spot check after it is submitted: the agent acknowledges it or disputes it with
 * a comment, and a supervisor resolves a dispute. Pure, so the panel can show the outcome at once
 * and the server can apply the same rule to what it is sent.
 */
export type SpotCheckEvent =
  | { type: 'respond'; response: 'acknowledge' | 'dispute'; comment: string }
  | { type: 'resolve'; comment: string };

export interface Actor {
  id: string;
  /** May the actor resolve disputes on this check (a supervisor of the agent's team, a manager)? */
  canResolve: boolean;
}

export type Transition = { ok: true; spotCheck: SpotCheck } | { ok: false; reason: string };

const ALLOWED: Record<SpotCheckEvent['type'], readonly SpotCheckStatus[]> = {
  respond: ['submitted'],
  resolve: ['disputed'],
};

export function applySpotCheckEvent(sc: SpotCheck, event: SpotCheckEvent, actor: Actor, now: Date): Transition {
  if (!ALLOWED[event.type].includes(sc.status)) {
    return { ok: false, reason: `A ${sc.status} spot check cannot be ${event.type === 'respond' ? 'responded to' : 'resolved'}.` };
  }
  const at = now.toISOString();
  const comment = event.comment.trim();
  if (event.type === 'respond') {
    if (!sc.agentId || sc.agentId !== actor.id) return { ok: false, reason: 'Only the agent whose contact was checked can respond.' };
    if (event.response === 'dispute' && !comment) return { ok: false, reason: 'Say why you dispute the result.' };
    return {
      ok: true,
      spotCheck: {
        ...sc,
        status: event.response === 'acknowledge' ? 'acknowledged' : 'disputed',
        ...(comment ? { agentComment: comment } : {}),
        respondedAt: at,
        updatedAt: at,
      },
    };
  }
  if (!actor.canResolve) return { ok: false, reason: "Only the agent's supervisor or a manager can resolve a dispute." };
  if (!comment) return { ok: false, reason: 'Record how the dispute was resolved.' };
  return { ok: true, spotCheck: { ...sc, status: 'resolved', resolution: comment, resolvedAt: at, updatedAt: at } };
}
