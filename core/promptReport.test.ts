import { describe, expect, it } from 'vitest';
import { summarisePrompts } from './promptReport.ts';

const rules = new Map([
  ['card', { title: 'Card number in the reply', requirementIds: ['PCI DSS 3.3.1'], criteria: ['CC33 3.1'] }],
  ['complaint', { title: 'This may be a complaint', requirementIds: ['DISP 1.3.1R', 'PCI DSS 3.3.1'], criteria: [] }],
]);
const ev = (ruleId: string, action: 'shown' | 'acknowledged' | 'dismissed' | 'overridden') => ({ ruleId, action });

describe('summarisePrompts', () => {
  it('is empty without events', () => {
    expect(summarisePrompts([], rules)).toEqual({ rules: [], requirements: [] });
  });

  it('counts each action per rule, most shown first, and adds them up per requirement', () => {
    const report = summarisePrompts(
      [ev('card', 'shown'), ev('complaint', 'shown'), ev('complaint', 'shown'), ev('complaint', 'dismissed'), ev('card', 'overridden'), ev('gone', 'shown')],
      rules,
    );
    expect(report.rules).toEqual([
      { ruleId: 'complaint', title: 'This may be a complaint', requirementIds: ['DISP 1.3.1R', 'PCI DSS 3.3.1'], criteria: [], shown: 2, acknowledged: 0, dismissed: 1, overridden: 0 },
      { ruleId: 'card', title: 'Card number in the reply', requirementIds: ['PCI DSS 3.3.1'], criteria: ['CC33 3.1'], shown: 1, acknowledged: 0, dismissed: 0, overridden: 1 },
      // A rule no pack describes any more is still counted, under its id.
      { ruleId: 'gone', title: 'gone', requirementIds: [], criteria: [], shown: 1, acknowledged: 0, dismissed: 0, overridden: 0 },
    ]);
    expect(report.requirements).toEqual([
      { requirementId: 'PCI DSS 3.3.1', shown: 3, acknowledged: 0, dismissed: 1, overridden: 1 },
      { requirementId: 'DISP 1.3.1R', shown: 2, acknowledged: 0, dismissed: 1, overridden: 0 },
    ]);
  });
});
