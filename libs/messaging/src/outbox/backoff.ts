/** A doubling delay between `min` and `max`. */
export class Backoff {
  private current: number;

  constructor(private readonly bounds: { min: number; max: number }) {
    if (!(bounds.min > 0 && bounds.max >= bounds.min)) {
      throw new RangeError(`backoff bounds need 0 < min <= max, got ${JSON.stringify(bounds)}`);
    }
    this.current = bounds.min;
  }

  /** The delay to wait now; the following one doubles. */
  next(): number {
    const delay = this.current;
    this.current = Math.min(this.current * 2, this.bounds.max);
    return delay;
  }

  /** Back to `min`; returns it. */
  reset(): number {
    this.current = this.bounds.min;
    return this.bounds.min;
  }
}

/** A sleep that `wake()` cuts short; a wake while awake makes the next sleep return at once. */
export class Wakeable {
  private pending = false;
  private interrupt: (() => void) | undefined;

  wake(): void {
    if (this.interrupt) this.interrupt();
    else this.pending = true;
  }

  async sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.interrupt = done;
    });
  }
}
