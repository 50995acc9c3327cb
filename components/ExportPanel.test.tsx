// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadText } from './download.ts';
import { ExportPanel } from './ExportPanel.tsx';

vi.mock('./client.ts', () => ({ call: vi.fn() }));
vi.mock('./download.ts', () => ({ downloadText: vi.fn(), stamp: () => '2026-03-02' }));

afterEach(cleanup);

describe('ExportPanel', () => {
  it('Checklists (JSON): a checklist export that cannot be built says why', () => {
    render(<ExportPanel checklists={[]} filter={{}} onImported={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Checklists (JSON)' }));
    expect(screen.getByRole('alert').textContent).toMatch(/^Cannot export these checklists/);
    expect(downloadText).not.toHaveBeenCalled();
  });

  it('Checklists (CSV): a failed download is shown, not thrown away', () => {
    vi.mocked(downloadText).mockImplementation(() => {
      throw new Error('Downloads are blocked by policy.');
    });
    render(<ExportPanel checklists={[]} filter={{}} onImported={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Checklists (CSV)' }));
    expect(screen.getByRole('alert').textContent).toBe('Downloads are blocked by policy.');
  });

  it('says what it exported', () => {
    vi.mocked(downloadText).mockImplementation(() => {});
    render(<ExportPanel checklists={[]} filter={{}} onImported={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Checklists (CSV)' }));
    expect(screen.getByRole('status').textContent).toBe('Exported 0 checklists.');
    expect(vi.mocked(downloadText).mock.calls[0]?.[0]).toBe('floorwalker-checklists-2026-03-02.csv');
  });
});
