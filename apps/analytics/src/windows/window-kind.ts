import { analyticsV1 } from '@bazaar/contracts';

const { WindowKind } = analyticsV1;
export type WindowKind = analyticsV1.WindowKind;

const MINUTE_MS = 60_000;

/**
 * Every window is a union of 1-minute panes: sizes and slides are whole minutes. The stream folds each
 * event into its pane once; a window's numbers are its panes' numbers combined at query time.
 */
export const PANE_MS = MINUTE_MS;

export interface WindowShape {
  sizeMs: number;
  slideMs: number;
}

export const windowShapes: ReadonlyMap<WindowKind, WindowShape> = new Map([
  [WindowKind.WINDOW_KIND_TUMBLING_1M, { sizeMs: MINUTE_MS, slideMs: MINUTE_MS }],
  [WindowKind.WINDOW_KIND_TUMBLING_5M, { sizeMs: 5 * MINUTE_MS, slideMs: 5 * MINUTE_MS }],
  [WindowKind.WINDOW_KIND_TUMBLING_1H, { sizeMs: 60 * MINUTE_MS, slideMs: 60 * MINUTE_MS }],
  [WindowKind.WINDOW_KIND_SLIDING_5M_EVERY_1M, { sizeMs: 5 * MINUTE_MS, slideMs: MINUTE_MS }],
  [WindowKind.WINDOW_KIND_SLIDING_1H_EVERY_5M, { sizeMs: 60 * MINUTE_MS, slideMs: 5 * MINUTE_MS }],
]);

/** One window of a kind, as epoch milliseconds [startMs, endMs). */
export interface WindowBounds {
  kind: WindowKind;
  startMs: number;
  endMs: number;
}

export function shapeOf(kind: WindowKind): WindowShape {
  const shape = windowShapes.get(kind);
  if (!shape) throw new RangeError(`no window shape for ${kind}`);
  return shape;
}

const floorTo = (ms: number, step: number): number => Math.floor(ms / step) * step;
const ceilTo = (ms: number, step: number): number => Math.ceil(ms / step) * step;

/** The start of the 1-minute pane holding an event time. */
export function paneOf(eventTimeMs: number): number {
  return floorTo(eventTimeMs, PANE_MS);
}

/** Every window of `kind` that contains the instant, oldest first (one for tumbling, size/slide for sliding). */
export function windowsContaining(kind: WindowKind, timeMs: number): WindowBounds[] {
  const { sizeMs, slideMs } = shapeOf(kind);
  const windows: WindowBounds[] = [];
  for (let start = floorTo(timeMs, slideMs) - sizeMs + slideMs; start <= timeMs; start += slideMs) {
    if (start + sizeMs > timeMs) windows.push({ kind, startMs: start, endMs: start + sizeMs });
  }
  return windows;
}

/** The windows of `kind` whose start lies in [fromMs, toMs), oldest first. */
export function windowsStartingIn(kind: WindowKind, fromMs: number, toMs: number): WindowBounds[] {
  const { sizeMs, slideMs } = shapeOf(kind);
  const windows: WindowBounds[] = [];
  for (let start = ceilTo(fromMs, slideMs); start < toMs; start += slideMs) windows.push({ kind, startMs: start, endMs: start + sizeMs });
  return windows;
}

/** How many windows of `kind` start in [fromMs, toMs), without listing them. */
export function countWindowsStartingIn(kind: WindowKind, fromMs: number, toMs: number): number {
  const { slideMs } = shapeOf(kind);
  const first = ceilTo(fromMs, slideMs);
  return first >= toMs ? 0 : Math.floor((toMs - 1 - first) / slideMs) + 1;
}

/** The windows of `kind` that end in (afterMs, untilMs]: the ones a watermark moving from afterMs to untilMs closes. */
export function windowsEndingIn(kind: WindowKind, afterMs: number, untilMs: number): WindowBounds[] {
  const { sizeMs } = shapeOf(kind);
  return windowsStartingIn(kind, afterMs - sizeMs + 1, untilMs - sizeMs + 1);
}
