/**
 * Trade numbers reserved from the database sequence a block at a time, so a batch of captures does not
 * wait a round trip for its numbers. Numbers stay unique across instances (the sequence hands each
 * block out once); a restart leaves the rest of a block unused, a gap as any sequence may have.
 */
export class TradeNumbers {
  private readonly reserved: bigint[] = [];
  private filling: Promise<void> | undefined;

  constructor(
    private readonly reserve: (count: number) => Promise<bigint[]>,
    private readonly block: number,
  ) {}

  async take(count: number): Promise<bigint[]> {
    while (this.reserved.length < count) {
      // One reservation at a time; every caller waiting re-checks what is left once it lands.
      const wanted = Math.max(this.block, count);
      this.filling ??= this.reserve(wanted)
        .then((more) => {
          // Fewer than asked would make this loop ask again forever.
          if (more.length < wanted) throw new Error(`reserved ${more.length} trade numbers of ${wanted}`);
          this.reserved.push(...more);
        })
        .finally(() => {
          this.filling = undefined;
        });
      await this.filling;
    }
    return this.reserved.splice(0, count);
  }
}
