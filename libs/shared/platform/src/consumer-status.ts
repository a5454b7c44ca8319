/** What readiness needs to know about the service's consumers, filled in at bootstrap. */
export class ConsumerStatus {
  private probe: () => boolean = () => true;
  private stallProbe: () => string | undefined = () => undefined;
  private topicNames: string[] = [];

  attach(probe: () => boolean, topics: string[], stalled?: () => string | undefined): void {
    this.probe = probe;
    this.topicNames = topics;
    if (stalled) this.stallProbe = stalled;
  }

  /** Why consumption is paused by a transient failure (a sick database), if it is. */
  get stalled(): string | undefined {
    return this.stallProbe();
  }

  get assigned(): boolean {
    return this.probe();
  }

  get topics(): string[] {
    return this.topicNames;
  }
}
