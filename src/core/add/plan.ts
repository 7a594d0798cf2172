/**
 * Plan adding one entry to a list from what its page says (or what the user
 * gave): the formatted entry, the list it goes to, and the text edit that
 * inserts it. I/O-free: the page was read before (src/links/metadata).
 * PLACEHOLDER signature while `add` is being built in parallel.
 */
import type { ListkeeperConfig } from '../config/config-types.js';
import type { TextEdit } from '../types.js';
import type { PageMetadata } from '../../links/metadata/types.js';

export interface AddRequest {
  /** The URL as given by the user. */
  url: string;
  /** `--to`: `Section › Project › label` (also `>` or `/` between parts). */
  to?: string;
  /** Values given by hand win over the page's. */
  title?: string;
  source?: string;
  /** `YYYY-MM-DD` (or any date form the list reads). */
  date?: string;
}

/** A field `add` could not fill: asked for by flag, never invented. */
export type AddField = 'title' | 'source' | 'date';

export type AddPlan =
  | {
      ok: true;
      /** The entry line's text, as inserted (without marker and indentation). */
      entry: string;
      /** The list it went to, as a path a user could pass to `--to`. */
      listPath: string;
      /** 1-based line the entry will be on. */
      line: number;
      edit: TextEdit;
    }
  | { ok: false; kind: 'missing'; missing: AddField[]; entry: string | null; message: string }
  | { ok: false; kind: 'duplicate'; line: number; message: string }
  | { ok: false; kind: 'no-list' | 'ambiguous'; candidates: string[]; entry: string | null; message: string };

export function planAddition(_text: string, _path: string, _page: PageMetadata | null, _request: AddRequest, _config: ListkeeperConfig): AddPlan {
  return { ok: false, kind: 'no-list', candidates: [], entry: null, message: 'add: not built yet' };
}
