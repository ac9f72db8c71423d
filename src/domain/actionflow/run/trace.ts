/**
 * The trace of a run: per action, the records that went in and came out (counted, with the first
 * few kept), its time and its error; per connection, how many records went along it. The designer
 * lays it over the canvas. Caps keep a run over thousands of records cheap to record and to store.
 */

/** Records kept per action side (the rest are only counted). */
export const TRACE_SAMPLE = 10;
/** Characters a sampled record may take (longer values are cut). */
export const TRACE_RECORD_CHARS = 2_000;

export interface TracedRecords {
  count: number;
  /** The first {@link TRACE_SAMPLE} records, values cut to fit {@link TRACE_RECORD_CHARS}. */
  sample: Record<string, unknown>[];
}

export interface ActionTrace {
  actionId: string;
  name: string;
  kind: string;
  /** Milliseconds from the start of the run. */
  startedMs: number;
  durationMs: number;
  in: TracedRecords;
  /** By connection point. */
  out: Record<string, TracedRecords>;
  error: string | null;
  /** What an HTTP action with Log Traffic on sent and received. */
  log: string[];
}

export interface RunTrace {
  actions: ActionTrace[];
  /** Records that went along each connection, by connection id. */
  connections: Record<string, number>;
  /** The action that failed, if one did. */
  failedActionId: string | null;
}

/** Cuts a record down to what a trace keeps. */
export function sampleRecord(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let budget = TRACE_RECORD_CHARS;
  for (const [name, value] of Object.entries(record)) {
    if (budget <= 0) {
      out['…'] = `${Object.keys(record).length - Object.keys(out).length} more attributes`;
      break;
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value ?? null) ?? 'null';
    if (text.length > budget) {
      out[name] = `${text.slice(0, Math.max(0, budget))}…`;
      budget = 0;
    } else {
      out[name] = typeof value === 'object' && value !== null ? JSON.parse(text) : value;
      budget -= text.length + name.length;
    }
  }
  return out;
}

/** Collects a run's trace as the executor goes. */
export class TraceRecorder {
  private readonly actions = new Map<string, ActionTrace>();
  private readonly connections: Record<string, number> = {};
  private failed: string | null = null;

  constructor(private readonly elapsed: () => number) {}

  /** An action starts on `count` records, of which `records` are the first (only the first few are kept). */
  started(action: { id: string; name: string; kind: string }, records: Record<string, unknown>[], count = records.length): ActionTrace {
    const entry: ActionTrace = {
      actionId: action.id,
      name: action.name,
      kind: action.kind,
      startedMs: this.elapsed(),
      durationMs: 0,
      in: { count, sample: records.slice(0, TRACE_SAMPLE).map(sampleRecord) },
      out: {},
      error: null,
      log: [],
    };
    this.actions.set(action.id, entry);
    return entry;
  }

  sent(actionId: string, point: string, record: Record<string, unknown>): void {
    const entry = this.actions.get(actionId);
    if (!entry) return;
    const side = (entry.out[point] ??= { count: 0, sample: [] });
    side.count += 1;
    if (side.sample.length < TRACE_SAMPLE) side.sample.push(sampleRecord(record));
  }

  along(connectionId: string, count = 1): void {
    this.connections[connectionId] = (this.connections[connectionId] ?? 0) + count;
  }

  finished(actionId: string, error: string | null = null): void {
    const entry = this.actions.get(actionId);
    if (!entry) return;
    entry.durationMs = Math.max(0, this.elapsed() - entry.startedMs);
    entry.error = error;
    if (error) this.failed = actionId;
  }

  log(actionId: string, text: string): void {
    const entry = this.actions.get(actionId);
    if (entry && entry.log.length < TRACE_SAMPLE) entry.log.push(text);
  }

  result(): RunTrace {
    return { actions: [...this.actions.values()], connections: { ...this.connections }, failedActionId: this.failed };
  }
}
