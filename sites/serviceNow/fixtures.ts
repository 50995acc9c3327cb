import { defineFixtures, reconstructedFrom } from '../fixtureTesting.ts';
import { selectors, serviceNow } from './index.ts';

const FORM_FIELDS = { 'incident-form': 1, 'incident-list': 0, 'nav-to': 0, 'workspace-record': 0 } as const;

export const fixtures = defineFixtures({
  adapter: serviceNow,
  selectors,
  dir: new URL('./fixtures/', import.meta.url),
  pages: {
    'incident-form': 'https://acme.service-now.com/incident.do?sys_id=a3f1c2d4e5b60718293a4b5c6d7e8f90',
    'incident-list': 'https://acme.service-now.com/incident_list.do?sysparm_query=active%3Dtrue',
    'nav-to': 'https://acme.service-now.com/nav_to.do?uri=%2Fincident.do%3Fsys_id%3Da3f1c2d4e5b60718293a4b5c6d7e8f90',
    'workspace-record': 'https://acme.service-now.com/now/sow/record/incident/a3f1c2d4e5b60718293a4b5c6d7e8f90',
  },
  // Each form field once: the sys_original / sys_display.original copies are not counted.
  counts: {
    classicFrame: { 'incident-form': 0, 'incident-list': 0, 'nav-to': 1, 'workspace-record': 0 },
    uniqueValue: FORM_FIELDS,
    shortDescription: FORM_FIELDS,
    assignedTo: FORM_FIELDS,
    assignmentGroup: FORM_FIELDS,
    customer: FORM_FIELDS,
    state: FORM_FIELDS,
    contactType: FORM_FIELDS,
    activity: { 'incident-form': 3, 'incident-list': 0, 'nav-to': 0, 'workspace-record': 0 },
    editor: FORM_FIELDS,
  },
  provenance: reconstructedFrom('ServiceNow'),
});
