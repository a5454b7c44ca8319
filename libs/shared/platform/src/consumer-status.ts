/** What readiness needs to know about the service's consumers, filled in at bootstrap. */
export class ConsumerStatus {
  private probe: () => boolean = () => true;
  private topicNames: string[] = [];

  attach(probe: () => boolean, topics: string[]): void {
    this.probe = probe;
    this.topicNames = topics;
  }

  get assigned(): boolean {
    return this.probe();
  }

  get topics(): string[] {
    return this.topicNames;
  }
}
