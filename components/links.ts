/** The printable report of one spot check (entrypoints/report reads `id`). */
export const reportUrl = (id: string): string => `/report.html?id=${encodeURIComponent(id)}`;
