/** Whether the gateway should receive traffic; turned off when shutdown starts. */
export class Readiness {
  private ready = true;

  isReady(): boolean {
    return this.ready;
  }

  stop(): void {
    this.ready = false;
  }
}
