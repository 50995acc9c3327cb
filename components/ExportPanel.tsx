import { useState } from 'preact/hooks';
import type { Checklist } from '../core/checklist.ts';
import { checklistsToCsv, exportChecklistsJson, spotChecksToCsv } from '../core/export.ts';
import type { SpotCheckFilter } from '../core/messages.ts';
import { call } from './client.ts';
import { downloadText, stamp } from './download.ts';

interface Props {
  checklists: Checklist[];
  filter: SpotCheckFilter;
  onImported(): void;
}

/** Checklists out (JSON to re-import, CSV to read), checklists in, and results out as CSV. */
export function ExportPanel({ checklists, filter, onImported }: Props) {
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function exportResults() {
    try {
      const rows = await call('spotChecks:export', filter);
      const submitted = rows.filter((r) => r.status !== 'draft');
      downloadText(`floorwalker-spot-checks-${stamp()}.csv`, spotChecksToCsv(submitted, checklists), 'text/csv');
      setMessage({ kind: 'ok', text: `Exported ${submitted.length} spot checks.` });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  /** Checklists out. Building the file can fail (e.g. no checklists to export): shown like the other errors. */
  function exportChecklists(format: 'json' | 'csv') {
    try {
      if (format === 'json') {
        downloadText(`floorwalker-checklists-${stamp()}.json`, exportChecklistsJson(checklists, new Date()), 'application/json');
      } else {
        downloadText(`floorwalker-checklists-${stamp()}.csv`, checklistsToCsv(checklists), 'text/csv');
      }
      setMessage({ kind: 'ok', text: `Exported ${checklists.length} checklist${checklists.length === 1 ? '' : 's'}.` });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  async function importFile(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not JSON. Choose a checklist file exported from Floorwalker.`);
      }
      const { imported, ids } = await call('checklists:import', { file: parsed });
      setMessage({ kind: 'ok', text: `Imported ${imported} checklist${imported === 1 ? '' : 's'}: ${ids.join(', ')}.` });
      onImported();
    } catch (err) {
      setMessage({ kind: 'error', text: (err as Error).message });
    }
  }

  return (
    <section aria-labelledby="export-heading" class="card">
      <h2 id="export-heading">Export and import</h2>
      <div class="row wrap">
        <button type="button" onClick={exportResults}>
          Spot-check results (CSV)
        </button>
        <button type="button" onClick={() => exportChecklists('json')}>
          Checklists (JSON)
        </button>
        <button type="button" onClick={() => exportChecklists('csv')}>
          Checklists (CSV)
        </button>
        <label class="button">
          Import checklists (JSON)
          <input type="file" accept="application/json,.json" class="visually-hidden" onChange={importFile} />
        </label>
      </div>
      <p class="muted">Results export uses the filters of the list above.</p>
      {message && (
        <p class={message.kind === 'error' ? 'error pre' : 'ok'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
