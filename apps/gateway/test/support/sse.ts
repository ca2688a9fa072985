import { waitFor } from '@bazaar/testing';

export interface SseFrame {
  /** The event name, or 'comment' for a `:` line. */
  event: string;
  data: string;
}

export interface SseConnection {
  response: Response;
  frames: SseFrame[];
  /** Resolves once the server ended the response. */
  ended: Promise<void>;
  /** The first frame (from `after` on) that matches. */
  next(predicate: (frame: SseFrame) => boolean, after?: number): Promise<SseFrame>;
  abort(): void;
}

/** Splits an event-stream chunk sequence into frames (comments, named events) as the EventSource spec reads them. */
function parseFrame(block: string): SseFrame[] {
  const frames: SseFrame[] = [];
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frames.push({ event: 'comment', data: line.slice(1).trim() });
    else if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length) frames.push({ event, data: data.join('\n') });
  return frames;
}

/** Opens an SSE request with fetch and collects its frames in the background. */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const frames: SseFrame[] = [];
  const ended = (async () => {
    if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return;
    const decoder = new TextDecoder();
    let pending = '';
    try {
      for await (const chunk of response.body) {
        pending += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          frames.push(...parseFrame(pending.slice(0, end)));
          pending = pending.slice(end + 2);
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  })();
  return {
    response,
    frames,
    ended,
    next: (predicate, after = 0) =>
      waitFor(async () => frames.slice(after).find(predicate), { timeoutMs: 10_000, intervalMs: 20, what: `an SSE frame; got ${JSON.stringify(frames)}` }),
    abort: () => controller.abort(),
  };
}
