/** The last `capacity` lines of a service's output, for failure reports. */
export class LogTail {
  private readonly lines: string[] = [];

  constructor(private readonly capacity: number) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.shift();
  }

  last(count = this.capacity): string[] {
    return this.lines.slice(-count);
  }
}
