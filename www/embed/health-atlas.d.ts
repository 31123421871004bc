// Types for <health-atlas> (embed/health-atlas.js), for host pages written in TypeScript or
// checked by an editor:
//
//   /// <reference path="./health-atlas.d.ts" />
//   const atlas = document.querySelector("health-atlas")!;
//   await atlas.ready;
//   atlas.setFilters({ categories: ["forum"], q: "无锡" });
//
// Every method but `ready` and `onChange` throws an Error before the atlas has started (await
// `ready`), and a TypeError for a bad argument, naming the method, the key and what was
// expected: `setFilters: categories: "picnic" is not a value of this dataset`.

/** The filters, as `getFilters()` returns them and `setFilters()` takes them. */
export interface HealthAtlasFilters {
  /** Category slugs: `conference`, `forum`, `summit`, `launch`, `inauguration`,
   * `delegation-visit`, `signing`, `association-founding`, `exhibition`, `policy`. */
  categories?: string[];
  /** Organisation names, in English where the dataset has it (as in links: `org=`). */
  organisations?: string[];
  /** People's names, in English where the dataset has it (`person=`). */
  people?: string[];
  /** Country codes, as in the dataset (`CN`). */
  countries?: string[];
  /** Region names, in English where the dataset has it (`Jiangsu`). */
  regions?: string[];
  /** City names, in English where the dataset has it (`Wuxi`). */
  cities?: string[];
  /** Tags, as in the dataset. */
  tags?: string[];
  /** The search text; `""` for none. */
  q?: string | null;
  /** Events that end on or after this day (`YYYY-MM-DD`); `null` for no bound. */
  from?: string | null;
  /** Events that start on or before this day (`YYYY-MM-DD`); `null` for no bound. */
  to?: string | null;
}

/** What `getFilters()` returns: every key is present. */
export type HealthAtlasFilterState = Required<HealthAtlasFilters> & { q: string };

/** One event, in the format of the dataset file (`data/events.json`; see
 * data/README.md). Localized texts are objects by language tag: `{ en, zh, fr }`. */
export interface HealthAtlasEvent {
  id: string;
  title: Record<string, string>;
  summary?: Record<string, string>;
  category: string;
  /** `YYYY-MM-DD`. */
  start: string;
  /** `YYYY-MM-DD`, inclusive; absent for a one-day event. */
  end?: string;
  precision: string;
  places?: Array<Record<string, unknown>>;
  organisations?: Array<Record<string, unknown>>;
  people?: Array<Record<string, unknown>>;
  tags?: string[];
  sources: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

/** `detail` of `health-atlas-change`: sent when the filters or the open event change. */
export interface HealthAtlasChange {
  filters: HealthAtlasFilterState;
  /** The id of the event whose card is open, or `null`. */
  selected: string | null;
  /** How many events the filters let through. */
  visible: number;
}

export interface HealthAtlasElement extends HTMLElement {
  /** Resolves with the element once its atlas runs; the methods below need it. */
  readonly ready: Promise<HealthAtlasElement>;
  /** The current view as a link (`v=1&cat=forum&event=…`); setting it sets the `link` attribute. */
  link: string;
  getFilters(): HealthAtlasFilterState;
  /** Replaces every filter: a key left out clears that filter. To change one, spread the
   * current ones: `el.setFilters({ ...el.getFilters(), q: "wuxi" })`. Unknown keys, values
   * the dataset does not have, dates that are not `YYYY-MM-DD` days and `to` before `from`
   * throw a TypeError and change nothing. */
  setFilters(filters: HealthAtlasFilters): void;
  /** Opens the event's card (TypeError for an id the dataset does not have); `null` closes it. */
  selectEvent(id: string | null): void;
  /** The events the filters let through, in the dataset's order. */
  visibleEvents(): HealthAtlasEvent[];
  /** Calls `listener` on every `health-atlas-change`; returns a function that unsubscribes. */
  onChange(listener: (change: HealthAtlasChange) => void): () => void;
}

declare global {
  interface HTMLElementTagNameMap {
    "health-atlas": HealthAtlasElement;
  }
  interface HTMLElementEventMap {
    "health-atlas-change": CustomEvent<HealthAtlasChange>;
    "health-atlas-select": CustomEvent<{ id: string | null }>;
    "health-atlas-link": CustomEvent<{ link: string }>;
    /** The story (by id; `null` once the reader leaves it) and its step (0: its title card). */
    "health-atlas-step": CustomEvent<{ story: string | null; step: number }>;
  }
}
