/** Keeps the last `capacity` complete lines written to it (partial lines are held until their newline). */
export class LineBuffer {
  readonly #lines: string[] = [];
  readonly #partial = new Map<string, string>();

  constructor(private readonly capacity = 200) {}

  /** `source` keeps stdout and stderr partial lines apart. */
  write(source: string, chunk: string): void {
    const parts = ((this.#partial.get(source) ?? '') + chunk).split(/\r?\n/);
    this.#partial.set(source, parts.pop() ?? '');
    for (const line of parts) this.#push(line);
  }

  /** Flushes partial lines (call once the writer is done). */
  end(): void {
    for (const rest of this.#partial.values()) if (rest) this.#push(rest);
    this.#partial.clear();
  }

  lines(): string[] {
    const pending = [...this.#partial.values()].filter(Boolean);
    return [...this.#lines, ...pending].slice(-this.capacity);
  }

  #push(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > this.capacity) this.#lines.shift();
  }
}
