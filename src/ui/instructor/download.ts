/** Saving data as a file the browser downloads (a Blob behind a temporary link). */

/** Downloads `data` as pretty JSON named `filename`. */
export function downloadJson(filename: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; give the browser a moment before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name with today's date, e.g. `actionflow-sandbox-instance-2025-03-01.json`. */
export function datedName(stem: string, at: Date = new Date()): string {
  return `${stem}-${at.toISOString().slice(0, 10)}.json`;
}
