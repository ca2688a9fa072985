/** Where the launcher writes: process.stdout, or a collector in tests. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * One line per service while starting. On a terminal the `starting…` line is
 * rewritten in place with the outcome; elsewhere (CI, pipes) both are printed.
 */
export class Progress {
  constructor(
    private readonly out: Output,
    private readonly width: number,
  ) {}

  starting(name: string): void {
    const line = `  ${name.padEnd(this.width)}  starting…`;
    this.out.write(this.out.isTTY ? line : `${line}\n`);
  }

  finished(name: string, outcome: string): void {
    const line = `  ${name.padEnd(this.width)}  ${outcome}\n`;
    this.out.write(this.out.isTTY ? `\r\x1b[2K${line}` : line);
  }
}
